"""Everything that writes in the safety area: keyword-only, atomic, refusing with a reason.

The monthly report's lifecycle is ``models.REPORT_MOVES`` (a ``reporting.lifecycle.Lifecycle``): filing
is its first move and ``move_report`` applies every later one; any other move is refused there.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.formats import cn_date

from . import rules
from .models import (
    REPORT_MOVES,
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

REPORT_FIELDS = ("output", "people_underground", "supervisor_on_duty", "problems", "measures")


def _today():
    return timezone.localdate()


def allowed_report_moves(report):
    """{move name: status it leads to} from the report's status, as the lifecycle's table says."""
    return {name: to for to, name in REPORT_MOVES.allowed(report.status).items()}


# Workplaces --------------------------------------------------------------------------------------


@transaction.atomic
def save_workplace(*, enterprise, kind, owner="", union=None, chair=None, is_key=False, annual_output=None,
                   pairs=None, township=None, status=None, status_since=None, workplace=None):  # fmt: skip
    """Put a workplace (an orgs.Enterprise) under supervision, or edit its profile: the one place both
    the profile page and the mines ledger write it.

    The pairs of shafts and the township are the workplace register's (the enterprise's) and are
    updated there; the chair is the mine union's. None leaves a value as it is. The status only
    starts here (a new profile); later changes are dated changes (change_status, the status page).
    """
    rules.check_workplace_profile(enterprise=enterprise, kind=kind, pairs=pairs, township=township, union=union,
                                  annual_output=annual_output)  # fmt: skip
    if workplace is None:
        workplace = Workplace.objects.filter(enterprise=enterprise).first() or Workplace(
            enterprise=enterprise
        )
    if union is None:
        union = workplace.union or enterprise.unions.order_by("pk").first()
    register = []
    if pairs is not None and pairs != enterprise.coal_mine_pairs:
        enterprise.coal_mine_pairs = pairs
        register.append("coal_mine_pairs")
    if township is not None and township.pk != enterprise.township_id:
        enterprise.township = township
        register.append("township")
    if register:
        enterprise.save(update_fields=register)
    chair = (chair or "").strip() if chair is not None else None
    if union is not None and chair is not None and chair != union.chair:
        union.chair = chair
        union.save(update_fields=["chair"])
    workplace.organization = enterprise.organization
    workplace.kind, workplace.owner, workplace.union = kind, owner or "", union
    workplace.is_key, workplace.annual_output = bool(is_key), annual_output
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
                    "before_previous", date=cn_date(last.on))  # fmt: skip
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
    report = MonthlyReport(
        organization=workplace.organization, workplace=workplace, month=month, deadline=deadline,
        submitted_on=on, is_late=on > deadline, created_by=by, status="", **values,
    )  # fmt: skip
    return REPORT_MOVES.move(report, ReportStatus.SUBMITTED, record=_record_step(by, on))


def _record_step(by, on):
    def record(report, _old, new, _name, comment):
        MonthlyReportStep.objects.create(report=report, status=new, on=on, by=by, comment=comment)

    return record


@transaction.atomic
def move_report(*, report, to, on=None, by=None, comment="", **fields):
    """Return (with a comment), resubmit (with corrections) or accept, as REPORT_MOVES allows."""
    on = on or _today()
    report = MonthlyReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    comment = (comment or "").strip()
    move = REPORT_MOVES.check(report.status, to, comment)  # an illegal move is refused before anything else
    last = report.steps.order_by("-on").values_list("on", flat=True).first()
    if last and on < last:
        raise error("on", _("This step cannot be dated before the previous one (%(date)s)."), "before_previous",
                    date=cn_date(last))  # fmt: skip
    changed = []
    if move == "return":
        report.return_comment = comment
        changed.append("return_comment")
    elif move == "resubmit":
        values, supervisor = _report_values(fields)
        if supervisor is not None and supervisor.workplace_id != report.workplace_id:
            raise error("supervisor_on_duty", _("%(name)s is not a supervisor of %(mine)s."), "wrong_supervisor",
                        name=supervisor.person.name, mine=report.workplace.name)  # fmt: skip
        for key, value in values.items():
            setattr(report, key, value)
        changed += list(values)
    elif move == "accept":
        report.accepted_on = on
        changed.append("accepted_on")
    return REPORT_MOVES.move(report, to, comment=comment, record=_record_step(by, on), save_fields=changed)


# Supervisors, training, certificates -------------------------------------------------------------


def new_supervisor(*, workplace, person, appointed_on=None, posts=None):
    """A supervisor checked by the rules, not yet saved. `posts`, the {(workplace id, person id)} on
    record, is a ledger file's (read once); without it the database is asked."""
    if workplace.kind != "coal":
        raise error("workplace", _("Mass safety supervisors are appointed at coal mines."), "not_a_mine")
    if posts is not None:
        taken = (workplace.pk, person.pk) in posts
    else:
        taken = Supervisor.objects.filter(workplace=workplace, person=person).exists()
    if taken:
        raise error("person", _("%(name)s is already a supervisor of %(mine)s."), "already_supervisor",
                    name=person.name, mine=workplace.name)  # fmt: skip
    return Supervisor(organization_id=workplace.organization_id, workplace=workplace, person=person,
                      appointed_on=appointed_on)  # fmt: skip


