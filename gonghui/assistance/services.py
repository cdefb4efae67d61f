"""Everything that writes in the assistance area: keyword-only, atomic, refusing with a reason."""

import datetime
import math
import random
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.calendar import add_working_days, is_working_day
from gonghui.orgs.models import Place
from gonghui.people.models import IdNumberAccess
from gonghui.reporting import closing

from . import crypto
from .models import (
    ARCHIVE_MOVES,
    CASE_MOVES,
    CLOSED_CASE_STATUSES,
    PAYMENT_MOVES,
    ArchiveCheck,
    ArchiveStatus,
    ArchiveTransition,
    BeneficiaryKind,
    CaseDocument,
    CasePerson,
    CaseStatus,
    CaseStep,
    EligibilityLine,
    HardshipArchive,
    HardshipCause,
    HotlineCall,
    HouseholdMember,
    IncomeRecord,
    Payment,
    PaymentStatus,
    PaymentStep,
    Programme,
    PublicNotice,
    RightsCase,
)


def _error(field, message, code, /, **params):
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


# Configurable lists: causes of hardship and eligibility lines ---------------------------------


@transaction.atomic
def save_cause(*, cause):
    """Add or edit a cause; ledger imports match causes by name, so active names stay unique."""
    cause.name = (cause.name or "").strip()
    cause.full_clean()
    if (
        cause.is_active
        and HardshipCause.objects.filter(name=cause.name, is_active=True).exclude(pk=cause.pk).exists()
    ):
        raise _error(
            "name", _("An active cause is already called %(name)s."), "duplicate_name", name=cause.name
        )
    cause.save()
    return cause


@transaction.atomic
def save_eligibility_line(*, line, user):
    """Add or edit the local minimum of a place and year the user answers for."""
    if not Place.objects.visible_to(user).filter(pk=line.place_id).exists():
        raise _error("place", _("%(place)s is outside your area."), "out_of_scope", place=line.place)
    if line.monthly_income_per_head is not None and line.monthly_income_per_head <= 0:
        raise _error(
            "monthly_income_per_head", _("The local minimum must be more than zero."), "not_positive"
        )
    if line.household_year_cap is not None and line.household_year_cap <= 0:
        raise _error("household_year_cap", _("Leave the household cap empty or make it more than zero."),
                     "not_positive")  # fmt: skip
    clash = EligibilityLine.objects.filter(place=line.place, year=line.year).exclude(pk=line.pk).exists()
    if clash:
        raise _error("year", _("%(place)s already has a line for %(year)s; edit that one."), "duplicate",
                     place=line.place, year=line.year)  # fmt: skip
    line.full_clean(validate_unique=False)
    line.save()
    return line


# Archives ----------------------------------------------------------------------------------------


# Rules of an archive: called by the services below, ArchiveForm and the archives ledger --------------


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
                     "before_current", since=archive.status_since.isoformat())  # fmt: skip
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


# Monthly income and lifting out ---------------------------------------------------------------

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
            missing.append(f"{month:%Y-%m}")
        elif incomes[month] <= line.monthly_income_per_head:
            under.append(
                _("%(month)s (%(income)s under or at %(line)s yuan)")
                % {"month": f"{month:%Y-%m}", "income": incomes[month], "line": line.monthly_income_per_head}
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
                     "income_not_above_line", code=archive.code, first=f"{window[0]:%Y-%m}",
                     last=f"{window[-1]:%Y-%m}", problems="; ".join(problems))  # fmt: skip


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
                     month=f"{month:%Y-%m}")  # fmt: skip
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


# Yearly re-check ----------------------------------------------------------------------------------

RECHECK_VISIT_SHARE = Decimal("0.3")


