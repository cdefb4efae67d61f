"""Views parse input, call one selector or service, pick a template; every record via scoping."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.formats import download_name
from gonghui.core.officialdoc import OfficialDocument
from gonghui.core.views import carry_out, require_editor
from gonghui.ledgers.downloads import export_response
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.models import Place
from gonghui.orgs.scoping import applying_or_visible, get_editable_or_404, get_visible_or_404
from gonghui.querystring import query_id
from gonghui.reporting import indicators

from . import exports, forms, selectors, services
from .models import (
    Accident,
    Certificate,
    Hazard,
    HazardGrade,
    Inspection,
    MechanismDocument,
    MonthlyReport,
    ReportStatus,
    Supervisor,
    TrainingBatch,
    Workplace,
    WorkplaceKind,
    month_start,
)

SUBNAV = "safety/partials/subnav.html"
INDEX_FIGURES = [
    "safety.coal_mine_pairs",
    "safety.accidents",
    "safety.deaths",
    "safety.supervisors_trained",
    "safety.supervisors_certified",
    "safety.enterprises_inspected",
    "safety.hazards_found",
    "safety.hazards_rectified",
    "safety.monthly_report_rate",
    "safety.rectification_rate",
]


def _today():
    return timezone.localdate()


def _as_of(request):
    return selectors.as_of(indicators.year_for(request), _today())


def _reviewer(request):
    if not services.can_review(request.user):
        raise Http404("not found")


def _township(request, user):
    """The ?township= filter, only among the townships of the workplaces the user may see."""
    pk = query_id(request, "township")
    return _townships(user).filter(pk=pk).first() if pk else None


def _townships(user):
    ids = Workplace.objects.visible_to(user).values("enterprise__township")
    return Place.objects.townships().filter(pk__in=ids).order_by("division_code")


# Overview ----------------------------------------------------------------------------------------


@login_required
def index(request):
    org = request.user.organization
    year = indicators.year_for(request)
    day = _as_of(request)
    figures = []
    if org is not None:
        values = indicators.compute(org, indicators.Period.year(year), codes=INDEX_FIGURES)
        figures = [(indicators.get(code), values[code]) for code in INDEX_FIGURES]
    hazards = Hazard.objects.visible_to(request.user)
    todo = hazards.overdue_on(day).filter(grade=HazardGrade.MAJOR).select_related("workplace__enterprise")
    context = {
        "year": year,
        "as_of": day,
        "figures": figures,
        "major_overdue": todo.order_by("deadline")[:50],
        "overdue_count": hazards.overdue_on(day).count(),
        "documents": _documents(request.user).filter(year=year),
    }
    return render(request, "safety/index.html", context)


# The month's board and the monthly reports -----------------------------------------------------


def _month(request, default):
    try:
        return forms.MonthField().clean(request.GET.get("month", "")) or default
    except ValidationError:
        return default


def _default_month(user):
    """The latest month whose report is due (the month before this one), or December of the data's year."""
    today = _today()
    last = month_start(month_start(today) - datetime.timedelta(days=1))
    latest = MonthlyReport.objects.visible_to(user).order_by("-month").values_list("month", flat=True).first()
    return min(last, latest) if latest else last


@login_required
def board(request):
    month = _month(request, _default_month(request.user))
    workplaces = Workplace.objects.visible_to(request.user)
    township = _township(request, request.user)
    if township is not None:
        workplaces = workplaces.filter(enterprise__township=township)
    reports = MonthlyReport.objects.visible_to(request.user).filter(workplace__in=workplaces)
    rows, deadline, counts = selectors.month_board(workplaces, reports, month, _today())
    previous = month_start(month - datetime.timedelta(days=1))
    following = month_start(month + datetime.timedelta(days=32))
    context = {"rows": rows, "month": month, "deadline": deadline, "counts": counts, "previous": previous,
               "following": following, "township": township, "townships": _townships(request.user),
               "can_review": services.can_review(request.user), "return_form": forms.ReturnForm()}  # fmt: skip
    return render(request, "safety/board.html", context)


