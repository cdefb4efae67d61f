"""What the Three Cares services share: refusals, the organisation answerable for a place, ends of a
service, deleting a record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _


def answerable_organization(township, village=None):
    """The village's union when the village has one, else the township's committee."""
    if village is not None:
        if village.parent_id != township.pk:
            raise ValidationError(
                {"village": ValidationError(
                    _("%(village)s is not in %(township)s."), code="village_township",
                    params={"village": village.name, "township": township.name},
                )}
            )  # fmt: skip
        return village.organization
    return township.organization


def refuse(field, message, code, **params):
    raise ValidationError({field: ValidationError(message, code=code, params=params)})


def check_township_committee(organization, field="organization"):
    if organization.category != "township":
        refuse(field, _("%(name)s is not a township committee."), "not_township", name=organization.name)


def adult_on(person, day):
    """False only when the birth date is known and the person is under 18 on `day`."""
    born = person.birth_date
    if born is None:
        return True
    return (day.year - born.year - ((day.month, day.day) < (born.month, born.day))) >= 18


def check_end(*, started_on, ended_on, already_ended, start_label):
    if already_ended is not None:
        refuse("ended_on", _("This already ended on %(day)s."), "already_ended", day=already_ended)
    if ended_on < started_on:
        refuse("ended_on", _("The end cannot be before the start (%(what)s %(day)s)."), "end_before_start",
               what=start_label, day=started_on)  # fmt: skip


@transaction.atomic
def delete_record(*, record):
    """A service record entered by mistake; django-auditlog keeps what it was."""
    record.delete()