@transaction.atomic
def start_yearly_recheck(*, archives, year, seed=None):
    """Open one re-check per archive for the year and draw ≥30% of them for a home visit.

    `archives` is the (already scoped) set of archives to re-check; archives that already have
    this year's re-check keep it, so running twice draws nothing new.
    """
    archives = list(archives.filter(status=ArchiveStatus.ARCHIVED).order_by("pk"))
    done = set(
        ArchiveCheck.objects.filter(year=year, archive__in=archives).values_list("archive_id", flat=True)
    )
    fresh = [a for a in archives if a.pk not in done]
    if not fresh:
        return []
    visits = set(random.Random(seed).sample(range(len(fresh)), math.ceil(len(fresh) * RECHECK_VISIT_SHARE)))
    return ArchiveCheck.objects.bulk_create(
        [ArchiveCheck(archive=a, year=year, must_visit=i in visits) for i, a in enumerate(fresh)]
    )


@transaction.atomic
def record_check(*, check, checked_on, visited, still_eligible, finding="", by=None):
    if check.must_visit and not visited:
        raise _error("visited", _("Archive %(code)s was drawn for a home visit: record the visit in person."),
                     "visit_required", code=check.archive.code)  # fmt: skip
    if checked_on.year != check.year:
        raise _error("checked_on", _("The re-check of %(year)s must be dated in %(year)s."), "wrong_year",
                     year=check.year)  # fmt: skip
    check.checked_on = checked_on
    check.visited = visited
    check.still_eligible = still_eligible
    check.finding = finding
    check.by = by
    check.save()
    archive = check.archive
    archive.last_updated_on = max(checked_on, archive.last_updated_on)
    archive.save(update_fields=["last_updated_on"])
    return check


# Payments -------------------------------------------------------------------------------------

# Later areas (relief disbursements, donation disbursements) add what they paid a household in a
# year here, so the household's year total spans every source. Each is f(archive, year) -> Decimal.
_household_sources = []


def register_household_source(func):
    if func not in _household_sources:
        _household_sources.append(func)
    return func


def household_year_total(archive, year, *, exclude=None):
    """Everything a household received or is due in a year: its payments plus other areas'."""
    rows = Payment.objects.filter(archive=archive).counting().in_year(year)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    total = rows.aggregate(n=Sum("amount"))["n"] or Decimal("0")
    for source in _household_sources:
        total += source(archive, year) or Decimal("0")
    return total


def check_amount(amount):
    if amount <= 0:
        raise _error("amount", _("The amount must be more than zero."), "not_positive")


def check_caps(*, programme, person, archive, amount, year, exclude=None, recorded=None):
    """Refuse a payment over the programme's per-payment or per-person cap, or the household's cap.

    ``recorded`` may give the totals already counted against the caps, {"person": …, "household": …}
    (a ledger adds the rows above in its file to what is recorded); without them the database is asked.
    """
    recorded = recorded or {}
    if programme.per_payment_cap is not None and amount > programme.per_payment_cap:
        raise _error("amount", _("%(amount)s yuan is over the %(cap)s yuan cap per payment of %(programme)s."),
                     "over_payment_cap", amount=amount, cap=programme.per_payment_cap,
                     programme=programme.name)  # fmt: skip
    if programme.per_person_year_cap is not None:
        before = recorded.get("person")
        if before is None:
            before = person_year_total(programme, person, year, exclude=exclude)
        total = before + amount
        if total > programme.per_person_year_cap:
            raise _error("amount", _("This would bring %(name)s to %(total)s yuan from %(programme)s in %(year)s, "
                                     "over the %(cap)s yuan cap per person per year."),
                         "over_person_cap", name=person.name, total=total, programme=programme.name, year=year,
                         cap=programme.per_person_year_cap)  # fmt: skip
    if archive is not None:
        line = archive.eligibility_line(year)
        if line is not None and line.household_year_cap is not None:
            before = recorded.get("household")
            if before is None:
                before = household_year_total(archive, year, exclude=exclude)
            total = before + amount
            if total > line.household_year_cap:
                raise _error("amount", _("This would bring household %(code)s to %(total)s yuan in %(year)s across "
                                         "all programmes, over the %(cap)s yuan household cap."),
                             "over_household_cap", code=archive.code, total=total, year=year,
                             cap=line.household_year_cap)  # fmt: skip


