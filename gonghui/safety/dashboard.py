"""Mass safety supervision on the work dashboard: overdue hazards, certificates, the month's reports,
found against rectified."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.formats import cn_month
from gonghui.summary.dashboard import Chart, Todo, register_chart, register_todo

from . import selectors, services
from .models import (
    Certificate,
    Hazard,
    HazardGrade,
    MonthlyReport,
    ReportStatus,
    Supervisor,
    Workplace,
    month_start,
)


@register_todo
def safety_todos(user, org, year):
    today = timezone.localdate()
    day = selectors.as_of(year, today)
    hazards = Hazard.objects.visible_to(user).found_between(
        datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    overdue = hazards.overdue_on(day)
    certificates = Certificate.objects.visible_to(user)
    workplaces = Workplace.objects.visible_to(user)
    without = selectors.mines_without_certified_supervisor(
        workplaces, Supervisor.objects.visible_to(user), certificates, day
    )
    hazard_page = reverse("safety:hazard-list") + f"?year={year}&state=overdue"
    # The latest month whose reports are due: last month, or December of a past year.
    month = month_start(month_start(day) - datetime.timedelta(days=1)) if day == today else month_start(day)
    reports = MonthlyReport.objects.visible_to(user)
    _rows, _deadline, counts = selectors.month_board(workplaces, reports, month, today)
    board = reverse("safety:board") + f"?month={month:%Y-%m}"
    todos = [
        Todo(_("Major hazards past their deadline"), overdue.filter(grade=HazardGrade.MAJOR).count(),
             hazard_page + "&grade=major", urgent=True),
        Todo(_("Hazards past their deadline"), overdue.count(), hazard_page),
        Todo(_("Supervisors' certificates expiring within 60 days"),
             selectors.expiring_certificates(certificates, day).count(), reverse("safety:supervisor-list")),
        Todo(_("Coal mines without a certified supervisor"), len(without), reverse("safety:supervisor-list")),
        Todo(_("Monthly supervision reports missing for %(month)s") % {"month": cn_month(month)},
             counts["missing"], board, urgent=True),
        Todo(_("Monthly reports returned for correction"), reports.filter(status=ReportStatus.RETURNED).count(),
             reverse("safety:board")),
    ]  # fmt: skip
    if services.can_review(user):
        waiting = reports.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED])
        todos.append(
            Todo(_("Monthly reports waiting to be accepted"), waiting.count(), reverse("safety:board"))
        )
    return todos


@register_chart
def hazards_by_township(user, org, year):
    day = selectors.as_of(year, timezone.localdate())
    hazards = Hazard.objects.visible_to(user).found_between(
        datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    by_township, _quarters = selectors.rectification_rates(hazards, day)
    if not by_township:
        return None
    return Chart(
        "safety-hazards", _("Hazards found and rectified"), [row[0] for row in by_township],
        [(_("Found"), [row[1] for row in by_township]), (_("Rectified"), [row[2] for row in by_township])],
        unit=_("hazards"),
    )  # fmt: skip
