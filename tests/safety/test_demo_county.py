"""Every page of the area on the demo county, as the county and as a township: 200, scoped, counted."""

import datetime
import random

import pytest
from django.urls import reverse

from gonghui.orgs.models import Organization, Role, User
from gonghui.reporting import indicators
from gonghui.safety import demo as safety_demo
from gonghui.safety import selectors
from gonghui.safety.models import Accident, Hazard, MonthlyReport, ReportStatus, Supervisor, Workplace

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_admin(demo_county):
    return User.objects.get(username="county_admin")


@pytest.fixture
def gaoqiao(demo_county):
    return User.objects.get(username="gaoqiao")


PAGES = ["safety:index", "safety:board", "safety:workplace-list", "safety:inspection-list", "safety:supervisor-list",
         "safety:hazard-list", "safety:accident-list", "safety:document-list", "safety:report-create",
         "safety:hazard-create", "safety:accident-create", "safety:certificate-create"]  # fmt: skip
EXPORTS = ["safety:workplace-export", "safety:supervisor-export", "safety:hazard-export", "safety:accident-export",
           "safety:report-export"]  # fmt: skip


@pytest.mark.parametrize("who", ["county_admin", "gaoqiao"])
def test_every_page_and_export_opens_for_the_county_and_a_township(client, demo_county, who):
    client.force_login(User.objects.get(username=who))
    for name in PAGES:
        assert client.get(reverse(name), {"year": 2008}).status_code == 200, name
    for name in EXPORTS:
        response = client.get(reverse(name), {"year": 2008, "month": "2008-05"})
        assert response.status_code == 200, name
        assert ".xlsx" in response["Content-Disposition"]
    for model in (Workplace, MonthlyReport, Hazard):
        row = model.objects.visible_to(User.objects.get(username=who)).first()
        assert client.get(row.get_absolute_url()).status_code == 200


def test_bad_query_strings_never_give_a_500(client, county_admin):
    client.force_login(county_admin)
    for query in ({"year": "abc", "township": "x", "page": "-1", "state": "x", "grade": "x", "mine": "abc",
                   "month": "x"}, {"year": "99999", "month": "2008-13", "township": "99999999"}):  # fmt: skip
        for name in PAGES[:8]:
            assert client.get(reverse(name), query).status_code == 200, (name, query)


def test_the_board_matches_the_reports_for_every_month_of_2008(client, county_admin):
    client.force_login(county_admin)
    today = datetime.date(2026, 1, 1)
    for month in range(1, 13):
        first = datetime.date(2008, month, 1)
        response = client.get(reverse("safety:board"), {"month": f"2008-{month:02d}"})
        html = response.content.decode()
        reports = list(MonthlyReport.objects.filter(month=first))
        mines = Workplace.objects.coal().count()
        late = sum(1 for r in reports if r.is_late and r.status != ReportStatus.RETURNED)
        returned = sum(1 for r in reports if r.status == ReportStatus.RETURNED)
        expected = {"expected": mines, "late": late, "returned": returned, "missing": mines - len(reports),
                    "in": len(reports) - late - returned,
                    "accepted": sum(1 for r in reports if r.status == ReportStatus.ACCEPTED)}  # fmt: skip
        for key, value in expected.items():
            assert f'data-count="{key}">{value}<' in html, (month, key, value)
        assert html.count('data-state="') == mines
        _rows, _deadline, counts = selectors.month_board(
            Workplace.objects.all(), MonthlyReport.objects.all(), first, today
        )
        assert {k: counts[k] for k in expected} == expected
    late_total = MonthlyReport.objects.filter(is_late=True).count()
    assert 0 < late_total < 20
    assert 0 < MonthlyReport.objects.filter(steps__status=ReportStatus.RETURNED).distinct().count() < 20


def test_a_township_sees_only_its_mines_on_the_board_and_others_records_are_404(client, gaoqiao):
    client.force_login(gaoqiao)
    html = client.get(reverse("safety:board"), {"month": "2008-05"}).content.decode()
    township = Organization.objects.get(code="QS-T02")
    own = Workplace.objects.coal().filter(organization__path__startswith=township.path)
    assert html.count('data-state="') == own.count() == 4
    other = MonthlyReport.objects.exclude(organization__path__startswith=township.path).first()
    assert client.get(other.get_absolute_url()).status_code == 404
    hazard = Hazard.objects.exclude(organization__path__startswith=township.path).first()
    assert client.get(hazard.get_absolute_url()).status_code == 404
    assert client.post(reverse("safety:report-move", args=[other.pk, "accept"])).status_code == 404


def test_inspections_count_the_chairmans_visits_seven_or_eight_to_key_mines_five_or_six_to_others(
    demo_county,
):
    from gonghui.safety.models import Inspection

    leaders = selectors.visits_per_leader(Inspection.objects.filter(on__year=2008), Workplace.objects.all())
    chairman, counts, _total = leaders[0]
    assert chairman.name == "罗永福"
    for mine in Workplace.objects.coal():
        assert counts[mine.pk] in ({7, 8} if mine.is_key else {5, 6}), mine


