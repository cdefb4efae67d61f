"""A workplace's profile page and the mines ledger share one service; training batches, trainees,
exams and certificates through pages and the exam results ledger; a hazard names the supervisor
who found it; the hazards ledger writes a file in bulk."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from gonghui.ledgers.importer import run_import as _run_import
from gonghui.ledgers.registry import get_kind
from gonghui.reporting.lifecycle import Lifecycle
from gonghui.safety import services
from gonghui.safety.models import REPORT_MOVES, Certificate, ExamResult, Hazard, TrainingBatch
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number
from tests.ledgers.files import write_csv

pytestmark = pytest.mark.django_db
D = datetime.date
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH = "zh-CN,zh;q=0.9"


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def run_import(code, path, **kwargs):
    return _run_import(get_kind(code), path, **kwargs)


def _mine(cast, name, pairs=1):
    union = OrganizationFactory(parent=cast.township_a, name=f"{name}工会", level="grassroots", category="coal_mine")
    enterprise = EnterpriseFactory(name=name, organization=union, township=cast.place_a, is_coal_mine=True,
                                   coal_mine_pairs=pairs)  # fmt: skip
    union.enterprise = enterprise
    union.save(update_fields=["enterprise"])
    return services.save_workplace(enterprise=enterprise, kind="coal", owner="张业主", status="producing",
                                   status_since=D(2007, 1, 1))  # fmt: skip


@pytest.fixture
def mine(cast):
    return _mine(cast, "甲煤矿", pairs=2)


@pytest.fixture
def supervisors(mine):
    return [
        services.add_supervisor(workplace=mine, person=PersonFactory(name=name, id_no=id_number(n)),
                                appointed_on=D(2007, 5, 1))  # fmt: skip
        for n, name in ((401, "赵群监"), (402, "钱群监"))
    ]


def refusal(call, field):
    with pytest.raises(ValidationError) as info:
        call()
    message = info.value.message_dict[field][0]
    assert CJK.search(message), f"not in Chinese: {message}"
    return message


def form_errors(response):
    assert response.status_code == 200, "a refused form is shown again"
    return [str(e) for errors in response.context["form"].errors.values() for e in errors]


# The profile ----------------------------------------------------------------------------------


def test_a_township_officer_edits_a_mines_profile_and_the_register_and_union_follow(client, cast, mine):
    client.force_login(cast.township_a_officer)
    url = reverse("safety:workplace-edit", args=[mine.pk])
    response = client.post(url, {"kind": "coal", "pairs": "3", "township": cast.place_a.pk, "owner": "李业主",
                                 "union": mine.union.pk, "chair": "王主席", "annual_output": "90000",
                                 "is_key": "on"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == mine.get_absolute_url()
    mine.refresh_from_db()
    mine.enterprise.refresh_from_db()
    mine.union.refresh_from_db()
    assert (mine.owner, mine.annual_output, mine.is_key) == ("李业主", 90000, True)
    assert mine.enterprise.coal_mine_pairs == 3 and mine.union.chair == "王主席"
    assert mine.status == "producing"  # the status stays the status page's


def test_a_coal_mine_without_shafts_is_refused_on_the_page_and_in_the_mines_ledger_alike(
    client, cast, mine, tmp_path
):
    message = refusal(lambda: services.save_workplace(enterprise=mine.enterprise, kind="coal", pairs=0,
                                                      workplace=mine), "pairs")  # fmt: skip
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("safety:workplace-edit", args=[mine.pk]), {"kind": "coal", "pairs": "0"},
                           HTTP_ACCEPT_LANGUAGE=ZH)  # fmt: skip
    assert message in form_errors(response)
    path = write_csv(tmp_path / "w.csv", [["单位名称", "类别", "对数"], [mine.name, "煤矿", "0"]])
    result = run_import("safety_workplaces", path, organization=cast.township_a)
    assert result.status == "rejected" and message in [e.reason for e in result.errors]
    mine.enterprise.refresh_from_db()
    assert mine.enterprise.coal_mine_pairs == 2


def test_the_mines_ledger_writes_the_profile_through_the_same_service(cast, mine, tmp_path):
    rows = [["单位名称", "类别", "对数", "业主", "工会主席", "年产量(吨)"], [mine.name, "煤矿", "4", "孙业主", "周主席", "60000"]]
    result = run_import("safety_workplaces", write_csv(tmp_path / "w.csv", rows), organization=cast.township_a)
    assert result.status == "committed", result.errors
    mine.refresh_from_db()
    mine.enterprise.refresh_from_db()
    mine.union.refresh_from_db()
    assert (mine.owner, mine.annual_output, mine.enterprise.coal_mine_pairs) == ("孙业主", 60000, 4)
    assert mine.union.chair == "周主席" and mine.status == "producing"


def test_another_township_and_read_only_roles_cannot_edit_the_profile(client, cast, mine):
    for user in (cast.township_b_officer, cast.leader):
        client.force_login(user)
        assert client.get(reverse("safety:workplace-edit", args=[mine.pk])).status_code == 404


# Training batches, exams, certificates ----------------------------------------------------------


def test_the_county_runs_a_batch_enrols_a_mines_supervisors_records_the_exam_and_the_certificate(
    client, cast, mine, supervisors
):
    client.force_login(cast.county_admin)
    response = client.post(reverse("safety:batch-create"), {"name": "群监员培训班", "started_on": "2008-03-17",
                                                            "ended_on": "2008-03-21", "hours": "40",
                                                            "trainer": "县安监局"})  # fmt: skip
    batch = TrainingBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    # Choosing the mine narrows the trainees to its supervisors.
    form = client.get(reverse("safety:batch-trainees", args=[batch.pk]), {"workplace": mine.pk}).context["form"]
    assert set(form.fields["trainees"].queryset) == set(supervisors)
    response = client.post(reverse("safety:batch-trainees", args=[batch.pk]),
                           {"workplace": mine.pk, "trainees": [s.pk for s in supervisors]})  # fmt: skip
    assert response.status_code == 302 and batch.results.count() == 2
    first = batch.results.get(supervisor=supervisors[0])
    response = client.post(reverse("safety:exam-edit", args=[batch.pk, first.pk]), {
        "examined_on": "2008-03-21", "score": "88", "passed": "on", "number": "QJ-2008-1", "issued_on": "2008-04-01",
        "expires_on": "2011-03-31"})  # fmt: skip
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.passed and first.score == 88 and Certificate.objects.get().batch == batch
    page = client.get(batch.get_absolute_url())
    assert page.context["counts"] == {"trainees": 2, "examined": 1, "passed": 1, "certified": 1}
    assert "QJ-2008-1" in page.content.decode() and "钱群监" in page.content.decode()


def test_an_exam_before_the_batch_is_refused_on_the_page_and_in_the_ledger_alike(
    client, cast, mine, supervisors, tmp_path
):
    batch = services.record_batch(organization=cast.township_a, name="一期", started_on=D(2008, 3, 17),
                                  ended_on=D(2008, 3, 21), trainees=supervisors)  # fmt: skip
    message = refusal(lambda: services.record_exam(batch=batch, supervisor=supervisors[0], passed=True,
                                                   examined_on=D(2008, 3, 1)), "examined_on")  # fmt: skip
    assert "2008年3月1日" in message and "2008年3月17日" in message
    client.force_login(cast.township_a_officer)
    result = batch.results.get(supervisor=supervisors[0])
    response = client.post(reverse("safety:exam-edit", args=[batch.pk, result.pk]),
                           {"examined_on": "2008-03-01", "score": "80", "passed": "on"},
                           HTTP_ACCEPT_LANGUAGE=ZH)  # fmt: skip
    assert message in form_errors(response)
    path = write_csv(tmp_path / "e.csv", [["身份证号", "姓名", "培训班次", "考试日期", "成绩", "是否合格"],
                                          [id_number(401), "赵群监", "一期", "2008-03-01", "80", "是"]])  # fmt: skip
    imported = run_import("safety_exam_results", path, organization=cast.township_a)
    assert imported.status == "rejected" and message in [e.reason for e in imported.errors]
    assert not ExamResult.objects.filter(examined_on__isnull=False).exists()


def test_a_certificate_before_the_training_ended_or_expiring_before_issue_is_refused(cast, mine, supervisors):
    batch = services.record_batch(organization=cast.township_a, name="一期", started_on=D(2008, 3, 17),
                                  ended_on=D(2008, 3, 21))  # fmt: skip
    services.record_exam(batch=batch, supervisor=supervisors[0], passed=True, score=90, examined_on=D(2008, 3, 21))
    early = refusal(lambda: services.record_result(batch=batch, supervisor=supervisors[0], passed=True, score=90,
                                                   examined_on=D(2008, 3, 21), number="QJ-1",
                                                   issued_on=D(2008, 3, 18), expires_on=D(2011, 3, 17)),
                    "issued_on")  # fmt: skip
    assert "2008年3月21日" in early
    refusal(lambda: services.record_result(batch=batch, supervisor=supervisors[0], passed=True, score=90,
                                           examined_on=D(2008, 3, 21), number="QJ-1", issued_on=D(2008, 4, 1),
                                           expires_on=D(2008, 3, 1)), "expires_on")  # fmt: skip
    refusal(lambda: services.record_batch(organization=cast.township_a, name="二期", started_on=D(2008, 5, 2),
                                          ended_on=D(2008, 5, 1)), "ended_on")  # fmt: skip
    assert not Certificate.objects.exists()


def test_exam_results_import_and_export_round_trip(client, cast, mine, supervisors, tmp_path):
    batch = services.record_batch(organization=cast.township_a, name="一期", started_on=D(2008, 3, 17),
                                  ended_on=D(2008, 3, 21))  # fmt: skip
    rows = [["身份证号", "姓名", "培训班次", "考试日期", "成绩", "是否合格", "证书编号", "发证日期", "有效期至"],
            [id_number(401), "赵群监", "一期", "2008-03-21", "91", "是", "QJ-7", "2008-04-01", "2011-03-31"],
            [id_number(402), "钱群监", "一期", "2008-03-21", "52", "否", "", "", ""]]  # fmt: skip
    result = run_import("safety_exam_results", write_csv(tmp_path / "e.csv", rows), organization=cast.township_a)
    assert result.status == "committed", result.errors
    assert batch.results.filter(passed=True).get().supervisor == supervisors[0]
    assert Certificate.objects.get().number == "QJ-7"
    again = run_import("safety_exam_results", write_csv(tmp_path / "e.csv", rows), organization=cast.township_a)
    assert again.status == "committed" and again.rows_updated == 2 and Certificate.objects.count() == 1
    client.force_login(cast.township_a_officer)
    response = client.get(reverse("safety:exam-export", args=[batch.pk]))
    assert response.status_code == 200 and ".xlsx" in response["Content-Disposition"]
    client.force_login(cast.township_b_officer)
    assert client.get(batch.get_absolute_url()).status_code == 404


# Hazards found by supervisors -----------------------------------------------------------------------


def test_a_hazard_found_by_a_supervisor_names_one_of_that_workplaces_supervisors(client, cast, mine, supervisors,
                                                                               tmp_path):  # fmt: skip
    fields = {"workplace": mine, "found_on": D(2008, 6, 2), "source": "supervisor", "description": "支护不规范",
              "deadline": D(2008, 6, 20)}  # fmt: skip
    message = refusal(lambda: services.record_hazard(**fields), "supervisor")
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("safety:hazard-create"), {"workplace": mine.pk, "found_on": "2008-06-02",
                                                             "source": "supervisor", "description": "支护不规范",
                                                             "grade": "ordinary", "deadline": "2008-06-20"},
                           HTTP_ACCEPT_LANGUAGE=ZH)  # fmt: skip
    assert message in form_errors(response)
    header = ["单位名称", "发现日期", "发现途径", "发现群监员", "隐患描述", "整改期限"]
    rejected = run_import("safety_hazards", write_csv(tmp_path / "h0.csv", [
        header, [mine.name, "2008-06-02", "群监员", "", "支护不规范", "2008-06-20"]]), organization=cast.township_a)  # fmt: skip
    assert rejected.status == "rejected" and message in [e.reason for e in rejected.errors]
    other = _mine(cast, "乙煤矿")
    stranger = services.add_supervisor(workplace=other, person=PersonFactory(name="孙群监", id_no=id_number(403)))
    refusal(lambda: services.record_hazard(**fields, supervisor=stranger), "supervisor")
    # By name or by ID number, in a file.
    result = run_import("safety_hazards", write_csv(tmp_path / "h.csv", [
        header, [mine.name, "2008-06-02", "群监员", "赵群监", "支护不规范", "2008-06-20"],
        [mine.name, "2008-06-03", "群监员", id_number(402), "风门未关", "2008-06-20"],
        [mine.name, "2008-06-04", "督导检查", "", "电缆破损", "2008-06-20"]]), organization=cast.township_a)  # fmt: skip
    assert result.status == "committed", result.errors
    assert [h.supervisor for h in Hazard.objects.order_by("found_on")] == [*supervisors, None]
    wrong = run_import("safety_hazards", write_csv(tmp_path / "h2.csv", [
        header, [mine.name, "2008-06-05", "群监员", "孙群监", "顶板离层", "2008-06-20"]]), organization=cast.township_a)  # fmt: skip
    assert wrong.status == "rejected" and any("孙群监" in e.reason for e in wrong.errors)


def test_the_hazards_ledger_asks_the_database_the_same_number_of_times_for_10_rows_or_200(
    cast, mine, supervisors, tmp_path, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    header = ["单位名称", "发现日期", "发现途径", "发现群监员", "隐患描述", "整改期限", "整改日期"]

    def queries(n):
        rows = [header] + [[mine.name, "2008-06-02", "群监员" if i % 2 else "督导检查", "赵群监" if i % 2 else "",
                            f"隐患{n}-{i}", "2008-06-20", "2008-06-10"] for i in range(n)]  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            result = run_import("safety_hazards", write_csv(tmp_path / f"h{n}.csv", rows), organization=cast.township_a)
        assert result.status == "committed" and result.rows_imported == n, result.errors
        return len(captured.captured_queries)

    small, large = queries(10), queries(200)
    assert large <= small + 2, (small, large)  # a bulk insert of 200 rows is one or two statements more at most


def test_the_monthly_report_moves_are_reportings_lifecycle():
    assert isinstance(REPORT_MOVES, Lifecycle)
    assert REPORT_MOVES.allowed("returned") == {"resubmitted": "resubmit"}
    assert REPORT_MOVES.locked == {"accepted"}