def person_year_total(programme, person, year, *, exclude=None):
    """What a person received or is due from a programme in a year (the per-person cap counts it)."""
    if person is None or person.pk is None:
        return Decimal("0")
    rows = Payment.objects.filter(programme=programme, person=person).counting().in_year(year)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return rows.aggregate(n=Sum("amount"))["n"] or Decimal("0")


# Kinds of beneficiary paid as a household in hardship: the household must be archived (建档) first.
NEEDS_ARCHIVE = {BeneficiaryKind.HARDSHIP_WORKER, BeneficiaryKind.CHILD}


def check_payable(*, archive, person, beneficiary_kind=None, member_ids=None):
    """A household is paid only while archived, and only to its head or a member; a hardship worker
    (or their child) is paid only through such a household.

    The one rule for the payment form, the payments ledger and the API; `member_ids` (the
    household's person ids) may be passed by a caller that already loaded them for a batch.
    """
    if archive is None:
        if beneficiary_kind in NEEDS_ARCHIVE:
            raise _error("archive", _("A payment to a %(kind)s needs the household's hardship archive; file and "
                                      "archive the household first, then give its archive number."),
                         "archive_required", kind=BeneficiaryKind(beneficiary_kind).label)  # fmt: skip
        return
    check_archive_open(archive)
    if member_ids is None:
        member_ids = {archive.head_id, *archive.members.values_list("person_id", flat=True)}
    if person is None or person.pk not in member_ids:
        raise _error("person", _("%(name)s is not a member of household %(code)s."), "not_in_household",
                     name=person.name if person is not None else "", code=archive.code)  # fmt: skip


@transaction.atomic
def apply_for_payment(*, organization, programme, person, beneficiary_kind, amount, fund_source, applied_on,
                      archive=None, note="", by=None):  # fmt: skip
    """Record an application; caps and the household's status are checked now and again at payment."""
    closing.ensure_open(organization=organization, day=applied_on, field="applied_on")
    amount = Decimal(amount)
    check_amount(amount)
    if programme.year != applied_on.year:
        raise _error("programme", _("%(programme)s is a programme of %(year)s; the application is dated %(date)s."),
                     "wrong_year", programme=programme.name, year=programme.year,
                     date=applied_on.isoformat())  # fmt: skip
    check_payable(archive=archive, person=person, beneficiary_kind=beneficiary_kind)
    check_caps(programme=programme, person=person, archive=archive, amount=amount, year=applied_on.year)
    payment = Payment.objects.create(
        organization=organization, programme=programme, person=person, archive=archive,
        beneficiary_kind=beneficiary_kind, amount=amount, fund_source=fund_source, applied_on=applied_on,
        note=note, created_by=by,
    )  # fmt: skip
    PaymentStep.objects.create(payment=payment, status=PaymentStatus.APPLIED, on=applied_on, by=by)
    return payment


def check_approver(*, payment, by):
    """Two people for money: the approver is neither the applicant nor the reviewer, and sits at the
    level that owns the programme (or above it): the county's assistance centre approves county
    programmes (seed: 基层初审 → 入户调查 → 中心审核 → 公示 → 审批)."""
    if by is None:
        raise _error("status", _("An approval must be made by a named user."), "no_approver")
    applied_by = payment.created_by_id
    reviewed_by = set(
        payment.steps.filter(status=PaymentStatus.REVIEWED).exclude(by=None).values_list("by_id", flat=True)
    )
    if by.pk == applied_by:
        raise _error("status", _("%(user)s applied for this payment and cannot also approve it; another person "
                                 "must approve."), "approver_applied", user=str(by))  # fmt: skip
    if by.pk in reviewed_by:
        raise _error("status", _("%(user)s reviewed this payment and cannot also approve it; another person "
                                 "must approve."), "approver_reviewed", user=str(by))  # fmt: skip
    owner = payment.programme.organization
    org = getattr(by, "organization", None)
    if not by.is_superuser and (org is None or not owner.path.startswith(org.path)):
        raise _error("status", _("%(programme)s is a programme of %(owner)s: it is approved there, not by "
                                 "%(org)s."), "approver_level", programme=payment.programme.name, owner=owner.name,
                     org=org.name if org else str(by))  # fmt: skip


