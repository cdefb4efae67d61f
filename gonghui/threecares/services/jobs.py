"""Work for migrants: skills training, job referral events and their people, returnee symposiums."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.reporting import closing

from .. import models as m
from .common import refuse


@transaction.atomic
def record_training(*, organization, title, held_on, trainee_count, funds, trade="", venue="", attendees=()):
    closing.ensure_open(organization=organization, day=held_on, field="held_on")
    attendees = list(attendees)
    _check_attendance(trainee_count, attendees)
    training = m.Training(
        organization=organization, title=title, held_on=held_on, trainee_count=trainee_count,
        funds=Decimal(funds), trade=trade, venue=venue,
    )  # fmt: skip
    training.full_clean()
    training.save()
    if attendees:
        training.attendees.add(*attendees)
    return training


@transaction.atomic
def record_referral_event(*, organization, title, held_on, referrals=(), referred_count=None,
                          employed_count=None, venue=""):  # fmt: skip
    """A referral event; with a list of (person, employed, employer) the counts come from it."""
    closing.ensure_open(organization=organization, day=held_on, field="held_on")
    referrals = list(referrals)
    if referrals:
        referred_count = len(referrals)
        employed_count = sum(1 for _p, employed, _e in referrals if employed)
    if referred_count is None or employed_count is None:
        raise ValidationError(
            _("Give the people referred and employed, or the list of referrals."), code="counts"
        )
    if employed_count > referred_count:
        raise ValidationError(
            {"employed_count": ValidationError(
                _("%(employed)d employed is more than the %(referred)d referred."), code="employed_over",
                params={"employed": employed_count, "referred": referred_count},
            )}
        )  # fmt: skip
    event = m.ReferralEvent(
        organization=organization, title=title, held_on=held_on, venue=venue,
        referred_count=referred_count, employed_count=employed_count,
    )  # fmt: skip
    event.full_clean()
    event.save()
    m.Referral.objects.bulk_create(
        [
            m.Referral(event=event, person=p, employed=employed, employer=employer)
            for p, employed, employer in referrals
        ]
    )
    return event


@transaction.atomic
def record_symposium(*, organization, held_on, attendees, venue="", notes=""):
    """返乡农民工座谈会: one a day per organisation."""
    if m.ReturneeSymposium.objects.filter(organization=organization, held_on=held_on).exists():
        refuse("held_on", _("A returnee symposium on %(day)s is already recorded."), "duplicate", day=held_on)
    symposium = m.ReturneeSymposium(
        organization=organization, held_on=held_on, venue=venue, attendees=attendees, notes=notes
    )
    symposium.full_clean()
    symposium.save()
    return symposium


def _check_attendance(trainee_count, attendees):
    if attendees and trainee_count < len(attendees):
        raise ValidationError(
            {"trainee_count": ValidationError(
                _("The attendance list has %(n)d names but only %(count)d trainees were entered."),
                code="attendance", params={"n": len(attendees), "count": trainee_count},
            )}
        )  # fmt: skip


@transaction.atomic
def update_training(*, training, title, held_on, trainee_count, funds, trade="", venue="", attendees=()):
    attendees = list(attendees)
    _check_attendance(trainee_count, attendees)
    same = m.Training.objects.filter(organization=training.organization_id, held_on=held_on, title=title)
    if same.exclude(pk=training.pk).exists():
        refuse("title", _("A training session titled %(title)s on %(day)s is already recorded."), "duplicate",
               title=title, day=held_on)  # fmt: skip
    training.title, training.held_on, training.trainee_count = title, held_on, trainee_count
    training.funds, training.trade, training.venue = Decimal(funds), trade, venue
    training.full_clean()
    training.save()
    training.attendees.set(attendees)
    return training


def _referral_counts(event):
    rows = list(event.referrals.values_list("employed", flat=True))
    return len(rows), sum(1 for employed in rows if employed)


@transaction.atomic
def update_referral_event(*, event, title, held_on, referred_count, employed_count, venue=""):
    listed, employed = _referral_counts(event)
    if listed and (referred_count, employed_count) != (listed, employed):
        refuse("referred_count", _("The event lists %(n)d people, %(employed)d of them employed; the counts "
                                    "come from that list."), "counts_from_list", n=listed, employed=employed)  # fmt: skip
    if employed_count > referred_count:
        refuse("employed_count", _("%(employed)d employed is more than the %(referred)d referred."),
               "employed_over", employed=employed_count, referred=referred_count)  # fmt: skip
    same = m.ReferralEvent.objects.filter(organization=event.organization_id, held_on=held_on, title=title)
    if same.exclude(pk=event.pk).exists():
        refuse("title", _("A job referral event titled %(title)s on %(day)s is already recorded."), "duplicate",
               title=title, day=held_on)  # fmt: skip
    event.title, event.held_on, event.venue = title, held_on, venue
    event.referred_count, event.employed_count = referred_count, employed_count
    event.full_clean()
    event.save()
    return event


def _recount(event):
    """With people listed, the event's counts are those of the list; with none, nothing is counted."""
    event.referred_count, event.employed_count = _referral_counts(event)
    event.save(update_fields=["referred_count", "employed_count"])
    return event


@transaction.atomic
def add_referrals(*, event, people, employed=False, employer=""):
    """People referred at the event (once each); the counts then come from the list."""
    people = list(people)
    event = m.ReferralEvent.objects.select_for_update().get(pk=event.pk)
    listed = set(event.referrals.values_list("person_id", flat=True))
    errors = [
        ValidationError(_("%(name)s is already on the list."), code="duplicate", params={"name": p.name})
        for p in people
        if p.pk in listed
    ]
    if not people:
        errors.append(ValidationError(_("Name at least one person."), code="empty"))
    if errors:
        raise ValidationError({"people": errors})
    m.Referral.objects.bulk_create(
        [m.Referral(event=event, person=p, employed=employed, employer=employer) for p in people]
    )
    return _recount(event)


@transaction.atomic
def update_referral(*, referral, employed, employer=""):
    referral.employed, referral.employer = employed, employer
    referral.full_clean()
    referral.save()
    return _recount(m.ReferralEvent.objects.select_for_update().get(pk=referral.event_id))


@transaction.atomic
def remove_referral(*, referral):
    event = m.ReferralEvent.objects.select_for_update().get(pk=referral.event_id)
    referral.delete()
    return _recount(event)


@transaction.atomic
def update_symposium(*, symposium, held_on, attendees, venue="", notes=""):
    if (
        m.ReturneeSymposium.objects.filter(organization=symposium.organization_id, held_on=held_on)
        .exclude(pk=symposium.pk)
        .exists()
    ):
        refuse("held_on", _("A returnee symposium on %(day)s is already recorded."), "duplicate", day=held_on)
    symposium.held_on, symposium.venue = held_on, venue
    symposium.attendees, symposium.notes = attendees, notes
    symposium.full_clean()
    symposium.save()
    return symposium
