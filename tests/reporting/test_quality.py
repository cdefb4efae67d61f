"""Data-quality rules: the seed's 280,900万元 for 98 wage cases is caught and the case named."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.assistance import services as assistance
from gonghui.reporting import quality
from gonghui.reporting.indicators import Period
from gonghui.reporting.models import QualityRule
from tests.factories import EnterpriseFactory, PersonFactory

pytestmark = pytest.mark.django_db
YEAR = Period.year(2008)


def wage_rule(county):
    return QualityRule.objects.create(
        organization=county, code="wage-case-average", name="农民工欠薪案件平均金额", kind="average",
        params={"code": "three_cares.rights_cases", "field": "amount_claimed", "limit": 1000000,
                "filter": {"kind": "wages"}},
    )  # fmt: skip


def open_wage_case(cast, code, amount, n=1):
    people = [(PersonFactory(township=cast.place_a), "claimant", True) for _ in range(n)]
    return assistance.open_case(organization=cast.township_a, code=code, title=f"{code} 欠薪", kind="wages",
                                received_on=datetime.date(2008, 6, 1), people=people,
                                amount_claimed=Decimal(amount))  # fmt: skip


def test_the_seeds_280900_wanyuan_for_wage_cases_is_flagged_naming_the_case(cast):
    wage_rule(cast.county)
    open_wage_case(cast, "QS-2008-001", 12000, n=2)
    big = open_wage_case(cast, "QS-2008-002", 2_809_000_000)
    [finding] = quality.run(cast.county, YEAR)
    assert "QS-2008-002" in finding.message and "2,809,000,000" in finding.message
    assert finding.records == [(f"{big} — 2,809,000,000", big.get_absolute_url())]
    assert finding.links[0][1].startswith(reverse("reporting:records", args=["three_cares.rights_cases"]))


def test_plausible_wage_cases_give_no_finding(cast):
    wage_rule(cast.county)
    open_wage_case(cast, "QS-2008-001", 12000)
    assert quality.run(cast.county, YEAR) == []


def test_relations_parts_and_required_figures(cast):
    QualityRule.objects.create(organization=cast.county, code="coal", name="煤矿对数不超过企业数", kind="relation",
                               params={"left": "enterprises.coal_mine_pairs", "op": "<=",
                                       "right": "enterprises.registered"})  # fmt: skip
    QualityRule.objects.create(organization=cast.county, code="parts", name="三关 children", kind="parts",
                               params={"total": "three_cares.children", "parts": ["three_cares.children_pupils",
                                                                                  "three_cares.children_preschool"]})  # fmt: skip
    QualityRule.objects.create(organization=cast.county, code="req", name="培训必填", kind="required",
                               params={"code": "three_cares.trainings"})  # fmt: skip
    EnterpriseFactory(organization=cast.township_a, is_coal_mine=True, coal_mine_pairs=3)
    findings = quality.run(cast.county, YEAR)
    assert sorted(f.rule.code for f in findings) == ["coal", "req"]
    coal = next(f for f in findings if f.rule.code == "coal")
    assert "3" in coal.message and len(coal.links) == 2


def test_rules_on_codes_not_yet_registered_are_skipped_quietly(cast):
    # Codes of an area that has not landed (none has these names): the rules wait for it.
    QualityRule.objects.create(organization=cast.county, code="future", name="整改不超过发现", kind="relation",
                               params={"left": "future.hazards_rectified", "op": "<=",
                                       "right": "future.hazards_found"})  # fmt: skip
    QualityRule.objects.create(organization=cast.county, code="contracts", name="必填", kind="required",
                               params={"code": "future.contracts"})  # fmt: skip
    QualityRule.objects.create(organization=cast.county, code="mixed", name="一半已注册", kind="relation",
                               params={"left": "three_cares.employed", "op": "<=", "right": "future.referred"})  # fmt: skip
    assert quality.run(cast.county, YEAR) == []


def test_the_quality_page_lists_findings_for_the_subtree(client, cast):
    wage_rule(cast.county)
    open_wage_case(cast, "QS-2008-002", 2_809_000_000)
    client.force_login(cast.township_a_officer)
    page = client.get(reverse("reporting:findings"), {"year": "2008"})
    assert "QS-2008-002" in page.content.decode()
    client.force_login(cast.township_b_officer)
    assert client.get(reverse("reporting:findings"), {"year": "2008"}).context["findings"] == []
