"""Everything that writes this area's records: keyword-only, atomic, checked by the rules in rules.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.orgs.models import Organization

from . import models as m
from .rules import (
    congress_errors,
    contract_errors,
    document_number_errors,
    follow_up_errors,
    joining_errors,
    labour_return_errors,
    raise_if,
    union_event_errors,
)


def _saved(record):
    record.full_clean()
    record.save()
    return record


# --- union building ---------------------------------------------------------------------------


@transaction.atomic
def record_union_event(*, union, kind, on, workplace=None, area=None, form="", chair="",
                       members_at_founding=None, note=""):  # fmt: skip
    """Founded, reorganised or dissolved: refused when it contradicts the union's other events."""
    # Lock the union's row so two officers cannot found or dissolve it at the same moment.
    union = Organization.objects.select_for_update().get(pk=union.pk)
    events = list(m.UnionEvent.objects.filter(organization=union, kind__in=["founded", "dissolved"]))
    raise_if(union_event_errors(union=union, kind=kind, on=on, events=events))
    event = _saved(m.UnionEvent(organization=union, kind=kind, on=on, workplace=workplace, area=area, form=form,
                                chair=chair, members_at_founding=members_at_founding, note=note))  # fmt: skip
    # The organisation's own columns follow its events (the tree shows them).
    if kind == "founded":
        union.established_on = on
        if chair:
            union.chair = chair
        union.save(update_fields=["established_on", "chair"])
    elif kind == "dissolved":
        union.is_active = False
        union.save(update_fields=["is_active"])
    elif kind == "reorganised" and chair:
        union.chair = chair
        union.save(update_fields=["chair"])
    return event


@transaction.atomic
def found_union(*, parent, name, category, founded_on, form, chair="", members_at_founding=None,
                workplace=None, area=None, code=""):  # fmt: skip
    """A new grassroots union: the organisation in the tree and its founding, in one step."""
    if Organization.objects.filter(parent=parent, name=name).exists():
        raise ValidationError({"name": ValidationError(_("%(name)s already exists under %(parent)s."),
                                                       code="exists", params={"name": name, "parent": parent.name})})  # fmt: skip
    union = Organization(name=name, parent=parent, level=Organization.Level.GRASSROOTS, category=category,
                         code=code or _next_code(parent), enterprise=workplace, place=area)  # fmt: skip
    union.full_clean(exclude=["path"])
    union.save()
    record_union_event(union=union, kind="founded", on=founded_on, workplace=workplace, area=area, form=form,
                       chair=chair, members_at_founding=members_at_founding)  # fmt: skip
    return union


def _next_code(parent):
    taken = set(
        Organization.objects.filter(code__startswith=f"{parent.code}-N").values_list("code", flat=True)
    )
    n = len(taken) + 1
    while f"{parent.code}-N{n:03d}" in taken:
        n += 1
    return f"{parent.code}-N{n:03d}"


@transaction.atomic
def set_legal_registration(*, union, status, applied_on=None, certificate_number="", registered_on=None):
    record = m.LegalRegistration.objects.filter(organization=union).first() or m.LegalRegistration(
        organization=union
    )
    record.status, record.applied_on = status, applied_on
    record.certificate_number, record.registered_on = certificate_number, registered_on
    if status == "registered" and (not certificate_number or not registered_on):
        raise ValidationError({"certificate_number": ValidationError(
            _("A registered union needs its certificate number and the date of registration."), code="certificate")})  # fmt: skip
    return _saved(record)


@transaction.atomic
def start_term(*, union, number, starts_on, ends_on):
    return _saved(m.CommitteeTerm(organization=union, number=number, starts_on=starts_on, ends_on=ends_on))


@transaction.atomic
def prepare_congress(*, term, title, preparation_from, delegates=None):
    raise_if(congress_errors(term=term, held_on=None, preparation_from=preparation_from))
    return _saved(m.Congress(organization=term.organization, ends_term=term, title=title,
                             preparation_from=preparation_from, delegates=delegates))  # fmt: skip


@transaction.atomic
def hold_congress(*, congress, held_on, delegates, committee_elected, next_term_years=5):
    """The congress is held: the committee elected starts the next term on that day."""
    raise_if(congress_errors(term=congress.ends_term, held_on=held_on, preparation_from=None))
    term = congress.ends_term
    next_term = start_term(union=congress.organization, number=term.number + 1, starts_on=held_on,
                           ends_on=held_on.replace(year=held_on.year + next_term_years))  # fmt: skip
    congress.status, congress.held_on, congress.delegates = m.Congress.Status.HELD, held_on, delegates
    congress.committee_elected, congress.elected_term = committee_elected, next_term
    return _saved(congress)


# --- members ----------------------------------------------------------------------------------


@transaction.atomic
def join_member(*, person, union, joined_on, card_number="", is_migrant_worker=False, joined_at_source=False,
                origin=m.Membership.Origin.JOINED, transferred_from=None):  # fmt: skip
    already = m.Membership.objects.current().filter(person=person, organization=union).exists()
    raise_if(joining_errors(person=person, union=union, joined_on=joined_on, already_member=already))
    return _saved(m.Membership(person=person, organization=union, joined_on=joined_on, card_number=card_number,
                               is_migrant_worker=is_migrant_worker or joined_at_source,
                               joined_at_source=joined_at_source, origin=origin,
                               transferred_from=transferred_from))  # fmt: skip


