"""The four mechanisms (四项制度): joint meetings, half-year reviews, information reports, inspections."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import models as m
from ..assessment import score_inspections
from .common import check_township_committee, refuse

# 信息报送制度 is one form of the reporting app's periodic reports: a township committee's monthly
# report is a reporting.Submission of its county's form "three-cares-info" (returned, corrected,
# accepted and locked there, with rates and the late list).
INFO_REPORT_FORM = "three-cares-info"


INFO_REPORT_FIELDS = [
    {"key": "trainings", "label": "本月培训农民工次数", "indicator": "three_cares.trainings"},
    {"key": "migrants_visited", "label": "本月慰问农民工人数", "indicator": "three_cares.migrants_visited"},
    {"key": "elders_visited", "label": "本月慰问空巢老人人数", "indicator": "three_cares.elders_visited"},
    {"key": "children_visited", "label": "本月慰问留守儿童人数", "indicator": "three_cares.children_visited"},
]


def info_report_form(county):
    """The county's monthly Three Cares information report form, made on first use."""
    from gonghui.reporting.models import ReportForm

    form, _created = ReportForm.objects.get_or_create(
        organization=county, code=INFO_REPORT_FORM,
        defaults={"name": "“三关”工程信息报送", "frequency": ReportForm.Frequency.MONTHLY, "deadline_days": 5,
                  "respondents": ReportForm.Respondents.TOWNSHIPS, "fields": INFO_REPORT_FIELDS},
    )  # fmt: skip
    return form


@transaction.atomic
def _submit_info_report(*, organization, year, month, submitted_on, content, by=None):
    """Submit (or correct) a township committee's report of a month on its county's form."""
    from gonghui.reporting import reports
    from gonghui.reporting.indicators import Period

    return reports.submit(form=info_report_form(organization.parent), organization=organization,
                          period=Period.month(year, month), content=content, on=submitted_on, by=by)  # fmt: skip


@transaction.atomic
def record_inspection_visit(*, inspection, organization, visited_on, score, findings=""):
    if organization.category != "township":
        raise ValidationError(
            {"organization": ValidationError(
                _("%(name)s is not a township committee; supervision teams inspect townships."),
                code="not_township", params={"name": organization.name},
            )}
        )  # fmt: skip
    visit = m.InspectionVisit(
        inspection=inspection, organization=organization, visited_on=visited_on, score=Decimal(score),
        findings=findings,
    )  # fmt: skip
    visit.full_clean()
    visit.save()
    # The visit's score is the township's hand-given score on the year's Three Cares standard.
    score_inspections(township=organization, year=inspection.year)
    return visit


@transaction.atomic
def record_joint_meeting(*, organization, held_on, title, attendees, minutes):
    """联席会议: who came and what was decided; one meeting of a title a day per organisation."""
    if m.JointMeeting.objects.filter(organization=organization, held_on=held_on, title=title).exists():
        refuse("title", _("A joint meeting titled %(title)s on %(day)s is already recorded."), "duplicate",
               title=title, day=held_on)  # fmt: skip
    meeting = m.JointMeeting(
        organization=organization, held_on=held_on, title=title, attendees=attendees, minutes=minutes
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def record_half_year_review(*, organization, year, half, held_on, summary):
    """半年调度: once per half-year; held during or soon after that half-year."""
    if held_on.year not in (year, year + 1):
        refuse(
            "held_on", _("%(day)s is not in or just after %(year)d."), "held_on_year", day=held_on, year=year
        )
    if m.HalfYearReview.objects.filter(organization=organization, year=year, half=half).exists():
        refuse(
            "half", _("The review of this half-year of %(year)d is already recorded."), "duplicate", year=year
        )
    review = m.HalfYearReview(
        organization=organization, year=year, half=half, held_on=held_on, summary=summary
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def record_info_report(*, organization, year, month, submitted_on, content, by=None):
    """A township's monthly information report (信息报送): the one checked path for the form, the
    ledger and the API; a second report of a month is a correction of the same submission."""
    check_township_committee(organization)
    if (submitted_on.year, submitted_on.month) < (year, month):
        refuse("submitted_on", _("A report for %(year)d-%(month)02d cannot be submitted before that month."),
               "early", year=year, month=month)  # fmt: skip
    return _submit_info_report(
        organization=organization, year=year, month=month, submitted_on=submitted_on, content=content, by=by
    )


@transaction.atomic
def record_inspection(
    *, organization, year, team, leader, township, visited_on, score, members="", findings=""
):
    """A supervision team's visit to one township; the team is created with its first visit."""
    check_township_committee(township, field="township")
    if visited_on.year != year:
        refuse("visited_on", _("%(day)s is not in %(year)d."), "visited_year", day=visited_on, year=year)
    inspection = m.Inspection.objects.filter(organization=organization, year=year, team=team).first()
    if inspection is None:
        inspection = m.Inspection(
            organization=organization, year=year, team=team, leader=leader, members=members
        )
        inspection.full_clean()
        inspection.save()
    elif inspection.leader != leader:
        refuse("leader", _("%(team)s of %(year)d is led by %(leader)s."), "leader",
               team=team, year=year, leader=inspection.leader)  # fmt: skip
    if inspection.visits.filter(organization=township).exists():
        refuse("township", _("%(team)s has already recorded its visit to %(name)s."), "duplicate",
               team=team, name=township.name)  # fmt: skip
    return record_inspection_visit(
        inspection=inspection, organization=township, visited_on=visited_on, score=score, findings=findings
    )
