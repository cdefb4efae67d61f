"""The figures registry: every figure the platform reports is an indicator.

An indicator has a stable code (BRIEF.md's table), a name, a unit and one function that
computes it from the records of an organisation's subtree for a period. Each area app registers
its own in its ``indicators.py`` (imported by its AppConfig.ready); targets, periodic reports,
quality rules, closing a year and the annual summary are all built on ``compute``.

An indicator also declares, once, the records behind it: ``records(org, period)`` returns the
QuerySet of rows the figure is made of, ``total`` says how they add up (``"count"``,
``"sum:field"``, ``"distinct:field"`` or any aggregate expression), ``columns`` what the drill-down
list shows and ``via`` the path from a row to its owning organisation. With these the registry
lists the records behind any figure, and computes a figure for every child of an organisation in
one grouped query instead of one query per child (``compute_children``). A test checks, for every
registered indicator, that its records add up to its figure.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, DecimalField, ExpressionWrapper, F, IntegerField, Sum, Value, When
from django.db.models.functions import Floor, Substr
from django.db.models.lookups import Exact
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import tallies

PERIOD_KINDS = ("year", "half", "quarter", "month", "custom")


@dataclass(frozen=True)
class Period:
    """A span of days (both ends inclusive). Stocks are read at ``end``, flows within the span."""

    start: datetime.date
    end: datetime.date  # inclusive
    kind: str = field(default="custom", compare=False)

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year")

    @classmethod
    def half(cls, year, half):
        if half not in (1, 2):
            raise ValueError(half)
        return cls(datetime.date(year, 1 if half == 1 else 7, 1),
                   datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31), "half")  # fmt: skip

    @classmethod
    def quarter(cls, year, quarter):
        if quarter not in (1, 2, 3, 4):
            raise ValueError(quarter)
        first = 3 * quarter - 2
        last = first + 2
        return cls(datetime.date(year, first, 1), datetime.date(year, last, calendar.monthrange(year, last)[1]),
                   "quarter")  # fmt: skip

    @classmethod
    def month(cls, year, month):
        return cls(datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1]),
                   "month")  # fmt: skip

    @classmethod
    def custom(cls, start, end):
        if end < start:
            raise ValueError("end before start")
        return cls(start, end, "custom")

    @property
    def number(self):
        """The half, quarter or month within the year (None for a year or custom dates)."""
        if self.kind == "half":
            return 1 if self.start.month == 1 else 2
        if self.kind == "quarter":
            return (self.start.month + 2) // 3
        if self.kind == "month":
            return self.start.month
        return None

    def previous_year(self):
        """The same span a year earlier (同比)."""
        if self.kind == "custom":
            return Period.custom(_shift_year(self.start), _shift_year(self.end))
        year = self.start.year - 1
        if self.kind == "year":
            return Period.year(year)
        return getattr(Period, self.kind)(year, self.number)

    @property
    def label(self):
        y = self.start.year
        if self.kind == "year":
            return gettext("Year %(y)d") % {"y": y}
        if self.kind == "half":
            return (gettext("%(y)d first half") if self.number == 1 else gettext("%(y)d second half")) % {
                "y": y
            }
        if self.kind == "quarter":
            return gettext("%(y)d Q%(n)d") % {"y": y, "n": self.number}
        if self.kind == "month":
            return gettext("%(y)d month %(m)d") % {"y": y, "m": self.number}
        return f"{self.start:%Y-%m-%d} ~ {self.end:%Y-%m-%d}"

    def params(self):
        """The query-string parameters that give this period back (``Period.from_query``)."""
        if self.kind == "year":
            return {"year": self.start.year}
        if self.kind in ("half", "quarter", "month"):
            return {"year": self.start.year, self.kind: self.number}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def from_query(cls, data, *, default_year):
        """The period a query string asks for: year with half, quarter or month, or start and end.

        ``default_year`` is a year or a callable giving one (asked only when no year is given).
        Raises a ValidationError keyed by the parameter at fault; a caller shows it and falls
        back to ``Period.year(default_year)``. Nothing a user types gives a 500.
        """
        errors = {}

        def integer(name, low, high):
            raw = (data.get(name) or "").strip()
            if not raw:
                return None
            try:
                value = int(raw)
            except ValueError:
                value = None
            if value is None or not low <= value <= high:
                errors[name] = _("Enter a whole number from %(low)d to %(high)d.") % {
                    "low": low,
                    "high": high,
                }
                return None
            return value

        def day(name):
            raw = (data.get(name) or "").strip()
            if not raw:
                return None
            try:
                return datetime.date.fromisoformat(raw)
            except ValueError:
                errors[name] = _("Enter a date such as 2008-05-12.")
                return None

        year = integer("year", 1949, 2100)
        start, end = day("start"), day("end")
        half, quarter, month = integer("half", 1, 2), integer("quarter", 1, 4), integer("month", 1, 12)
        if errors:
            raise ValidationError(errors)
        if start or end:
            if not (start and end):
                raise ValidationError(
                    {"end" if start else "start": _("Give both the first and the last day.")}
                )
            if end < start:
                raise ValidationError({"end": _("The last day is before the first.")})
            return cls.custom(start, end)
        if not year:
            year = default_year() if callable(default_year) else default_year
        if month:
            return cls.month(year, month)
        if quarter:
            return cls.quarter(year, quarter)
        if half:
            return cls.half(year, half)
        return cls.year(year)

    def __str__(self):
        return f"{self.start:%Y-%m-%d}~{self.end:%Y-%m-%d}"


def _shift_year(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # lazy translation
    unit: str  # lazy translation
    compute: object  # callable(org, period) -> int | Decimal
    records: object = None  # callable(org, period) -> QuerySet of the rows behind the figure
    columns: tuple = ()  # ((lookup, label), ...) shown by the drill-down list and its export
    total: object = "count"  # how the records add up: "count", "sum:f", "distinct:f" or an aggregate
    via: object = "organization"  # row -> owning organisation ("" for organisations; None: no breakdown)
    minors: bool = False  # records about minors: listed only to roles that may see minors
    order: tuple = ("-pk",)  # the drill-down's order: newest first, along an index the filter uses
    tally: object = None  # a tallies.Tally: the whole months are read from the monthly tally

    def value(self, org, period):
        if self.tally is not None and tallies.kept():
            return self._tallied(org, period)
        result = self.compute(org, period)
        return 0 if result is None else result

    def _tallied(self, org, period):
        """The tally's whole months of the subtree and the records of the days around them."""
        first, last, days = self.tally.split(period)
        total = self.tally.value(self.tally.rows(org, first, last)) if last is not None else 0
        for start, end in days:
            total += self.records_total(self._records_between(org, period, start, end))
        return total

    def _records_between(self, org, period, start, end):
        return self.records(org, period).filter(**{f"{self.tally.series.date}__range": (start, end)})

    @property
    def has_records(self):
        return self.records is not None

    def aggregate(self):
        """The aggregate expression that adds the records up to the figure."""
        total = self.total
        if isinstance(total, str):
            how, _sep, name = total.partition(":")
            if how == "count":
                return Count("pk")
            if how == "sum":
                return Sum(name)
            if how == "distinct":
                return Count(name, distinct=True)
            raise ValueError(f"indicator {self.code}: unknown total {total!r}")
        return total

    def records_total(self, queryset):
        """What the listed records add up to (the drill-down's 合计)."""
        value = queryset.aggregate(v=self.aggregate())["v"]
        return 0 if value is None else value

    @property
    def additive(self):
        """Whether the figure of a set of organisations is the sum of theirs (a count or a sum; a
        tallied figure is one by construction, a sum of signed counts or of amounts)."""
        if self.tally is not None:
            return True
        return isinstance(self.total, str) and (self.total == "count" or self.total.startswith("sum:"))

    def accessible_to(self, user):
        return not self.minors or getattr(user, "can_see_minors", False)


