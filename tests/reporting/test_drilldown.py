"""Every registered indicator lists the records behind it, and they add up to the figure."""

import pytest

from gonghui.reporting import indicators
from gonghui.reporting.indicators import Period

pytestmark = pytest.mark.django_db

YEAR = Period.year(2008)


def test_every_landed_indicator_declares_its_records():
    missing = [ind.code for ind in indicators.all_indicators() if not ind.has_records]
    assert not missing, f"indicators without records=: {missing}"


@pytest.mark.parametrize("code", [ind.code for ind in indicators.all_indicators()])
def test_the_records_listed_add_up_to_the_figure(small_county, code):
    ind = indicators.get(code)
    if not ind.has_records:
        pytest.skip(f"{code} declares no records")
    for period in (YEAR, Period.quarter(2008, 2)):
        rows = ind.records(small_county, period)
        assert ind.records_total(rows) == ind.value(small_county, period), (code, period)


def test_the_figures_of_every_committee_in_one_go_equal_one_committee_at_a_time(small_county):
    from gonghui.orgs.models import Organization

    children = list(Organization.objects.filter(parent=small_county, is_active=True).order_by("path"))
    batched = indicators.compute_children(small_county, YEAR)
    for child in children:
        assert batched[child.pk] == indicators.compute(child, YEAR), child.name
    assert any(v for row in batched.values() for v in row.values())
