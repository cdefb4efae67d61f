"""Everything that writes in the safety area: keyword-only, atomic, refusing with a reason.

The monthly report's lifecycle is the small table ``REPORT_MOVES`` and the one service
``move_report`` that refuses any other move; the generic periodic-report machinery can fold it in.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .models import (
    Accident,
    Certificate,
    ExamResult,
    Hazard,
    HazardSource,
    Inspection,
    InspectionLeader,
    InspectionVisit,
    MechanismDocument,
    MonthlyReport,
    MonthlyReportStep,
    ReportStatus,
    Supervisor,
    TrainingBatch,
    Workplace,
    WorkplaceStatus,
    month_start,
)
from .rules import error

# (from, to): move name. Submitted → returned with a comment → resubmitted → accepted (locked).
REPORT_MOVES = {
    (ReportStatus.SUBMITTED, ReportStatus.RETURNED): "return",
    (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED): "accept",
    (ReportStatus.RETURNED, ReportStatus.RESUBMITTED): "resubmit",
    (ReportStatus.RESUBMITTED, ReportStatus.RETURNED): "return",
    (ReportStatus.RESUBMITTED, ReportStatus.ACCEPTED): "accept",
}
REPORT_FIELDS = ("output", "people_underground", "supervisor_on_duty", "problems", "measures")


def _today():
    return timezone.localdate()


def allowed_report_moves(report):
    return [(to, name) for (frm, to), name in REPORT_MOVES.items() if frm == report.status]


# Workplaces --------------------------------------------------------------------------------------


@transaction.atomic
def save_workplace(*, enterprise, kind, owner="", union=None, is_key=False, annual_output=None, status=None,
                   status_since=None, workplace=None):  # fmt: skip
    """Put a workplace (an orgs.Enterprise) under supervision, or edit its profile."""
    rules.check_workplace_kind(enterprise=enterprise, kind=kind)
    if annual_output is not None and Decimal(annual_output) < 0:
        raise error("annual_output", _("The output cannot be negative."), "negative_output")
    if workplace is None:
        workplace = Workplace.objects.filter(enterprise=enterprise).first() or Workplace(
            enterprise=enterprise
        )
    if union is None:
        union = enterprise.unions.order_by("pk").first()
    workplace.organization = enterprise.organization
    workplace.kind, workplace.owner, workplace.union = kind, owner or "", union
    workplace.is_key, workplace.annual_output = is_key, annual_output
    is_new = workplace.pk is None
    workplace.save()
    if status and (is_new or status != workplace.status):
        change_status(workplace=workplace, status=status, on=status_since or _today())
    elif is_new:
        change_status(workplace=workplace, status=workplace.status, on=status_since or _today())
    return workplace


@transaction.atomic
def change_status(*, workplace, status, on, note=""):
    last = workplace.statuses.order_by("-on", "-pk").first()
    if last is not None and on < last.on:
        raise error("on", _("The workplace's status already changed on %(date)s; a change cannot be dated before it."),
                    "before_previous", date=last.on.isoformat())  # fmt: skip
    WorkplaceStatus.objects.create(workplace=workplace, status=status, on=on, note=note)
    workplace.status, workplace.status_since = status, on
    workplace.save(update_fields=["status", "status_since"])
    return workplace


# Monthly reports ---------------------------------------------------------------------------------


def _report_values(fields):
    values = {k: fields.get(k) for k in REPORT_FIELDS if k in fields}
    if values.get("output") is not None and Decimal(values["output"]) < 0:
        raise error("output", _("The output cannot be negative."), "negative_output")
    rules.check_counts(people_underground=values.get("people_underground"))
    supervisor = values.get("supervisor_on_duty")
    return values, supervisor


@transaction.atomic
def file_report(*, workplace, month, on=None, by=None, today=None, **fields):
    """A township files one mine's report for a month that has ended; late after the deadline."""
    today = today or _today()
    on = on or today
    if on > today:
        raise error("on", _("A report cannot be dated after today."), "future")
    month = month_start(month)
    rules.check_report_month(workplace=workplace, month=month, today=on)
    values, supervisor = _report_values(fields)
    if supervisor is not None and supervisor.workplace_id != workplace.pk:
        raise error("supervisor_on_duty", _("%(name)s is not a supervisor of %(mine)s."), "wrong_supervisor",
                    name=supervisor.person.name, mine=workplace.name)  # fmt: skip
    deadline = rules.report_deadline(month)
    report = MonthlyReport.objects.create(
        organization=workplace.organization, workplace=workplace, month=month, deadline=deadline,
        submitted_on=on, is_late=on > deadline, created_by=by, **values,
    )  # fmt: skip
    MonthlyReportStep.objects.create(report=report, status=ReportStatus.SUBMITTED, on=on, by=by)
    return report


