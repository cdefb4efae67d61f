import datetime
from decimal import Decimal

from django.urls import reverse

from gonghui.reporting.assessment import scores as scheme_scores
from gonghui.reporting.models import ManualScore
from gonghui.threecares import assessment, selectors, services
from gonghui.threecares import models as m

from .factories import entry


def _standard(cast):
    return assessment.set_standard(organization=cast.county, year=2008, name="考核标准", standard=[
        ("pairing", "结对", 20), ("inspection", "督导", 10), ("reports", "信息", 12),
    ])  # fmt: skip


def test_report_completeness_counts_months_submitted_per_township(cast):
    for month in (1, 2, 3):
        services.record_info_report(organization=cast.township_a, year=2008, month=month,
                                    submitted_on=datetime.date(2008, month, 25), content="…")  # fmt: skip
    rows = {c.township: c for c in selectors.report_completeness(cast.county_admin, year=2008)}
    assert (rows[cast.township_a].submitted, rows[cast.township_a].share) == (3, 25)
    assert rows[cast.township_b].submitted == 0


def test_the_standard_is_a_scheme_of_the_reporting_machinery_assessing_townships(cast):
    standard = _standard(cast)
    assert (standard.code, standard.assessed, standard.organization) == ("three-cares", "townships", cast.county)
    kinds = [(i.text, i.kind, i.params) for i in standard.items.all()]
    assert kinds == [
        ("结对", "share", {"code": "three_cares.elders_paired", "of": "three_cares.elders"}),
        ("督导", "manual", {"from": "inspections"}),
        ("信息", "reports", {"form": "three-cares-info"}),
    ]
    assert assessment.set_standard(organization=cast.county, year=2008, name="另一个") == standard


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
    scores = {s.organization: s for s in scheme_scores(standard)}
    # pairing 1/2 of 20 + inspection 0.8 of 10 + reports 6/12 of 12
    assert scores[cast.township_a].total == Decimal("24.0")
    assert scores[cast.township_a].rank == 1
    assert scores[cast.township_b].total == 0


def test_a_second_teams_visit_makes_the_inspection_score_their_mean(cast):
    standard = _standard(cast)
    for team, score in (("第一督导组", 80), ("第二督导组", 91)):
        services.record_inspection(organization=cast.county, year=2008, team=team, leader=team,
                                   township=cast.township_a, visited_on=datetime.date(2008, 11, 3), score=score)  # fmt: skip
    [given] = ManualScore.objects.filter(item__scheme=standard, organization=cast.township_a)
    assert (given.score, given.note) == (Decimal("8.6"), "督导组检查平均得分85.5")


def test_a_township_officer_sees_only_its_own_score(client, cast):
    _standard(cast)
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("threecares:mechanisms") + "?year=2008")
    assert [s.organization for s in response.context["scores"]] == [cast.township_a]


def test_mechanisms_page_shows_the_county_standard_to_a_township(client, cast):
    _standard(cast)
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("threecares:mechanisms") + "?year=2008")
    assert response.context["standard"].name == "考核标准"
    assert reverse("reporting:scheme", args=[response.context["standard"].pk]) in response.content.decode()