@transaction.atomic
def leave_member(*, membership, on, reason, note=""):
    if membership.left_on is not None:
        raise ValidationError({"left_on": ValidationError(_("%(name)s already left on %(date)s."), code="already_left",
                                                          params={"name": membership.person.name,
                                                                  "date": membership.left_on})})  # fmt: skip
    if on < membership.joined_on:
        raise ValidationError({"left_on": ValidationError(
            _("Leaving on %(date)s would be before joining on %(joined)s."), code="before_joining",
            params={"date": on, "joined": membership.joined_on})})  # fmt: skip
    membership.left_on, membership.leave_reason, membership.leave_note = on, reason, note
    return _saved(membership)


@transaction.atomic
def transfer_member(*, membership, to_union, on, note=""):
    """Leaves one union and joins the next on the same day: not a new member, the card goes along."""
    if to_union.pk == membership.organization_id:
        raise ValidationError({"to_union": ValidationError(_("Choose another union to transfer to."),
                                                           code="same_union")})  # fmt: skip
    leave_member(membership=membership, on=on, reason=m.Membership.LeaveReason.TRANSFERRED, note=note)
    return join_member(person=membership.person, union=to_union, joined_on=on, card_number=membership.card_number,
                       is_migrant_worker=membership.is_migrant_worker, origin=m.Membership.Origin.TRANSFERRED,
                       transferred_from=membership)  # fmt: skip


# --- democratic management --------------------------------------------------------------------


@transaction.atomic
def record_contract(*, organization, kind, signed_on, starts_on, ends_on, workers_covered, women_covered=0,
                    workplace=None, scope="", note=""):  # fmt: skip
    raise_if(contract_errors(kind=kind, workplace=workplace, scope=scope, starts_on=starts_on, ends_on=ends_on,
                             workers_covered=workers_covered, women_covered=women_covered))  # fmt: skip
    owner = workplace.organization if workplace is not None else organization
    return _saved(m.CollectiveContract(organization=owner, workplace=workplace, kind=kind, scope=scope,
                                       signed_on=signed_on, starts_on=starts_on, ends_on=ends_on,
                                       workers_covered=workers_covered, women_covered=women_covered or 0,
                                       note=note))  # fmt: skip


@transaction.atomic
def record_labour_contracts(*, workplace, year, signed, workers_with_contract):
    """The year's labour contract count of a workplace (a second return for the year replaces the first)."""
    raise_if(labour_return_errors(workplace=workplace, workers_with_contract=workers_with_contract))
    record = (m.LabourContractReturn.objects.filter(workplace=workplace, year=year).first()
              or m.LabourContractReturn(workplace=workplace, year=year))  # fmt: skip
    record.organization = workplace.organization
    record.signed, record.workers_with_contract = signed, workers_with_contract
    return _saved(record)


@transaction.atomic
def record_workers_congress(*, workplace, established_on, last_session_on=None, delegates=None):
    record = m.WorkersCongress.objects.filter(workplace=workplace).first() or m.WorkersCongress(
        workplace=workplace
    )
    record.organization = workplace.organization
    record.established_on, record.last_session_on, record.delegates = (
        established_on,
        last_session_on,
        delegates,
    )
    if last_session_on and last_session_on < established_on:
        raise ValidationError({"last_session_on": ValidationError(
            _("The last session cannot come before the congress was in place."), code="session_before")})  # fmt: skip
    return _saved(record)


@transaction.atomic
def record_open_affairs(*, workplace, checked_on, practised, inspection=None, note=""):
    return _saved(m.OpenAffairsCheck(organization=workplace.organization, workplace=workplace, inspection=inspection,
                                     checked_on=checked_on, practised=practised, note=note))  # fmt: skip


@transaction.atomic
def record_rule(*, rule):
    """Which workplaces owe a women's special contract, as the federation decides (one rule per organisation)."""
    existing = m.SpecialContractRule.objects.filter(organization=rule.organization).exclude(pk=rule.pk).first()
    if existing is not None:
        rule.pk = existing.pk
    return _saved(rule)


# --- documents and meetings -------------------------------------------------------------------


@transaction.atomic
def record_document(*, organization, number, title, issued_on, recipients="", volume=None, attachment=None):
    raise_if(document_number_errors(number=number, issued_on=issued_on))
    if number and m.Document.objects.filter(organization=organization, number=number).exists():
        raise ValidationError({"number": ValidationError(_("%(number)s has already been recorded."), code="duplicate",
                                                         params={"number": number})})  # fmt: skip
    return _saved(m.Document(organization=organization, number=number, title=title, issued_on=issued_on,
                             recipients=recipients, volume=volume, attachment=attachment or ""))  # fmt: skip


@transaction.atomic
def record_meeting(*, organization, kind, title, held_on, place="", attendees=0, report="", resolutions="",
                   follows=None):  # fmt: skip
    if kind == m.Meeting.Kind.FOLLOW_UP:
        raise_if(follow_up_errors(organization=organization, plenary=follows, held_on=held_on))
    else:
        follows = None
    return _saved(m.Meeting(organization=organization, kind=kind, title=title, held_on=held_on, place=place,
                            attendees=attendees, report=report, resolutions=resolutions, follows=follows))  # fmt: skip


# --- records with no rule beyond their own fields ---------------------------------------------


@transaction.atomic
def record(model, **fields):
    """Women's committees and campaigns, events, honours, home ratings, assignments and visits."""
    return _saved(model(**fields))