@login_required
def report_create(request):
    require_editor(request)
    last_month = month_start(month_start(_today()) - datetime.timedelta(days=1))
    initial = {"month": f"{last_month:%Y-%m}"}
    mine = query_id(request, "mine") or query_id(request, "workplace")
    if mine:
        initial["workplace"] = mine
    if request.GET.get("month"):
        initial["month"] = request.GET.get("month")
    form = forms.ReportForm(request.POST or None, user=request.user, initial=initial)

    def action(data):
        fields = {k: data[k] for k in services.REPORT_FIELDS}
        return services.file_report(
            workplace=data["workplace"], month=data["month"], by=request.user, **fields
        )

    return carry_out(request, form, action, subnav=SUBNAV, title=_("Monthly supervision report"),
                     intro=_("One report per mine and month, after the month has ended."))  # fmt: skip


@login_required
def report_detail(request, pk):
    report = get_visible_or_404(
        MonthlyReport.objects.select_related("workplace__enterprise__township", "supervisor_on_duty__person"),
        request.user, pk=pk,
    )  # fmt: skip
    context = {
        "report": report,
        "steps": report.steps.select_related("by"),
        "moves": services.allowed_report_moves(report),
        "can_review": services.can_review(request.user),
        "return_form": forms.ReturnForm(),
        "hazards": report.hazards.all(),
    }
    return render(request, "safety/report_detail.html", context)


@login_required
def report_resubmit(request, pk):
    report = get_editable_or_404(
        MonthlyReport.objects.select_related("workplace__enterprise"), request.user, pk=pk
    )
    if "resubmit" not in services.allowed_report_moves(report):
        raise Http404("not found")
    initial = {k: getattr(report, k) for k in services.REPORT_FIELDS}
    form = forms.ReportFieldsForm(request.POST or None, user=request.user, workplace=report.workplace,
                                  initial=initial)  # fmt: skip

    def action(data):
        return services.move_report(report=report, to=ReportStatus.RESUBMITTED, by=request.user,
                                    **{k: data[k] for k in services.REPORT_FIELDS})  # fmt: skip

    title = _("Correct and resubmit %(report)s") % {"report": report}
    return carry_out(request, form, action, subnav=SUBNAV, title=title, back=report, intro=report.return_comment)  # fmt: skip


@login_required
@require_POST
def report_move(request, pk, move):
    _reviewer(request)
    report = get_editable_or_404(MonthlyReport.objects.all(), request.user, pk=pk)
    targets = {"return": ReportStatus.RETURNED, "accept": ReportStatus.ACCEPTED}
    if move not in targets:
        raise Http404("not found")
    try:
        services.move_report(report=report, to=targets[move], by=request.user,
                             comment=request.POST.get("comment", ""))  # fmt: skip
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Report of %(report)s: %(status)s.") % {
            "report": report, "status": ReportStatus(targets[move]).label})  # fmt: skip
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/safety/") else report.get_absolute_url())


# Workplaces --------------------------------------------------------------------------------------


@login_required
def workplace_list(request):
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    township = _township(request, request.user)
    rows = (
        Workplace.objects.visible_to(request.user)
        .search(q, kind=kind, township=township)
        .select_related("enterprise__township", "union")
        .order_by("enterprise__township__division_code", "enterprise__name")
    )
    context = {"page": Paginator(rows, 50).get_page(request.GET.get("page")), "q": q, "kind": kind,
               "kinds": [("non_coal", _("All non-coal workplaces")), *WorkplaceKind.choices],
               "township": township, "townships": _townships(request.user)}  # fmt: skip
    return render(request, "safety/workplace_list.html", context)


@login_required
def workplace_detail(request, pk):
    workplace = get_visible_or_404(
        Workplace.objects.select_related("enterprise__township", "union"), request.user, pk=pk
    )
    year = indicators.year_for(request)
    context = {
        "workplace": workplace,
        "year": year,
        "statuses": workplace.statuses.all(),
        "supervisors": workplace.supervisors.select_related("person").prefetch_related("certificates"),
        "reports": workplace.monthly_reports.filter(month__year=year).order_by("month"),
        "hazards": workplace.hazards.order_by("-found_on")[:50],
        "accidents": workplace.accidents.all(),
        "visits": workplace.visits.select_related("inspection").order_by("-inspection__on"),
    }
    return render(request, "safety/workplace_detail.html", context)


