"""Figures of seed section 二.2: relief paid to worker households and the donation drives.

Relief payments are assistance payments of a campaign's relief programme; donations count when
not voided, by the day received, in the collecting union's subtree.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.indicators import PAID, PAID_ORDER, PAYMENT_COLUMNS
from gonghui.assistance.models import Payment
from gonghui.orgs import scoping
from gonghui.reporting import tallies
from gonghui.reporting.indicators import Percent, register, register_activity

from .models import Campaign, Donation


def relief_programmes():
    return Campaign.objects.filter(relief_programme__isnull=False).values("relief_programme")


def relief_payments(org, period):
    """Paid relief (assistance payments of any campaign's relief programme) in the subtree and period."""
    # The few programmes go in as numbers: the programme's index then finds their payments
    # (with the subquery SQLite read every payment of the period, 0.2 s at 200,000 payments).
    programmes = list(relief_programmes())
    return (
        scoping.restrict(Payment.objects.all(), org)
        .paid_between(period.start, period.end)
        .filter(programme__in=[p["relief_programme"] for p in programmes])
    )


def households(payments):
    """Households reached: a payment's archive where it has one, else the person (reversals net out)."""
    net = {}
    for archive, person, amount in payments.values_list("archive_id", "person_id", "amount"):
        key = ("archive", archive) if archive else ("person", person)
        net[key] = net.get(key, Decimal("0")) + amount
    return sum(1 for amount in net.values() if amount > 0)


def _fen():
    """A payment's or gift's amount in fen: a whole number, summed exactly on every database."""
    return Cast(Round(F("amount") * 100), BigIntegerField())


def relief_household_payments(org, period):
    """The relief payments, each with its household (``_household``: the archive, else minus the
    person) and the household's net over the period (``_net``, in fen; reversals net out), as
    ``households`` keys and nets them."""
    payments = relief_payments(org, period)
    by_archive = (
        payments.filter(archive=OuterRef("archive"))
        .order_by()
        .values("archive")
        .annotate(n=Sum(_fen()))
        .values("n")
    )
    by_person = (
        payments.filter(archive__isnull=True, person=OuterRef("person"))
        .order_by().values("person").annotate(n=Sum(_fen())).values("n")
    )  # fmt: skip
    return payments.annotate(
        _household=Case(When(archive__isnull=False, then=F("archive_id")), default=-F("person_id"),
                        output_field=IntegerField()),
        _net=Case(When(archive__isnull=False, then=Subquery(by_archive)), default=Subquery(by_person),
                  output_field=BigIntegerField()),
    )  # fmt: skip


@register("relief.households", name=_("Worker households given disaster relief"), unit=_("households"),
          records=relief_household_payments, columns=PAYMENT_COLUMNS, order=PAID_ORDER,
          total=Count("_household", distinct=True, filter=Q(_net__gt=0)))  # fmt: skip
def relief_households(org, period):
    return households(relief_payments(org, period))


@register("relief.amount", name=_("Disaster relief paid to worker households"), unit=_("yuan"),
          records=relief_payments, columns=PAYMENT_COLUMNS, total="sum:amount", order=PAID_ORDER,
          tally=tallies.Tally(PAID, "amount", keys=relief_programmes))  # fmt: skip
def relief_amount(org, period):
    return relief_payments(org, period).total()


def _donations(org, period):
    return scoping.restrict(Donation.objects.all(), org).between(period.start, period.end)


def _counted_donations(org, period):
    return _donations(org, period).counted()


DONATION_COLUMNS = [
    ("organization__name", _("collecting union")), ("campaign__name", _("campaign")),
    ("display_name", _("name shown")), ("kind", _("kind")), ("received_on", _("received on")),
    ("through_unions", _("through the unions")), ("amount", _("amount (yuan)")),
]  # fmt: skip
DONATION_ORDER = ("-received_on", "-pk")


@register("donations.amount", name=_("Donations in cash and kind"), unit=_("yuan"),
          records=_counted_donations, columns=DONATION_COLUMNS, total="sum:amount", order=DONATION_ORDER)  # fmt: skip
def donations_amount(org, period):
    return _donations(org, period).totals()["amount"]


def union_share(totals):
    """The share of the amount that came through the unions, in per cent to one decimal."""
    if not totals["amount"]:
        return Decimal("0")
    share = totals["union_amount"] * 100 / totals["amount"]
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@register("donations.union_share", name=_("Share of donations through the unions"), unit=_("%"),
          records=_counted_donations, columns=DONATION_COLUMNS, order=DONATION_ORDER,
          total=Percent(Coalesce(Sum(_fen(), filter=Q(through_unions=True)), 0), Sum(_fen())))  # fmt: skip
def donations_union_share(org, period):
    return union_share(_donations(org, period).totals())


@register("donations.count", name=_("Gifts recorded"), unit=_("gifts"),
          records=_counted_donations, columns=DONATION_COLUMNS, order=DONATION_ORDER)  # fmt: skip
def donations_count(org, period):
    return _donations(org, period).totals()["count"]


@register_activity
def latest_donation(user):
    return Donation.objects.visible_to(user).aggregate(latest=Max("received_on"))["latest"]
