import datetime
from decimal import Decimal

import pytest

from gonghui.assistance.models import (
    ArchiveStatus,
    HardshipArchive,
    HotlineCall,
    ModelWorker,
    Payment,
    RightsCase,
)
from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.people import idnumbers
from tests.ledgers.files import write_xlsx

from .factories import ProgrammeFactory, cause


def number(n):
    return idnumbers.make_valid("520199", datetime.date(1970, 5, 6), n)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def do_import(cast, tmp_path):
    cause()

    def run(kind, rows, *, org=None):
        path = write_xlsx(tmp_path / f"{kind}.xlsx", {"Sheet1": rows})
        return run_import(get_kind(kind), path, organization=org or cast.township_a)

    return run


ARCHIVE_HEADER = ["档案编号", "户主姓名", "身份证号码", "乡(镇)", "村(居)委会", "困难类别", "是否特困", "致困原因",
                  "就业状况", "家庭人口", "家庭人均月收入", "开户银行", "银行账号", "建档日期"]  # fmt: skip


def archive_row(n, **over):
    row = {"code": f"GQ-{n:03d}", "name": "困难户" + "甲乙丙丁戊"[n % 5], "id": number(n), "township": "高桥镇", "village": "高桥村",
           "category": "深度困难", "extreme": "是", "cause": "因病", "employment": "下岗", "size": 3, "income": "150元",
           "bank": "信用社", "account": "6223 5123 4567 8901", "date": "2008年1月4日"} | over  # fmt: skip
    return list(row.values())


def test_archives_ledger_files_households_with_encrypted_bank_accounts(do_import, cast):
    result = do_import(
        "hardship_archives", [["高桥镇困难职工档案"], ARCHIVE_HEADER, archive_row(1), archive_row(2)]
    )
    assert (result.status, result.rows_imported) == ("committed", 2), result.errors
    archive = HardshipArchive.objects.get(code="GQ-001")
    assert archive.organization == cast.village_union_a and archive.status == ArchiveStatus.ARCHIVED
    assert archive.bank_account_masked.endswith("8901") and "4567" not in archive.bank_account_cipher
    assert archive.head.name == "困难户乙" and archive.monthly_income_per_head == Decimal("150")


def test_archives_ledger_rejects_an_unknown_cause_naming_row_and_column(do_import):
    result = do_import("hardship_archives", [ARCHIVE_HEADER, archive_row(1), archive_row(2, cause="太穷")])
    assert result.status == "rejected" and not HardshipArchive.objects.exists()
    error = result.errors[0]
    assert (error.row, error.column, error.value) == (3, "致困原因", "太穷")


def test_archives_ledger_reimport_files_nothing_twice(do_import):
    do_import("hardship_archives", [ARCHIVE_HEADER, archive_row(1)])
    result = do_import("hardship_archives", [ARCHIVE_HEADER, archive_row(1)])
    assert result.status == "committed" and HardshipArchive.objects.count() == 1


PAYMENT_HEADER = [
    "姓名",
    "身份证号",
    "乡镇",
    "村(社区)",
    "档案编号",
    "帮扶项目",
    "受助人类别",
    "金额",
    "资金来源",
    "申请日期",
]


def test_payments_ledger_records_applications_and_refuses_a_row_over_the_cap(do_import, cast):
    ProgrammeFactory(organization=cast.county, name="2008年生活救助", per_person_year_cap=300)
    ok = [
        "李一",
        number(11),
        "高桥镇",
        "高桥村",
        "",
        "2008年生活救助",
        "农民工",
        "200",
        "上级工会",
        "2008-01-07",
    ]
    over = [
        "李一",
        number(11),
        "高桥镇",
        "高桥村",
        "",
        "2008年生活救助",
        "农民工",
        "200",
        "上级工会",
        "2008-06-07",
    ]
    result = do_import("assistance_payments", [PAYMENT_HEADER, ok, over])
    assert result.status == "rejected" and not Payment.objects.exists()
    assert (result.errors[0].row, result.errors[0].column) == (3, "金额") and "300" in result.errors[0].reason
    result = do_import("assistance_payments", [PAYMENT_HEADER, ok])
    assert result.status == "committed"
    payment = Payment.objects.get()
    assert (payment.status, payment.amount, payment.beneficiary_kind) == (
        "applied",
        Decimal("200"),
        "migrant_worker",
    )
    assert payment.steps.get().status == "applied"


def test_payments_ledger_names_a_programme_that_does_not_exist(do_import):
    row = [
        "李一",
        number(11),
        "高桥镇",
        "高桥村",
        "",
        "不存在的项目",
        "农民工",
        "200",
        "上级工会",
        "2008-01-07",
    ]
    result = do_import("assistance_payments", [PAYMENT_HEADER, row])
    assert result.status == "rejected" and result.errors[0].column == "帮扶项目"


