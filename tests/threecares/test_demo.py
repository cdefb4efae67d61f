"""The demo at a small scale (the full one is 133,000 people: run by hand, see the report)."""

import random

import pytest

from gonghui.orgs import demo as org_demo
from gonghui.reporting import indicators
from gonghui.threecares import demo
from gonghui.threecares import models as m
from tests.conftest import built_once

SEED = {
    "out_migrants": 92388, "incoming": 8764, "returnees": 208, "elders": 8129, "children_pupils": 12406,
    "children_preschool": 4755, "proxy_parents": 6880, "trainings": 47, "trainees": 26724, "training_funds": 150000,
    "referral_events": 19, "referred": 5319, "employed": 3211, "migrants_visited": 354,
    "migrants_visited_amount": 19256, "elders_paired": 3410, "elders_visited": 395, "elders_visited_amount": 39645,
    "elders_medical_waivers": 45841, "children_visited": 2007, "children_visited_amount": 46831,
    "family_phones": 224, "family_mailboxes": 116, "mutual_aid_societies": 109, "greeting_cards": 15000,
}  # fmt: skip
SCALE = 0.01


def test_full_scale_targets_are_the_seeds_figures():
    assert demo.TARGETS == SEED
    assert sum(amount for _name, amount in demo.SPONSORS) == 45000 and demo.SPONSORS[0] == (
        "黔山县总工会",
        25000,
    )


def _build():
    org_demo.build(random.Random("gonghui-demo-orgs"))
    return demo.build(random.Random("t"), scale=SCALE)


@pytest.fixture(scope="module")
def shared_small_demo(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, _build) as created:
        yield created


@pytest.fixture
def small_demo(shared_small_demo, db):
    """The small demo, built once for this module and shared read-only."""
    return shared_small_demo


def _figures():
    from gonghui.orgs.models import Organization

    county = Organization.objects.get(code="QS")
    return indicators.compute(county, indicators.Period.year(2008),
                              codes=[i.code for i in indicators.all_indicators() if i.code.startswith("three_cares.")
                                     and not i.code.startswith("three_cares.rights")])  # fmt: skip


def test_small_demo_figures_are_the_scaled_targets_computed_from_records(small_demo):
    values = _figures()
    for key in SEED:
        assert values[f"three_cares.{key}"] == demo.scaled(key, SCALE), key
    assert (
        values["three_cares.children"]
        == values["three_cares.children_pupils"] + values["three_cares.children_preschool"]
    )


def test_demo_twice_creates_nothing_the_second_time(small_demo):
    again = demo.build(random.Random("t"), scale=SCALE)
    assert not any(again.values()), again


def test_demo_children_have_parents_among_out_migrants_and_most_a_grandparent_elder(small_demo):
    kid = m.LeftBehindChild.objects.filter(guardian__isnull=False).select_related("family").first()
    assert m.OutMigrant.objects.filter(person=kid.father, family=kid.family).exists()
    assert m.Elder.objects.filter(person=kid.guardian, family=kid.family).exists()


def test_split_gives_positive_parts_that_add_up():
    parts = demo.split(19256, 354, random.Random(1), step=10)
    assert sum(parts) == 19256 and len(parts) == 354 and min(parts) > 0