def test_supervisor_lists_show_the_certificates_expiring_within_sixty_days_of_the_year_end(
    client, county_admin
):
    client.force_login(county_admin)
    response = client.get(reverse("safety:supervisor-list"), {"year": 2008})
    assert len(response.context["expiring"]) == 3
    assert response.context["without"] == []


def test_the_hazard_register_flags_overdue_hazards_and_rates_per_township(client, county_admin):
    client.force_login(county_admin)
    response = client.get(reverse("safety:hazard-list"), {"year": 2008, "state": "overdue"})
    assert response.context["found"] == 5
    response = client.get(reverse("safety:hazard-list"), {"year": 2008})
    assert response.context["found"] == Hazard.objects.count()
    assert sum(f for _k, f, _r, _p in response.context["by_township"]) == response.context["found"]
    index = client.get(reverse("safety:index"), {"year": 2008})
    assert len(index.context["major_overdue"]) == 2


def test_accident_figures_give_deaths_per_million_tonnes_of_reported_output(client, county_admin):
    client.force_login(county_admin)
    figures = client.get(reverse("safety:accident-list"), {"year": 2008}).context["figures"]
    assert figures["totals"]["deaths"] == 12
    output = sum(r.output for r in MonthlyReport.objects.all())
    assert figures["per_million"] == round(12 * 1_000_000 / output, 2)
    assert sum(t["deaths"] for t in figures["townships"]) == 12


def test_a_committee_officer_cannot_return_or_accept(client, gaoqiao):
    client.force_login(gaoqiao)
    report = MonthlyReport.objects.visible_to(gaoqiao).filter(status=ReportStatus.ACCEPTED).first()
    assert (
        client.post(reverse("safety:report-move", args=[report.pk, "return"]), {"comment": "x"}).status_code
        == 404
    )
    assert gaoqiao.role == Role.COMMITTEE_OFFICER


CODES = ["safety.coal_mine_pairs", "safety.accidents", "safety.deaths", "safety.supervisors_trained",
         "safety.supervisors_certified", "safety.enterprises_inspected", "safety.hazards_found",
         "safety.hazards_rectified", "safety.monthly_report_rate", "safety.rectification_rate"]  # fmt: skip


def test_the_demo_county_reproduces_the_seed_figures_of_section_two_three(demo_county):
    county = Organization.objects.get(code="QS")
    values = indicators.compute(county, indicators.Period.year(2008), CODES)
    assert values["safety.coal_mine_pairs"] == 61
    assert values["safety.accidents"] == 8
    assert values["safety.deaths"] == 12
    assert values["safety.supervisors_trained"] > 100
    assert values["safety.supervisors_certified"] == values["safety.supervisors_trained"]
    assert values["safety.enterprises_inspected"] == 37
    assert values["safety.hazards_found"] == 213
    assert values["safety.hazards_rectified"] == 201
    assert values["safety.monthly_report_rate"] == 100


def test_the_demo_is_fast_and_a_second_run_adds_nothing(demo_county):
    assert demo_county["seconds"] < 5
    counts = (Workplace.objects.count(), MonthlyReport.objects.count())
    safety_demo.build(random.Random("gonghui-demo-safety"))
    assert (Workplace.objects.count(), MonthlyReport.objects.count()) == counts


def test_a_townships_figures_count_its_own_mines_only(demo_county):
    gaoqiao = Organization.objects.get(code="QS-T02")
    values = indicators.compute(gaoqiao, indicators.Period.year(2008), CODES)
    assert values["safety.coal_mine_pairs"] == 2 + 1 + 1 + 2
    supervisors = Supervisor.objects.filter(organization__path__startswith=gaoqiao.path)
    assert (
        values["safety.supervisors_certified"]
        == supervisors.filter(certificates__issued_on__year=2008).count()
    )
    accidents = Accident.objects.filter(organization__path__startswith=gaoqiao.path)
    assert values["safety.deaths"] == sum(a.deaths for a in accidents)


def test_the_dashboard_lists_the_overdue_major_hazards_first_and_charts_hazards_per_committee(
    client, county_admin
):
    client.force_login(county_admin)
    response = client.get("/", {"year": 2008})
    todos = {str(t.label): t for t in response.context["todos"]}
    assert (
        todos["Major hazards past their deadline"].count == 2
        and todos["Major hazards past their deadline"].urgent
    )
    assert todos["Hazards past their deadline"].count == 5
    assert todos["Supervisors' certificates expiring within 60 days"].count == 3
    chart = next(c for c in response.context["charts"] if c.key == "safety-hazards")
    assert sum(chart.series[0][1]) == Hazard.objects.count()
