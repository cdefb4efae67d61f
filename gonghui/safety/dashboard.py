"""Safety on the work dashboard: overdue hazards, the month's missing or waiting reports, expiring
certificates; hazards found and rectified per committee."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.summary.dashboard import Chart, Todo, counts_by_child, register_chart, register_todo

from . import selectors, services
from .models import Certificate, Hazard, HazardGrade, MonthlyReport, ReportStatus, Workplace, month_start


@register_todo
def safety_todos(user, org, year):
    today = timezone.localdate()
    day = selectors.as_of(year, today)
    hazards = Hazard.objects.visible_to(user)
    overdue = hazards.overdue_on(day)
    last_month = month_start(month_start(day) - datetime.timedelta(days=1))
    reports = MonthlyReport.objects.visible_to(user)
    _rows, _deadline, counts = selectors.month_board(
        Workplace.objects.visible_to(user), reports, last_month, today
    )
    board = reverse("safety:board") + f"?month={last_month:%Y-%m}"
    todos = [
        Todo(_("Major hazards past their deadline"), overdue.filter(grade=HazardGrade.MAJOR).count(),
             reverse("safety:hazard-list") + f"?year={year}&state=overdue&grade=major", urgent=True),
        Todo(_("Hazards past their deadline"), overdue.count(),
             reverse("safety:hazard-list") + f"?year={year}&state=overdue"),
        Todo(_("Monthly supervision reports missing for %(month)s") % {"month": f"{last_month:%Y-%m}"},
             counts["missing"], board, urgent=True),
        Todo(_("Monthly reports returned for correction"),
             reports.filter(status=ReportStatus.RETURNED).count(), board),
        Todo(_("Supervisor certificates expiring within 60 days"),
             Certificate.objects.visible_to(user).expiring(day).count(), reverse("safety:supervisor-list")),
    ]  # fmt: skip
    if services.can_review(user):
        waiting = reports.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED])
        todos.append(Todo(_("Monthly reports waiting to be accepted"), waiting.count(), board))
    return todos


@register_chart
def hazards_by_committee(user, org, year):
    if org is None:
        return None
    found = Hazard.objects.visible_to(user).found_between(
        datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    per_found = counts_by_child(found, org)
    per_fixed = counts_by_child(found.rectified_by(datetime.date(year, 12, 31)), org)
    shown = [child for child, n in per_found.items() if n]
    if not shown:
        return None
    return Chart(
        "safety-hazards", _("Hazards found and rectified"), [c.short_name or c.name for c in shown],
        [(_("Found"), [per_found[c] for c in shown]), (_("Rectified"), [per_fixed[c] for c in shown])],
        unit=_("hazards"),
    )  # fmt: skip
