"""The figures registry: every figure the platform reports is an indicator.

An indicator has a stable code (BRIEF.md's table), a name, a unit and one function that
computes it from the records of an organisation's subtree for a period. Each area app registers
its own in its ``indicators.py`` (imported by its AppConfig.ready); targets, periodic reports and
the annual summary are built on ``compute``.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def __str__(self):
        return f"{self.start:%Y-%m-%d}~{self.end:%Y-%m-%d}"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # lazy translation
    unit: str  # lazy translation
    compute: object  # callable(org, period) -> int | Decimal

    def value(self, org, period):
        result = self.compute(org, period)
        return 0 if result is None else result


_registry = {}


def register(code, *, name, unit):
    """Decorator: ``@register("org.unions", name=_("Grassroots unions"), unit=_("unions"))``."""

    def decorate(func):
        if code in _registry and _registry[code].compute is not func:
            raise ValueError(f"indicator {code} registered twice")
        _registry[code] = Indicator(code=code, name=name, unit=unit, compute=func)
        return func

    return decorate


def get(code):
    return _registry[code]


def all_indicators():
    return [_registry[code] for code in sorted(_registry)]


def compute(org, period, codes=None):
    """{code: value} for the organisation's subtree over the period."""
    chosen = all_indicators() if codes is None else [_registry[c] for c in codes]
    return {ind.code: ind.value(org, period) for ind in chosen}


def as_json_number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# Which year a page shows when none is asked for: the latest year with records in the user's
# scope (a county's data may lag the calendar), else this year. Areas register how to find
# their latest record date.
_activity = []


def register_activity(func):
    """``func(user) -> date | None``: the date of the area's latest record the user may see."""
    _activity.append(func)
    return func


def year_for(request):
    """The year in ?year=, else the latest year with records, else this year.

    A ?year= that is not a year (0, 99999, words) is ignored with a message (gonghui.querystring).
    """
    from gonghui.querystring import query_year

    year = query_year(request)
    if year is not None:
        return year
    dates = [d for d in (func(request.user) for func in _activity) if d]
    if dates:
        return max(dates).year
    from django.utils import timezone

    return timezone.localdate().year
