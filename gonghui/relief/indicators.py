"""Figures of seed section 二.2: relief paid to worker households and the donation drives.

Relief payments are assistance payments of a campaign's relief programme; donations count when
not voided, by the day received, in the collecting union's subtree.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BigIntegerField, F, Max, Q, Sum
from django.db.models.functions import Cast, Coalesce, Round
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.indicators import PAID_ORDER, PAYMENT_COLUMNS
from gonghui.assistance.models import Payment
from gonghui.orgs import scoping
from gonghui.reporting.indicators import Percent, register, register_activity

from .models import Campaign, Donation


def relief_payments(org, period):
    """Paid relief (assistance payments of any campaign's relief programme) in the subtree and period."""
    programmes = Campaign.objects.filter(relief_programme__isnull=False).values("relief_programme")
    return scoping.restrict(Payment.objects.all(), org).paid_between(period.start, period.end).filter(
        programme__in=programmes
    )


def households(payments):
    """Households reached: a payment's archive where it has one, else the person (reversals net out)."""
    net = {}
    for archive, person, amount in payments.values_list("archive_id", "person_id", "amount"):
        key = ("archive", archive) if archive else ("person", person)
        net[key] = net.get(key, Decimal("0")) + amount
    return sum(1 for amount in net.values() if amount > 0)


@register("relief.households", name=_("Worker households given disaster relief"), unit=_("households"))
def relief_households(org, period):
    return households(relief_payments(org, period))


@register("relief.amount", name=_("Disaster relief paid to worker households"), unit=_("yuan"),
          records=relief_payments, columns=PAYMENT_COLUMNS, total="sum:amount", order=PAID_ORDER)  # fmt: skip
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
# Amounts in fen, whole numbers: the share is worked out in integers, exact on every database.
_fen = Cast(Round(F("amount") * 100), BigIntegerField())


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
          total=Percent(Coalesce(Sum(_fen, filter=Q(through_unions=True)), 0), Sum(_fen)))  # fmt: skip
def donations_union_share(org, period):
    return union_share(_donations(org, period).totals())


@register("donations.count", name=_("Gifts recorded"), unit=_("gifts"),
          records=_counted_donations, columns=DONATION_COLUMNS, order=DONATION_ORDER)  # fmt: skip
def donations_count(org, period):
    return _donations(org, period).totals()["count"]


@register_activity
def latest_donation(user):
    return Donation.objects.visible_to(user).aggregate(latest=Max("received_on"))["latest"]
