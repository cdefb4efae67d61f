"""The area's rules, each one function: services, forms and every ledger kind call these.

Each raises a field-keyed ``ValidationError`` with an English source message the catalog makes
Chinese. Ledger kinds turn the same error into a row error with ``row_errors``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.core.calendar import add_working_days

from .models import (
    REPORT_DEADLINE_WORKING_DAYS,
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


def check_certificate_dates(*, issued_on, expires_on):
    if issued_on and expires_on and expires_on <= issued_on:
        raise error("expires_on", _("The certificate expires on %(expires)s, not after it was issued on %(issued)s."),
                    "expires_before_issue", expires=expires_on.isoformat(), issued=issued_on.isoformat())  # fmt: skip


def check_hazard_dates(*, found_on, deadline=None, rectified_on=None, rechecked_on=None, rechecked_by=""):
    if deadline and found_on and deadline < found_on:
        raise error("deadline", _("The deadline %(deadline)s is before the hazard was found (%(found)s)."),
                    "deadline_before_found", deadline=deadline.isoformat(), found=found_on.isoformat())  # fmt: skip
    if rectified_on and found_on and rectified_on < found_on:
        raise error("rectified_on", _("The hazard cannot be rectified on %(rectified)s, before it was found on "
                                      "%(found)s."), "rectified_before_found", rectified=rectified_on.isoformat(),
                    found=found_on.isoformat())  # fmt: skip
    if rechecked_on and not rectified_on:
        raise error("rechecked_on", _("Only a rectified hazard can be re-checked."), "recheck_unrectified")
    if rechecked_on and rectified_on and rechecked_on < rectified_on:
        raise error("rechecked_on", _("The re-check (%(recheck)s) cannot come before the rectification "
                                      "(%(rectified)s)."), "recheck_before_rectified",
                    recheck=rechecked_on.isoformat(), rectified=rectified_on.isoformat())  # fmt: skip
    if rechecked_on and not (rechecked_by or "").strip():
        raise error("rechecked_by", _("Say who re-checked the rectification."), "recheck_without_checker")


def check_report_month(*, workplace, month, today, exclude=None):
    """A monthly report: a coal mine, a month that has ended, a mine not closed, once per month."""
    month = month_start(month)
    if workplace.kind != WorkplaceKind.COAL:
        raise error("workplace", _("%(name)s is not a coal mine: monthly supervision reports are for coal mines."),
                    "not_a_mine", name=workplace.name)  # fmt: skip
    if month_end(month) >= today:
        raise error("month", _("%(month)s has not ended yet: report on it from %(first)s."), "month_not_ended",
                    month=f"{month:%Y-%m}", first=(month_end(month) + datetime.timedelta(days=1)).isoformat())  # fmt: skip
    if workplace.status_on(month) == WorkplaceStatusKind.CLOSED:
        raise error("workplace", _("%(name)s was closed in %(month)s: a closed mine files no monthly report."),
                    "mine_closed", name=workplace.name, month=f"{month:%Y-%m}")  # fmt: skip
    existing = MonthlyReport.objects.filter(workplace=workplace, month=month)
    if exclude is not None:
        existing = existing.exclude(pk=exclude.pk)
    if existing.exists():
        raise error("month", _("%(name)s already has a report for %(month)s; correct that one instead."),
                    "second_report", name=workplace.name, month=f"{month:%Y-%m}")  # fmt: skip


def check_workplace_kind(*, enterprise, kind):
    if (kind == WorkplaceKind.COAL) != bool(enterprise.is_coal_mine):
        raise error("kind", _("%(name)s is %(what)s in the workplace register; its kind must agree."), "kind_mismatch",
                    name=enterprise.name,
                    what=_("a coal mine") if enterprise.is_coal_mine else _("not a coal mine"))  # fmt: skip
