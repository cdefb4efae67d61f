"""Closing a year: the figures as accepted, and the one rule that guards a closed year's records.

``ensure_open(organization=..., day=...)`` is the rule. Every service that writes a dated record
calls it (assistance payments, Three Cares records, ...): a record dated in a year that the
organisation or one of its ancestors has closed cannot be written, changed or deleted unless an
unlock with a reason (audited) is open for that year in that subtree.

    closing.close_year(organization=county, year=2008, user=admin)
    closing.unlock(organization=county, year=2008, reason="...", user=admin)
    closing.changes_since_closing(county, 2008)  # {code: (at closing, now)}
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import Organization

from . import indicators
from .indicators import Period
from .models import FigureSnapshot, Unlock, YearClose


def _ancestor_paths(org):
    path = org.path
    return [path[:i] for i in range(5, len(path) + 1, 5)]


def closing_for(organization, year):
    """The YearClose that covers this organisation's year (its own or an ancestor's), or None."""
    return (
        YearClose.objects.filter(year=year, organization__path__in=_ancestor_paths(organization))
        .order_by("organization__path")
        .first()
    )


def is_unlocked(organization, year):
    return Unlock.objects.filter(
        year=year, relocked_at__isnull=True, organization__path__in=_ancestor_paths(organization)
    ).exists()


def ensure_open(*, organization, day, field="__all__"):
    """Refuse (ValidationError keyed by `field`) a write to a record dated `day` in a closed year."""
    if day is None or organization is None:
        return
    if isinstance(day, datetime.datetime):
        day = day.date()
    if closing_for(organization, day.year) and not is_unlocked(organization, day.year):
        raise ValidationError(
            {field: _("%(year)d is closed: its figures were accepted. Ask the county to unlock it, "
                      "with a reason, before changing a record of that year.") % {"year": day.year}}
        )  # fmt: skip


def _snapshot_orgs(organization):
    """Every active organisation in the subtree, grouped by depth (one grouped query per level)."""
    by_depth = {}
    for org in Organization.objects.filter(path__startswith=organization.path, is_active=True).exclude(
        pk=organization.pk
    ):
        by_depth.setdefault(len(org.path), []).append(org)
    return by_depth


def snapshot_values(organization, period):
    """{org_pk: {code: value}} for the organisation and every organisation below it.

    Below the organisation closing, one grouped query per indicator and level of the tree. The
    figures that cannot be grouped by organisation (people.registered: people belong to no one
    union, and it is today's stock, not the year's) are kept for the organisation closing only.
    """
    values = {organization.pk: indicators.compute(organization, period)}
    batchable = [i.code for i in indicators.all_indicators() if i.records is not None and i.via is not None]
    for _depth, orgs in sorted(_snapshot_orgs(organization).items()):
        values.update(indicators.compute_children(organization, period, batchable, children=orgs))
    return values


@transaction.atomic
def close_year(*, organization, year, user=None):
    if YearClose.objects.filter(organization=organization, year=year).exists():
        raise ValidationError({"year": _("%(year)d is already closed.") % {"year": year}})
    closing = YearClose.objects.create(organization=organization, year=year, closed_by=user)
    rows = [
        FigureSnapshot(
            closing=closing, organization_id=org_pk, values={c: str(v) for c, v in figures.items()}
        )
        for org_pk, figures in snapshot_values(organization, Period.year(year)).items()
    ]
    FigureSnapshot.objects.bulk_create(rows, batch_size=500)
    Unlock.objects.filter(organization__path__startswith=organization.path, year=year,
                          relocked_at__isnull=True).update(relocked_at=timezone.now())  # fmt: skip
    return closing


@transaction.atomic
def unlock(*, organization, year, reason, user):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the closed year must change.")})
    if not closing_for(organization, year):
        raise ValidationError({"year": _("%(year)d is not closed.") % {"year": year}})
    return Unlock.objects.create(
        organization=organization, year=year, reason=reason.strip(), unlocked_by=user
    )


@transaction.atomic
def relock(*, organization, year):
    return Unlock.objects.filter(organization=organization, year=year, relocked_at__isnull=True).update(
        relocked_at=timezone.now()
    )


def snapshot_of(organization, year):
    """{code: value at closing} for the organisation, or None when its year is not closed."""
    closing = closing_for(organization, year)
    if closing is None:
        return None
    row = FigureSnapshot.objects.filter(closing=closing, organization=organization).first()
    return {} if row is None else {code: Decimal(value) for code, value in row.values.items()}


def changes_since_closing(organization, year, current=None):
    """{code: (at closing, now)} for each figure that changed since the year was closed."""
    kept = snapshot_of(organization, year)
    if kept is None:
        return {}
    if current is None:
        current = indicators.compute(organization, Period.year(year), list(kept))
    changed = {}
    for code, now in current.items():
        if code in kept and Decimal(str(now)) != kept[code]:
            changed[code] = (kept[code], now)
    return changed
