"""Care for people on the registries: pairings with elders, visits with money, medical fee waivers."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.reporting import closing

from .. import models as m
from ..registries import BY_VISIT
from .common import check_end, refuse


def check_one_helper(*, elder, field="elder", exclude=None, current_helper=None):
    """One helper at a time for an elder: a new (or reopened) pairing waits until the other one ends.

    ``current_helper``: the name of the helper of the elder's open pairing when the caller already
    knows it (a ledger batch looks them up in one query); without it the database is asked.
    """
    if current_helper is None:
        others = elder.pairings.filter(ended_on__isnull=True)
        if exclude is not None:
            others = others.exclude(pk=exclude.pk)
        current_helper = others.values_list("helper_name", flat=True).first()
    if current_helper:
        refuse(field, _("%(name)s already has a helper (%(helper)s); end that pairing first."), "already_paired",
               name=elder.person.name, helper=current_helper)  # fmt: skip


@transaction.atomic
def pair_elder(*, elder, helper_name, paired_on, helper=None, helper_unit="", helper_phone=""):
    check_one_helper(elder=elder)
    pairing = m.Pairing(
        elder=elder,
        helper=helper,
        helper_name=helper_name or (helper.name if helper else ""),
        helper_unit=helper_unit,
        helper_phone=helper_phone,
        organization=elder.organization,
        paired_on=paired_on,
    )
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def record_visit(*, kind, person, visited_on, amount, organization=None, visited_by="", note=""):
    """A visit to someone on the registry of that kind; the money is never negative."""
    model = BY_VISIT[kind].model
    entry = model.objects.filter(person=person).first()
    if entry is None:
        raise ValidationError(
            {"person": ValidationError(
                _("%(name)s is not on the register of %(registry)s; register them first."), code="not_registered",
                params={"name": person.name, "registry": model._meta.verbose_name_plural},
            )}
        )  # fmt: skip
    closing.ensure_open(organization=organization or entry.organization, day=visited_on, field="visited_on")
    visit = m.Visit(
        kind=kind,
        person=person,
        organization=organization or entry.organization,
        visited_on=visited_on,
        amount=Decimal(amount),
        visited_by=visited_by,
        note=note,
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def record_medical_waiver(*, elder, granted_on, amount, provider=""):
    closing.ensure_open(organization=elder.organization, day=granted_on, field="granted_on")
    if elder.waivers.filter(granted_on=granted_on, provider=provider).exists():
        refuse("provider", _("A waiver for %(name)s by %(provider)s on %(day)s is already recorded."), "duplicate",
               name=elder.person.name, provider=provider or "—", day=granted_on)  # fmt: skip
    waiver = m.MedicalWaiver(
        elder=elder,
        organization=elder.organization,
        granted_on=granted_on,
        amount=Decimal(amount),
        provider=provider,
    )
    waiver.full_clean()
    waiver.save()
    return waiver


@transaction.atomic
def end_pairing(*, pairing, ended_on):
    """结束结对: the helper stops; the elder can then be paired again."""
    pairing = m.Pairing.objects.select_for_update().get(pk=pairing.pk)
    check_end(started_on=pairing.paired_on, ended_on=ended_on, already_ended=pairing.ended_on,
              start_label=_("paired on"))  # fmt: skip
    pairing.ended_on = ended_on
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def update_pairing(*, pairing, helper_name, paired_on, helper_unit="", helper_phone="", ended_on=None):
    if ended_on is not None and ended_on < paired_on:
        refuse("ended_on", _("The end cannot be before the start (%(what)s %(day)s)."), "end_before_start",
               what=_("paired on"), day=paired_on)  # fmt: skip
    others = pairing.elder.pairings.exclude(pk=pairing.pk)
    if ended_on is None:
        check_one_helper(elder=pairing.elder, field="ended_on", exclude=pairing)
    if others.filter(helper_name=helper_name, paired_on=paired_on).exists():
        refuse("helper_name", _("%(helper)s was already paired with this elder on %(day)s."), "duplicate",
               helper=helper_name, day=paired_on)  # fmt: skip
    pairing.helper_name, pairing.helper_unit, pairing.helper_phone = helper_name, helper_unit, helper_phone
    pairing.paired_on, pairing.ended_on = paired_on, ended_on
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def update_visit(*, visit, visited_on, amount, visited_by="", note=""):
    for day in (visit.visited_on, visited_on):  # neither the old date nor the new one may be closed
        closing.ensure_open(organization=visit.organization, day=day, field="visited_on")
    if (
        m.Visit.objects.filter(kind=visit.kind, person=visit.person_id, visited_on=visited_on)
        .exclude(pk=visit.pk)
        .exists()
    ):
        refuse("visited_on", _("A visit to %(name)s on %(day)s is already recorded."), "duplicate",
               name=visit.person.name, day=visited_on)  # fmt: skip
    visit.visited_on, visit.amount = visited_on, Decimal(amount)
    visit.visited_by, visit.note = visited_by, note
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def update_medical_waiver(*, waiver, granted_on, amount, provider=""):
    for day in (waiver.granted_on, granted_on):
        closing.ensure_open(organization=waiver.organization, day=day, field="granted_on")
    if waiver.elder.waivers.filter(granted_on=granted_on, provider=provider).exclude(pk=waiver.pk).exists():
        refuse("provider", _("A waiver for %(name)s by %(provider)s on %(day)s is already recorded."), "duplicate",
               name=waiver.elder.person.name, provider=provider or "—", day=granted_on)  # fmt: skip
    waiver.granted_on, waiver.amount, waiver.provider = granted_on, Decimal(amount), provider
    waiver.full_clean()
    waiver.save()
    return waiver
