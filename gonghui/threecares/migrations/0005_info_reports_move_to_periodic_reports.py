"""The monthly information reports become submissions of the county's periodic report form.

Each InfoReport is copied to a reporting.Submission (status submitted, with its move) on the
form "three-cares-info" of the township committee's county; then the table goes.
"""

import calendar
import datetime

from django.db import migrations

FIELDS = [
    {"key": "trainings", "label": "本月培训农民工次数", "indicator": "three_cares.trainings"},
    {"key": "migrants_visited", "label": "本月慰问农民工人数", "indicator": "three_cares.migrants_visited"},
    {"key": "elders_visited", "label": "本月慰问空巢老人人数", "indicator": "three_cares.elders_visited"},
    {"key": "children_visited", "label": "本月慰问留守儿童人数", "indicator": "three_cares.children_visited"},
]


def _deadline(holidays, end, days=5):
    day, left = end, days
    while left:
        day += datetime.timedelta(days=1)
        if holidays.get(day, day.weekday() < 5):
            left -= 1
    return day


def forward(apps, schema_editor):
    InfoReport = apps.get_model("threecares", "InfoReport")
    ReportForm = apps.get_model("reporting", "ReportForm")
    Submission = apps.get_model("reporting", "Submission")
    SubmissionMove = apps.get_model("reporting", "SubmissionMove")
    Holiday = apps.get_model("assistance", "Holiday")
    holidays = dict(Holiday.objects.values_list("date", "is_workday"))
    forms = {}
    for report in InfoReport.objects.select_related("organization").order_by("pk").iterator():
        county_id = report.organization.parent_id or report.organization_id
        if county_id not in forms:
            forms[county_id], _created = ReportForm.objects.get_or_create(
                organization_id=county_id, code="three-cares-info",
                defaults={"name": "“三关”工程信息报送", "frequency": "month", "deadline_days": 5,
                          "respondents": "townships", "fields": FIELDS},
            )  # fmt: skip
        start = datetime.date(report.year, report.month, 1)
        end = datetime.date(report.year, report.month, calendar.monthrange(report.year, report.month)[1])
        submission, created = Submission.objects.get_or_create(
            form=forms[county_id], organization_id=report.organization_id, period_start=start,
            defaults={"period_end": end, "status": "submitted", "content": report.content, "values": {},
                      "submitted_on": report.submitted_on, "deadline": _deadline(holidays, end)},
        )  # fmt: skip
        if created:
            SubmissionMove.objects.create(submission=submission, from_status="", to_status="submitted",
                                          on=report.submitted_on)  # fmt: skip


def backward(apps, schema_editor):
    InfoReport = apps.get_model("threecares", "InfoReport")
    Submission = apps.get_model("reporting", "Submission")
    for s in Submission.objects.filter(form__code="three-cares-info").iterator():
        InfoReport.objects.get_or_create(
            organization_id=s.organization_id, year=s.period_start.year, month=s.period_start.month,
            defaults={"submitted_on": s.submitted_on, "content": s.content},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("threecares", "0004_lean_indexes"),
        ("reporting", "0002_periodic_reports"),
        ("assistance", "0006_holidays_2008"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="InfoReport"),
    ]
