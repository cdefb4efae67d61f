"""The work dashboard: headline figures, one to-do list across areas, charts that are also tables.

Each area app adds its part in a module ``dashboard.py`` (found by ``SummaryConfig.ready``):

    @register_todo
    def payments_waiting(user, org, year):
        n = Payment.objects.visible_to(user).filter(status__in=[...]).count()
        return [Todo(_("Payments waiting for a decision"), n, reverse("assistance:payment-list"))]

    @register_chart
    def monthly_paid(user, org, year):
        return Chart("assistance-monthly", _("Assistance paid by month"), months, [(_("Paid"), values)], unit=_("yuan"))

A to-do with count 0 is not shown. Everything goes through the user's scope (``visible_to``).
"""

from dataclasses import dataclass, field

from gonghui.reporting import indicators

# The figures an office looks at first; codes of areas that have not landed are left out.
HEADLINE = [
    "assistance.amount", "assistance.person_times", "donations.amount", "safety.hazards_rectified",
    "three_cares.out_migrants", "three_cares.children", "org.new_unions", "org.new_members",
]  # fmt: skip


@dataclass
class Todo:
    label: str
    count: int
    url: str
    urgent: bool = False


@dataclass
class Chart:
    key: str
    title: str
    categories: list
    series: list  # [(name, [values])]
    unit: str = ""
    kind: str = "bar"  # "bar" or "line"
    rows: list = field(default_factory=list)  # the same data as a table: [category, v1, v2, ...]

    def __post_init__(self):
        self.rows = [[c, *[s[1][i] for s in self.series]] for i, c in enumerate(self.categories)]

    def option(self):
        """The ECharts option (plain data; the page turns it into a chart)."""
        return {
            "tooltip": {"trigger": "axis"},
            "legend": {"data": [str(name) for name, _values in self.series]},
            "grid": {"left": 48, "right": 12, "bottom": 64, "top": 36},
            "xAxis": {
                "type": "category",
                "data": [str(c) for c in self.categories],
                "axisLabel": {"rotate": 45},
            },
            "yAxis": {"type": "value", "name": str(self.unit)},
            "series": [
                {"name": str(name), "type": self.kind, "data": [float(v or 0) for v in values]}
                for name, values in self.series
            ],
        }


_todos = []
_charts = []


def register_todo(func):
    if func not in _todos:
        _todos.append(func)
    return func


def register_chart(func):
    if func not in _charts:
        _charts.append(func)
    return func


def todos(user, org, year):
    items = []
    for func in _todos:
        items.extend(t for t in func(user, org, year) or [] if t.count)
    return sorted(items, key=lambda t: (not t.urgent, str(t.label)))


def charts(user, org, year):
    return [c for c in (func(user, org, year) for func in _charts) if c is not None and c.categories]


def headline(org, year):
    """[(indicator, value, last year's value, target)] for the headline codes that are registered."""
    from .services import target_for

    now, before = indicators.Period.year(year), indicators.Period.year(year - 1)
    rows = []
    for code in HEADLINE:
        try:
            ind = indicators.get(code)
        except KeyError:
            continue
        rows.append((ind, ind.value(org, now), ind.value(org, before), target_for(code, org, now)))
    return rows


def by_children(org, year, codes, *, key, title, unit=""):
    """A bar chart of some figures for each child of `org` (each township committee)."""
    period = indicators.Period.year(year)
    chosen = []
    for code in codes:
        try:
            chosen.append(indicators.get(code))
        except KeyError:
            continue
    children = list(org.children.order_by("path"))
    if not chosen or not children:
        return None
    series = [(ind.name, [ind.value(child, period) for child in children]) for ind in chosen]
    if not any(any(values) for _name, values in series):
        return None
    return Chart(key, title, [c.name for c in children], series, unit=unit)


def counts_by_child(queryset, org, *, via="organization", total=None):
    """{child organisation: rows of `queryset` in its subtree}, in one grouped query.

    ``total``: an expression to add up instead of counting rows (e.g. ``Sum("amount")``).
    """
    from django.db.models import Count

    from gonghui.orgs.models import Organization

    children = list(org.children.order_by("path"))
    grouped = (
        queryset.values(via).annotate(n=total if total is not None else Count("pk")).values_list(via, "n")
    )
    per_org = dict(grouped)
    paths = dict(Organization.objects.filter(pk__in=per_org).values_list("pk", "path"))
    result = {child: 0 for child in children}
    for pk, n in per_org.items():
        path = paths.get(pk, "")
        for child in children:
            if path.startswith(child.path):
                result[child] += n or 0
                break
    return result