@transaction.atomic
def move_report(*, report, to, on=None, by=None, comment="", **fields):
    """Return (with a comment), resubmit (with corrections) or accept: nothing else, by name."""
    on = on or _today()
    report = MonthlyReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    move = REPORT_MOVES.get((report.status, to))
    if move is None:
        raise error("status", _("A report that is %(current)s cannot be moved to %(to)s."), "illegal_move",
                    current=ReportStatus(report.status).label, to=ReportStatus(to).label)  # fmt: skip
    last = report.steps.order_by("-on").values_list("on", flat=True).first()
    if last and on < last:
        raise error("on", _("This step cannot be dated before the previous one (%(date)s)."), "before_previous",
                    date=last.isoformat())  # fmt: skip
    comment = (comment or "").strip()
    update = ["status"]
    if move == "return":
        if not comment:
            raise error("comment", _("Say what is to be corrected."), "no_comment")
        report.return_comment = comment
        update.append("return_comment")
    elif move == "resubmit":
        values, supervisor = _report_values(fields)
        if supervisor is not None and supervisor.workplace_id != report.workplace_id:
            raise error("supervisor_on_duty", _("%(name)s is not a supervisor of %(mine)s."), "wrong_supervisor",
                        name=supervisor.person.name, mine=report.workplace.name)  # fmt: skip
        for key, value in values.items():
            setattr(report, key, value)
        update += list(values)
    elif move == "accept":
        report.accepted_on = on
        update.append("accepted_on")
    report.status = to
    report.save(update_fields=update)
    MonthlyReportStep.objects.create(report=report, status=to, on=on, by=by, comment=comment)
    return report


# Supervisors, training, certificates -------------------------------------------------------------


@transaction.atomic
def add_supervisor(*, workplace, person, appointed_on=None):
    if workplace.kind != "coal":
        raise error("workplace", _("Mass safety supervisors are appointed at coal mines."), "not_a_mine")
    existing = Supervisor.objects.filter(workplace=workplace, person=person).first()
    if existing is not None:
        raise error("person", _("%(name)s is already a supervisor of %(mine)s."), "already_supervisor",
                    name=person.name, mine=workplace.name)  # fmt: skip
    return Supervisor.objects.create(organization=workplace.organization, workplace=workplace, person=person,
                                     appointed_on=appointed_on)  # fmt: skip


@transaction.atomic
def record_batch(*, organization, name, started_on, ended_on, hours=0, trainer="", place=""):
    if ended_on < started_on:
        raise error("ended_on", _("The training cannot end before it starts."), "ends_before_start")
    return TrainingBatch.objects.create(organization=organization, name=name, started_on=started_on,
                                        ended_on=ended_on, hours=hours, trainer=trainer, place=place)  # fmt: skip


@transaction.atomic
def record_exam(*, batch, supervisor, passed, score=None):
    if score is not None and not (0 <= Decimal(score) <= 100):
        raise error("score", _("A score is between 0 and 100."), "score_range")
    result, _created = ExamResult.objects.update_or_create(
        batch=batch, supervisor=supervisor,
        defaults={"organization": supervisor.organization, "score": score, "passed": passed},
    )  # fmt: skip
    return result


@transaction.atomic
def issue_certificate(*, supervisor, number, issued_on, expires_on, batch=None):
    rules.check_certificate_dates(issued_on=issued_on, expires_on=expires_on)
    number = (number or "").strip()
    if not number:
        raise error("number", _("The certificate needs its number."), "no_number")
    if Certificate.objects.filter(number=number).exists():
        raise error(
            "number", _("Certificate %(number)s is already recorded."), "duplicate_number", number=number
        )
    if batch is not None and not batch.results.filter(supervisor=supervisor, passed=True).exists():
        raise error("supervisor", _("%(name)s did not pass the exam of %(batch)s."), "not_passed",
                    name=supervisor.person.name, batch=batch.name)  # fmt: skip
    return Certificate.objects.create(organization=supervisor.organization, supervisor=supervisor, number=number,
                                      issued_on=issued_on, expires_on=expires_on, batch=batch)  # fmt: skip


