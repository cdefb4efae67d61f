"""BRIEF.md's whole table: `gonghui figures --org 黔山县总工会 --year 2008 --json` on the full demo.

A code no area has registered yet is skipped, naming the code, and starts checking as soon as its
area lands. Building the full demo county (133,000 people) costs about 45 s of CPU, so this module
runs when GONGHUI_BRIEF_TABLE=1 (the lead's merge check); tests/threecares/test_demo.py and
tests/assistance/test_demo_figures.py check the same figures at a small scale on every run.
"""

import functools
import json
import os
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from gonghui.reporting import indicators

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("GONGHUI_BRIEF_TABLE") != "1",
        reason="builds the full demo county (~45 s CPU): run with GONGHUI_BRIEF_TABLE=1",
    ),
    # Marked, so that pytest-django sets up the test database even when this module runs alone
    # (without a test that asks for it, the module fixture would reach the real database).
    pytest.mark.django_db,
]

EQ, GT, GE, SOME = "==", ">", ">=", "some"
# code -> (check, value); "some" is a figure the seed left blank: the demo fills it, so > 0.
COUNTY = {
    "docs.issued": (EQ, 17),
    "org.followup_meetings": (EQ, 38),
    "assistance.amount": (GT, 150000),
    "assistance.person_times": (GT, 900),
    "assistance.spring_festival_committees": (EQ, 24),
    "rights.cases": (GE, 98),
    "rights.people": (GE, 99),
    "rights.amount_recovered": (GE, 300000),
    "relief.households": (EQ, 40),
    "relief.amount": (EQ, 12000),
    "donations.amount": (GT, 5000000),
    "donations.union_share": (GT, 60),
    "safety.coal_mine_pairs": (EQ, 61),
    "safety.accidents": (EQ, 8),
    "safety.deaths": (EQ, 12),
    "safety.supervisors_trained": (GT, 100),
    "safety.supervisors_certified": (GT, 100),
    "safety.enterprises_inspected": (EQ, 37),
    "safety.hazards_found": (EQ, 213),
    "safety.hazards_rectified": (EQ, 201),
    "three_cares.out_migrants": (EQ, 92388),
    "three_cares.incoming": (EQ, 8764),
    "three_cares.returnees": (EQ, 208),
    "three_cares.elders": (EQ, 8129),
    "three_cares.children": (EQ, 17161),
    "three_cares.children_pupils": (EQ, 12406),
    "three_cares.children_preschool": (EQ, 4755),
    "three_cares.trainings": (EQ, 47),
    "three_cares.trainees": (EQ, 26724),
    "three_cares.training_funds": (EQ, 150000),
    "three_cares.referral_events": (EQ, 19),
    "three_cares.referred": (EQ, 5319),
    "three_cares.employed": (EQ, 3211),
    "three_cares.rights_cases": (EQ, 98),
    "three_cares.rights_people": (EQ, 99),
    "three_cares.migrants_visited": (EQ, 354),
    "three_cares.migrants_visited_amount": (EQ, 19256),
    "three_cares.elders_paired": (EQ, 3410),
    "three_cares.elders_visited": (EQ, 395),
    "three_cares.elders_visited_amount": (EQ, 39645),
    "three_cares.elders_medical_waivers": (EQ, 45841),
    "three_cares.proxy_parents": (EQ, 6880),
    "three_cares.children_visited": (EQ, 2007),
    "three_cares.children_visited_amount": (EQ, 46831),
    "three_cares.family_phones": (EQ, 224),
    "three_cares.family_mailboxes": (EQ, 116),
    "three_cares.mutual_aid_societies": (EQ, 109),
    "three_cares.greeting_cards": (EQ, 15000),
    "three_cares.greeting_cards_funds": (EQ, 45000),
    "org.new_unions": (EQ, 68),
    "org.new_members": (EQ, 2970),
    "org.joined_at_source": (EQ, 16200),
    "org.reorganised": (EQ, 24),
    "democracy.collective_contracts": (SOME, 0),
    "democracy.labour_contracts": (SOME, 0),
    "democracy.workers_congresses": (SOME, 0),
    "democracy.open_affairs_public": (EQ, 220),
    "democracy.open_affairs_private": (EQ, 121),
    "women.special_contracts": (EQ, 135),
    "women.special_contracts_women": (EQ, 1091),
    "women.special_contracts_coverage": (EQ, 80),
    "women.assistance_amount": (EQ, 15000),
    "women.leaflets": (EQ, 1500),
    "women.commended": (EQ, 23),
    "homes.qualified": (EQ, 15),
    "homes.excellent": (EQ, 3),
    "homes.model_small": (EQ, 2),
}
EDUCATION_UNION = {"assistance.amount": (GT, 60000), "assistance.person_times": (GT, 500)}


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    from gonghui.orgs.management.commands.demo import demo_modules

    with django_db_blocker.unblock(), transaction.atomic():
        for label, module in demo_modules():
            module.build(rng=random.Random(f"gonghui-demo-{label}"))
        yield
        transaction.set_rollback(True)


