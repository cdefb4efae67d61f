"""The demo county's figures of sections 一 and 二.5, from its records, through the indicators users run.

The Three Cares registry is built small here (the full demo, 133,000 people, is run by hand:
`gonghui demo`, then `gonghui figures --org 黔山县总工会 --year 2008 --json`), so joining at source
takes every out-migrant there is instead of 16,200; every other figure is the seed's.
"""

import random

from gonghui.membership import demo
from gonghui.membership import models as m
from gonghui.orgs import demo as org_demo
from gonghui.orgs.models import Organization
from gonghui.reporting import indicators
from gonghui.threecares import demo as threecares_demo
from gonghui.threecares.models import OutMigrant

SEED = {
    "docs.issued": 17, "org.followup_meetings": 38, "org.new_unions": 68, "org.new_members": 2970,
    "org.reorganised": 24, "democracy.open_affairs_public": 220, "democracy.open_affairs_private": 121,
    "women.special_contracts": 135, "women.special_contracts_women": 1091, "women.special_contracts_coverage": 80,
    "women.assistance_amount": 15000, "women.leaflets": 1500, "women.commended": 23, "homes.qualified": 15,
    "homes.excellent": 3, "homes.model_small": 2,
}  # fmt: skip
BLANK_IN_THE_SEED = ["democracy.collective_contracts", "democracy.labour_contracts", "democracy.workers_congresses"]


def _figures(org):
    return indicators.compute(org, indicators.Period.year(2008), [*SEED, *BLANK_IN_THE_SEED, "org.joined_at_source"])


def test_demo_reproduces_the_seeds_figures_from_records_and_rebuilds_in_place(db):
    org_demo.build(random.Random("gonghui-demo-orgs"))
    threecares_demo.build(random.Random("t"), scale=0.01)
    demo.build(random.Random("gonghui-demo-membership"))
    county = Organization.objects.get(code="QS")
    values = _figures(county)
    assert {code: values[code] for code in SEED} == SEED
    # The seed left these blank; the demo has plausible records, and a few workplaces still owe their count.
    assert all(values[code] > 0 for code in BLANK_IN_THE_SEED)
    from gonghui.membership.selectors import workplaces_missing_counts

    assert 0 < workplaces_missing_counts(county, 2008).count() < 20
    # Each migrant worker who joined at source is a person of the out-migrant registry.
    at_source = m.Membership.objects.filter(joined_at_source=True)
    assert values["org.joined_at_source"] == at_source.count() == min(demo.TARGETS["joined_at_source"],
                                                                       OutMigrant.objects.count())  # fmt: skip
    assert not at_source.exclude(person__in=OutMigrant.objects.values("person")).exists()
    # The county's committee term ended in October and its congress is being prepared.
    term = m.CommitteeTerm.objects.get(organization=county, number=10)
    assert term.ends_on.month == 10 and term.congresses.get().status == "preparing"
    # A township sees its part only; a second build gives the same county, not two.
    township = _figures(Organization.objects.get(code="QS-T02"))
    assert 0 < township["org.new_members"] < values["org.new_members"]
    counts = [model.objects.count() for model in m.AUDITED]
    demo.build(random.Random("gonghui-demo-membership"))
    assert [model.objects.count() for model in m.AUDITED] == counts
    assert _figures(county) == values


def test_targets_are_the_seeds_figures():
    assert demo.TARGETS["new_unions"] == 68 and demo.TARGETS["joined_at_source"] == 16200
    assert round(demo.TARGETS["special_contracts"] * 100 / demo.DUE) == 80