def check_archive_open(archive):
    if archive.status != ArchiveStatus.ARCHIVED:
        raise _error("archive", _("Household %(code)s is %(status)s: only an archived household can be paid."),
                     "archive_not_active", code=archive.code,
                     status=ArchiveStatus(archive.status).label)  # fmt: skip


@transaction.atomic
def move_payment(*, payment, to, on, by=None, note=""):
    """Review, approve, pay or refuse: refuses any move not in PAYMENT_MOVES, by name."""
    payment = (
        Payment.objects.select_for_update(of=("self",))
        .select_related("programme__organization", "notice", "archive", "person")
        .get(pk=payment.pk)
    )
    closing.ensure_open(organization=payment.organization, day=on, field="on")
    move = PAYMENT_MOVES.get((payment.status, to))
    if move is None or move == "post_notice":
        raise _error("status", _("A payment that is %(current)s cannot be moved to %(to)s."), "illegal_move",
                     current=PaymentStatus(payment.status).label, to=PaymentStatus(to).label)  # fmt: skip
    last = payment.steps.order_by("-on").values_list("on", flat=True).first()
    if last and on < last:
        raise _error("on", _("This step cannot be dated before the previous one (%(date)s)."), "before_previous",
                     date=last.isoformat())  # fmt: skip
    if move == "approve" and on < payment.notice.earliest_approval():
        raise _error("on", _("The public notice runs until %(ends)s (five working days); approve on %(first)s "
                             "or later."), "notice_running", ends=payment.notice.ends_on.isoformat(),
                     first=payment.notice.earliest_approval().isoformat())  # fmt: skip
    if move == "approve":
        check_approver(payment=payment, by=by)
    if move == "refuse" and not (note or "").strip():
        raise _error("note", _("Give the reason for refusing."), "no_reason")
    if move == "pay":
        check_payable(archive=payment.archive, person=payment.person, beneficiary_kind=payment.beneficiary_kind)
        check_caps(programme=payment.programme, person=payment.person, archive=payment.archive,
                   amount=payment.amount, year=on.year, exclude=payment)  # fmt: skip
        payment.paid_on = on
    payment.status = to
    payment.save(update_fields=["status", "paid_on"])
    PaymentStep.objects.create(payment=payment, status=to, on=on, by=by, note=note)
    return payment


@transaction.atomic
def post_notice(*, organization, payments, title, posted_on, place_posted="", by=None):
    """Post reviewed payments on the public notice for five working days."""
    payments = list(payments)
    if not payments:
        raise _error("payments", _("Choose at least one reviewed payment to post."), "empty")
    for p in payments:
        if p.status != PaymentStatus.REVIEWED:
            raise _error("payments", _("The payment to %(name)s is %(status)s: only reviewed payments are posted."),
                         "not_reviewed", name=p.person.name, status=PaymentStatus(p.status).label)  # fmt: skip
    # Five working days counting the day of posting when that is a working day.
    first_day_counts = is_working_day(posted_on)
    ends_on = add_working_days(posted_on, PublicNotice.MIN_WORKING_DAYS - (1 if first_day_counts else 0))
    notice = PublicNotice.objects.create(organization=organization, title=title, posted_on=posted_on,
                                         ends_on=ends_on, place_posted=place_posted, created_by=by)  # fmt: skip
    for p in payments:
        p.status = PaymentStatus.NOTICED
        p.notice = notice
        p.save(update_fields=["status", "notice"])
        PaymentStep.objects.create(payment=p, status=PaymentStatus.NOTICED, on=posted_on, by=by)
    return notice