@functools.cache
def figures(org):
    """The command's output; the module's tests only read the demo, so once per organisation."""
    out = StringIO()
    call_command("figures", "--org", org, "--year", "2008", "--json", stdout=out)
    return json.loads(out.getvalue())


def check(code, got, rule):
    how, expected = rule
    if how == EQ:
        assert got == expected, (code, got, expected)
    elif how == GT:
        assert got > expected, (code, got, expected)
    elif how == GE:
        assert got >= expected, (code, got, expected)
    else:
        assert got > 0, (code, got, "the seed left it blank; the demo must fill it")


@pytest.mark.parametrize("code", sorted(COUNTY))
def test_the_county_figure_is_the_seeds(full_demo, code):
    if not indicators.is_registered(code):
        pytest.skip(f"{code} is not registered yet: its area has not landed")
    check(code, figures("黔山县总工会")[code], COUNTY[code])


def test_certified_supervisors_are_as_many_as_trained(full_demo):
    if not indicators.is_registered("safety.supervisors_certified"):
        pytest.skip("safety.* is not registered yet: the safety area has not landed")
    values = figures("黔山县总工会")
    assert values["safety.supervisors_certified"] == values["safety.supervisors_trained"]


@pytest.mark.parametrize("code", sorted(EDUCATION_UNION))
def test_the_education_unions_own_figure_is_the_seeds(full_demo, code):
    check(code, figures("教育工会")[code], EDUCATION_UNION[code])


def _notes(summary):
    return [s.text for b in summary.blocks for p in b.paragraphs for s in p if s.note]


def test_the_demo_summary_prints_every_figure_of_the_table_and_notes_only_the_missing_counts(full_demo):
    from gonghui.orgs.models import Organization
    from gonghui.summary import services

    summary = services.build_summary(org=Organization.objects.get(name="黔山县总工会"), year=2008)
    values = figures("黔山县总工会")
    printed = {u.code: indicators.as_json_number(u.value) for u in summary.used if u.org_name == "黔山县总工会"}
    for code in COUNTY:
        if indicators.is_registered(code):
            assert printed.get(code) == values[code], code  # in its place, the registry's value
    # No blank and no unchecked figure: the only notes name the workplaces that sent no count.
    assert all(n.startswith("[note:") for n in _notes(summary)), _notes(summary)


def test_the_seeds_implausible_wage_cases_make_the_summary_carry_a_quality_note(full_demo):
    from gonghui.assistance.models import RightsCase
    from gonghui.orgs.models import Organization
    from gonghui.summary import services

    with transaction.atomic():
        cases = RightsCase.objects.filter(kind="wages", people__is_migrant_worker=True).distinct()
        cases.filter(pk=cases.first().pk).update(amount_claimed=2809000000)  # "98 起 … 280900万元"
        summary = services.build_summary(org=Organization.objects.get(name="黔山县总工会"), year=2008)
        transaction.set_rollback(True)
    assert any(n.startswith("[to check:") for n in _notes(summary)), _notes(summary)
    assert "280900" not in "".join(s.text for b in summary.blocks for p in b.paragraphs for s in p)