# Inspections -------------------------------------------------------------------------------------


@transaction.atomic
def record_inspection(*, organization, kind, on, team="", findings="", leaders=(), workplaces=()):
    """An inspection: leaders present (people, with their title) and the workplaces visited."""
    if organization is None:
        raise error("organization", _("Only a user of a union can record an inspection."), "no_organization")
    if not workplaces:
        raise error("workplaces", _("Name the workplaces visited."), "no_workplaces")
    inspection = Inspection.objects.create(organization=organization, kind=kind, on=on, team=team,
                                           findings=findings)  # fmt: skip
    seen = set()
    for item in leaders:
        person, title = item if isinstance(item, tuple) else (item, "")
        if person.pk not in seen:
            seen.add(person.pk)
            InspectionLeader.objects.create(inspection=inspection, person=person, title=title)
    for workplace in {w.pk: w for w in workplaces}.values():
        InspectionVisit.objects.create(inspection=inspection, workplace=workplace)
    return inspection


# Hazards -----------------------------------------------------------------------------------------


@transaction.atomic
def record_hazard(*, workplace, found_on, source, description, deadline, grade="ordinary", responsible="",
                  inspection=None, report=None, rectified_on=None, rechecked_by="", rechecked_on=None):  # fmt: skip
    rules.check_hazard_dates(found_on=found_on, deadline=deadline, rectified_on=rectified_on,
                             rechecked_on=rechecked_on, rechecked_by=rechecked_by)  # fmt: skip
    if not (description or "").strip():
        raise error("description", _("Describe the hazard."), "no_description")
    if source == HazardSource.INSPECTION and inspection is not None and found_on < inspection.on:
        raise error("found_on", _("The inspection was on %(date)s; its hazard cannot be found before it."),
                    "before_inspection", date=inspection.on.isoformat())  # fmt: skip
    return Hazard.objects.create(
        organization=workplace.organization, workplace=workplace, found_on=found_on, source=source,
        description=description.strip(), deadline=deadline, grade=grade, responsible=responsible,
        inspection=inspection, report=report, rectified_on=rectified_on, rechecked_by=rechecked_by,
        rechecked_on=rechecked_on,
    )  # fmt: skip


@transaction.atomic
def rectify_hazard(*, hazard, rectified_on, rechecked_by="", rechecked_on=None):
    rules.check_hazard_dates(found_on=hazard.found_on, rectified_on=rectified_on, rechecked_on=rechecked_on,
                             rechecked_by=rechecked_by)  # fmt: skip
    hazard.rectified_on, hazard.rechecked_by, hazard.rechecked_on = rectified_on, rechecked_by, rechecked_on
    hazard.save(update_fields=["rectified_on", "rechecked_by", "rechecked_on"])
    return hazard


# Accidents and documents -------------------------------------------------------------------------


@transaction.atomic
def record_accident(*, workplace, occurred_on, kind, deaths=0, serious_injuries=0, minor_injuries=0, cause="",
                    report="", follow_up=""):  # fmt: skip
    rules.check_counts(deaths=deaths, serious_injuries=serious_injuries, minor_injuries=minor_injuries)
    return Accident.objects.create(
        organization=workplace.organization, workplace=workplace, occurred_on=occurred_on, kind=kind,
        deaths=deaths or 0, serious_injuries=serious_injuries or 0, minor_injuries=minor_injuries or 0,
        cause=cause, report=report, follow_up=follow_up,
    )  # fmt: skip


@transaction.atomic
def save_document(*, organization, kind, title, year, issued_on, number="", body=""):
    if organization is None:
        raise error("organization", _("Only a user of a union can record a document."), "no_organization")
    if issued_on.year not in (year, year - 1):
        raise error("issued_on", _("A document for %(year)s is issued in that year or late in the year before."),
                    "wrong_year", year=year)  # fmt: skip
    return MechanismDocument.objects.create(organization=organization, kind=kind, title=title, year=year,
                                            issued_on=issued_on, number=number, body=body)  # fmt: skip


def can_review(user):
    """Returning and accepting monthly reports is the county's (or a higher federation's) work."""
    if not getattr(user, "is_authenticated", False) or not user.can_edit:
        return False
    if user.is_superuser:
        return True
    org = user.organization
    return org is not None and org.level in {"county", "city", "province"}
