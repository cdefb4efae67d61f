"""Figures and reports on the work dashboard: reports returned or late, quality findings, reporting rates."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.summary.dashboard import Chart, Todo, register_chart, register_todo

from . import quality, reports
from .indicators import Period
from .models import Submission, SubmissionStatus


def _due_periods(form, year, today):
    return [p for p in reports.periods(form, year) if reports.deadline(form, p) < today]


@register_todo
def reporting_todos(user, org, year):
    today = timezone.localdate()
    returned = Submission.objects.visible_to(user).filter(status=SubmissionStatus.RETURNED, period_start__year=year)
    late = 0
    for form in reports.forms_for(user):
        due = _due_periods(form, year, today)
        if due:
            late += len(reports.late(form, org, due[-1], today=today))
    findings = quality.run(org, Period.year(year))
    return [
        Todo(_("Reports returned for correction"), returned.count(), reverse("reporting:reports"), urgent=True),
        Todo(_("Committees late with their last report"), late, reverse("reporting:reports")),
        Todo(_("Data-quality findings"), len(findings), reverse("reporting:findings") + f"?year={year}"),
    ]  # fmt: skip


@register_chart
def reporting_rates(user, org, year):
    today = timezone.localdate()
    names, reported, on_time = [], [], []
    for form in reports.forms_for(user):
        expected = submitted = punctual = 0
        for period in _due_periods(form, year, today):
            r = reports.rates(form, org, period, today=today)
            expected, submitted, punctual = expected + r.expected, submitted + r.submitted, punctual + r.on_time
        if expected:
            names.append(form.name)
            reported.append(round(submitted * 100 / expected, 1))
            on_time.append(round(punctual * 100 / expected, 1))
    if not names:
        return None
    return Chart(
        "reporting-rates", _("Reporting rates"), names,
        [(_("Reporting rate"), reported), (_("On-time rate"), on_time)], unit="%",
    )  # fmt: skip
