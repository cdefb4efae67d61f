"""Hardship assistance on the work dashboard: what waits for someone, and money paid by month."""

from django.db.models import Exists, OuterRef, Sum
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.summary.dashboard import Chart, Todo, register_chart, register_todo

from .models import ArchiveCheck, ArchiveStatus, HardshipArchive, Payment, PaymentStatus


@register_todo
def assistance_todos(user, org, year):
    payments = Payment.objects.visible_to(user)
    waiting = payments.filter(status__in=[PaymentStatus.APPLIED, PaymentStatus.REVIEWED, PaymentStatus.NOTICED])
    archived = HardshipArchive.objects.visible_to(user).filter(status=ArchiveStatus.ARCHIVED)
    never_helped = archived.exclude(Exists(Payment.objects.filter(archive=OuterRef("pk"))))
    checked = ArchiveCheck.objects.filter(archive=OuterRef("pk"), year=year, checked_on__isnull=False)
    unchecked = archived.exclude(Exists(checked))
    return [
        Todo(_("Payments waiting for a decision"), waiting.count(), reverse("assistance:payment-list"), urgent=True),
        Todo(_("Archived households never helped"), never_helped.count(),
             reverse("assistance:archive-list") + "?status=archived"),
        Todo(_("Archives not re-checked this year"), unchecked.count(),
             reverse("assistance:recheck-list") + f"?year={year}"),
    ]  # fmt: skip


@register_chart
def paid_by_month(user, org, year):
    rows = (
        Payment.objects.visible_to(user)
        .filter(status=PaymentStatus.PAID, paid_on__year=year)
        .annotate(month=ExtractMonth("paid_on"))
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    by_month = dict(rows)
    if not by_month:
        return None
    months = [_("month %(m)d") % {"m": m} for m in range(1, 13)]
    return Chart(
        "assistance-monthly", _("Assistance paid by month"), months,
        [(_("Paid"), [by_month.get(m, 0) for m in range(1, 13)])], unit=_("yuan"), kind="line",
    )  # fmt: skip