@login_required
def workplace_edit(request, pk):
    workplace = get_editable_or_404(
        Workplace.objects.select_related("enterprise__township", "union"), request.user, pk=pk
    )
    form = forms.WorkplaceForm(request.POST or None, user=request.user, workplace=workplace)

    def action(data):
        return services.save_workplace(enterprise=workplace.enterprise, workplace=workplace, **data)

    title = _("Profile of %(workplace)s") % {"workplace": workplace}
    return carry_out(request, form, action, subnav=SUBNAV, title=title, back=workplace,
                     intro=_("The status and its dates are changed on the status page."))  # fmt: skip


@login_required
def workplace_status(request, pk):
    workplace = get_editable_or_404(Workplace.objects.select_related("enterprise"), request.user, pk=pk)
    form = forms.StatusForm(request.POST or None, initial={"status": workplace.status})

    def action(data):
        return services.change_status(workplace=workplace, **data)

    title = _("Status of %(workplace)s") % {"workplace": workplace}
    return carry_out(request, form, action, subnav=SUBNAV, title=title, back=workplace)  # fmt: skip


@login_required
def workplace_export(request):
    return ledger_response(**exports.workplaces(request.user), unit=str(request.user.organization or ""),
                           filename=exports.filename("workplaces"))  # fmt: skip


# Inspections -------------------------------------------------------------------------------------


@login_required
def inspection_list(request):
    year = indicators.year_for(request)
    inspections = Inspection.objects.visible_to(request.user).filter(on__year=year)
    workplaces = Workplace.objects.visible_to(request.user)
    per_mine = selectors.visits_per_mine(inspections, workplaces)
    leaders = selectors.visits_per_leader(inspections, workplaces)
    mines = list(
        Workplace.objects.visible_to(request.user).filter(pk__in=per_mine).select_related("enterprise__township")
        .order_by("-is_key", "enterprise__township__division_code", "enterprise__name")
    )  # fmt: skip
    table = [(m, per_mine.get(m.pk, 0), [counts.get(m.pk, 0) for _p, counts, _t in leaders]) for m in mines]
    context = {
        "year": year,
        "inspections": inspections.prefetch_related("leaders__person").order_by("on"),
        "leaders": leaders,
        "table": table,
    }
    return render(request, "safety/inspection_list.html", context)


@login_required
def inspection_detail(request, pk):
    inspection = get_visible_or_404(Inspection.objects.all(), request.user, pk=pk)
    context = {
        "inspection": inspection,
        "leaders": inspection.leaders.select_related("person"),
        # Another township's workplaces on the same trip stay out of sight.
        "visits": inspection.visits.filter(
            workplace__in=Workplace.objects.visible_to(request.user)
        ).select_related("workplace__enterprise__township"),
        "hazards": inspection.hazards.visible_to(request.user).select_related("workplace__enterprise")[:200],
    }
    return render(request, "safety/inspection_detail.html", context)


@login_required
def inspection_create(request):
    require_editor(request)
    form = forms.InspectionForm(request.POST or None, user=request.user)

    def action(data):
        leaders = list(data["leaders"]) + ([data["other_leader"]] if data["other_leader"] else [])
        return services.record_inspection(organization=request.user.organization, kind=data["kind"], on=data["on"],
                                          team=data["team"], findings=data["findings"], leaders=leaders,
                                          workplaces=data["workplaces"])  # fmt: skip

    return carry_out(request, form, action, subnav=SUBNAV, title=_("Record an inspection"))


# Supervisors -------------------------------------------------------------------------------------


