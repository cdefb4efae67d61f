"""The reporting demo on the small county: targets split, reports, schemes scored, rules clean, 2008 closed."""

import random
import time

import pytest

from gonghui.reporting import assessment, closing, demo, quality, reports
from gonghui.reporting.indicators import Period
from gonghui.reporting.models import ReportForm, Scheme, Submission, Target

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(small_county, django_db_blocker):
    with django_db_blocker.unblock():
        started = time.perf_counter()
        summary = demo.build(random.Random("gonghui-demo-reporting"))
        return summary, time.perf_counter() - started


def test_the_citys_targets_are_split_among_the_38_committees(built, small_county):
    county = Target.objects.get(organization=small_county, code="org.new_unions")
    assert county.value == 64 and county.assigned_by.name == "黔东市总工会"
    parts = Target.objects.filter(parent=county)
    assert parts.count() == 38 and sum(p.value for p in parts) == 64
    assert sum(Target.objects.filter(parent__code="org.new_members").values_list("value", flat=True)) == 2835


def test_the_reports_have_late_ones_and_one_returned(built, small_county):
    info = ReportForm.objects.get(code="three-cares-info")
    rows = Submission.objects.filter(form=info)
    assert rows.filter(status="returned").count() == 1
    assert any(not s.on_time for s in rows)
    may = reports.rates(info, small_county, Period.month(2008, 5))
    assert 0 < may.submitted <= may.expected == 24


def test_the_schemes_score_the_county_and_its_committees(built, small_county):
    city_scheme = Scheme.objects.get(code="city-county")
    [county] = assessment.scores(city_scheme)
    assert county.organization == small_county and county.total > 0
    committees = assessment.scores(Scheme.objects.get(code="county-committees"))
    assert len(committees) == 38 and committees[0].rank == 1
    assert len(assessment.scores(Scheme.objects.get(code="three-cares"))) == 24


BUILT_HERE = ("three_cares.", "assistance.", "rights.")  # the areas this small county has records of


def test_the_quality_rules_run_clean_on_the_demo(built, small_county):
    findings = quality.run(small_county, Period.year(2008))
    ours = [f for f in findings if all(c.startswith(BUILT_HERE) for c in quality.codes_of(f.rule))]
    assert [f.message for f in ours] == []
    assert len(quality.rules_for(small_county)) >= 10


def test_2008_is_closed_and_the_demo_is_fast_and_idempotent(built, small_county):
    summary, seconds = built
    assert summary["closed"] == 2008 and closing.snapshot_of(small_county, 2008)
    assert seconds < 5, seconds
    again = demo.build(random.Random("gonghui-demo-reporting"))
    assert not any(again.values()), again


def test_the_county_office_scores_its_own_staff_for_2008(built, small_county):
    from gonghui.orgs.models import User

    staff = set(User.objects.filter(organization=small_county, is_active=True))
    ranked = assessment.scores(Scheme.objects.get(code="office-staff", assessed="staff"))
    assert {s.staff for s in ranked} == staff and len(staff) >= 3
    assert [s.rank for s in ranked][0] == 1 and all(s.possible == 100 for s in ranked)
    for score in ranked:  # three items by hand with their notes, and the figure the member is responsible for
        assert [line.item.responsible for line in score.lines] == [None, None, None, score.staff]
        assert all(line.note for line in score.lines[:3])


def test_a_rebuild_in_place_reopens_2008_and_closes_it_again(built, small_county):
    from gonghui.threecares.models import Training

    training = Training.objects.filter(held_on__year=2008).first()
    demo.prepare()
    training.save()  # an area's demo rewriting its 2008 records
    assert demo.build(random.Random("gonghui-demo-reporting"))["closed"] == 2008
    with pytest.raises(closing.ValidationError):
        training.save()