def test_hotline_ledger_logs_calls(do_import):
    header = ["来电日期", "来电时间", "来电人", "联系电话", "来电事由", "来电内容", "接听人", "处理结果"]
    result = do_import("hotline_calls", [header, ["2008-03-10", "9:30", "李四", "13800001111", "欠薪", "欠薪三个月",
                                                  "王建国", "已解答"]])  # fmt: skip
    assert result.status == "committed", result.errors
    call = HotlineCall.objects.get()
    assert call.topic == "wages" and call.called_at.hour in (1, 9)


def test_cases_ledger_groups_several_people_into_one_case(do_import, cast):
    header = ["案件编号", "案件名称", "案件类别", "是否法律援助", "受理日期", "办理状态", "结案日期", "诉求金额", "追回金额",
              "承办人", "姓名", "身份证号", "乡镇", "村(社区)", "是否农民工"]  # fmt: skip
    common = [
        "WQ-9",
        "追讨工资",
        "欠薪",
        "否",
        "2008-03-10",
        "已结案",
        "2008-04-10",
        "20000",
        "18000",
        "彭志炳",
    ]
    result = do_import("rights_cases", [header, common + ["甲", number(21), "高桥镇", "高桥村", "是"],
                                        common + ["乙", number(22), "高桥镇", "高桥村", "是"]])  # fmt: skip
    assert result.status == "committed", result.errors
    case = RightsCase.objects.get()
    assert case.people.filter(is_migrant_worker=True).count() == 2
    assert (case.status, case.amount_recovered, case.closed_on) == (
        "closed_won",
        18000,
        datetime.date(2008, 4, 10),
    )


def test_model_workers_ledger_registers_and_then_updates(do_import):
    header = ["姓名", "身份证号", "乡镇", "村(社区)", "级别", "荣誉称号", "授予年份", "现状", "是否困难"]
    row = ["劳模甲", number(31), "高桥镇", "高桥村", "省级", "省劳动模范", 1995, "退休", "否"]
    assert do_import("model_workers", [header, row]).status == "committed"
    row[7], row[8] = "务农", "是"
    result = do_import("model_workers", [header, row])
    assert result.status == "committed"
    worker = ModelWorker.objects.get()
    assert (worker.situation, worker.in_hardship, worker.level) == ("farming", True, "provincial")


def test_cases_ledger_warns_about_an_implausible_claim(do_import):
    header = [
        "案件编号",
        "案件名称",
        "案件类别",
        "受理日期",
        "诉求金额",
        "姓名",
        "身份证号",
        "乡镇",
        "村(社区)",
        "是否农民工",
    ]
    row = [
        "WQ-10",
        "追讨工资",
        "欠薪",
        "2008-03-10",
        "280900万元",
        "甲",
        number(41),
        "高桥镇",
        "高桥村",
        "是",
    ]
    result = do_import("rights_cases", [header, row])
    assert result.status == "committed"
    assert result.warnings[0].column == "诉求金额" and "2809000000" in result.warnings[0].reason


@pytest.mark.parametrize("kind", ["hardship_archives", "assistance_payments", "hotline_calls", "rights_cases",
                                  "model_workers"])  # fmt: skip
def test_each_kind_offers_an_upload_page_and_a_template_with_every_header(client, cast, kind, tmp_path):
    from python_calamine import CalamineWorkbook

    client.force_login(cast.township_a_officer)
    assert client.get(f"/ledgers/{kind}/").status_code == 200
    response = client.get(f"/ledgers/{kind}/template.xlsx")
    assert response.status_code == 200
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    # Required headers carry a "*" in the template.
    assert [str(c).rstrip("*") for c in rows[0] if c != ""] == [c.header for c in get_kind(kind).columns]


def test_payments_ledger_checks_the_household_cap_across_rows_and_programmes(do_import, cast, household):
    from .factories import eligibility_line

    eligibility_line(cast.place_a, cap="500")
    ProgrammeFactory(organization=cast.county, name="2008年生活救助")
    ProgrammeFactory(organization=cast.county, name="2008年医疗救助", kind="medical_aid")
    number = household.head.clear_id_number()
    rows = [[household.head.name, number, "高桥镇", "高桥村", household.code, programme, "困难职工", amount, "上级工会",
             "2008-03-01"] for programme, amount in [("2008年生活救助", "300"), ("2008年医疗救助", "300")]]  # fmt: skip
    result = do_import("assistance_payments", [PAYMENT_HEADER, *rows])
    assert result.status == "rejected"
    assert (result.errors[0].row, result.errors[0].column) == (3, "金额") and household.code in result.errors[
        0
    ].reason