@login_required
def supervisor_list(request):
    day = _as_of(request)
    workplaces = Workplace.objects.visible_to(request.user)
    supervisors = Supervisor.objects.visible_to(request.user)
    certificates = Certificate.objects.visible_to(request.user)
    rows = supervisors.select_related("person", "workplace__enterprise__township").prefetch_related(
        "certificates"
    )
    mine = query_id(request, "mine")
    if mine:
        rows = rows.filter(workplace_id=mine)
    context = {
        "as_of": day,
        "year": indicators.year_for(request),
        "page": Paginator(rows.order_by("workplace__enterprise__name", "person__name"), 100).get_page(
            request.GET.get("page")
        ),
        "without": selectors.mines_without_certified_supervisor(workplaces, supervisors, certificates, day),
        "expiring": selectors.expiring_certificates(certificates, day),
        "batches": selectors.training_batches(TrainingBatch.objects.visible_to(request.user), supervisors),
    }
    return render(request, "safety/supervisor_list.html", context)


@login_required
def supervisor_export(request):
    # Masked unless full ID numbers are asked for with a purpose (one logged reveal), as every export.
    return export_response(request, "safety-supervisors", {}, back=reverse("safety:supervisor-list"))


@login_required
def supervisor_create(request):
    require_editor(request)
    form = forms.SupervisorForm(request.POST or None, user=request.user)

    def action(data):
        services.add_supervisor(**data)
        return "safety:supervisor-list"

    return carry_out(request, form, action, subnav=SUBNAV, title=_("Appoint a supervisor"))


@login_required
def certificate_create(request):
    require_editor(request)
    form = forms.CertificateForm(request.POST or None, user=request.user)

    def action(data):
        services.issue_certificate(**data)
        return "safety:supervisor-list"

    return carry_out(request, form, action, subnav=SUBNAV, title=_("Record a supervisor's certificate"))


# Training batches and exam results ---------------------------------------------------------------


@login_required
def batch_create(request):
    require_editor(request)
    form = forms.BatchForm(request.POST or None)

    def action(data):
        return services.record_batch(organization=request.user.organization, **data)

    return carry_out(request, form, action, subnav=SUBNAV, title=_("New training batch"),
                     back=reverse("safety:supervisor-list") + "#batches", go_to_result=True,
                     intro=_("Then choose the trainees from the mines' supervisors."))  # fmt: skip


@login_required
def batch_detail(request, pk):
    batch = get_visible_or_404(TrainingBatch.objects.all(), request.user, pk=pk)
    supervisors = Supervisor.objects.visible_to(request.user)
    results = (
        batch.results.filter(supervisor__in=supervisors)
        .select_related("supervisor__person", "supervisor__workplace__enterprise__township")
        .order_by("supervisor__workplace__enterprise__name", "supervisor__person__name")
    )
    certificates = {c.supervisor_id: c for c in batch.certificates.filter(supervisor__in=supervisors)}
    rows = [(r, certificates.get(r.supervisor_id)) for r in results]
    context = {
        "batch": batch,
        "rows": rows,
        "counts": {"trainees": len(rows), "examined": sum(1 for r, _c in rows if r.examined_on or r.score is not None),
                   "passed": sum(1 for r, _c in rows if r.passed), "certified": sum(1 for _r, c in rows if c)},
        "can_edit": _editable(request, batch),
    }  # fmt: skip
    return render(request, "safety/batch_detail.html", context)


def _editable(request, record):
    if not request.user.can_edit:
        return False
    try:
        get_editable_or_404(type(record).objects.all(), request.user, pk=record.pk)
    except Http404:
        return False
    return True


@login_required
def batch_edit(request, pk):
    batch = get_editable_or_404(TrainingBatch.objects.all(), request.user, pk=pk)
    fields = ("name", "started_on", "ended_on", "hours", "trainer", "place")
    form = forms.BatchForm(request.POST or None, initial={k: getattr(batch, k) for k in fields})

    def action(data):
        return services.record_batch(organization=batch.organization, batch=batch, **data)

    return carry_out(request, form, action, subnav=SUBNAV, title=str(batch), back=batch)


