"""A left-behind child's guardian, father, mother and proxy parent, chosen from the child's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.threecares import models as m
from gonghui.threecares import services

from .factories import child, entry, person

pytestmark = pytest.mark.django_db


def _as(who, **fields):
    """Gender and birth date follow the ID number; set them as the test needs."""
    type(who).objects.filter(pk=who.pk).update(**fields)
    who.refresh_from_db()
    return who


def _guardians(client, user, kid, **data):
    client.force_login(user)
    return client.post(reverse("threecares:child-guardians", args=[kid.pk]), data)


def test_child_page_offers_the_guardian_and_proxy_parent_pages(client, cast):
    kid = child(cast)
    client.force_login(cast.township_a_officer)
    html = client.get(kid.get_absolute_url()).content.decode()
    assert reverse("threecares:child-guardians", args=[kid.pk]) in html
    assert reverse("threecares:child-proxy-parent", args=[kid.pk]) in html


def test_guardian_and_parents_are_picked_by_name_and_shown_on_the_child_page(client, cast):
    kid = child(cast, name="小明")
    grandma = _as(person(cast, name="张奶奶"), gender="F")
    father = _as(person(cast, name="张大"), gender="M")
    mother = _as(person(cast, name="李芳"), gender="F")
    response = _guardians(client, cast.township_a_officer, kid, guardian="张奶奶", guardian_relation="grandparent",
                          father="张大", father_works_in="广东东莞", mother="李芳", mother_works_in="浙江")  # fmt: skip
    assert response.url == kid.get_absolute_url()
    kid.refresh_from_db()
    assert (kid.guardian, kid.guardian_name, kid.father, kid.mother) == (grandma, "张奶奶", father, mother)
    assert kid.father_works_in == "广东东莞"
    html = client.get(kid.get_absolute_url()).content.decode()
    assert grandma.get_absolute_url() in html and "浙江" in html


def test_form_opens_with_the_current_guardian_and_saves_unchanged_when_names_repeat(client, cast):
    kid = child(cast)
    grandma = person(cast, name="王奶奶")
    person(cast, name="王奶奶")  # a namesake
    services.set_child_guardians(child=kid, guardian=grandma, guardian_relation="grandparent")
    client.force_login(cast.township_a_officer)
    form = client.get(reverse("threecares:child-guardians", args=[kid.pk])).context["form"]
    assert form.initial["guardian"] == "王奶奶"
    assert _guardians(client, cast.township_a_officer, kid, **form.initial).status_code == 302
    kid.refresh_from_db()
    assert kid.guardian == grandma


def test_an_ambiguous_name_asks_for_the_id_number_beside_the_field(client, cast):
    kid = child(cast)
    one = person(cast, name="王奶奶")
    person(cast, name="王奶奶")
    response = _guardians(
        client, cast.township_a_officer, kid, guardian="王奶奶", guardian_relation="grandparent"
    )
    assert "give the ID number" in str(response.context["form"].errors["guardian"])
    number = one.clear_id_number()
    response = _guardians(
        client, cast.township_a_officer, kid, guardian=number, guardian_relation="grandparent"
    )
    assert response.status_code == 302
    kid.refresh_from_db()
    assert kid.guardian == one


def test_a_person_of_another_township_is_not_found(client, cast):
    kid = child(cast)
    person(cast, name="水坝人", village=cast.village_b)
    response = _guardians(client, cast.township_a_officer, kid, father="水坝人")
    assert "nobody of that name" in str(response.context["form"].errors["father"])


def test_guardian_needs_a_relation(client, cast):
    kid = child(cast)
    person(cast, name="张奶奶")
    response = _guardians(client, cast.township_a_officer, kid, guardian="张奶奶")
    assert "related to the child" in str(response.context["form"].errors["guardian_relation"])


def test_a_parent_as_guardian_must_be_called_a_parent(client, cast):
    kid = child(cast)
    _as(person(cast, name="张大"), gender="M")
    response = _guardians(client, cast.township_a_officer, kid, guardian="张大", guardian_relation="grandparent",
                          father="张大")  # fmt: skip
    assert "is the child&#x27;s parent" in str(response.context["form"].errors["guardian_relation"])


def test_refusals_of_the_service(cast):
    kid = child(cast)
    dad = _as(person(cast, name="张大"), gender="M")
    young = _as(
        person(cast, name="张小哥"), birth_date=datetime.date.today() - datetime.timedelta(days=365 * 15)
    )
    cases = [
        ({"father": kid.person}, "father", "is the child"),
        ({"father": dad, "mother": dad}, "mother", "same person"),
        ({"mother": dad}, "mother", "recorded as male"),
        ({"guardian": young, "guardian_relation": "relative"}, "guardian", "under 18"),
    ]
    for fields, field, message in cases:
        with pytest.raises(ValidationError) as refused:
            services.set_child_guardians(child=kid, **fields)
        assert message in " ".join(refused.value.message_dict[field])


def test_clearing_the_guardian_clears_the_name_too(client, cast):
    kid = child(cast, guardian_name="旧名字", guardian_relation="relative")
    assert _guardians(client, cast.township_a_officer, kid, guardian="").status_code == 302
    kid.refresh_from_db()
    assert (kid.guardian, kid.guardian_name, kid.guardian_relation) == (None, "", "")


def test_an_imported_guardian_name_without_a_person_on_file_stays(client, cast):
    kid = child(cast, guardian_name="外婆", guardian_relation="grandparent")
    response = _guardians(client, cast.township_a_officer, kid, guardian="外婆", guardian_relation="grandparent",
                          father_works_in="上海")  # fmt: skip
    assert response.status_code == 302
    kid.refresh_from_db()
    assert (kid.guardian, kid.guardian_name, kid.father_works_in) == (None, "外婆", "上海")


def test_proxy_parent_is_chosen_among_the_active_ones_of_the_township(client, cast):
    kid = child(cast)
    teacher = entry(cast, "proxy_parents", name="赵老师", workplace="高桥小学")
    ended = entry(cast, "proxy_parents", name="钱老师")
    services.end_proxy_parent(proxy=ended, ended_on=datetime.date(2008, 5, 1))
    other = entry(cast, "proxy_parents", name="孙老师", village=cast.village_b)
    client.force_login(cast.county_admin)
    url = reverse("threecares:child-proxy-parent", args=[kid.pk])
    choices = list(client.get(url).context["form"].fields["proxy_parent"].queryset)
    assert choices == [teacher]
    response = client.post(url, {"proxy_parent": other.pk})
    assert response.context["form"].errors["proxy_parent"]
    assert client.post(url, {"proxy_parent": teacher.pk}).url == kid.get_absolute_url()
    assert m.LeftBehindChild.objects.get(pk=kid.pk).proxy_parent == teacher
    assert client.post(url, {"proxy_parent": ""}).status_code == 302
    assert m.LeftBehindChild.objects.get(pk=kid.pk).proxy_parent is None


def test_ending_a_proxy_parents_service_frees_their_children(client, cast):
    kid = child(cast)
    teacher = entry(cast, "proxy_parents", name="赵老师")
    services.assign_proxy_parent(child=kid, proxy=teacher)
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:proxy-parent-end", args=[teacher.pk])
    assert url in client.get(teacher.get_absolute_url()).content.decode()
    response = client.post(url, {"ended_on": "2008-01-01"})
    assert "cannot be before the start" in str(response.context["form"].errors["ended_on"])
    assert client.post(url, {"ended_on": "2008-09-01"}).url == teacher.get_absolute_url()
    teacher.refresh_from_db()
    assert teacher.ended_on == datetime.date(2008, 9, 1)
    assert m.LeftBehindChild.objects.get(pk=kid.pk).proxy_parent is None
    response = client.post(url, {"ended_on": "2008-10-01"})
    assert "already ended" in str(response.context["form"].errors["ended_on"])


@pytest.mark.parametrize("name", ["child-guardians", "child-proxy-parent"])
def test_another_townships_officer_gets_404(client, cast, name):
    kid = child(cast)
    client.force_login(cast.township_b_officer)
    assert client.get(reverse(f"threecares:{name}", args=[kid.pk])).status_code == 404


@pytest.mark.parametrize("name", ["child-guardians", "child-proxy-parent"])
def test_county_admin_opens_both_pages(client, cast, name):
    kid = child(cast)
    client.force_login(cast.county_admin)
    assert client.get(reverse(f"threecares:{name}", args=[kid.pk])).status_code == 200


def test_leader_gets_404_for_ending_a_proxy_parent(client, cast):
    teacher = entry(cast, "proxy_parents", name="赵老师")
    client.force_login(cast.leader)
    assert client.get(reverse("threecares:proxy-parent-end", args=[teacher.pk])).status_code == 404
