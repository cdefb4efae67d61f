from gonghui.orgs.demo import credit_code
from gonghui.orgs.models import Enterprise
from tests.factories import EnterpriseFactory

from .files import write_xlsx

HEADER = [
    "单位名称",
    "统一社会信用代码",
    "经济类型",
    "乡镇",
    "职工人数",
    "女职工人数",
    "是否煤矿",
    "煤矿对数",
]


def ent_row(n, **kw):
    row = {"name": f"高桥建材厂{n}", "code": credit_code(n), "ownership": "私营", "township": "高桥镇", "staff": 50,
           "women": 20, "mine": "否", "pairs": None} | kw  # fmt: skip
    return list(row.values())


def xlsx(tmp_path, rows, name="e.xlsx"):
    return write_xlsx(tmp_path / name, {"Sheet1": [["单位名册"], *rows]})


def test_enterprises_are_imported_under_the_township_committee(do_import, tmp_path, cast):
    result = do_import(
        "enterprises", xlsx(tmp_path, [HEADER, ent_row(1), ent_row(2, mine="是", pairs="2对")])
    )
    assert (result.status, result.rows_imported) == ("committed", 2)
    mine = Enterprise.objects.get(credit_code=credit_code(2))
    assert (mine.is_coal_mine, mine.coal_mine_pairs, mine.organization) == (True, 2, cast.township_a)


def test_reimport_matches_on_the_credit_code(do_import, tmp_path):
    do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1)]))
    result = do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1, staff=60)], name="b.xlsx"))
    assert (result.rows_imported, result.rows_updated, Enterprise.objects.get().staff_count) == (0, 1, 60)


def test_a_wrong_credit_code_is_a_row_error(do_import, tmp_path):
    bad = credit_code(1)[:17] + ("0" if credit_code(1)[17] != "0" else "1")
    result = do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1, code=bad)]))
    assert [(e.row, e.column) for e in result.errors] == [(3, "统一社会信用代码")]


def test_more_women_than_staff_is_a_row_error(do_import, tmp_path):
    result = do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1, women=80)]))
    assert [(e.row, e.column) for e in result.errors] == [(3, "女职工人数")]


def test_a_coal_mine_needs_its_pairs(do_import, tmp_path):
    result = do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1, mine="√")]))
    assert [(e.row, e.column) for e in result.errors] == [(3, "煤矿对数")]


def test_an_enterprise_of_another_township_cannot_be_overwritten(do_import, tmp_path, cast):
    EnterpriseFactory(credit_code=credit_code(1), organization=cast.township_b)
    result = do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1)]))
    assert result.status == "rejected" and result.errors[0].column == "统一社会信用代码"


def test_enterprises_without_a_code_are_matched_by_name(do_import, tmp_path):
    path = xlsx(tmp_path, [HEADER, ent_row(1, code=""), ent_row(2, code="")])
    do_import("enterprises", path)
    second = do_import("enterprises", path)
    assert (second.rows_imported, Enterprise.objects.count()) == (0, 2)


def test_the_same_enterprise_name_twice_without_codes_is_imported_once_when_the_rows_agree(
    do_import, tmp_path
):
    result = do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1, code=""), ent_row(1, code="")]))
    assert result.status == "committed" and result.rows_imported == 1
    assert "same as row 3" in result.warnings[0].reason and result.warnings[0].row == 4


def test_the_same_enterprise_name_twice_without_codes_is_an_error_when_the_rows_differ(do_import, tmp_path):
    result = do_import(
        "enterprises", xlsx(tmp_path, [HEADER, ent_row(1, code=""), ent_row(1, code="", staff=60)])
    )
    assert result.status == "rejected" and "row 3 with different details" in result.errors[0].reason


def test_an_unknown_ownership_lists_the_allowed_ones(do_import, tmp_path):
    result = do_import("enterprises", xlsx(tmp_path, [HEADER, ent_row(1, ownership="外星")]))
    assert "国有" in result.errors[0].reason and result.errors[0].column == "经济类型"
