"""The area's rules, each one function: services, forms and every ledger kind call these.

Each raises a field-keyed ``ValidationError`` with an English source message the catalog makes
Chinese. Ledger kinds turn the same error into a row error with ``row_errors``.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.core.calendar import add_working_days
from gonghui.core.formats import cn_date, cn_month
from gonghui.orgs.models import Place

from .models import (
    REPORT_DEADLINE_WORKING_DAYS,
    HazardSource,
    MonthlyReport,
    WorkplaceKind,
    WorkplaceStatusKind,
    month_end,
    month_start,
)


def error(field, message, code, /, **params):
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def messages_of(exc):
    """[(field, message)] of a ValidationError, messages rendered (for ledger rows)."""
    if hasattr(exc, "error_dict"):
        return [
            (field, str(m))
            for field, errors in exc.error_dict.items()
            for m in ValidationError(errors).messages
        ]
    return [("", str(m)) for m in exc.messages]


def report_deadline(month):
    """The last day a month's report is on time: five working days after the month ends."""
    return add_working_days(month_end(month_start(month)), REPORT_DEADLINE_WORKING_DAYS)


def check_counts(**counts):
    """Deaths and injuries are whole numbers, never negative."""
    for field, value in counts.items():
        if value is not None and int(value) < 0:
            raise error(
                field, _("A count of people cannot be negative (%(value)s)."), "negative", value=value
            )


def check_certificate_dates(*, issued_on, expires_on, batch=None, examined_on=None):
    """A certificate expires after it is issued, and is issued after the training ended and the exam."""
    if issued_on and expires_on and expires_on <= issued_on:
        raise error("expires_on", _("The certificate expires on %(expires)s, not after it was issued on %(issued)s."),
                    "expires_before_issue", expires=cn_date(expires_on), issued=cn_date(issued_on))  # fmt: skip
    if issued_on and batch is not None and issued_on < batch.ended_on:
        raise error("issued_on", _("The certificate cannot be issued on %(issued)s, before the training ended on "
                                   "%(ended)s."), "issued_before_training", issued=cn_date(issued_on),
                    ended=cn_date(batch.ended_on))  # fmt: skip
    if issued_on and examined_on and issued_on < examined_on:
        raise error("issued_on", _("The certificate cannot be issued on %(issued)s, before the exam on %(exam)s."),
                    "issued_before_exam", issued=cn_date(issued_on), exam=cn_date(examined_on))  # fmt: skip


def check_batch(*, started_on, ended_on, hours=0):
    if started_on and ended_on and ended_on < started_on:
        raise error("ended_on", _("The training cannot end before it starts."), "ends_before_start")
    if hours is not None and hours < 0:
        raise error("hours", _("The hours cannot be negative."), "negative_hours")


def check_trainee(*, batch, supervisor):
    """A trainee is a supervisor still in post when the course starts."""
    if supervisor.left_on and supervisor.left_on <= batch.started_on:
        raise error("trainees", _("%(name)s left the post on %(left)s, before the training started."),
                    "left_before_training", name=supervisor.person.name, left=cn_date(supervisor.left_on))  # fmt: skip


def check_exam(*, batch, examined_on=None, score=None, passed=False):
    """An exam: a score between 0 and 100, sat on or after the course's first day."""
    if score is not None and not (0 <= Decimal(score) <= 100):
        raise error("score", _("A score is between 0 and 100."), "score_range")
    if examined_on and examined_on < batch.started_on:
        raise error("examined_on", _("The exam on %(exam)s cannot come before the training started on "
                                     "%(started)s."), "exam_before_training", exam=cn_date(examined_on),
                    started=cn_date(batch.started_on))  # fmt: skip
    if passed and score is None and examined_on is None:
        raise error("passed", _("Give the exam's date or score for a trainee who passed."), "passed_without_exam")


def check_hazard_dates(*, found_on, deadline=None, rectified_on=None, rechecked_on=None, rechecked_by=""):
    if deadline and found_on and deadline < found_on:
        raise error("deadline", _("The deadline %(deadline)s is before the hazard was found (%(found)s)."),
                    "deadline_before_found", deadline=cn_date(deadline), found=cn_date(found_on))  # fmt: skip
    if rectified_on and found_on and rectified_on < found_on:
        raise error("rectified_on", _("The hazard cannot be rectified on %(rectified)s, before it was found on "
                                      "%(found)s."), "rectified_before_found", rectified=cn_date(rectified_on),
                    found=cn_date(found_on))  # fmt: skip
    if rechecked_on and not rectified_on:
        raise error("rechecked_on", _("Only a rectified hazard can be re-checked."), "recheck_unrectified")
    if rechecked_on and rectified_on and rechecked_on < rectified_on:
        raise error("rechecked_on", _("The re-check (%(recheck)s) cannot come before the rectification "
                                      "(%(rectified)s)."), "recheck_before_rectified",
                    recheck=cn_date(rechecked_on), rectified=cn_date(rectified_on))  # fmt: skip
    if rechecked_on and not (rechecked_by or "").strip():
        raise error("rechecked_by", _("Say who re-checked the rectification."), "recheck_without_checker")