@transaction.atomic
def add_supervisor(*, workplace, person, appointed_on=None):
    supervisor = new_supervisor(workplace=workplace, person=person, appointed_on=appointed_on)
    supervisor.save()
    return supervisor


@transaction.atomic
def add_supervisors(supervisors):
    """Save supervisors made by new_supervisor (a ledger file's), in one bulk insert."""
    return Supervisor.objects.bulk_create(supervisors, batch_size=500)


@transaction.atomic
def record_batch(*, organization, name, started_on, ended_on, hours=0, trainer="", place="", trainees=(),
                 batch=None):  # fmt: skip
    """A training course (or its corrected details), with trainees enrolled from the supervisors."""
    if organization is None:
        raise error("organization", _("Only a user of a union can record a training."), "no_organization")
    rules.check_batch(started_on=started_on, ended_on=ended_on, hours=hours)
    if batch is not None:
        examined = batch.results.filter(examined_on__lt=started_on).order_by("examined_on").first()
        if examined is not None:
            raise error("started_on", _("%(name)s sat the exam on %(exam)s, before this start."),
                        "start_after_exam", name=examined.supervisor.person.name,
                        exam=cn_date(examined.examined_on))  # fmt: skip
    batch = batch or TrainingBatch(organization=organization)
    batch.name, batch.started_on, batch.ended_on = name, started_on, ended_on
    batch.hours, batch.trainer, batch.place = hours or 0, trainer or "", place or ""
    batch.save()
    enrol_trainees(batch=batch, supervisors=trainees)
    return batch


@transaction.atomic
def enrol_trainees(*, batch, supervisors):
    """Enrol supervisors in a course (once each): an exam result waiting for its exam."""
    enrolled = set(batch.results.values_list("supervisor_id", flat=True))
    new = []
    for supervisor in supervisors:
        if supervisor.pk in enrolled:
            continue
        rules.check_trainee(batch=batch, supervisor=supervisor)
        enrolled.add(supervisor.pk)
        new.append(ExamResult(organization_id=supervisor.organization_id, batch=batch, supervisor=supervisor))
    ExamResult.objects.bulk_create(new)
    return batch


@transaction.atomic
def record_exam(*, batch, supervisor, passed, score=None, examined_on=None):
    """A trainee's exam: score, passed, date (enrolling the supervisor if not yet a trainee)."""
    rules.check_exam(batch=batch, examined_on=examined_on, score=score, passed=passed)
    rules.check_trainee(batch=batch, supervisor=supervisor)
    result, _created = ExamResult.objects.update_or_create(
        batch=batch, supervisor=supervisor,
        defaults={"organization": supervisor.organization, "score": score, "passed": passed,
                  "examined_on": examined_on},
    )  # fmt: skip
    return result


def new_certificate(*, supervisor, number, issued_on, expires_on, batch=None, result=None, numbers=None):
    """A certificate checked by the rules, not yet saved. A ledger file passes `numbers`, the
    certificate numbers on record (read once), and the trainee's `result` when there is a batch."""
    if batch is not None and result is None:
        result = batch.results.filter(supervisor=supervisor).first()
    rules.check_certificate_dates(issued_on=issued_on, expires_on=expires_on, batch=batch,
                                  examined_on=result.examined_on if result else None)  # fmt: skip
    number = (number or "").strip()
    if not number:
        raise error("number", _("The certificate needs its number."), "no_number")
    taken = number in numbers if numbers is not None else Certificate.objects.filter(number=number).exists()
    if taken:
        raise error(
            "number", _("Certificate %(number)s is already recorded."), "duplicate_number", number=number
        )
    if batch is not None and not (result and result.passed):
        raise error("supervisor", _("%(name)s did not pass the exam of %(batch)s."), "not_passed",
                    name=supervisor.person.name, batch=batch.name)  # fmt: skip
    return Certificate(organization_id=supervisor.organization_id, supervisor=supervisor, number=number,
                       issued_on=issued_on, expires_on=expires_on, batch=batch)  # fmt: skip


