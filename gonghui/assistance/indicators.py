"""Figures of seed section 二.1 and the Three Cares' migrant workers' rights cases."""

from decimal import Decimal

from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.models import Organization
from gonghui.reporting.indicators import register, register_activity

from .models import CasePerson, Payment, Programme, RightsCase


def _paid(org, period):
    return scoping.restrict(Payment.objects.all(), org).paid_between(period.start, period.end)


@register("assistance.amount", name=_("Assistance paid"), unit=_("yuan"))
def amount(org, period):
    return _paid(org, period).total()


@register("assistance.person_times", name=_("Assistance person-times"), unit=_("person-times"))
def person_times(org, period):
    return _paid(org, period).person_times()


@register(
    "assistance.spring_festival_committees",
    name=_("Township committees that held Spring Festival visits"),
    unit=_("committees"),
)
def spring_festival_committees(org, period):
    payers = set(
        _paid(org, period)
        .filter(
            programme__kind=Programme.Kind.HOLIDAY_WARMTH,
            programme__festival=Programme.Festival.SPRING_FESTIVAL,
        )
        .values_list("organization__path", flat=True)
        .distinct()
    )
    committees = scoping.restrict(Organization.objects.committees(), org, via="").filter(
        category=Organization.Category.TOWNSHIP
    )
    return sum(
        1 for path in committees.values_list("path", flat=True) if any(p.startswith(path) for p in payers)
    )


def _cases(org, period):
    return scoping.restrict(RightsCase.objects.all(), org).received_between(period.start, period.end)


@register("rights.cases", name=_("Rights and legal-aid cases received"), unit=_("cases"))
def cases(org, period):
    return _cases(org, period).count()


@register("rights.people", name=_("People in rights and legal-aid cases"), unit=_("people"))
def people(org, period):
    return CasePerson.objects.filter(case__in=_cases(org, period)).count()


@register("rights.amount_recovered", name=_("Amount recovered in rights cases"), unit=_("yuan"))
def amount_recovered(org, period):
    return _cases(org, period).aggregate(n=Sum("amount_recovered"))["n"] or Decimal("0")


# The Three Cares count a case "with a migrant worker" as a migrant workers' rights case.
@register("three_cares.rights_cases", name=_("Migrant workers' rights cases"), unit=_("cases"))
def migrant_rights_cases(org, period):
    return _cases(org, period).with_migrant_worker().count()


@register("three_cares.rights_people", name=_("Migrant workers in rights cases"), unit=_("people"))
def migrant_rights_people(org, period):
    return CasePerson.objects.filter(case__in=_cases(org, period), is_migrant_worker=True).count()


@register_activity
def latest_payment(user):
    """The assistance area's latest application date the user may see (pages' default year)."""
    return Payment.objects.visible_to(user).aggregate(latest=Max("applied_on"))["latest"]
