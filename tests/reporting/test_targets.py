"""Targets: a higher level assigns one, splits it among its children, and progress is live."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.reporting import targets
from gonghui.reporting.indicators import Period
from tests.factories import EnterpriseFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
YEAR = Period.year(2008)


@pytest.fixture
def city(cast):
    city = OrganizationFactory(name="黔东市总工会", code="GZ-QD", level="city", category="federation")
    cast.county.parent = city
    cast.county.save()
    return city


def test_the_county_splits_the_citys_target_and_sees_over_fulfilment(cast):
    t = targets.assign(by=cast.county, organization=cast.township_a, code="enterprises.registered", period=YEAR,
                       value=2)  # fmt: skip
    for _ in range(5):
        EnterpriseFactory(organization=cast.village_union_a)
    [progress] = targets.progress(cast.township_a, YEAR)
    assert (progress.target, progress.actual, progress.over, progress.rate) == (2, 5, 3, Decimal("250.0"))
    assert progress.phrase.startswith("3 ")
    assert t.assigned_by == cast.county


def test_split_parts_must_cover_the_target_and_name_children_only(cast, city):
    t = targets.assign(by=city, organization=cast.county, code="org.new_unions", period=YEAR, value=64)
    with pytest.raises(ValidationError) as info:
        targets.split(target=t, parts={cast.township_a: 30, cast.township_b: 30})
    assert "64" in str(info.value)
    with pytest.raises(ValidationError):
        targets.split(target=t, parts={cast.village_union_a: 64})
    parts = targets.split(target=t, parts={cast.township_a: 34, cast.township_b: "30"})
    assert sorted(p.value for p in parts) == [30, 34]
    assert all(p.parent == t and p.assigned_by == cast.county for p in parts)


def test_only_a_higher_level_assigns_and_bad_values_are_refused(cast):
    with pytest.raises(ValidationError) as info:
        targets.assign(
            by=cast.township_a, organization=cast.township_b, code="org.new_unions", period=YEAR, value=1
        )
    assert "organization" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        targets.assign(by=cast.county, organization=cast.township_b, code="Bad Code", period=YEAR, value="x")
    assert set(info.value.message_dict) == {"code", "value"}


def test_an_unregistered_code_waits_for_its_area(cast, city):
    targets.assign(by=city, organization=cast.county, code="future.new_things", period=YEAR, value=64)
    [progress] = targets.progress(cast.county, YEAR)
    assert progress.actual is None and progress.rate is None


def test_the_targets_page_saves_a_split_and_refuses_a_short_one(client, cast, city):
    t = targets.assign(
        by=city, organization=cast.county, code="enterprises.registered", period=YEAR, value=10
    )
    client.force_login(cast.county_admin)
    url = reverse("reporting:targets") + "?year=2008"
    short = client.post(url, {"target": t.pk, f"part-{cast.township_a.pk}": "3"}, follow=True)
    assert not t.parts.exists() and "less than" in short.content.decode()
    client.post(url, {"target": t.pk, f"part-{cast.township_a.pk}": "6", f"part-{cast.township_b.pk}": "4"})
    assert sorted(t.parts.values_list("value", flat=True)) == [4, 6]
    page = client.get(url)
    assert page.status_code == 200 and len(page.context["splits"][0]["lines"]) == 2


def test_a_township_officer_sees_its_target_but_cannot_split(client, cast, city):
    t = targets.assign(by=cast.county, organization=cast.township_a, code="enterprises.registered", period=YEAR,
                       value=1)  # fmt: skip
    client.force_login(cast.township_a_officer)
    page = client.get(reverse("reporting:targets"), {"year": "2008"})
    assert [s["progress"].target_row for s in page.context["splits"]] == [t]
    client.post(
        reverse("reporting:targets") + "?year=2008", {"target": t.pk, f"part-{cast.village_union_a.pk}": "1"}
    )
    assert t.parts.count() == 1  # a committee splits its own target among its unions
    assert datetime.date(2008, 1, 1) == t.period_start


def test_the_targets_page_assigns_a_target_to_a_committee_and_refuses_a_bad_value(client, cast):
    client.force_login(cast.county_admin)
    url = reverse("reporting:targets") + "?year=2008"
    client.post(url, {"action": "assign", "code": "enterprises.registered", "organization": cast.township_a.pk,
                      "value": "五"})  # fmt: skip
    assert not targets.for_period(cast.township_a, YEAR).exists()
    client.post(url, {"action": "assign", "code": "enterprises.registered", "organization": cast.township_a.pk,
                      "value": "5"})  # fmt: skip
    assert targets.for_period(cast.township_a, YEAR).get().value == 5
    client.post(url, {"action": "assign", "code": "enterprises.registered", "organization": cast.village_union_a.pk,
                      "value": "1"})  # fmt: skip
    assert not targets.for_period(cast.village_union_a, YEAR).exists()  # not directly below the county