@transaction.atomic
def issue_certificate(**fields):
    certificate = new_certificate(**fields)
    certificate.save()
    return certificate


@transaction.atomic
def issue_certificates(certificates):
    """Save certificates made by new_certificate (a ledger file's), in one bulk insert."""
    return Certificate.objects.bulk_create(certificates, batch_size=500)


@transaction.atomic
def record_result(*, batch, supervisor, passed, score=None, examined_on=None, number="", issued_on=None,
                  expires_on=None):  # fmt: skip
    """A trainee's exam and then, having passed, the certificate: the exam page's and the exam results
    ledger's one service. A certificate already recorded under that number for this supervisor stays."""
    result = record_exam(batch=batch, supervisor=supervisor, passed=passed, score=score, examined_on=examined_on)
    number = (number or "").strip()
    if number or issued_on or expires_on:
        held = Certificate.objects.filter(number=number, supervisor=supervisor).first() if number else None
        if held is None:
            if not (issued_on and expires_on):
                raise error("issued_on", _("A certificate needs its issue and expiry dates."), "no_dates")
            issue_certificate(supervisor=supervisor, number=number, issued_on=issued_on, expires_on=expires_on,
                              batch=batch)  # fmt: skip
    return result


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


def new_hazard(*, workplace, found_on, source, description, deadline, grade="ordinary", responsible="",
               inspection=None, report=None, supervisor=None, rectified_on=None, rechecked_by="",
               rechecked_on=None):  # fmt: skip
    """A hazard checked by every rule, not yet saved (no query): record_hazard saves one, the ledger
    saves a file's in bulk (record_hazards)."""
    rules.check_hazard_dates(found_on=found_on, deadline=deadline, rectified_on=rectified_on,
                             rechecked_on=rechecked_on, rechecked_by=rechecked_by)  # fmt: skip
    rules.check_hazard_finder(workplace=workplace, source=source, supervisor=supervisor)
    if not (description or "").strip():
        raise error("description", _("Describe the hazard."), "no_description")
    if source == HazardSource.INSPECTION and inspection is not None and found_on < inspection.on:
        raise error("found_on", _("The inspection was on %(date)s; its hazard cannot be found before it."),
                    "before_inspection", date=cn_date(inspection.on))  # fmt: skip
    return Hazard(
        organization_id=workplace.organization_id, workplace=workplace, found_on=found_on, source=source,
        description=description.strip(), deadline=deadline, grade=grade, responsible=responsible or "",
        inspection=inspection, report=report, supervisor=supervisor, rectified_on=rectified_on,
        rechecked_by=rechecked_by or "", rechecked_on=rechecked_on,
    )  # fmt: skip


@transaction.atomic
def record_hazard(**fields):
    """Record one hazard (the form's); see new_hazard for its rules."""
    hazard = new_hazard(**fields)
    hazard.save()
    return hazard


@transaction.atomic
def record_hazards(hazards):
    """Save hazards made by new_hazard (a ledger file's), in one bulk insert."""
    return Hazard.objects.bulk_create(hazards, batch_size=500)


@transaction.atomic
def rectify_hazard(*, hazard, rectified_on, rechecked_by="", rechecked_on=None):
    rules.check_hazard_dates(found_on=hazard.found_on, rectified_on=rectified_on, rechecked_on=rechecked_on,
                             rechecked_by=rechecked_by)  # fmt: skip
    hazard.rectified_on, hazard.rechecked_by, hazard.rechecked_on = rectified_on, rechecked_by, rechecked_on
    hazard.save(update_fields=["rectified_on", "rechecked_by", "rechecked_on"])
    return hazard


# Accidents and documents -------------------------------------------------------------------------


def new_accident(*, workplace, occurred_on, kind, deaths=0, serious_injuries=0, minor_injuries=0, cause="",
                 report="", follow_up=""):  # fmt: skip
    """An accident checked by the rules, not yet saved (no query)."""
    rules.check_counts(deaths=deaths, serious_injuries=serious_injuries, minor_injuries=minor_injuries)
    return Accident(
        organization_id=workplace.organization_id, workplace=workplace, occurred_on=occurred_on, kind=kind,
        deaths=deaths or 0, serious_injuries=serious_injuries or 0, minor_injuries=minor_injuries or 0,
        cause=cause or "", report=report or "", follow_up=follow_up or "",
    )  # fmt: skip


@transaction.atomic
def record_accident(**fields):
    accident = new_accident(**fields)
    accident.save()
    return accident


@transaction.atomic
def record_accidents(accidents):
    """Save accidents made by new_accident (a ledger file's), in one bulk insert."""
    return Accident.objects.bulk_create(accidents, batch_size=500)


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
