"""Family phones and mailboxes, elders' mutual-aid societies and their members."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import models as m
from .common import answerable_organization, refuse


@transaction.atomic
def install(*, model, township, village=None, installed_on, location, **fields):
    """A family phone or family mailbox, counted by place."""
    if model.objects.filter(township=township, village=village, location=location).exists():
        refuse("location", _("A %(what)s at %(location)s here is already recorded."), "duplicate",
               what=model._meta.verbose_name, location=location)  # fmt: skip
    row = model(
        township=township,
        village=village,
        organization=answerable_organization(township, village),
        installed_on=installed_on,
        location=location,
        **fields,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def found_society(*, name, township, village=None, founded_on, leader_name="", members=()):
    if m.MutualAidSociety.objects.filter(township=township, name=name).exists():
        refuse("name", _("%(township)s already has a society named %(name)s."), "duplicate",
               township=township.name, name=name)  # fmt: skip
    society = m.MutualAidSociety(
        name=name,
        township=township,
        village=village,
        organization=answerable_organization(township, village),
        founded_on=founded_on,
        leader_name=leader_name,
    )
    society.full_clean()
    society.save()
    for elder in members:
        if elder.township_id != township.pk:
            raise ValidationError(
                {"members": ValidationError(
                    _("%(name)s lives in another township and cannot join this society."), code="township",
                    params={"name": elder.person.name},
                )}
            )  # fmt: skip
        m.SocietyMembership.objects.create(society=society, elder=elder, joined_on=founded_on)
    return society


@transaction.atomic
def update_installation(*, row, township, village=None, installed_on, location, **fields):
    """A family phone or mailbox moved or corrected; the answerable organisation follows the place."""
    model = type(row)
    if (
        model.objects.filter(township=township, village=village, location=location)
        .exclude(pk=row.pk)
        .exists()
    ):
        refuse("location", _("A %(what)s at %(location)s here is already recorded."), "duplicate",
               what=model._meta.verbose_name, location=location)  # fmt: skip
    row.organization = answerable_organization(township, village)
    row.township, row.village, row.installed_on, row.location = township, village, installed_on, location
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def update_society(*, society, name, township, village=None, founded_on, leader_name=""):
    if m.MutualAidSociety.objects.filter(township=township, name=name).exclude(pk=society.pk).exists():
        refuse("name", _("%(township)s already has a society named %(name)s."), "duplicate",
               township=township.name, name=name)  # fmt: skip
    memberships = society.memberships.select_related("elder__person")
    away = [ms.elder.person.name for ms in memberships if ms.elder.township_id != township.pk]
    if away:
        refuse(
            "township", _("Members live in another township: %(names)s."), "township", names="、".join(away)
        )
    # Founding members joined on the founding day and move with it; later members stay.
    founders = memberships.filter(joined_on=society.founded_on)
    early = memberships.exclude(pk__in=founders.values("pk")).filter(joined_on__lt=founded_on)
    if early.exists():
        refuse("founded_on", _("%(n)d members joined before that day."), "members_before", n=early.count())
    founders.update(joined_on=founded_on)
    society.organization = answerable_organization(township, village)
    society.name, society.township, society.village = name, township, village
    society.founded_on, society.leader_name = founded_on, leader_name
    society.full_clean()
    society.save()
    return society


@transaction.atomic
def add_society_members(*, society, elders, joined_on):
    """Elders of the society's township join it (once each), not before it was founded."""
    elders = list(elders)
    if joined_on < society.founded_on:
        refuse(
            "joined_on", _("The society was founded on %(day)s."), "before_founded", day=society.founded_on
        )
    errors = []
    members = set(society.memberships.values_list("elder_id", flat=True))
    for elder in elders:
        if elder.township_id != society.township_id:
            errors.append(ValidationError(
                _("%(name)s lives in another township and cannot join this society."), code="township",
                params={"name": elder.person.name},
            ))  # fmt: skip
        elif elder.pk in members:
            errors.append(ValidationError(
                _("%(name)s is already a member."), code="duplicate", params={"name": elder.person.name}
            ))  # fmt: skip
    if not elders:
        errors.append(ValidationError(_("Name at least one elder."), code="empty"))
    if errors:
        raise ValidationError({"members": errors})
    return [m.SocietyMembership.objects.create(society=society, elder=e, joined_on=joined_on) for e in elders]


@transaction.atomic
def remove_society_member(*, membership):
    membership.delete()
