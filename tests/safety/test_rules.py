"""Every refusal of the issue, through the service, the page's form and the ledger import: the same
Chinese reason each time."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from gonghui.ledgers.importer import run_import as _run_import
from gonghui.ledgers.registry import get_kind
from gonghui.safety import services
from gonghui.safety.models import Hazard, MonthlyReport, ReportStatus, Supervisor
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number
from tests.ledgers.files import write_csv

pytestmark = pytest.mark.django_db
D = datetime.date
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def _workplace(cast, name, *, pairs=0, kind="coal"):
    union = OrganizationFactory(
        parent=cast.township_a, name=f"{name}工会", level="grassroots", category="coal_mine"
    )
    enterprise = EnterpriseFactory(name=name, organization=union, township=cast.place_a, is_coal_mine=pairs > 0,
                                   coal_mine_pairs=pairs)  # fmt: skip
    return services.save_workplace(enterprise=enterprise, kind=kind, owner="张业主", status="producing",
                                   status_since=D(2007, 1, 1))  # fmt: skip


@pytest.fixture
def mine(cast):
    return _workplace(cast, "甲煤矿", pairs=2)


@pytest.fixture
def closed_mine(cast):
    workplace = _workplace(cast, "乙煤矿", pairs=1)
    services.change_status(workplace=workplace, status="closed", on=D(2008, 3, 1))
    return workplace


@pytest.fixture
def factory(cast):
    return _workplace(cast, "丙化工厂", kind="chemicals")


@pytest.fixture
def supervisor(mine, person_a):
    return services.add_supervisor(workplace=mine, person=person_a, appointed_on=D(2008, 1, 1))


def refusal(call, field):
    with pytest.raises(ValidationError) as info:
        call()
    message = info.value.message_dict[field][0]
    assert CJK.search(message), f"not in Chinese: {message}"
    return message


def form_errors(client, user, url, data):
    client.force_login(user)
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code == 200, "a refused form is shown again, not redirected"
    return [str(e) for errors in response.context["form"].errors.values() for e in errors]


def ledger_errors(tmp_path, kind, rows, organization):
    path = write_csv(tmp_path / f"{kind}.csv", rows, encoding="utf-8")
    result = run_import(kind, path, organization=organization)
    assert result.status == "rejected"
    return [e.reason for e in result.errors]


def test_a_hazard_rectified_before_it_was_found_is_refused_everywhere_alike(client, cast, factory, tmp_path):
    message = refusal(lambda: services.record_hazard(
        workplace=factory, found_on=D(2008, 8, 5), source="inspection", description="消防器材过期",
        deadline=D(2008, 8, 30), rectified_on=D(2008, 8, 1)), "rectified_on")  # fmt: skip
    assert "2008年8月1日" in message and "2008年8月5日" in message
    assert message in form_errors(client, cast.township_a_officer, reverse("safety:hazard-create"), {
        "workplace": factory.pk, "found_on": "2008-08-05", "source": "inspection", "description": "消防器材过期",
        "grade": "ordinary", "deadline": "2008-08-30", "rectified_on": "2008-08-01"})  # fmt: skip
    assert message in ledger_errors(tmp_path, "safety_hazards", [
        ["单位名称", "发现日期", "发现途径", "隐患描述", "隐患等级", "整改期限", "整改日期"],
        [factory.name, "2008-08-05", "督导检查", "消防器材过期", "一般", "2008-08-30", "2008年8月1日"]],
        cast.township_a)  # fmt: skip
    assert not Hazard.objects.exists()


def test_a_negative_death_count_is_refused_everywhere_alike(client, cast, mine, tmp_path):
    message = refusal(lambda: services.record_accident(workplace=mine, occurred_on=D(2008, 4, 28), kind="gas",
                                                       deaths=-1), "deaths")  # fmt: skip
    assert message in form_errors(client, cast.township_a_officer, reverse("safety:accident-create"), {
        "workplace": mine.pk, "occurred_on": "2008-04-28", "kind": "gas", "deaths": "-1", "serious_injuries": "0",
        "minor_injuries": "0"})  # fmt: skip
    assert message in ledger_errors(tmp_path, "safety_accidents", [
        ["单位名称", "事故日期", "事故类别", "死亡人数", "重伤人数"], [mine.name, "2008-04-28", "瓦斯", "-1", "0"]],
        cast.township_a)  # fmt: skip


def test_a_certificate_expiring_before_it_is_issued_is_refused_everywhere_alike(
    client, cast, supervisor, tmp_path
):
    message = refusal(lambda: services.issue_certificate(supervisor=supervisor, number="QJ-1",
                                                         issued_on=D(2008, 4, 1), expires_on=D(2007, 4, 1)),
                      "expires_on")  # fmt: skip
    assert message in form_errors(
        client,
        cast.township_a_officer,
        reverse("safety:certificate-create"),
        {
            "supervisor": supervisor.pk,
            "number": "QJ-1",
            "issued_on": "2008-04-01",
            "expires_on": "2007-04-01",
        },
    )
    assert message in ledger_errors(tmp_path, "safety_supervisors", [
        ["姓名", "身份证号", "煤矿", "证书编号", "发证日期", "有效期至"],
        ["张三", id_number(123), supervisor.workplace.name, "QJ-1", "2008-04-01", "2007-04-01"]],
        cast.township_a)  # fmt: skip


def _report_form(mine, month):
    return {"workplace": mine.pk, "month": month, "output": "5000", "people_underground": "40", "problems": "",
            "measures": ""}  # fmt: skip


REPORT_SHEET = ["单位名称", "月份", "产量(吨)", "井下人数"]


def test_a_report_for_a_month_that_has_not_ended_is_refused_everywhere_alike(client, cast, mine, tmp_path):
    today = timezone.localdate()
    message = refusal(
        lambda: services.file_report(workplace=mine, month=today, today=today, output=1), "month"
    )
    month = f"{today:%Y-%m}"
    assert message in form_errors(client, cast.township_a_officer, reverse("safety:report-create"),
                                  _report_form(mine, month))  # fmt: skip
    assert message in ledger_errors(tmp_path, "safety_monthly_reports",
                                    [REPORT_SHEET, [mine.name, month, "5000", "40"]], cast.township_a)  # fmt: skip


def test_a_report_for_a_closed_mine_is_refused_everywhere_alike(client, cast, closed_mine, tmp_path):
    message = refusal(lambda: services.file_report(workplace=closed_mine, month=D(2008, 4, 1), output=1),
                      "workplace")  # fmt: skip
    assert "2008年4月" in message
    assert message in form_errors(client, cast.township_a_officer, reverse("safety:report-create"),
                                  _report_form(closed_mine, "2008-04"))  # fmt: skip
    assert message in ledger_errors(
        tmp_path,
        "safety_monthly_reports",
        [REPORT_SHEET, [closed_mine.name, "2008年4月", "5000", "40"]],
        cast.township_a,
    )
    # Before it closed, the mine reported as any other.
    assert services.file_report(workplace=closed_mine, month=D(2008, 2, 1), output=1).pk


def test_a_second_report_for_the_same_mine_and_month_is_refused_everywhere_alike(
    client, cast, mine, tmp_path
):
    services.file_report(workplace=mine, month=D(2008, 5, 1), output=100, on=D(2008, 6, 3))
    message = refusal(lambda: services.file_report(workplace=mine, month=D(2008, 5, 20), output=1), "month")
    assert message in form_errors(client, cast.township_a_officer, reverse("safety:report-create"),
                                  _report_form(mine, "2008-05"))  # fmt: skip
    assert message in ledger_errors(tmp_path, "safety_monthly_reports",
                                    [REPORT_SHEET, [mine.name, "2008-05", "5000", "40"]], cast.township_a)  # fmt: skip
    assert MonthlyReport.objects.count() == 1


def test_the_report_moves_are_a_table_and_an_accepted_report_is_locked(cast, mine, supervisor):
    report = services.file_report(workplace=mine, month=D(2008, 5, 1), output=100, on=D(2008, 6, 20),
                                  supervisor_on_duty=supervisor)  # fmt: skip
    assert report.is_late and report.deadline < D(2008, 6, 20)
    refusal(
        lambda: services.move_report(report=report, to=ReportStatus.RETURNED, on=D(2008, 6, 21)), "comment"
    )
    services.move_report(report=report, to=ReportStatus.RETURNED, on=D(2008, 6, 21), comment="人数不符")
    refusal(
        lambda: services.move_report(report=report, to=ReportStatus.ACCEPTED, on=D(2008, 6, 22)), "status"
    )
    services.move_report(report=report, to=ReportStatus.RESUBMITTED, on=D(2008, 6, 23), output=120,
                         people_underground=30)  # fmt: skip
    report = services.move_report(report=report, to=ReportStatus.ACCEPTED, on=D(2008, 6, 24))
    assert report.is_locked and report.output == 120
    for to in ReportStatus.values:
        refusal(lambda to=to: services.move_report(report=report, to=to, on=D(2008, 6, 25)), "status")
    assert [s.status for s in report.steps.all()] == ["submitted", "returned", "resubmitted", "accepted"]


def test_a_report_on_time_is_not_late_and_the_deadline_counts_working_days(cast, mine):
    # May 2008 ends on a Saturday; five working days later is Friday 6 June.
    report = services.file_report(workplace=mine, month=D(2008, 5, 1), output=1, on=D(2008, 6, 6))
    assert report.deadline == D(2008, 6, 6) and not report.is_late


def test_the_supervisor_on_duty_must_be_of_the_mine(cast, mine, person_a):
    other = _workplace(cast, "丁煤矿", pairs=1)
    stranger = services.add_supervisor(workplace=other, person=person_a)
    refusal(lambda: services.file_report(workplace=mine, month=D(2008, 5, 1), output=1,
                                         supervisor_on_duty=stranger), "supervisor_on_duty")  # fmt: skip


def test_a_township_officer_files_a_report_from_the_form(client, cast, mine, supervisor):
    client.force_login(cast.township_a_officer)
    data = _report_form(mine, "2008-05") | {"supervisor_on_duty": supervisor.pk}
    response = client.post(reverse("safety:report-create"), data)
    report = MonthlyReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.created_by == cast.township_a_officer and report.supervisor_on_duty == supervisor


def test_the_county_returns_a_report_with_a_comment_and_the_township_corrects_it(client, cast, mine):
    report = services.file_report(workplace=mine, month=D(2008, 5, 1), output=100, on=D(2008, 6, 3))
    client.force_login(cast.county_admin)
    client.post(reverse("safety:report-move", args=[report.pk, "return"]), {"comment": "产量有误"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.return_comment == "产量有误"
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("safety:report-resubmit", args=[report.pk]),
                           {"output": "150", "people_underground": "30"})  # fmt: skip
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESUBMITTED and report.output == 150


def test_the_monthly_sheet_imports_the_townships_reports_and_the_same_file_twice_is_refused(cast, mine, supervisor,
                                                                                          tmp_path):  # fmt: skip
    rows = [["高桥镇2008年5月煤矿月督查表"], REPORT_SHEET + ["值班群监员", "发现问题"],
            [mine.name, "2008.5", "5,000", "40人", supervisor.person.name, "支护不规范"]]  # fmt: skip
    path = write_csv(tmp_path / "sheet.csv", rows)
    result = run_import("safety_monthly_reports", path, organization=cast.township_a)
    assert result.status == "committed", result.errors
    report = MonthlyReport.objects.get()
    assert (
        report.output == 5000 and report.people_underground == 40 and report.supervisor_on_duty == supervisor
    )
    again = run_import("safety_monthly_reports", path, organization=cast.township_a)
    assert again.status == "rejected" and MonthlyReport.objects.count() == 1


def test_another_township_cannot_import_reports_for_these_mines(cast, mine, tmp_path):
    path = write_csv(tmp_path / "sheet.csv", [REPORT_SHEET, [mine.name, "2008-05", "10", "4"]])
    result = run_import("safety_monthly_reports", path, organization=cast.township_b)
    assert result.status == "rejected" and not MonthlyReport.objects.exists()


def test_supervisors_and_their_certificates_import_and_export_round_trip(client, cast, mine, tmp_path):
    rows = [["姓名", "身份证号", "煤矿", "任职日期", "证书编号", "发证日期", "有效期至"],
            ["李群监", id_number(77), mine.name, "2008-01-01", "QJ-9", "2008-04-01", "2011-03-31"]]  # fmt: skip
    result = run_import(
        "safety_supervisors", write_csv(tmp_path / "s.csv", rows), organization=cast.township_a
    )
    assert result.status == "committed", result.errors
    supervisor = Supervisor.objects.get()
    assert supervisor.person.name == "李群监" and supervisor.certificates.get().number == "QJ-9"
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("safety:supervisor-export"))
    assert response.status_code == 200 and ".xlsx" in response["Content-Disposition"]


def test_workplaces_import_refuses_a_kind_that_contradicts_the_register(cast, tmp_path):
    EnterpriseFactory(name="戊砖厂", organization=cast.township_a, township=cast.place_a)
    rows = [["单位名称", "类别", "业主"], ["戊砖厂", "煤矿", "王"]]
    errors = ledger_errors(tmp_path, "safety_workplaces", rows, cast.township_a)
    assert any("戊砖厂" in e for e in errors)
    rows[1][1] = "其他"
    result = run_import(
        "safety_workplaces", write_csv(tmp_path / "w.csv", rows), organization=cast.township_a
    )
    assert result.status == "committed", result.errors


def test_a_person_who_supervises_a_mine_is_visible_to_its_township(cast, mine):
    person = PersonFactory(name="外乡人")
    services.add_supervisor(workplace=mine, person=person)
    from gonghui.people.models import Person

    assert Person.objects.visible_to(cast.township_a_officer).filter(pk=person.pk).exists()
    assert not Person.objects.visible_to(cast.township_b_officer).filter(pk=person.pk).exists()


def run_import(code, path, **kwargs):
    return _run_import(get_kind(code), path, **kwargs)