class Percent(ExpressionWrapper):
    """A ``total=`` for a rate: part / whole in per cent to one decimal, rounded half up (0 when
    whole is 0 or has no rows), as ``Decimal(part) * 100 / whole`` quantized ROUND_HALF_UP gives it.

    ``part`` and ``whole`` are aggregates giving whole numbers (counts, or sums of integers such
    as amounts in fen): the database gives the whole tenths in integer arithmetic, exact on every
    database (no float rounding at x.x5), and Python divides them by ten.
    """

    def __init__(self, part, whole):
        tenths = Case(
            When(Exact(whole, 0), then=Value(0)),
            default=Floor((2000 * part + whole) / (2 * whole)),
            output_field=IntegerField(),
        )
        super().__init__(tenths, output_field=DecimalField(max_digits=7, decimal_places=1))

    def convert_value(self, value, expression, connection):
        return None if value is None else (Decimal(int(value)) / 10).quantize(Decimal("0.1"))


_registry = {}


def register(
    code,
    *,
    name,
    unit,
    records=None,
    columns=(),
    total="count",
    via="organization",
    minors=False,
    order=("-pk",),
    tally=None,
):
    """Decorator: ``@register("org.unions", name=_("Grassroots unions"), unit=_("unions"))``.

    Give ``records=`` (a callable ``(org, period) -> QuerySet``) and the drill-down can list the
    rows behind the figure; ``total`` says how they add up, ``columns`` what to show. A figure of a
    large table gives ``tally=tallies.Tally(series, ...)`` as well (it must be a count or a sum):
    its whole months are then read from the monthly tally (``gonghui.reporting.tallies``), and the
    function is what the tally is checked against.
    """

    def decorate(func):
        if code in _registry and _registry[code].compute is not func:
            raise ValueError(f"indicator {code} registered twice")
        _registry[code] = Indicator(code=code, name=name, unit=unit, compute=func, records=records,
                                    columns=tuple(columns), total=total, via=via, minors=minors,
                                    order=tuple(order), tally=tally)  # fmt: skip
        if tally is not None and via != "organization":
            raise ValueError(f"indicator {code}: a tallied figure adds up rows owned by their organization")
        return func

    return decorate


