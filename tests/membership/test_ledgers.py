"""Each refusal through the ledger path: the row names the column and the rule's reason."""

import datetime

from django.utils import translation

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.membership import models as m
from gonghui.membership import services
from tests.factories import id_number
from tests.ledgers.files import write_xlsx

D = datetime.date


def run(cast, kind, path):
    with translation.override("zh-hans"):
        result = run_import(get_kind(kind), path, organization=cast.township_a)
        return result, [e.as_dict() for e in result.errors]


MEMBERS = [
    "姓名",
    "身份证号码",
    "乡镇",
    "村(社区)",
    "所在工会",
    "入会日期",
    "会员证号",
    "是否农民工",
    "源头入会",
]


def test_members_file_records_new_members_and_refuses_joining_before_birth_or_twice(cast, union_a, member_a,
                                                                                     tmp_path):  # fmt: skip
    rows = [
        [
            "赵六",
            id_number(11, D(1980, 1, 1)),
            "高桥镇",
            "高桥村",
            "高桥茶厂工会",
            "2008-04-01",
            "C1",
            "是",
            "否",
        ],
        [
            "钱七",
            id_number(12, D(1990, 6, 1)),
            "高桥镇",
            "高桥村",
            "高桥茶厂工会",
            "1989-04-01",
            "C2",
            "否",
            "否",
        ],
        [
            member_a.person.name,
            id_number(321),
            "高桥镇",
            "高桥村",
            "高桥茶厂工会",
            "2008-09-01",
            "C3",
            "否",
            "否",
        ],
    ]
    result, errors = run(
        cast, "members", write_xlsx(tmp_path / "m.xlsx", {"会员": [["会员名册"], MEMBERS, *rows]})
    )
    assert result.status == "rejected"
    assert {(e["row"], e["column"]) for e in errors} == {(4, "入会日期"), (5, "身份证号码")}
    assert "出生" in errors[0]["reason"] and "已是" in errors[1]["reason"]
    result, errors = run(cast, "members", write_xlsx(tmp_path / "ok.xlsx", {"会员": [MEMBERS, rows[0]]}))
    assert result.status == "committed", errors
    joined = m.Membership.objects.get(card_number="C1")
    assert joined.organization == union_a and joined.is_migrant_worker and joined.person.name == "赵六"


def test_union_events_file_refuses_a_founding_after_the_dissolution(cast, union_a, tmp_path):
    services.record_union_event(union=union_a, kind="dissolved", on=D(2007, 6, 1))
    header = ["工会名称", "事项", "日期", "建会形式", "工会主席", "会员人数"]
    path = write_xlsx(
        tmp_path / "u.xlsx", {"Sheet1": [header, ["高桥茶厂工会", "组建", "2008-03-01", "单独", "张", 30]]}
    )
    result, errors = run(cast, "union_events", path)
    assert result.status == "rejected" and errors[0]["column"] == "日期" and "撤销" in errors[0]["reason"]


def test_union_events_file_refuses_a_dissolution_before_a_founding_in_the_same_file(cast, union_a, tmp_path):
    header = ["工会名称", "事项", "日期"]
    rows = [["高桥茶厂工会", "组建", "2008-03-01"], ["高桥茶厂工会", "撤销", "2008-01-01"]]
    result, errors = run(cast, "union_events", write_xlsx(tmp_path / "u.xlsx", {"Sheet1": [header, *rows]}))
    assert result.status == "rejected" and [e["row"] for e in errors] == [3]


def test_contracts_file_refuses_a_coverage_over_100_percent(cast, workplace_a, tmp_path):
    header = ["单位名称", "合同类型", "签订日期", "生效日期", "期满日期", "覆盖职工人数", "覆盖女职工人数"]
    rows = [["高桥茶厂", "女职工专项", "2008-03-08", "2008-03-08", "2011-03-07", 50, 25],
            ["高桥茶厂", "综合性", "2008-03-08", "2008-03-08", "2011-03-07", 50, 20]]  # fmt: skip
    result, errors = run(
        cast, "collective_contracts", write_xlsx(tmp_path / "c.xlsx", {"S": [header, *rows]})
    )
    assert result.status == "rejected"
    assert [(e["row"], e["column"]) for e in errors] == [(2, "覆盖女职工人数")] and "100%" in errors[0][
        "reason"
    ]


def test_workplace_return_file_refuses_more_contracts_than_staff_and_records_the_year(
    cast, workplace_a, tmp_path
):
    header = [
        "单位名称",
        "年度",
        "新签劳动合同",
        "已签劳动合同职工数",
        "职代会建立时间",
        "最近一次职代会",
        "实行厂务公开",
        "检查日期",
    ]
    bad = write_xlsx(tmp_path / "b.xlsx", {"S": [header, ["高桥茶厂", 2008, 10, 51, None, None, None, None]]})
    result, errors = run(cast, "workplace_democracy", bad)
    assert result.status == "rejected" and errors[0]["column"] == "已签劳动合同职工数"
    good = write_xlsx(tmp_path / "g.xlsx", {"S": [header, ["高桥茶厂", 2008, 10, 45, "2005-01-01", "2008-04-01", "是",
                                                          "2008-05-20"]]})  # fmt: skip
    result, errors = run(cast, "workplace_democracy", good)
    assert result.status == "committed", errors
    assert m.LabourContractReturn.objects.get(workplace=workplace_a, year=2008).signed == 10
    assert m.WorkersCongress.objects.get(workplace=workplace_a).last_session_on == D(2008, 4, 1)
    assert m.OpenAffairsCheck.objects.get(workplace=workplace_a).practised


def test_events_and_honours_files_are_recorded(cast, tmp_path):
    header = ["活动名称", "类别", "本会角色", "日期", "地点", "参加人数"]
    path = write_xlsx(
        tmp_path / "e.xlsx", {"S": [header, ["全县职工象棋赛", "体育", "主办", "2008-06-15", "县城", 64]]}
    )
    assert run(cast, "union_activities", path)[0].status == "committed"
    header = ["表彰类别", "姓名", "身份证号", "班组或岗位", "表彰日期", "表彰单位"]
    path = write_xlsx(tmp_path / "h.xlsx", {"S": [header, ["先进女职工", "孙八", id_number(77, D(1978, 2, 2)), None,
                                                           "2008-03-08", "黔山县总工会"]]})  # fmt: skip
    result, errors = run(cast, "honours", path)
    assert result.status == "committed", errors
    assert m.Honour.objects.get().person.name == "孙八"