def check_report_month(*, workplace, month, today, exclude=None, reported=None):
    """A monthly report: a coal mine, a month that has ended, a mine not closed, once per month.

    A ledger file passes `reported`, the {(workplace id, month)} already on record, read once for
    the file, and the workplaces with their statuses prefetched: then this asks nothing of the database."""
    month = month_start(month)
    if workplace.kind != WorkplaceKind.COAL:
        raise error("workplace", _("%(name)s is not a coal mine: monthly supervision reports are for coal mines."),
                    "not_a_mine", name=workplace.name)  # fmt: skip
    if month_end(month) >= today:
        raise error("month", _("%(month)s has not ended yet: report on it from %(first)s."), "month_not_ended",
                    month=cn_month(month), first=cn_date(month_end(month) + datetime.timedelta(days=1)))  # fmt: skip
    if workplace.status_on(month) == WorkplaceStatusKind.CLOSED:
        raise error("workplace", _("%(name)s was closed in %(month)s: a closed mine files no monthly report."),
                    "mine_closed", name=workplace.name, month=cn_month(month))  # fmt: skip
    if reported is not None:
        taken = (workplace.pk, month) in reported
    else:
        existing = MonthlyReport.objects.filter(workplace=workplace, month=month)
        if exclude is not None:
            existing = existing.exclude(pk=exclude.pk)
        taken = existing.exists()
    if taken:
        raise error("month", _("%(name)s already has a report for %(month)s; correct that one instead."),
                    "second_report", name=workplace.name, month=cn_month(month))  # fmt: skip


def check_workplace_kind(*, enterprise, kind):
    if (kind == WorkplaceKind.COAL) != bool(enterprise.is_coal_mine):
        raise error("kind", _("%(name)s is %(what)s in the workplace register; its kind must agree."), "kind_mismatch",
                    name=enterprise.name,
                    what=_("a coal mine") if enterprise.is_coal_mine else _("not a coal mine"))  # fmt: skip


def check_hazard_finder(*, workplace, source, supervisor=None):
    """A hazard found by a supervisor names which one, a supervisor of that workplace; no other does."""
    if source == HazardSource.SUPERVISOR and supervisor is None:
        raise error("supervisor", _("Say which supervisor found the hazard."), "no_supervisor")
    if source != HazardSource.SUPERVISOR and supervisor is not None:
        raise error("supervisor", _("Only a hazard found by a supervisor names a supervisor."), "not_by_supervisor")
    if supervisor is not None and supervisor.workplace_id != workplace.pk:
        raise error("supervisor", _("%(name)s is not a supervisor of %(mine)s."), "wrong_supervisor",
                    name=supervisor.person.name, mine=workplace.name)  # fmt: skip


def check_workplace_profile(*, enterprise, kind, pairs=None, township=None, union=None, annual_output=None):
    """A supervision profile: its kind agrees with the register, a coal mine counts its pairs of shafts
    (one or more; a non-coal workplace none), the township is a township, the union is the workplace's
    own, the output is not negative."""
    check_workplace_kind(enterprise=enterprise, kind=kind)
    if pairs is not None:
        if kind == WorkplaceKind.COAL and pairs < 1:
            raise error("pairs", _("A coal mine counts at least one pair of shafts."), "no_pairs")
        if kind != WorkplaceKind.COAL and pairs != 0:
            raise error("pairs", _("Only a coal mine counts pairs of shafts."), "pairs_not_a_mine")
    if township is not None and township.kind != Place.Kind.TOWNSHIP:
        raise error("township", _("%(name)s is not a township."), "not_a_township", name=township.name)
    if union is not None and union.enterprise_id != enterprise.pk and union.pk != enterprise.organization_id:
        raise error("union", _("%(union)s is not the union of %(name)s."), "not_its_union", union=union.name,
                    name=enterprise.name)  # fmt: skip
    if annual_output is not None and Decimal(annual_output) < 0:
        raise error("annual_output", _("The output cannot be negative."), "negative_output")
