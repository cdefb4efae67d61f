"""Rights cases: list, export, opening, steps, people and documents."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.audit.selectors import history_for
from gonghui.core.views import add_service_error, carry_out, form_page, require_editor
from gonghui.ledgers.exports import file_name
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.scoping import get_visible_or_404
from gonghui.querystring import query_id, query_year

from .. import forms, services
from ..models import CaseDocument, HotlineCall, RightsCase
from .common import SUBNAV, _today


def _case_rows(request):
    q = request.GET.get("q", "").strip()
    year = query_year(request)
    rows = RightsCase.objects.visible_to(request.user).select_related("organization")
    if q:
        rows = rows.filter(
            Q(code__icontains=q) | Q(title__contains=q) | Q(people__person__name__startswith=q)
        )
    if year:
        rows = rows.filter(received_on__year=year)
    if request.GET.get("migrant") == "1":
        rows = rows.with_migrant_worker()
    return rows.distinct().order_by("-received_on", "-pk"), {
        "q": q,
        "year": year,
        "migrant": request.GET.get("migrant", ""),
    }


@login_required
def case_list(request):
    rows, context = _case_rows(request)
    context["page"] = Paginator(rows, 50).get_page(request.GET.get("page"))
    template = "assistance/partials/case_rows.html" if request.htmx else "assistance/case_list.html"
    return render(request, template, context)


@login_required
def case_export(request):
    rows, _context = _case_rows(request)
    headers = [_("Case number"), _("Title"), _("Kind"), _("Legal aid"), _("Received on"), _("Status"),
               _("Amount claimed"), _("Amount recovered"), _("Assigned union"), _("Officer")]  # fmt: skip
    data = (
        [c.code, c.title, c.get_kind_display(), c.is_legal_aid, c.received_on, c.get_status_display(),
         c.amount_claimed, c.amount_recovered, c.organization.name, c.officer_name]
        for c in rows.iterator(chunk_size=500)
    )  # fmt: skip
    return ledger_response(title=_("Rights cases"), unit=str(request.user.organization or ""), headers=headers,
                           rows=data, filename=file_name(_("Rights cases")), sum_columns=(6, 7))  # fmt: skip


@login_required
def case_create(request):
    require_editor(request)
    call = None
    if query_id(request, "call"):
        call = get_visible_or_404(HotlineCall.objects.all(), request.user, pk=query_id(request, "call"))
    initial = {"received_on": _today()}
    if call is not None:
        initial.update({"organization": call.organization_id, "summary": call.summary,
                        "received_on": timezone.localtime(call.called_at).date()})  # fmt: skip
    form = forms.CaseForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person, migrant = data.pop("person"), data.pop("is_migrant_worker")
        people = [(person, "claimant", migrant)] if person else []
        try:
            case = services.open_case(by=request.user, call=call, people=people, **data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(case)
    return form_page(request, form, _("Open a rights case"), subnav=SUBNAV)


@login_required
def case_detail(request, pk):
    case = get_visible_or_404(
        RightsCase.objects.select_related("organization", "officer"), request.user, pk=pk
    )
    context = {
        "case": case,
        "people": case.people.select_related("person"),
        "steps": case.steps.select_related("by"),
        "documents": case.documents.all(),
        "move_form": forms.CaseMoveForm(user=request.user, initial={"on": _today()}),
        "person_form": forms.CasePersonForm(user=request.user),
        "document_form": forms.DocumentForm(),
        "history": history_for(case),
    }
    return render(request, "assistance/case_detail.html", context)


@login_required
@require_POST
def case_move(request, pk):
    require_editor(request)
    case = get_visible_or_404(RightsCase.objects.all(), request.user, pk=pk)
    form = forms.CaseMoveForm(request.POST, user=request.user)
    return carry_out(request, form, lambda data: services.move_case(case=case, by=request.user, **data),
                      title=_("Next step of the case"), back=case, subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def case_person_add(request, pk):
    require_editor(request)
    case = get_visible_or_404(RightsCase.objects.all(), request.user, pk=pk)
    form = forms.CasePersonForm(request.POST, user=request.user)
    return carry_out(request, form, lambda data: services.add_case_person(case=case, **data),
                      title=_("Add a person to the case"), back=case, subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def case_document_add(request, pk):
    require_editor(request)
    case = get_visible_or_404(RightsCase.objects.all(), request.user, pk=pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attach_document(case=case, by=request.user, **form.cleaned_data)
        return redirect(case)
    return form_page(request, form, _("Attach a document"), back=case, subnav=SUBNAV)


@login_required
def case_document(request, pk):
    # Documents are served through the case's scope, never from a public media URL.
    document = CaseDocument.objects.filter(
        case__in=RightsCase.objects.visible_to(request.user), pk=pk
    ).first()
    if document is None:
        raise Http404("not found")
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.split("/")[-1]
    )
