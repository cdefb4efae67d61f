"""Configurable lists: causes of hardship and eligibility lines."""

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.orgs.models import Place

from ..models import EligibilityLine, HardshipCause
from .errors import _error


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
