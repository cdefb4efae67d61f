"""Targets (指标任务): assign, split among children, and compare with the live figure.

API for pages, the dashboard and the annual summary::

    targets.assign(by=city, organization=county, code="org.new_unions", period=Period.year(2008), value=64)
    targets.split(target=t, parts={committee: 3, ...})
    targets.progress(county, Period.year(2008))  # [Progress(code, target, actual, rate, over), ...]
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import indicators
from .models import Target

CODE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")


@transaction.atomic
def assign(*, by, organization, code, period, value, note=""):
    """A higher level (`by`) sets `organization`'s target for one indicator and period."""
    errors = {}
    if not CODE.match(code or ""):
        errors["code"] = _("An indicator code looks like org.new_unions.")
    above = organization.parent_id == by.pk or (
        by.pk != organization.pk and organization.path.startswith(by.path)
    )
    if not above:
        errors["organization"] = _("Only a higher level assigns a target to an organisation below it.")
    value = _decimal(value, errors)
    if errors:
        raise ValidationError(errors)
    target, _created = Target.objects.update_or_create(
        organization=organization, code=code, period_start=period.start, period_end=period.end,
        defaults={"value": value, "assigned_by": by, "note": note},
    )  # fmt: skip
    return target


@transaction.atomic
def split(*, target, parts):
    """Split `target` among its organisation's children: ``parts`` is {child: value}.

    The parts must add up to at least the target (a level may ask its children for more than it
    was asked for, never less). Parts not named keep no target.
    """
    errors = {}
    org = target.organization
    values = {}
    for child, raw in parts.items():
        if child.parent_id != org.pk:
            errors["parts"] = _("%(name)s is not directly under %(org)s.") % {
                "name": child.name,
                "org": org.name,
            }
            continue
        values[child] = _decimal(raw, errors, field="parts")
    if not errors and sum(values.values(), Decimal(0)) < target.value:
        errors["parts"] = _("The parts add up to %(sum)s, less than the target of %(target)s.") % {
            "sum": _plain(sum(values.values(), Decimal(0))), "target": _plain(target.value),
        }  # fmt: skip
    if errors:
        raise ValidationError(errors)
    made = []
    for child, value in values.items():
        part, _created = Target.objects.update_or_create(
            organization=child, code=target.code, period_start=target.period_start, period_end=target.period_end,
            defaults={"value": value, "assigned_by": org, "parent": target},
        )  # fmt: skip
        made.append(part)
    return made


def _decimal(raw, errors, field="value"):
    try:
        value = Decimal(str(raw).replace(",", "").strip())
    except Exception:
        errors[field] = _("Enter a number.")
        return Decimal(0)
    if not value.is_finite() or value < 0:
        errors[field] = _("Enter a number that is not negative.")
        return Decimal(0)
    return value


def _plain(value):
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


@dataclass
class Progress:
    code: str
    target: Decimal
    actual: object  # None when no area has registered the code yet
    target_row: Target = None

    @property
    def indicator(self):
        return indicators._registry.get(self.code)

    @property
    def rate(self):
        """Completion in percent (None when it cannot be computed)."""
        if self.actual is None or not self.target:
            return None
        return (Decimal(self.actual) * 100 / self.target).quantize(Decimal("0.1"))

    @property
    def over(self):
        """Actual minus target: positive is over-fulfilment (超任务), negative a shortfall."""
        return None if self.actual is None else Decimal(self.actual) - self.target

    @property
    def phrase(self):
        """超任务 4 个 / 差 3 个 / 完成任务, in the catalog's language."""
        over = self.over
        if over is None:
            return gettext("not yet computed")
        unit = self.indicator.unit if self.indicator else ""
        if over > 0:
            return gettext("%(n)s %(unit)s over target") % {"n": _plain(over), "unit": unit}
        if over < 0:
            return gettext("%(n)s %(unit)s short of target") % {"n": _plain(-over), "unit": unit}
        return gettext("target met")


def for_period(org, period):
    return Target.objects.filter(organization=org, period_start=period.start, period_end=period.end)


def progress(org, period, values=None):
    """[Progress] for each target of `org` for exactly this period; ``values`` spares recomputing."""
    rows = list(for_period(org, period).order_by("code"))
    if values is None:
        values = indicators.compute(org, period, [t.code for t in rows])
    return [Progress(t.code, t.value, values.get(t.code), t) for t in rows]


def progress_by_code(org, period, values=None):
    return {p.code: p for p in progress(org, period, values)}


def children_targets(org, period):
    """{(child_pk, code): value} of the targets of org's children for the period."""
    rows = Target.objects.filter(organization__parent=org, period_start=period.start, period_end=period.end)
    return {(pk, code): value for pk, code, value in rows.values_list("organization_id", "code", "value")}
