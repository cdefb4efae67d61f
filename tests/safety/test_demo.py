import random

import pytest

from gonghui.orgs.models import Organization
from gonghui.reporting import indicators
from gonghui.safety import demo as safety_demo
from gonghui.safety.models import MonthlyReport, Workplace

pytestmark = pytest.mark.django_db

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
