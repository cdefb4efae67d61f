"""Every Three Cares page answers, in scope, with a constant number of queries."""

import datetime

import pytest
from django.urls import reverse

from gonghui.threecares import models as m
from gonghui.threecares.registries import REGISTRIES
from gonghui.threecares.services_lists import SERVICE_LISTS

from .factories import child, entry


@pytest.mark.parametrize("kind", list(REGISTRIES))
def test_registry_list_renders_for_the_county(client, cast, kind):
    client.force_login(cast.county_admin)
    assert client.get(reverse("threecares:entry-list", args=[kind])).status_code == 200


@pytest.mark.parametrize("what", list(SERVICE_LISTS))
def test_service_list_renders(client, cast, what):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("threecares:service-list", args=[what])).status_code == 200


def test_index_shows_pupils_plus_preschool(client, cast):
    child(cast, name="甲")
    child(cast, name="乙", kind="preschool")
    client.force_login(cast.leader)
    counts = client.get(reverse("threecares:index")).context["counts"]
    assert counts["children"] == counts["children_pupils"] + counts["children_preschool"] == 2


def test_out_migrant_list_query_count_does_not_grow_with_rows(client, cast, django_assert_num_queries):
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:entry-list", args=["out_migrants"])
    entry(cast, "out_migrants", name="甲")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(5):
        entry(cast, "out_migrants", name=f"乙{i}", village=cast.village_a)
    with django_assert_num_queries(len(one)):
        client.get(url)


def test_out_migrant_list_filters_by_township_and_destination(client, cast):
    entry(cast, "out_migrants", name="去广东", destination_province="广东")
    entry(cast, "out_migrants", name="去浙江", destination_province="浙江")
    entry(cast, "out_migrants", name="别乡的", village=cast.village_b, destination_province="广东")
    client.force_login(cast.county_admin)
    url = reverse("threecares:entry-list", args=["out_migrants"])
    response = client.get(url, {"township": cast.place_a.pk, "destination": "广东"})
    assert [e.person.name for e, _row in response.context["rows"]] == ["去广东"]


def test_htmx_request_gets_the_rows_partial(client, cast):
    client.force_login(cast.county_admin)
    response = client.get(reverse("threecares:entry-list", args=["elders"]), HTTP_HX_REQUEST="true")
    assert [t.name for t in response.templates][0] == "threecares/partials/entry_rows.html"


def test_another_townships_officer_gets_404_for_an_out_migrant(client, cast):
    row = entry(cast, "out_migrants")
    client.force_login(cast.township_b_officer)
    assert client.get(row.get_absolute_url()).status_code == 404


def test_another_townships_officer_gets_404_for_a_family(client, cast):
    family = m.Family.objects.create(
        number="F9", name="王家", township=cast.place_a, organization=cast.township_a
    )
    client.force_login(cast.township_b_officer)
    assert client.get(family.get_absolute_url()).status_code == 404


def test_export_is_masked_by_default_and_clear_numbers_asked_for_with_a_purpose_are_logged_once(client, cast):
    from gonghui.people.models import IdNumberAccess

    entry(cast, "out_migrants")
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:entry-export", args=["out_migrants"])
    response = client.get(url)
    assert response.status_code == 200 and IdNumberAccess.objects.count() == 0
    assert client.get(url, {"ids": "clear"}).status_code == 200  # the purpose form
    response = client.get(url, {"ids": "clear", "purpose": "寄送贺年卡核对"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    log = IdNumberAccess.objects.get()
    assert (log.count, log.person, log.purpose) == (1, None, "寄送贺年卡核对")


def test_recording_a_visit_from_the_form_counts_in_the_figures(client, cast):
    from gonghui.reporting import indicators

    elder = entry(cast, "elders")
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:visit-create", args=["elders", elder.pk])
    assert client.post(url, {"visited_on": "2008-09-09", "amount": "150"}).status_code == 302
    values = indicators.compute(cast.county, indicators.Period.year(2008),
                                codes=["three_cares.elders_visited", "three_cares.elders_visited_amount"])  # fmt: skip
    assert values == {"three_cares.elders_visited": 1, "three_cares.elders_visited_amount": 150}


def test_leader_cannot_record_a_visit(client, cast):
    elder = entry(cast, "elders")
    client.force_login(cast.leader)
    assert client.get(reverse("threecares:visit-create", args=["elders", elder.pk])).status_code == 404


def test_pairing_form_pairs_the_elder(client, cast):
    elder = entry(cast, "elders")
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:pairing-create", args=[elder.pk])
    client.post(url, {"helper_name": "王老师", "paired_on": "2008-03-01"})
    assert elder.pairings.get().helper_name == "王老师"


def test_person_page_lists_the_registries_holding_the_person(client, cast):
    row = entry(cast, "returnees", business="养殖场")
    client.force_login(cast.county_admin)
    assert row.get_absolute_url() in client.get(row.person.get_absolute_url()).content.decode()


def test_mechanisms_page_renders(client, cast):
    m.JointMeeting.objects.create(organization=cast.county, held_on=datetime.date(2008, 3, 6), title="联席会议",
                                  attendees="县总工会\n县民政局", minutes="部署")  # fmt: skip
    client.force_login(cast.county_admin)
    assert "联席会议" in client.get(reverse("threecares:mechanisms") + "?year=2008").content.decode()


def test_a_person_living_elsewhere_is_visible_to_the_township_keeping_their_registry_row(cast):
    from gonghui.people.models import Person
    from gonghui.threecares import services

    from .factories import person

    who = person(cast, name="住甲乡", village=cast.village_a)
    assert not Person.objects.visible_to(cast.township_b_officer).filter(pk=who.pk).exists()
    services.register_entry(registry="elders", person=who, township=cast.place_b, village=cast.village_b,
                            registered_on=datetime.date(2008, 1, 1))  # fmt: skip
    assert Person.objects.visible_to(cast.township_b_officer).filter(pk=who.pk).exists()
