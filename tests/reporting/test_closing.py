"""Closing a year keeps every figure; a closed year's records change only after an unlock."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.reporting import closing
from gonghui.reporting.models import FigureSnapshot, Unlock
from gonghui.threecares import services as threecares

pytestmark = pytest.mark.django_db


def training(cast, day, n=10):
    return threecares.record_training(organization=cast.township_a, title="电焊培训", held_on=day,
                                      trainee_count=n, funds=Decimal(1000))  # fmt: skip


def test_closing_keeps_every_figure_of_every_organisation(cast):
    training(cast, datetime.date(2008, 5, 1), n=12)
    close = closing.close_year(organization=cast.county, year=2008, user=cast.county_admin)
    kept = FigureSnapshot.objects.get(closing=close, organization=cast.township_a).values
    assert kept["three_cares.trainees"] == "12"
    assert FigureSnapshot.objects.filter(closing=close, organization=cast.village_union_a).exists()
    assert closing.snapshot_of(cast.county, 2008)["three_cares.trainees"] == 12


def test_a_closed_year_refuses_new_records_until_unlocked_with_a_reason(cast):
    closing.close_year(organization=cast.county, year=2008, user=cast.county_admin)
    with pytest.raises(ValidationError) as info:
        training(cast, datetime.date(2008, 5, 1))
    assert "held_on" in info.value.message_dict
    training(cast, datetime.date(2009, 1, 5))  # the next year is open
    with pytest.raises(ValidationError):
        closing.unlock(organization=cast.county, year=2008, reason="  ", user=cast.county_admin)
    closing.unlock(organization=cast.county, year=2008, reason="补录高桥镇5月培训", user=cast.county_admin)
    training(cast, datetime.date(2008, 5, 1), n=7)
    assert closing.changes_since_closing(cast.county, 2008)["three_cares.trainees"] == (0, 7)
    closing.relock(organization=cast.county, year=2008)
    with pytest.raises(ValidationError):
        training(cast, datetime.date(2008, 6, 1))


def test_the_unlock_is_audited(cast):
    from auditlog.models import LogEntry

    closing.close_year(organization=cast.county, year=2008, user=cast.county_admin)
    unlock = closing.unlock(organization=cast.county, year=2008, reason="更正", user=cast.county_admin)
    assert LogEntry.objects.get_for_object(unlock).exists()


def test_the_figures_page_shows_changes_since_closing(client, cast):
    closing.close_year(organization=cast.county, year=2008, user=cast.county_admin)
    Unlock.objects.create(organization=cast.county, year=2008, reason="补录", unlocked_by=cast.county_admin)
    training(cast, datetime.date(2008, 3, 1), n=5)
    client.force_login(cast.county_admin)
    page = client.get(reverse("reporting:figures"), {"year": "2008"})
    row = next(r for r in page.context["rows"] if r["ind"].code == "three_cares.trainees")
    assert row["changed"] == (0, 5)


def test_only_the_federation_admin_closes_and_a_second_close_is_refused(client, cast):
    client.force_login(cast.township_a_officer)
    assert client.post(reverse("reporting:closing"), {"year": "2008"}).status_code == 404
    client.force_login(cast.county_admin)
    client.post(reverse("reporting:closing"), {"year": "2008"})
    again = client.post(reverse("reporting:closing"), {"year": "2008"}, follow=True)
    assert "already closed" in again.content.decode()
    assert client.post(reverse("reporting:closing"), {"year": "x"}).status_code == 302


def test_a_year_that_has_not_ended_cannot_be_closed_and_the_page_offers_only_what_may_be_done(client, cast):
    this_year = datetime.date.today().year
    with pytest.raises(ValidationError) as e:
        closing.close_year(organization=cast.county, year=this_year, user=cast.county_admin)
    assert "has not ended" in str(e.value)
    client.force_login(cast.county_admin)
    for absurd in ("0", "-5", "9" * 21):  # a message, never a 500 or a year 0 closed
        assert client.post(reverse("reporting:closing"), {"year": absurd, "action": "close"}).status_code == 302
    assert not closing.closed_years(cast.county)
    client.force_login(cast.county_admin)
    page = client.get(reverse("reporting:closing"))
    assert this_year not in page.context["years"] and 2008 in page.context["years"]
    assert page.context["closed"] == [] and "Unlock a closed year" not in page.content.decode()
    client.post(reverse("reporting:closing"), {"year": "2008", "action": "close"})
    page = client.get(reverse("reporting:closing"))
    assert 2008 not in page.context["years"] and page.context["closed"] == [2008]
