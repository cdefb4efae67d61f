"""Periodic reports: submitted, returned with a comment, resubmitted, accepted and locked; rates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.reporting import reports
from gonghui.reporting.indicators import Period
from gonghui.reporting.models import ReportForm

pytestmark = pytest.mark.django_db
MAY = Period.month(2008, 5)


@pytest.fixture
def form(cast):
    return ReportForm.objects.create(
        organization=cast.county, code="info", name="三关工程信息报送", frequency="month", deadline_days=5,
        respondents="townships",
        fields=[{"key": "trainings", "label": "培训次数", "indicator": "three_cares.trainings"},
                {"key": "future", "label": "新建工会", "indicator": "org.not_yet_registered"},
                {"key": "notes", "label": "其他数字", "indicator": ""}],
    )  # fmt: skip


def test_the_deadline_is_counted_in_working_days(form):
    # May 2008 ends on Saturday 31 May; five working days later (2 June 端午 is not yet a Holiday row) is 6 June.
    assert reports.deadline(form, MAY) == datetime.date(2008, 6, 6)


def test_a_report_goes_submitted_returned_resubmitted_accepted_then_is_locked(form, cast):
    s = reports.submit(form=form, organization=cast.township_a, period=MAY, values={"trainings": "2"},
                       content="五月开展培训两次", on=datetime.date(2008, 6, 3), by=cast.township_a_officer)  # fmt: skip
    assert (s.status, s.on_time, s.values) == ("submitted", True, {"trainings": 2})
    with pytest.raises(ValidationError) as info:
        reports.return_for_correction(submission=s, comment=" ", by=cast.county_admin)
    assert "comment" in info.value.message_dict
    s = reports.return_for_correction(submission=s, comment="培训人数未填", by=cast.county_admin)
    assert (s.status, s.comment) == ("returned", "培训人数未填")
    with pytest.raises(ValidationError):
        reports.accept(submission=s, by=cast.county_admin)  # a returned report is corrected first
    s = reports.submit(form=form, organization=cast.township_a, period=MAY, values={"trainings": "2", "notes": "35"},
                       content="五月培训两次35人", on=datetime.date(2008, 6, 10))  # fmt: skip
    assert s.status == "submitted" and s.on_time  # the first submission was on time
    s = reports.accept(submission=s, by=cast.county_admin)
    with pytest.raises(ValidationError, match="locked"):
        reports.submit(form=form, organization=cast.township_a, period=MAY, values={}, content="改")
    assert [m.to_status for m in s.moves.all()] == ["submitted", "returned", "submitted", "accepted"]


def test_bad_values_and_strangers_are_refused_by_field(form, cast):
    with pytest.raises(ValidationError) as info:
        reports.submit(
            form=form, organization=cast.township_a, period=MAY, values={"trainings": "两次"}, content="x"
        )
    assert "trainings" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        reports.submit(form=form, organization=cast.village_union_a, period=MAY, values={}, content="x")
    assert "organization" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        reports.submit(form=form, organization=cast.township_a, period=Period.quarter(2008, 2), content="x")
    assert "period" in info.value.message_dict


def test_prefill_takes_registered_indicators_and_skips_the_others(form, cast):
    assert reports.prefill(form, cast.township_a, MAY) == {"trainings": 0}


def test_rates_and_the_late_list(form, cast):
    reports.submit(
        form=form, organization=cast.township_a, period=MAY, content="按时", on=datetime.date(2008, 6, 2)
    )
    rates = reports.rates(form, cast.county, MAY)
    assert (rates.expected, rates.submitted, rates.on_time, rates.reporting_rate) == (2, 1, 1, 50)
    late = reports.late(form, cast.county, MAY, today=datetime.date(2008, 7, 1))
    assert [(c, s) for c, s, _why in late] == [(cast.township_b, None)]
    reports.submit(
        form=form, organization=cast.township_b, period=MAY, content="迟报", on=datetime.date(2008, 6, 20)
    )
    assert reports.rates(form, cast.county, MAY).on_time == 1
    [(who, sub, why)] = reports.late(form, cast.county, MAY, today=datetime.date(2008, 7, 1))
    assert who == cast.township_b and str(why) == "reported late"


def test_pages_for_the_collector_and_the_committee(client, form, cast):
    client.force_login(cast.township_a_officer)
    page = client.get(reverse("reporting:submit", args=[form.pk]), {"year": "2008", "n": "5"})
    assert page.status_code == 200
    client.post(
        reverse("reporting:submit", args=[form.pk]) + "?year=2008&n=5", {"trainings": "1", "content": "五月"}
    )
    client.force_login(cast.county_admin)
    page = client.get(reverse("reporting:report", args=[form.pk]), {"year": "2008", "n": "5"})
    assert page.context["rates"].submitted == 1
    [(committee, submission)] = [row for row in page.context["table"] if row[1]]
    client.post(submission.get_absolute_url(), {"action": "return", "comment": "请补充人数"})
    submission.refresh_from_db()
    assert submission.status == "returned"
    client.force_login(cast.township_b_officer)
    assert client.get(submission.get_absolute_url()).status_code == 404
    for bad in ({"year": "x", "n": "99"}, {"n": "-1"}):
        assert client.get(reverse("reporting:report", args=[form.pk]), bad).status_code == 200
