"""Figures of seed section 二.1 and the Three Cares' migrant workers' rights cases."""

from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.models import Organization
from gonghui.reporting import tallies
from gonghui.reporting.indicators import register, register_activity

from .models import CasePerson, Payment, PaymentStatus, Programme, RightsCase


def _paid(org, period):
    return scoping.restrict(Payment.objects.all(), org).paid_between(period.start, period.end)


PAYMENT_COLUMNS = [
    ("organization__name", _("Organisation")), ("person__name", _("beneficiary")),
    ("programme__name", _("programme")), ("beneficiary_kind", _("beneficiary kind")),
    ("paid_on", _("paid on")), ("amount", _("amount")),
]  # fmt: skip
PAID_ORDER = ("-paid_on", "-pk")  # along the (status, paid_on) index the period's filter uses
# A reversal takes its payment's person-time back (Payment.objects.person_times).
PERSON_TIMES = Count("pk", filter=Q(reverses__isnull=True)) - Count("pk", filter=Q(reverses__isnull=False))


# Every paid payment by month, organisation and programme (a reversal counts -1): the year's
# 200,000 payments of a county are a few thousand tally rows (reporting.tallies).
PAID = tallies.series("assistance.paid", Payment, date="paid_on", where=Q(status=PaymentStatus.PAID),
                      negative=Q(reverses__isnull=False), amount="amount", key="programme")  # fmt: skip


@register("assistance.amount", name=_("Assistance paid"), unit=_("yuan"), records=_paid, columns=PAYMENT_COLUMNS,
          total="sum:amount", order=PAID_ORDER, tally=tallies.Tally(PAID, "amount"))  # fmt: skip
def amount(org, period):
    return _paid(org, period).total()


@register("assistance.person_times", name=_("Assistance person-times"), unit=_("person-times"),
          records=_paid, columns=PAYMENT_COLUMNS, total=PERSON_TIMES, order=PAID_ORDER,
          tally=tallies.Tally(PAID, "n"))  # fmt: skip
def person_times(org, period):
    return _paid(org, period).person_times()


def _spring_festival_committees(org, period):
    """The township committees of the subtree with a Spring Festival payment in their subtree."""
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
    held = [
        pk for pk, path in committees.values_list("pk", "path") if any(p.startswith(path) for p in payers)
    ]
    return committees.filter(pk__in=held)


@register(
    "assistance.spring_festival_committees",
    name=_("Township committees that held Spring Festival visits"),
    unit=_("committees"),
    records=_spring_festival_committees,
    columns=[("name", _("Organisation")), ("code", _("code"))],
    via="",
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


def _case_people(org, period):
    return CasePerson.objects.filter(case__in=_cases(org, period))


def _migrant_cases(org, period):
    return _cases(org, period).with_migrant_worker()


def _migrant_case_people(org, period):
    return _case_people(org, period).filter(is_migrant_worker=True)


CASE_COLUMNS = [
    ("organization__name", _("Organisation")), ("code", _("case number")), ("title", _("title")),
    ("received_on", _("received on")), ("amount_claimed", _("amount claimed")),
    ("amount_recovered", _("amount recovered")),
]  # fmt: skip
CASE_PERSON_COLUMNS = [
    ("case__organization__name", _("Organisation")), ("case__code", _("case number")),
    ("case__title", _("title")), ("person__name", _("person")), ("role", _("role in the case")),
]  # fmt: skip


@register("rights.cases", name=_("Rights and legal-aid cases received"), unit=_("cases"),
          records=_cases, columns=CASE_COLUMNS)  # fmt: skip
def cases(org, period):
    return _cases(org, period).count()


@register("rights.people", name=_("People in rights and legal-aid cases"), unit=_("people"),
          records=_case_people, columns=CASE_PERSON_COLUMNS, via="case__organization")  # fmt: skip
def people(org, period):
    return CasePerson.objects.filter(case__in=_cases(org, period)).count()


@register("rights.amount_recovered", name=_("Amount recovered in rights cases"), unit=_("yuan"),
          records=_cases, columns=CASE_COLUMNS, total="sum:amount_recovered")  # fmt: skip
def amount_recovered(org, period):
    return _cases(org, period).aggregate(n=Sum("amount_recovered"))["n"] or Decimal("0")


# The Three Cares count a case "with a migrant worker" as a migrant workers' rights case.
@register("three_cares.rights_cases", name=_("Migrant workers' rights cases"), unit=_("cases"),
          records=_migrant_cases, columns=CASE_COLUMNS)  # fmt: skip
def migrant_rights_cases(org, period):
    return _cases(org, period).with_migrant_worker().count()


@register("three_cares.rights_people", name=_("Migrant workers in rights cases"), unit=_("people"),
          records=_migrant_case_people, columns=CASE_PERSON_COLUMNS, via="case__organization")  # fmt: skip
def migrant_rights_people(org, period):
    return CasePerson.objects.filter(case__in=_cases(org, period), is_migrant_worker=True).count()


# The seed's "涉及金额" of the migrant workers' cases: what was claimed, a figure the quality rules
# check for plausibility (its 98 wage cases "280900万元" were 28.7 million yuan each).
@register("three_cares.rights_amount", name=_("Amount involved in migrant workers' rights cases"),
          unit=_("yuan"), records=_migrant_cases, columns=CASE_COLUMNS, total="sum:amount_claimed")  # fmt: skip
def migrant_rights_amount(org, period):
    return _migrant_cases(org, period).aggregate(n=Sum("amount_claimed"))["n"] or Decimal("0")


@register_activity
def latest_payment(user):
    """The assistance area's latest application date the user may see (pages' default year)."""
    return Payment.objects.visible_to(user).aggregate(latest=Max("applied_on"))["latest"]
