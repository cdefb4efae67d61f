"""Every figure of sections 一 and 二.5 lists its records, they add up to it, and the figures page by
township computes each in one grouped query (reporting.indicators.compute_children)."""

import random

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gonghui.membership import demo
from gonghui.membership.views import CODES
from gonghui.orgs import demo as org_demo
from gonghui.orgs.models import Organization
from gonghui.reporting import indicators
from gonghui.reporting.indicators import Period
from gonghui.threecares import demo as threecares_demo

PERIODS = (Period.year(2008), Period.quarter(2008, 2), Period.month(2008, 10))


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    """The demo county's membership records (Three Cares small); rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        org_demo.build(random.Random("gonghui-demo-orgs"))
        threecares_demo.build(random.Random("t"), scale=0.01)
        demo.build(random.Random("gonghui-demo-membership"))
        yield Organization.objects.get(code="QS")
        transaction.set_rollback(True)


def test_every_figure_of_the_area_declares_its_records_and_their_owner():
    for code in CODES:
        ind = indicators.get(code)
        assert ind.has_records and ind.via is not None and ind.columns, code


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_the_records_listed_add_up_to_the_figure(county, code):
    ind = indicators.get(code)
    township = Organization.objects.get(code="QS-T02")
    for org in (county, township):
        for period in PERIODS:
            rows = indicators.records(code, org, period)
            assert ind.records_total(rows) == ind.value(org, period), (code, org.name, period)
    assert indicators.value(code, county, PERIODS[0]), f"{code} is 0 in the demo county: the test proves nothing"
    # The drill-down's columns are lookups the records answer.
    rows = indicators.records(code, county, PERIODS[0]).order_by(*ind.order)
    assert rows.values_list(*[lookup for lookup, _label in ind.columns])[:3]


@pytest.mark.django_db
def test_the_figures_by_township_are_one_grouped_query_each_and_equal_one_township_at_a_time(county):
    townships = list(Organization.objects.filter(parent=county, is_active=True).order_by("path"))
    year = PERIODS[0]
    with CaptureQueriesContext(connection) as captured:
        batched = indicators.compute_children(county, year, CODES, children=townships)
    # One grouped query per figure, plus the rule of which workplaces owe a women's contract.
    assert len(captured) <= len(CODES) + 2
    for township in townships:
        assert batched[township.pk] == indicators.compute(township, year, CODES), township.name
    assert sum(row["org.new_members"] for row in batched.values()) == indicators.value("org.new_members", county,
                                                                                        year)  # fmt: skip