def get(code):
    return _registry[code]


def is_registered(code):
    return code in _registry


def all_indicators():
    return [_registry[code] for code in sorted(_registry)]


def compute(org, period, codes=None):
    """{code: value} for the organisation's subtree over the period (unknown codes are skipped)."""
    chosen = all_indicators() if codes is None else [_registry[c] for c in codes if c in _registry]
    return {ind.code: ind.value(org, period) for ind in chosen}


def value(code, org, period):
    """One figure, or None when no area has registered the code yet."""
    ind = _registry.get(code)
    return None if ind is None else ind.value(org, period)


def records(code, org, period):
    """The QuerySet of records behind one figure (None when the indicator declares none)."""
    ind = _registry[code]
    return None if ind.records is None else ind.records(org, period)


def compute_children(org, period, codes=None, *, children=None):
    """{child.pk: {code: value}} for each child of `org` (its committees, for a county).

    An indicator that declares its records and their owner (``via``) is computed for every child
    in one query grouped by the child's path; one declaring ``via=None`` (rows owned by no one
    organisation) gives None; any other indicator is computed one child at a time. Grouped and
    one at a time give the same figures (tests/reporting/test_drilldown.py).
    """
    from gonghui.orgs.models import Organization

    if children is None:
        children = list(Organization.objects.filter(parent=org, is_active=True).order_by("path"))
    chosen = all_indicators() if codes is None else [_registry[c] for c in codes if c in _registry]
    result = {child.pk: {} for child in children}
    if not children:
        return result
    by_path = {child.path: child.pk for child in children}
    width = len(children[0].path)
    same_depth = all(len(path) == width for path in by_path)
    branch_of = None  # organisation id → child pk, read once for the additive indicators
    for ind in chosen:
        if ind.records is not None and ind.via is not None and same_depth and ind.additive:
            # A count or a sum adds up over organisations: group by the owner's id (no join to the
            # organisations, no string per row) and add each organisation's part to its branch.
            if branch_of is None:
                branch_of = _branches(org, by_path, width)
            totals = dict.fromkeys(by_path.values(), 0)
            if ind.tally is not None and tallies.kept():
                first, last, days = ind.tally.split(period)
                parts = (
                    [ind.tally.grouped(ind.tally.rows(org, first, last)).items()] if last is not None else []
                )
                for start, end in days:
                    parts.append(_by_owner(ind, ind._records_between(org, period, start, end)))
            else:
                parts = [_by_owner(ind, ind.records(org, period))]
            for rows in parts:
                for owner, v in rows:
                    pk = branch_of.get(owner)
                    if pk is not None and v is not None:
                        totals[pk] += v
            for pk, v in totals.items():
                result[pk][ind.code] = v
        elif ind.records is not None and ind.via is not None and same_depth:
            path = f"{ind.via}__path" if ind.via else "path"
            rows = (
                ind.records(org, period)
                .order_by()
                .annotate(_branch=Substr(F(path), 1, width))
                .values("_branch")
                .annotate(_v=ind.aggregate())
                .values_list("_branch", "_v")
            )
            found = {branch: v for branch, v in rows if branch in by_path}
            for child_path, pk in by_path.items():
                v = found.get(child_path)
                result[pk][ind.code] = 0 if v is None else v
        elif ind.records is not None and ind.via is None:
            # Rows owned by no one organisation (people.registered: people belong to places, not
            # unions) have no breakdown by child: None, shown as "—".
            for child in children:
                result[child.pk][ind.code] = None
        else:
            for child in children:
                result[child.pk][ind.code] = ind.value(child, period)
    return result


def _by_owner(ind, queryset):
    """[(owner organisation id, figure)] of the records, one grouped query."""
    via = ind.via or "pk"
    return queryset.order_by().values(via).annotate(_v=ind.aggregate()).values_list(via, "_v")


def _branches(org, by_path, width):
    """{organisation id: the pk of the child (in by_path) whose subtree holds it}, one query."""
    from gonghui.orgs.models import Organization
    from gonghui.text import prefix_q

    rows = Organization.objects.filter(prefix_q("path", org.path)).values_list("pk", "path")
    return {pk: by_path[path[:width]] for pk, path in rows if path[:width] in by_path}


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


def default_year(user):
    dates = [d for d in (func(user) for func in _activity) if d]
    if dates:
        return max(dates).year
    from django.utils import timezone

    return timezone.localdate().year


def year_for(request):
    """The year in ?year=, else the latest year with records, else this year.

    A ?year= that is not a year (0, 99999, words) is ignored with a message (gonghui.querystring).
    """
    from gonghui.querystring import query_year

    year = query_year(request)
    if year is not None:
        return year
    return default_year(request.user)