@login_required
def batch_trainees(request, pk):
    batch = get_editable_or_404(TrainingBatch.objects.all(), request.user, pk=pk)
    initial = {"workplace": query_id(request, "workplace")} if query_id(request, "workplace") else None
    form = forms.TraineesForm(request.POST or None, user=request.user, batch=batch, initial=initial)

    def action(data):
        return services.enrol_trainees(batch=batch, supervisors=data["trainees"])

    title = _("Trainees of %(batch)s") % {"batch": batch}
    return carry_out(request, form, action, subnav=SUBNAV, title=title, back=batch,
                     intro=_("Choose a mine, then tick its supervisors who attend."))  # fmt: skip


@login_required
def exam_edit(request, pk, result):
    batch = get_editable_or_404(TrainingBatch.objects.all(), request.user, pk=pk)
    trainee = get_visible_or_404(
        batch.results.select_related("supervisor__person", "supervisor__workplace__enterprise"), request.user,
        pk=result,
    )  # fmt: skip
    certificate = batch.certificates.filter(supervisor=trainee.supervisor).first()
    initial = {"examined_on": trainee.examined_on or batch.ended_on, "score": trainee.score, "passed": trainee.passed}
    if certificate is not None:
        initial.update(number=certificate.number, issued_on=certificate.issued_on, expires_on=certificate.expires_on)
    form = forms.ExamForm(request.POST or None, initial=initial)

    def action(data):
        services.record_result(batch=batch, supervisor=trainee.supervisor, **data)
        return batch

    title = _("Exam of %(name)s") % {"name": trainee.supervisor.person.name}
    return carry_out(request, form, action, subnav=SUBNAV, title=title, back=batch,
                     intro=f"{batch} · {trainee.supervisor.workplace}")  # fmt: skip


@login_required
def exam_export(request, pk):
    # Masked unless full ID numbers are asked for with a purpose (one logged reveal), as every export.
    batch = get_visible_or_404(TrainingBatch.objects.all(), request.user, pk=pk)
    return export_response(request, "safety-exam-results", {"batch": str(batch.pk)}, back=batch.get_absolute_url())


# Hazards -----------------------------------------------------------------------------------------


