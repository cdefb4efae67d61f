"""Dates, amounts and file names the way Chinese offices write them; template filters call these."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _


def as_decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def cn_date(value):
    """2008年5月12日 (no leading zeros, as offices write it); "" for anything that is not a date."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return ""
    return _("%(y)d-%(m)02d-%(d)02d") % {"y": value.year, "m": value.month, "d": value.day}


def cn_month(value):
    """2008年5月, as offices write a month; "" for anything that is not a date."""
    if not isinstance(value, datetime.date):
        return ""
    return _("%(y)d-%(m)02d") % {"y": value.year, "m": value.month}


def yuan(value):
    """12000 → 12,000元; 1234.5 → 1,234.50元."""
    amount = as_decimal(value)
    if amount is None:
        return ""
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return _("%(amount)s yuan") % {"amount": text}


def wanyuan(value, places=2):
    """1500000 → 150万元; 118600 → 11.86万元 (`places` decimals at most, trailing zeros dropped)."""
    amount = as_decimal(value)
    if amount is None:
        return ""
    wan = (amount / 10000).quantize(Decimal(1).scaleb(-places)).normalize()
    if wan == wan.to_integral_value():
        wan = wan.quantize(Decimal(1))
    return _("%(amount)s ten-thousand yuan") % {"amount": f"{wan:,f}"}


def download_name(stem, ext, *, day=None):
    """A download's file name: the Chinese title, then the date when one is given.

    ``download_name("外出务工人员台账", "xlsx", day=date(2008, 5, 12))`` → 外出务工人员台账-20080512.xlsx
    """
    stem = "".join(c for c in str(stem) if c not in '\\/:*?"<>|\r\n').strip() or "download"
    if day is not None:
        stem = f"{stem}-{day:%Y%m%d}"
    return f"{stem}.{ext.lstrip('.')}"
