"""Rights cases: opening, people, steps and documents."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core.formats import cn_date
from gonghui.reporting import closing

from ..models import (
    CASE_MOVES,
    CLOSED_CASE_STATUSES,
    CaseDocument,
    CasePerson,
    CaseStatus,
    CaseStep,
    HotlineCall,
    RightsCase,
)
from .errors import _error


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
                     date=cn_date(last))  # fmt: skip
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
