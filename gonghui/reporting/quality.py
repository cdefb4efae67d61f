"""Data-quality rules (逻辑检查), run on demand for an organisation's subtree and a period.

    findings = quality.run(county, Period.year(2008))
    for f in findings: f.rule, f.message, f.links (label, url), f.records (label, url)

Rules are rows of ``QualityRule`` (defined by the organisation or any ancestor). A rule naming an
indicator no area has registered yet is skipped quietly until one does.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from . import indicators
from .models import QualityRule

OPS = {
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "==": lambda a, b: a == b,
}


@dataclass
class Finding:
    rule: QualityRule
    message: str
    links: list = field(default_factory=list)  # [(label, url)] to the figures' drill-downs
    records: list = field(default_factory=list)  # [(label, url or "")] the records to fix


def drilldown_url(code, org, period):
    query = {"org": org.pk, **period.params()}
    return reverse("reporting:records", args=[code]) + "?" + urlencode(query)


def codes_of(rule):
    """The indicator codes a rule reads (a rule is skipped until every one is registered)."""
    p = rule.params or {}
    codes = [p.get(k) for k in ("total", "left", "code") if p.get(k)]
    codes += list(p.get("parts") or [])
    if isinstance(p.get("right"), str):
        codes.append(p["right"])
    return codes


def rules_for(org):
    paths = [org.path[:i] for i in range(5, len(org.path) + 1, 5)]
    return QualityRule.objects.filter(is_active=True, organization__path__in=paths).order_by("code")


def run(org, period, rules=None):
    """Every finding of the rules that apply to `org`, for its subtree and the period."""
    rules = list(rules_for(org) if rules is None else rules)
    applicable = [r for r in rules if all(indicators.is_registered(c) for c in codes_of(r))]
    values = indicators.compute(org, period, sorted({c for r in applicable for c in codes_of(r)}))
    findings = []
    for rule in applicable:
        check = CHECKS.get(rule.kind)
        if check is not None:
            findings.extend(check(rule, org, period, values))
    return findings


def _name(code):
    return str(indicators.get(code).name)


def _link(code, org, period):
    return (_name(code), drilldown_url(code, org, period))


def _fmt(value):
    value = Decimal(str(value))
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _parts(rule, org, period, values):
    total, parts = rule.params["total"], rule.params["parts"]
    summed = sum((Decimal(str(values[p])) for p in parts), Decimal(0))
    if summed == Decimal(str(values[total])):
        return []
    message = _("%(total)s is %(value)s but its parts (%(parts)s) add up to %(sum)s.") % {
        "total": _name(total), "value": _fmt(values[total]), "parts": "、".join(_name(p) for p in parts),
        "sum": _fmt(summed),
    }  # fmt: skip
    return [Finding(rule, message, [_link(c, org, period) for c in [total, *parts]])]


def _relation(rule, org, period, values):
    p = rule.params
    left = values[p["left"]]
    right = values[p["right"]] if isinstance(p["right"], str) else Decimal(str(p["right"]))
    op = p.get("op", "<=")
    if OPS[op](Decimal(str(left)), Decimal(str(right))):
        return []
    right_name = _name(p["right"]) if isinstance(p["right"], str) else _fmt(right)
    message = _("%(left)s (%(lv)s) should be %(op)s %(right)s (%(rv)s).") % {
        "left": _name(p["left"]), "lv": _fmt(left), "op": op, "right": right_name, "rv": _fmt(right),
    }  # fmt: skip
    links = [_link(p["left"], org, period)]
    if isinstance(p["right"], str):
        links.append(_link(p["right"], org, period))
    return [Finding(rule, message, links)]


def _average(rule, org, period, values):
    """The average of a field over an indicator's records; names the records above the limit."""
    p = rule.params
    ind = indicators.get(p["code"])
    if ind.records is None:
        return []
    rows = ind.records(org, period).filter(**(p.get("filter") or {}))
    count = rows.count()
    if not count:
        return []
    from django.db.models import Sum

    total = rows.aggregate(s=Sum(p["field"]))["s"] or Decimal(0)
    limit = Decimal(str(p["limit"]))
    average = total / count
    if average <= limit:
        return []
    worst = rows.filter(**{f"{p['field']}__gt": limit}).order_by(f"-{p['field']}")[:10]
    records = [(f"{row} — {_fmt(getattr(row, p['field']))}", _url(row)) for row in worst]
    message = _("%(name)s: %(count)d records add up to %(total)s yuan, %(avg)s yuan each on average, above the "
                "plausible %(limit)s. Check the amounts of: %(records)s.") % {
        "name": _name(p["code"]), "count": count, "total": _fmt(total), "avg": _fmt(average.quantize(Decimal(1))),
        "limit": _fmt(limit), "records": "；".join(label for label, _url_ in records) or "—",
    }  # fmt: skip
    return [Finding(rule, message, [_link(p["code"], org, period)], records)]


def _required(rule, org, period, values):
    code = rule.params["code"]
    if values[code]:
        return []
    message = _("%(name)s has no records for %(period)s: enter them before the figure is reported.") % {
        "name": _name(code), "period": period.label,
    }  # fmt: skip
    return [Finding(rule, message, [_link(code, org, period)])]


def _yoy(rule, org, period, values):
    code = rule.params["code"]
    ratio = Decimal(str(rule.params.get("ratio", "0.5")))
    last = indicators.value(code, org, period.previous_year())
    now = values[code]
    if not last:
        return []
    change = (Decimal(str(now)) - Decimal(str(last))) / Decimal(str(last))
    if abs(change) <= ratio:
        return []
    message = _("%(name)s is %(now)s against %(last)s last year (%(change)s%%): check it.") % {
        "name": _name(code), "now": _fmt(now), "last": _fmt(last), "change": f"{change * 100:+.0f}",
    }  # fmt: skip
    return [Finding(rule, message, [_link(code, org, period), _link(code, org, period.previous_year())])]


def _url(row):
    try:
        return row.get_absolute_url()
    except Exception:
        return ""


CHECKS = {
    QualityRule.Kind.PARTS: _parts,
    QualityRule.Kind.RELATION: _relation,
    QualityRule.Kind.AVERAGE: _average,
    QualityRule.Kind.REQUIRED: _required,
    QualityRule.Kind.YOY: _yoy,
}
