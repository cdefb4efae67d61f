"""Formatting the way Chinese offices write it: one filter per kind of value."""

import datetime

from django import template

from gonghui.core import formats

register = template.Library()


@register.filter
def yuan(value):
    """12000 → 12,000元; 1234.5 → 1,234.50元."""
    return formats.yuan(value)


@register.filter
def wanyuan(value):
    """1500000 → 150万元; 118600 → 11.86万元."""
    return formats.wanyuan(value)


@register.filter
def cndate(value):
    """2008年5月12日 (no leading zeros, as offices write it)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return formats.cn_date(value)


@register.filter
def cnmonth(value):
    """2008年5月."""
    return formats.cn_month(value)


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
