"""Registering one person on a registry from the person page or the registry list."""

import pytest
from django.urls import reverse

from gonghui.threecares import models as m

from .factories import entry, person

pytestmark = pytest.mark.django_db


def _register(client, user, registry, who, **data):
    client.force_login(user)
    return client.post(reverse("threecares:entry-register", args=[registry, who.pk]), data)


def test_registering_an_out_migrant_puts_them_on_the_registry(client, cast):
    who = person(cast, name="李四")
    data = {"township": cast.place_a.pk, "village": cast.village_a.pk, "registered_on": "2008-02-01",
            "destination_province": "广东", "destination_city": "东莞", "employer": "鞋厂"}  # fmt: skip
    response = _register(client, cast.township_a_officer, "out_migrants", who, **data)
    row = m.OutMigrant.objects.get(person=who)
    assert response.url == row.get_absolute_url()
    assert (row.destination, row.organization) == ("广东东莞", cast.village_a.organization)


def test_registering_an_elder_and_a_proxy_parent_and_a_returnee(client, cast):
    base = {"township": cast.place_a.pk, "registered_on": "2008-02-01"}
    _register(client, cast.township_a_officer, "elders", person(cast, name="王奶奶"),
              **base, children_away=2, health="fair")  # fmt: skip
    _register(client, cast.township_a_officer, "proxy_parents", person(cast, name="赵老师"),
              **base, workplace="高桥小学")  # fmt: skip
    _register(client, cast.township_a_officer, "returnees", person(cast, name="钱老板"),
              **base, business="养殖场", jobs_created=6)  # fmt: skip
    _register(
        client, cast.township_a_officer, "incoming", person(cast, name="孙师傅"), **base, home_place="四川"
    )
    counts = [model.objects.count() for model in (m.Elder, m.ProxyParent, m.Returnee, m.IncomingWorker)]
    assert counts == [1, 1, 1, 1]


def test_registering_a_pupil_needs_a_role_that_sees_minors(client, cast):
    who = person(cast, name="小红")
    data = {"township": cast.place_a.pk, "registered_on": "2008-02-01", "kind": "pupil", "school": "高桥小学"}
    assert _register(client, cast.township_a_officer, "children", who, **data).status_code == 302
    assert m.LeftBehindChild.objects.get().school == "高桥小学"


def test_grassroots_officer_gets_404_for_registering_a_child(client, cast):
    client.force_login(cast.grassroots_officer)
    url = reverse("threecares:entry-register-pick", args=["children"])
    assert client.get(url).status_code == 404


def test_preschool_child_with_a_school_is_refused(client, cast):
    data = {
        "township": cast.place_a.pk,
        "registered_on": "2008-02-01",
        "kind": "preschool",
        "school": "幼儿园",
    }
    response = _register(client, cast.township_a_officer, "children", person(cast, name="小刚"), **data)
    assert response.status_code == 200 and not m.LeftBehindChild.objects.exists()


def test_village_of_another_township_is_refused_beside_the_village(client, cast):
    data = {"township": cast.place_a.pk, "village": cast.village_b.pk, "registered_on": "2008-02-01",
            "children_away": 1, "health": "good"}  # fmt: skip
    response = _register(client, cast.county_admin, "elders", person(cast, name="周爷爷"), **data)
    assert "is not in 高桥镇" in str(response.context["form"].errors["village"])


def test_registering_someone_twice_is_refused_on_top_of_the_form(client, cast):
    row = entry(cast, "elders", name="吴奶奶")
    data = {"township": cast.place_a.pk, "registered_on": "2008-02-01", "children_away": 1, "health": "good"}
    response = _register(client, cast.township_a_officer, "elders", row.person, **data)
    assert "already on the register" in str(response.context["form"].non_field_errors())


def test_another_townships_officer_gets_404_for_registering_a_person(client, cast):
    who = person(cast, name="郑五")
    client.force_login(cast.township_b_officer)
    assert client.get(reverse("threecares:entry-register", args=["elders", who.pk])).status_code == 404


def test_leader_gets_404_for_registering(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("threecares:entry-register-pick", args=["elders"])).status_code == 404


def test_pick_page_finds_the_person_by_name(client, cast):
    who = person(cast, name="冯六")
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("threecares:entry-register-pick", args=["elders"]), {"q": "冯六"})
    assert reverse("threecares:entry-register", args=["elders", who.pk]) in response.content.decode()


def test_person_page_offers_the_registries_the_person_is_not_on(client, cast):
    row = entry(cast, "elders", name="陈爷爷")
    client.force_login(cast.township_a_officer)
    page = client.get(row.person.get_absolute_url()).content.decode()
    assert reverse("threecares:entry-register", args=["returnees", row.person.pk]) in page
    assert reverse("threecares:entry-register", args=["elders", row.person.pk]) not in page


def test_register_page_starts_from_the_persons_own_township(client, cast):
    who = person(cast, name="褚七")
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("threecares:entry-register", args=["out_migrants", who.pk]))
    assert response.context["form"].initial["township"] == cast.place_a.pk


def test_a_village_union_registers_an_out_migrant_of_its_village(client, cast):
    who = person(cast, name="村里人")
    client.force_login(cast.grassroots_officer)
    url = reverse("threecares:entry-register", args=["out_migrants", who.pk])
    data = {"township": cast.place_a.pk, "registered_on": "2008-03-01", "destination_province": "广东"}
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["village"]
    assert client.post(url, data | {"village": cast.village_a.pk}).status_code == 302
    assert m.OutMigrant.objects.get(person=who).organization == cast.village_union_a