@transaction.atomic
def reverse_payment(*, payment, reason, on, by=None):
    """Undo a paid payment by a new negative entry with a reason; the original stays as it was."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.PAID or payment.is_reversal:
        raise _error("status", _("Only a paid payment can be reversed."), "not_paid")
    if hasattr(payment, "reversal"):
        raise _error("status", _("This payment was already reversed on %(date)s."), "already_reversed",
                     date=payment.reversal.paid_on.isoformat())  # fmt: skip
    if not (reason or "").strip():
        raise _error("reversal_reason", _("Give the reason for the reversal."), "no_reason")
    if on < payment.paid_on:
        raise _error("on", _("A reversal cannot be dated before the payment (%(date)s)."), "before_payment",
                     date=payment.paid_on.isoformat())  # fmt: skip
    reversal = Payment.objects.create(
        organization=payment.organization, programme=payment.programme, person=payment.person,
        archive=payment.archive, beneficiary_kind=payment.beneficiary_kind, amount=-payment.amount,
        fund_source=payment.fund_source, status=PaymentStatus.PAID, applied_on=on, paid_on=on,
        reverses=payment, reversal_reason=reason, created_by=by,
    )  # fmt: skip
    PaymentStep.objects.create(payment=reversal, status=PaymentStatus.PAID, on=on, by=by, note=reason[:200])
    return reversal


@transaction.atomic
def update_payment(*, payment, amount=None, programme=None, fund_source=None, note=None):
    """Correct an application before it is reviewed: amount, programme, fund source, note.

    Once reviewed, the reviewer's decision (and then the public notice) was about these figures;
    a change then is a refusal and a new application, and a paid payment only a reversal.
    """
    payment = Payment.objects.select_for_update(of=("self",)).select_related("programme").get(pk=payment.pk)
    if payment.status != PaymentStatus.APPLIED:
        code = "locked" if payment.status in (PaymentStatus.APPROVED, PaymentStatus.PAID) else "moved_on"
        message = {
            "locked": _("This payment is %(status)s and locked: reverse it with a new entry instead."),
            "moved_on": _("This payment is %(status)s: only an application not yet reviewed can be edited; "
                          "refuse it and apply again."),
        }[code]  # fmt: skip
        raise _error("status", message, code, status=PaymentStatus(payment.status).label)
    if programme is not None and programme.pk != payment.programme_id:
        if programme.year != payment.applied_on.year:
            raise _error("programme", _("%(programme)s is a programme of %(year)s; the application is dated "
                                        "%(date)s."), "wrong_year", programme=programme.name, year=programme.year,
                         date=payment.applied_on.isoformat())  # fmt: skip
        if not Programme.objects.open_to(payment.organization).filter(pk=programme.pk).exists():
            raise _error("programme", _("%(union)s cannot pay from %(programme)s, a programme of %(owner)s."),
                         "not_open", union=payment.organization.name, programme=programme.name,
                         owner=programme.organization.name)  # fmt: skip
        payment.programme = programme
    if amount is not None:
        amount = Decimal(amount)
        check_amount(amount)
        payment.amount = amount
    check_caps(programme=payment.programme, person=payment.person, archive=payment.archive, amount=payment.amount,
               year=payment.applied_on.year, exclude=payment)  # fmt: skip
    if fund_source is not None:
        payment.fund_source = fund_source
    if note is not None:
        payment.note = note
    payment.save(update_fields=["programme", "amount", "fund_source", "note"])
    return payment


@transaction.atomic
def save_programme(*, programme, by=None):
    """Set up or correct a programme; names are unique per union and year (ledgers find it by name)."""
    programme.name = (programme.name or "").strip()
    programme.full_clean()
    programme.save()
    return programme


# Hotline and cases ----------------------------------------------------------------------------


@transaction.atomic
def record_call(*, call):
    """Log a hotline call as the officer took it."""
    call.full_clean()
    call.save()
    return call


@transaction.atomic
def attach_document(*, case, title, file, by=None):
    """A scan, photo or office file of a case (the form checks its type and size)."""
    document = CaseDocument(case=case, title=title, file=file, by=by)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def open_case(*, organization, code, title, kind, received_on, people=(), by=None, call=None, **fields):
    """Open a rights case with its people [(person, role, is_migrant_worker)], optionally from a call."""
    closing.ensure_open(organization=organization, day=received_on, field="received_on")
    if RightsCase.objects.filter(code=code).exists():
        raise _error("code", _("Case number %(code)s is taken."), "duplicate", code=code)
    case = RightsCase(organization=organization, code=code, title=title, kind=kind, received_on=received_on,
                      **fields)  # fmt: skip
    case.full_clean()
    case.save()
    CaseStep.objects.create(case=case, status=CaseStatus.RECEIVED, on=received_on, by=by)
    for person, role, migrant in people:
        add_case_person(case=case, person=person, role=role, is_migrant_worker=migrant)
    if call is not None:
        if call.case_id:
            raise _error("call", _("A case was already opened from this call."), "call_has_case")
        call.case = case
        call.outcome = HotlineCall.Outcome.CASE_OPENED
        call.save(update_fields=["case", "outcome"])
    return case


@transaction.atomic
def add_case_person(*, case, person, role=CasePerson.Role.CLAIMANT, is_migrant_worker=False):
    if case.people.filter(person=person).exists():
        raise _error("person", _("%(name)s is already in this case."), "duplicate", name=person.name)
    return CasePerson.objects.create(case=case, person=person, role=role, is_migrant_worker=is_migrant_worker)


@transaction.atomic
def move_case(*, case, to, on, note="", by=None, amount_recovered=None):
    """Record a dated step; refuses backward moves and reopening a closed case."""
    case = RightsCase.objects.select_for_update().get(pk=case.pk)
    if (case.status, to) not in CASE_MOVES:
        raise _error("status", _("A case that is %(current)s cannot be moved to %(to)s."), "illegal_move",
                     current=CaseStatus(case.status).label, to=CaseStatus(to).label)  # fmt: skip
    last = case.steps.order_by("-on").values_list("on", flat=True).first()
    if last and on < last:
        raise _error("on", _("This step cannot be dated before the previous one (%(date)s)."), "before_previous",
                     date=last.isoformat())  # fmt: skip
    if amount_recovered is not None:
        amount_recovered = Decimal(amount_recovered)
        if amount_recovered < 0:
            raise _error("amount_recovered", _("The amount recovered cannot be negative."), "negative")
        case.amount_recovered = amount_recovered
    case.status = to
    if to in CLOSED_CASE_STATUSES:
        case.closed_on = on
    case.save(update_fields=["status", "closed_on", "amount_recovered"])
    CaseStep.objects.create(case=case, status=to, on=on, note=note, by=by)
    return case


# Model workers --------------------------------------------------------------------------------


@transaction.atomic
def save_model_worker(*, worker):
    """Add or correct a model worker; one entry per person, level and year honoured (as the ledger keys it)."""
    worker.full_clean()
    worker.save()
    return worker


def notice_rows(notice):
    """The rows of a public notice, masked for posting on a wall: 张*飞, 5201**********123X."""
    rows = []
    for p in notice.payments.select_related("person", "programme", "archive").order_by("pk"):
        rows.append({
            "name": crypto.mask_name(p.person.name),
            "id_number": crypto.mask_id_for_notice(p.person.id_number_masked),
            "programme": p.programme.name,
            "kind": p.get_beneficiary_kind_display(),
            "amount": p.amount,
            "place": str(p.person.village or p.person.township or ""),
        })  # fmt: skip
    return rows
