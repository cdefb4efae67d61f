"""Exports in the ledger layout: the import kinds' own headers, so a file can be corrected and re-imported."""

from gonghui.core.formats import download_name
from gonghui.ledgers.exports import Export, register_export
from gonghui.ledgers.registry import get_kind

from . import ledgers
from .models import ExamResult, Supervisor, TrainingBatch, Workplace

NAMES = {
    "workplaces": "煤矿及非煤企业监管名册",
    "supervisors": "煤矿群监员名册",
    "monthly_reports": "月督查表",
    "hazards": "隐患排查治理台账",
    "accidents": "安全生产事故台账",
    "exam_results": "群监员培训考试及发证登记表",
}


def filename(stem, month=None):
    name = NAMES[stem] if month is None else f"{month:%Y年%m月}{NAMES[stem]}"
    return download_name(name, "xlsx")


def _ledger(code, rows, sum_columns=()):
    kind = get_kind(code)
    return {
        "title": kind.title,
        "headers": [c.header for c in kind.columns],
        "rows": rows,
        "sum_columns": sum_columns,
    }


def workplaces(user):
    return _ledger("safety_workplaces", ledgers.workplace_rows(Workplace.objects.visible_to(user)), (3, 8))


@register_export("safety-supervisors", reveals=True, what=NAMES["supervisors"])
def supervisors(user, params=None, reveal=None):
    rows = Supervisor.objects.visible_to(user)
    data = _ledger("safety_supervisors", ledgers.supervisor_rows(rows, user, reveal))
    return Export(title=data["title"], headers=data["headers"], rows=data["rows"], count=rows.count())


@register_export("safety-exam-results", reveals=True, what=NAMES["exam_results"], params=("batch",))
def exam_results(user, params=None, reveal=None):
    """One batch's trainees, exams and certificates (the trainees the user may see)."""
    batch = str((params or {}).get("batch", ""))
    batches = TrainingBatch.objects.visible_to(user).filter(pk=int(batch) if batch.isdigit() else 0)
    rows = ExamResult.objects.filter(batch__in=batches, supervisor__in=Supervisor.objects.visible_to(user))
    rows = rows.order_by("supervisor__workplace__enterprise__name", "supervisor__person__name")
    data = _ledger("safety_exam_results", ledgers.exam_result_rows(rows, reveal))
    title = f"{batches.first().name}{data['title']}" if batches.exists() else data["title"]
    return Export(title=title, headers=data["headers"], rows=data["rows"], count=rows.count())


def monthly_reports(rows, month):
    data = _ledger("safety_monthly_reports", ledgers.monthly_report_rows(rows), (2, 3))
    data["title"] = f"{month:%Y年%m月}{data['title']}"
    return data


def hazards(rows):
    return _ledger("safety_hazards", ledgers.hazard_rows(rows))


def accidents(rows):
    return _ledger("safety_accidents", ledgers.accident_rows(rows), (3, 4, 5))
