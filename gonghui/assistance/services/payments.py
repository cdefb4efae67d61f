"""Programmes and payments: the caps, who may be paid, the approval moves and reversals."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from gonghui.core.formats import cn_date
from gonghui.reporting import closing

from ..models import (
    PAYMENT_MOVES,
    ArchiveStatus,
    BeneficiaryKind,
    Payment,
    PaymentStatus,
    PaymentStep,
    Programme,
)
from .errors import _error

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
                     date=cn_date(applied_on))  # fmt: skip
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
                     date=cn_date(last))  # fmt: skip
    if move == "approve" and on < payment.notice.earliest_approval():
        raise _error("on", _("The public notice runs until %(ends)s (five working days); approve on %(first)s "
                             "or later."), "notice_running", ends=cn_date(payment.notice.ends_on),
                     first=cn_date(payment.notice.earliest_approval()))  # fmt: skip
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
def reverse_payment(*, payment, reason, on, by=None):
    """Undo a paid payment by a new negative entry with a reason; the original stays as it was."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.PAID or payment.is_reversal:
        raise _error("status", _("Only a paid payment can be reversed."), "not_paid")
    if hasattr(payment, "reversal"):
        raise _error("status", _("This payment was already reversed on %(date)s."), "already_reversed",
                     date=cn_date(payment.reversal.paid_on))  # fmt: skip
    if not (reason or "").strip():
        raise _error("reversal_reason", _("Give the reason for the reversal."), "no_reason")
    if on < payment.paid_on:
        raise _error("on", _("A reversal cannot be dated before the payment (%(date)s)."), "before_payment",
                     date=cn_date(payment.paid_on))  # fmt: skip
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
                         date=cn_date(payment.applied_on))  # fmt: skip
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