def _hazard_rows(request):
    year = indicators.year_for(request)
    day = _as_of(request)
    township = _township(request, request.user)
    rows = Hazard.objects.visible_to(request.user).found_between(
        datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    if township is not None:
        rows = rows.filter(workplace__enterprise__township=township)
    state = request.GET.get("state", "")
    if state == "open":
        rows = rows.open_on(day)
    elif state == "overdue":
        rows = rows.overdue_on(day)
    grade = request.GET.get("grade", "")
    if grade in HazardGrade.values:
        rows = rows.filter(grade=grade)
    context = {"year": year, "as_of": day, "township": township, "townships": _townships(request.user),
               "state": state, "grade": grade, "grades": HazardGrade.choices}  # fmt: skip
    return rows, context


@login_required
def hazard_list(request):
    rows, context = _hazard_rows(request)
    by_township, by_quarter = selectors.rectification_rates(rows, context["as_of"])
    found = rows.count()
    fixed = rows.rectified_by(context["as_of"]).count()
    context.update({
        "page": Paginator(rows.select_related("workplace__enterprise__township"), 50).get_page(request.GET.get("page")),
        "by_township": by_township, "by_quarter": by_quarter, "found": found, "fixed": fixed,
        "rate": selectors.percent(fixed, found),
    })  # fmt: skip
    return render(request, "safety/hazard_list.html", context)


@login_required
def hazard_export(request):
    rows, _context = _hazard_rows(request)
    return ledger_response(**exports.hazards(rows), unit=str(request.user.organization or ""),
                           filename=exports.filename("hazards"))  # fmt: skip


@login_required
def hazard_detail(request, pk):
    rows = Hazard.objects.select_related("workplace__enterprise", "inspection", "report", "supervisor__person")
    hazard = get_visible_or_404(rows, request.user, pk=pk)
    return render(request, "safety/hazard_detail.html", {"hazard": hazard, "as_of": _today()})


@login_required
def hazard_create(request):
    require_editor(request)
    mine = query_id(request, "workplace")
    form = forms.HazardForm(request.POST or None, user=request.user, initial={"workplace": mine} if mine else None)
    return carry_out(
        request, form, lambda data: services.record_hazard(**data), subnav=SUBNAV, title=_("Record a hazard")
    )


@login_required
def hazard_rectify(request, pk):
    hazard = get_editable_or_404(Hazard.objects.select_related("workplace__enterprise"), request.user, pk=pk)
    form = forms.RectifyForm(request.POST or None, initial={"rectified_on": hazard.rectified_on,
                                                            "rechecked_by": hazard.rechecked_by,
                                                            "rechecked_on": hazard.rechecked_on})  # fmt: skip
    return carry_out(request, form, lambda data: services.rectify_hazard(hazard=hazard, **data), subnav=SUBNAV,
                     title=_("Rectification of %(hazard)s") % {"hazard": hazard}, back=hazard)  # fmt: skip


# Accidents ---------------------------------------------------------------------------------------


@login_required
def accident_list(request):
    year = indicators.year_for(request)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    accidents = Accident.objects.visible_to(request.user)
    township = _township(request, request.user)
    reports = MonthlyReport.objects.visible_to(request.user)
    if township is not None:
        accidents = accidents.filter(workplace__enterprise__township=township)
        reports = reports.filter(workplace__enterprise__township=township)
    context = {
        "year": year,
        "township": township,
        "townships": _townships(request.user),
        "rows": accidents.occurred_between(start, end).select_related("workplace__enterprise__township"),
        "figures": selectors.accident_figures(accidents, reports, start, end),
    }
    return render(request, "safety/accident_list.html", context)


@login_required
def accident_detail(request, pk):
    accident = get_visible_or_404(
        Accident.objects.select_related("workplace__enterprise"), request.user, pk=pk
    )
    return render(request, "safety/accident_detail.html", {"accident": accident})


@login_required
def accident_create(request):
    require_editor(request)
    form = forms.AccidentForm(request.POST or None, user=request.user)
    return carry_out(
        request, form, lambda data: services.record_accident(**data), subnav=SUBNAV, title=_("Record an accident")
    )


@login_required
def accident_export(request):
    year = indicators.year_for(request)
    rows = Accident.objects.visible_to(request.user).occurred_between(
        datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    )
    return ledger_response(**exports.accidents(rows), unit=str(request.user.organization or ""),
                           filename=exports.filename("accidents"))  # fmt: skip


@login_required
def report_export(request):
    month = _month(request, _default_month(request.user))
    rows = MonthlyReport.objects.visible_to(request.user).for_month(month)
    return ledger_response(**exports.monthly_reports(rows, month), unit=str(request.user.organization or ""),
                           filename=exports.filename("monthly_reports", month))  # fmt: skip


# Documents ---------------------------------------------------------------------------------------


@login_required
def document_list(request):
    docs = _documents(request.user).order_by("-issued_on")
    return render(request, "safety/document_list.html", {"documents": docs})


@login_required
def document_create(request):
    require_editor(request)
    form = forms.DocumentForm(request.POST or None, initial={"year": _today().year})
    return carry_out(request, form, lambda data: services.save_document(organization=request.user.organization,
                                                                         **data),
                     subnav=SUBNAV, title=_("Record a mechanism document"))  # fmt: skip


def _documents(user):
    """The county's mechanism and plans apply to every township below it, and each union's own."""
    return applying_or_visible(MechanismDocument.objects.select_related("organization"), user)


def _document_or_404(user, pk):
    doc = _documents(user).filter(pk=pk).first()
    if doc is None:
        raise Http404("not found")
    return doc


@login_required
def document_detail(request, pk):
    doc = _document_or_404(request.user, pk)
    return render(request, "safety/document_detail.html", {"doc": doc})


@login_required
def document_word(request, pk):
    """The document as an official Word document (GB/T 9704 layout), for printing and filing."""
    doc = _document_or_404(request.user, pk)
    word = OfficialDocument(title=doc.title, number=doc.number or None)
    for paragraph in [p.strip() for p in doc.body.splitlines() if p.strip()]:
        word.paragraph(paragraph)
    word.signature(doc.organization.name, doc.issued_on)
    return word.response(download_name(doc.title, "docx"))
