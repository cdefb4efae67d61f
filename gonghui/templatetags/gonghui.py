"""Formatting the way Chinese offices write it: one filter per kind of value."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def yuan(value):
    """12000 → 12,000元; 1234.5 → 1,234.50元."""
    amount = _decimal(value)
    if amount is None:
        return ""
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return _("%(amount)s yuan") % {"amount": text}


@register.filter
def wanyuan(value):
    """1500000 → 150万元; 118600 → 11.86万元."""
    amount = _decimal(value)
    if amount is None:
        return ""
    wan = (amount / 10000).quantize(Decimal("0.01")).normalize()
    return _("%(amount)s ten-thousand yuan") % {"amount": f"{wan:,f}"}


@register.filter
def cndate(value):
    """2008年5月12日 (no leading zeros, as offices write it)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        return ""
    return _("%(y)d-%(m)d-%(d)d") % {"y": value.year, "m": value.month, "d": value.day}


@register.filter
def cndatetime(value):
    if not isinstance(value, datetime.datetime):
        return ""
    from django.utils import timezone

    local = timezone.localtime(value)
    return f"{cndate(local)} {local:%H:%M}"


@register.filter
def count(value, unit=""):
    """Thousands separators for counts: 92388 → 92,388."""
    try:
        return f"{int(value):,}{unit}"
    except (TypeError, ValueError):
        return ""


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current list's URL (same filters) at another page."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def same_filters(context):
    """The current filters without the page, for export links."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    return params.urlencode()
