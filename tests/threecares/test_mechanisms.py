import datetime
from decimal import Decimal

from django.urls import reverse

from gonghui.threecares import models as m
from gonghui.threecares import selectors, services

from .factories import entry


def _standard(cast):
    standard = m.AssessmentStandard.objects.create(organization=cast.county, year=2008, title="考核标准")
    m.AssessmentItem.objects.create(standard=standard, order=1, text="结对", measure="pairing", points=20)
    m.AssessmentItem.objects.create(standard=standard, order=2, text="督导", measure="inspection", points=10)
    m.AssessmentItem.objects.create(standard=standard, order=3, text="信息", measure="reports", points=12)
    return standard


def test_report_completeness_counts_months_submitted_per_township(cast):
    for month in (1, 2, 3):
        services.record_info_report(organization=cast.township_a, year=2008, month=month,
                                    submitted_on=datetime.date(2008, month, 25), content="…")  # fmt: skip
    rows = {c.township: c for c in selectors.report_completeness(cast.county_admin, year=2008)}
    assert (rows[cast.township_a].submitted, rows[cast.township_a].share) == (3, 25)
    assert rows[cast.township_b].submitted == 0


def test_township_score_comes_from_its_records_and_the_inspection(cast):
    standard = _standard(cast)
    elders = [entry(cast, "elders", name=f"老人{i}") for i in range(2)]
    services.pair_elder(elder=elders[0], helper_name="王老师", paired_on=datetime.date(2008, 3, 1))
    inspection = m.Inspection.objects.create(
        organization=cast.county, year=2008, team="第一督导组", leader="甲"
    )
    services.record_inspection_visit(inspection=inspection, organization=cast.township_a,
                                     visited_on=datetime.date(2008, 11, 3), score=80)  # fmt: skip
    for month in range(1, 7):
        services.record_info_report(organization=cast.township_a, year=2008, month=month,
                                    submitted_on=datetime.date(2008, month, 25), content="…")  # fmt: skip
    scores = {s.township: s for s in selectors.assessment_scores(cast.county_admin, standard)}
    # pairing 1/2 of 20 + inspection 0.8 of 10 + reports 6/12 of 12
    assert scores[cast.township_a].total == Decimal("24.0")
    assert scores[cast.township_b].total == 0


def test_a_township_officer_sees_only_its_own_score(cast):
    standard = _standard(cast)
    assert [s.township for s in selectors.assessment_scores(cast.township_a_officer, standard)] == [
        cast.township_a
    ]


def test_mechanisms_page_shows_the_county_standard_to_a_township(client, cast):
    _standard(cast)
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("threecares:mechanisms") + "?year=2008")
    assert response.context["standard"].title == "考核标准"
    assert [s.township for s in response.context["scores"]] == [cast.township_a]
