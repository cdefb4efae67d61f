"""Hardship archives: filing, editing, members, the lifecycle, monthly income and lifting out."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.formats import cn_date, cn_month
from gonghui.people.models import IdNumberAccess

from ..models import (
    ARCHIVE_MOVES,
    ArchiveStatus,
    ArchiveTransition,
    HardshipArchive,
    HouseholdMember,
    IncomeRecord,
)
from .errors import _error

# Rules of an archive: called by the services below, ArchiveForm and the archives ledger.


def check_disability(*, main_cause, disability_kind):
    """A cause marked as needing it (因残) needs the kind of disability."""
    if main_cause is not None and main_cause.needs_disability and not (disability_kind or "").strip():
        raise _error("disability_kind", _("Hardship caused by disability needs the kind of disability."),
                     "disability_kind_missing")  # fmt: skip


def check_one_open_archive(*, head, heads_open=None):
    """A person heads one open (not cancelled) archive at a time.

    ``heads_open``: the ids of people known to head an open archive (a ledger batch looks them up
    in one query); without it the database is asked.
    """
    if heads_open is None:
        taken = HardshipArchive.objects.filter(head=head).exclude(status=ArchiveStatus.CANCELLED).exists()
    else:
        taken = head.pk in heads_open
    if taken:
        raise _error("head", _("%(name)s already heads an open hardship archive."), "duplicate_head",
                     name=head.name)  # fmt: skip


@transaction.atomic
def create_archive(*, fields, secondary_causes=(), bank_account="", members=(), by=None):
    """File a new household archive (status applied) with its members [(person, relation, school)]."""
    archive = HardshipArchive(**fields, created_by=by)
    archive.status = ArchiveStatus.APPLIED
    archive.status_since = archive.applied_on
    archive.last_updated_on = archive.applied_on
    if bank_account:
        archive.set_bank_account(bank_account)
    archive.full_clean()
    check_disability(main_cause=archive.main_cause, disability_kind=archive.disability_kind)
    check_one_open_archive(head=archive.head)
    archive.save()
    archive.secondary_causes.set(secondary_causes)
    for person, relation, school in members:
        add_member(archive=archive, person=person, relation=relation, school=school)
    ArchiveTransition.objects.create(archive=archive, from_status="", to_status=ArchiveStatus.APPLIED,
                                     on=archive.applied_on, reason=_("Application filed"), by=by)  # fmt: skip
    return archive


@transaction.atomic
def update_archive(*, archive, on, by=None, bank_account=None, secondary_causes=None):
    """Save an edited archive; editing counts as updating it (it leaves the 一年未改 queue)."""
    if bank_account is not None:
        archive.set_bank_account(bank_account)
    archive.last_updated_on = max(on, archive.last_updated_on)
    archive.full_clean()
    check_disability(main_cause=archive.main_cause, disability_kind=archive.disability_kind)
    archive.save()
    if secondary_causes is not None:
        archive.secondary_causes.set(secondary_causes)
    return archive


@transaction.atomic
def add_member(*, archive, person, relation, school=""):
    if person.pk == archive.head_id:
        raise _error("person", _("%(name)s is the head of this household already."), "head_as_member",
                     name=person.name)  # fmt: skip
    if archive.members.filter(person=person).exists():
        raise _error("person", _("%(name)s is already a member of this household."), "duplicate_member",
                     name=person.name)  # fmt: skip
    return HouseholdMember.objects.create(archive=archive, person=person, relation=relation, school=school)


@transaction.atomic
def move_archive(*, archive, to, on, reason, by=None, cancel_reason=""):
    """The one door for the archive lifecycle: refuses moves not in ARCHIVE_MOVES by name."""
    archive = HardshipArchive.objects.select_for_update().get(pk=archive.pk)
    move = ARCHIVE_MOVES.get((archive.status, to))
    if move is None:
        raise _error("status", _("An archive that is %(current)s cannot be moved to %(to)s."), "illegal_move",
                     current=ArchiveStatus(archive.status).label, to=ArchiveStatus(to).label)  # fmt: skip
    if not (reason or "").strip():
        raise _error("reason", _("Give the reason for this change."), "no_reason")
    if on < archive.status_since:
        raise _error("on", _("The change cannot be dated before %(since)s, when the current status began."),
                     "before_current", since=cn_date(archive.status_since))  # fmt: skip
    if move == "cancel" and not cancel_reason:
        raise _error("cancel_reason", _("Say why the archive is cancelled (retired, moved, died, re-screened)."),
                     "no_cancel_reason")  # fmt: skip
    if move == "lift_out":
        check_lift_out(archive=archive, on=on)
    ArchiveTransition.objects.create(archive=archive, from_status=archive.status, to_status=to, on=on,
                                     reason=reason, cancel_reason=cancel_reason if move == "cancel" else "",
                                     by=by)  # fmt: skip
    archive.status = to
    archive.status_since = on
    archive.last_updated_on = max(on, archive.last_updated_on)
    if move == "archive":
        archive.reviewed_by = by
    archive.save(update_fields=["status", "status_since", "last_updated_on", "reviewed_by"])
    return archive


# Monthly income and lifting out.

LIFT_OUT_MONTHS = 6


def first_of_month(day):
    return day.replace(day=1)


def months_before(on, n=LIFT_OUT_MONTHS):
    """The n calendar months before the month of `on`, oldest first: the lift-out window."""
    months = []
    year, month = on.year, on.month
    for _i in range(n):
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        months.append(datetime.date(year, month, 1))
    return months[::-1]


def check_lift_out(*, archive, on):
    """脱困: income per head above the local minimum in each of the six months before `on`.

    Refuses naming every month that is missing, under the line, or has no line for its year.
    """
    window = months_before(on)
    incomes = dict(archive.incomes.filter(month__in=window).values_list("month", "income_per_head"))
    lines = {year: archive.eligibility_line(year) for year in {m.year for m in window}}
    missing, under, no_line = [], [], []
    for month in window:
        line = lines[month.year]
        if line is None:
            no_line.append(str(month.year))
        elif month not in incomes:
            missing.append(cn_month(month))
        elif incomes[month] <= line.monthly_income_per_head:
            under.append(
                _("%(month)s (%(income)s under or at %(line)s yuan)")
                % {"month": cn_month(month), "income": incomes[month], "line": line.monthly_income_per_head}
            )
    problems = []
    if no_line:
        problems.append(
            _("no eligibility line is set for %(years)s") % {"years": ", ".join(sorted(set(no_line)))}
        )
    if missing:
        problems.append(_("no income recorded for %(months)s") % {"months": ", ".join(missing)})
    if under:
        problems.append(_("income not above the local minimum in %(months)s") % {"months": ", ".join(under)})
    if problems:
        raise _error("status", _("Household %(code)s can be lifted out only when its income per head was above the "
                                 "local minimum in each of the six months %(first)s to %(last)s: %(problems)s."),
                     "income_not_above_line", code=archive.code, first=cn_month(window[0]),
                     last=cn_month(window[-1]), problems="; ".join(problems))  # fmt: skip


@transaction.atomic
def record_income(*, archive, month, income_per_head, source="", on=None, by=None):
    """Record (or correct) one month's income per head; the latest month is the archive's current income.

    `on` is the day it is recorded (today by default): recording counts as updating the archive.
    """
    on = on or timezone.localdate()
    month = first_of_month(month)
    income_per_head = Decimal(income_per_head)
    if income_per_head < 0:
        raise _error("income_per_head", _("The income cannot be negative."), "negative")
    if month > first_of_month(on):
        raise _error("month", _("%(month)s has not begun yet; record months that are over."), "future",
                     month=cn_month(month))  # fmt: skip
    record, _created = IncomeRecord.objects.update_or_create(
        archive=archive,
        month=month,
        defaults={"income_per_head": income_per_head, "source": source, "by": by},
    )
    archive = HardshipArchive.objects.select_for_update().get(pk=archive.pk)
    if not archive.incomes.filter(month__gt=month).exists():
        archive.monthly_income_per_head = income_per_head
    archive.last_updated_on = max(archive.last_updated_on, on)
    archive.save(update_fields=["monthly_income_per_head", "last_updated_on"])
    return record


def reveal_bank_account(*, archive, user, ip_address=None):
    """The clear account, for the roles that may see ID numbers; every look is logged."""
    if not getattr(user, "can_unmask_id_numbers", False):
        raise PermissionDenied("role may not see bank accounts")
    if not archive.bank_account_cipher:
        return ""
    IdNumberAccess.objects.create(person=archive.head, user=user, ip_address=ip_address,
                                  purpose=f"bank account, archive {archive.code}"[:100])  # fmt: skip
    return archive.clear_bank_account()
