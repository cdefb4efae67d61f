"""Gift lists and hand-overs as offices keep them in Excel, through the ledger engine."""

from decimal import Decimal

import pytest

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.relief.models import Donation, HandOver, Receipt
from tests.ledgers.files import write_xlsx

from .conftest import D, give

pytestmark = pytest.mark.django_db

HEADER = [
    "募捐活动",
    "场次",
    "捐赠日期",
    "捐赠单位或个人",
    "类别",
    "物品",
    "数量",
    "单位",
    "金额(元)",
    "匿名",
]


def test_a_market_day_list_imports_whole_with_receipts_after_the_live_ones(tmp_path, cast, campaign):
    give(campaign, cast.township_b, "100", received_on=D(2008, 5, 15))  # receipt 1, entered live
    path = write_xlsx(
        tmp_path / "gifts.xlsx",
        {
            "5月21日": [
                ["水坝塘镇工会工委5月21日赶场天捐款登记表"],
                HEADER,
                [
                    "抗震救灾献爱心捐款",
                    None,
                    "2008.5.21",
                    "李大山",
                    "现金",
                    None,
                    None,
                    None,
                    "１,２００元",
                    "否",
                ],
                ["抗震救灾献爱心捐款", None, "2008年5月21日", "王二", None, None, None, None, "50", "是"],
                [
                    "抗震救灾献爱心捐款",
                    None,
                    "2008-05-21",
                    "水坝塘镇供销社",
                    "实物",
                    "大米",
                    "20",
                    "袋",
                    "1600",
                    None,
                ],
                ["合计", None, None, None, None, None, None, None, "2850", None],
            ]
        },
    )
    result = run_import(get_kind("donations"), path, organization=cast.township_b)
    assert result.status == "committed", [e.as_dict() for e in result.errors]
    assert result.rows_imported == 3
    gifts = {d.donor_name: d for d in Donation.objects.filter(organization=cast.township_b)}
    assert gifts["李大山"].amount == Decimal("1200") and gifts["王二"].anonymous
    assert gifts["水坝塘镇供销社"].donor_kind == "organisation" and gifts["水坝塘镇供销社"].item == "大米"
    numbers = sorted(Receipt.objects.filter(organization=cast.township_b).values_list("number", flat=True))
    assert numbers == [1, 2, 3]  # two cash gifts after the live one; none for the rice


def test_bad_rows_are_refused_with_their_reason_and_nothing_is_half_imported(tmp_path, cast, campaign):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        {
            "Sheet1": [
                HEADER,
                ["抗震救灾献爱心捐款", None, "2008-05-21", "甲", "现金", None, None, None, "0", None],
                ["抗震救灾献爱心捐款", None, "2008-05-21", "乙", "实物", "棉被", "2", "床", "0", None],
                ["抗震救灾献爱心捐款", None, "2008-04-01", "丙", "现金", None, None, None, "10", None],
                ["没有这个活动", None, "2008-05-21", "丁", "现金", None, None, None, "10", None],
                ["抗震救灾献爱心捐款", None, "2008-05-21", "戊", "现金", None, None, None, "10", None],
            ]
        },
    )
    result = run_import(get_kind("donations"), path, organization=cast.township_b)
    assert result.status == "rejected"
    reasons = {(e.row, e.column) for e in result.errors}
    assert {(2, "金额(元)"), (3, "金额(元)"), (4, "捐赠日期"), (5, "募捐活动")} <= reasons
    assert not Donation.objects.exists() and not Receipt.objects.exists()


def test_a_hand_over_list_cannot_hand_over_more_than_held(tmp_path, cast, campaign):
    give(campaign, cast.township_b, "1000")
    header = ["募捐活动", "上交日期", "接收单位", "金额", "对方收据号"]
    path = write_xlsx(
        tmp_path / "h.xlsx",
        {
            "Sheet1": [
                header,
                ["抗震救灾献爱心捐款", "2008-05-26", "黔山县总工会", "600", "县总收001"],
                ["抗震救灾献爱心捐款", "2008-05-27", "县红十字会", "500", ""],
            ]
        },
    )
    result = run_import(get_kind("donation_handovers"), path, organization=cast.township_b)
    assert result.status == "rejected"
    assert [(e.row, e.column) for e in result.errors] == [(3, "金额")]
    path = write_xlsx(
        tmp_path / "h2.xlsx",
        {"Sheet1": [header[:4], ["抗震救灾献爱心捐款", "2008-05-26", "黔山县总工会", "600"]]},
    )
    assert (
        run_import(get_kind("donation_handovers"), path, organization=cast.township_b).status == "committed"
    )
    assert HandOver.objects.get().recipient_union == cast.county
