"""What the relief pages read: totals and breakdowns in the user's subtree, one query each."""

from decimal import Decimal

from django.db.models import Sum

from gonghui.assistance.models import Payment

from .indicators import households, union_share
from .models import ANONYMOUS, Channel, Donation


def _gifts(user, campaign, event=None):
    rows = Donation.objects.visible_to(user).filter(campaign=campaign)
    if event is not None:
        rows = rows.filter(event=event)
    return rows


def totals(user, *, campaign, event=None):
    figures = _gifts(user, campaign, event).totals()
    figures["union_share"] = union_share(figures)
    return figures


def by_union(user, campaign):
    return _gifts(user, campaign).totals_by("organization__name")


def by_event(user, campaign):
    rows = _gifts(user, campaign).totals_by("event__name")
    return [(name or "", amount, count) for name, amount, count in rows]


def by_channel(user, campaign):
    labels = dict(Channel.choices)
    return [(labels.get(k, k), amount, count) for k, amount, count in _gifts(user, campaign).totals_by("channel")]


def latest(user, campaign, *, event=None, limit=12):
    """The newest counted gifts as the donors chose to appear (热心人士 when anonymous)."""
    rows = _gifts(user, campaign, event).counted().order_by("-pk")[:limit]
    return [
        {"name": ANONYMOUS if anonymous else name, "amount": amount, "kind": kind, "item": item}
        for name, anonymous, amount, kind, item in rows.values_list("display_name", "anonymous", "amount", "kind",
                                                                    "item")  # fmt: skip
    ]


def my_latest(user, campaign, limit=5):
    return list(
        Donation.objects.filter(campaign=campaign, entered_by=user)
        .only("pk", "entered_at", "display_name", "anonymous", "amount", "is_void").order_by("-pk")[:limit]
    )  # fmt: skip


def relief(user, campaign):
    """The campaign's relief payments (assistance payments of its programme) the user may see."""
    if campaign.relief_programme_id is None:
        return None
    paid = Payment.objects.visible_to(user).paid().filter(programme_id=campaign.relief_programme_id)
    return {
        "programme": campaign.relief_programme,
        "amount": paid.aggregate(n=Sum("amount"))["n"] or Decimal("0"),
        "households": households(paid),
        "pending": Payment.objects.visible_to(user).filter(programme_id=campaign.relief_programme_id)
        .exclude(status__in=["paid", "refused"]).count(),
    }


def thanks_rows(user, campaign):
    """鸣谢名单: one row per name shown (anonymous donors together as 热心人士), largest gift first."""
    rows = {}
    for name, anonymous, amount, kind, item, quantity, unit in (
        _gifts(user, campaign).counted().order_by("pk")
        .values_list("display_name", "anonymous", "amount", "kind", "item", "quantity", "unit")
    ):  # fmt: skip
        key = ANONYMOUS if anonymous else name
        row = rows.setdefault(key, {"name": key, "amount": Decimal("0"), "items": []})
        row["amount"] += amount
        if kind == Donation.Kind.IN_KIND:
            q = f"{quantity.normalize():f}{unit}" if quantity is not None else ""
            row["items"].append(f"{item}{q}")
    return sorted(rows.values(), key=lambda r: (-r["amount"], r["name"]))
