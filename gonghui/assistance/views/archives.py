"""Hardship archives: list, export, detail, filing, editing, status moves, members, income."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.audit.selectors import history_for
from gonghui.core.views import add_service_error, carry_out, form_page, require_editor
from gonghui.ledgers.exports import chunks, file_name
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.scoping import get_visible_or_404
from gonghui.people.privacy import conceal_minors
from gonghui.reporting import indicators

from .. import forms, services
from ..models import ArchiveStatus, HardshipArchive
from .common import SUBNAV, _today


def _archive_rows(request):
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    queue = request.GET.get("queue", "")
    rows = HardshipArchive.objects.visible_to(request.user).search(q, status=status)
    if queue == "stale":
        rows = rows.stale(_today())
    elif queue == "never":
        rows = rows.never_assisted()
    rows = rows.select_related("head", "main_cause", "organization").order_by("code")
    return rows, {"q": q, "status": status, "queue": queue, "statuses": ArchiveStatus.choices}


@login_required
def archive_list(request):
    rows, context = _archive_rows(request)
    context["page"] = Paginator(rows, 50).get_page(request.GET.get("page"))
    template = "assistance/partials/archive_rows.html" if request.htmx else "assistance/archive_list.html"
    return render(request, template, context)


@login_required
def archive_export(request):
    rows, _context = _archive_rows(request)
    headers = [_("Archive number"), _("Head of household"), _("ID number"), _("Category"), _("Main cause"),
               _("Household size"), _("Monthly income per head"), _("Status"), _("Filing union"),
               _("Last updated on")]  # fmt: skip
    def data():
        for chunk in chunks(rows):
            conceal_minors([a.head for a in chunk], request.user)
            for a in chunk:
                yield [a.code, a.head.name, a.head.id_number_masked, a.get_category_display(), str(a.main_cause),
                       a.household_size, a.monthly_income_per_head, a.get_status_display(), a.organization.name,
                       a.last_updated_on]  # fmt: skip

    return ledger_response(title=_("Hardship archives"), unit=str(request.user.organization or ""),
                           headers=headers, rows=data(), filename=file_name(_("Hardship archives")))  # fmt: skip


@login_required
def archive_detail(request, pk):
    archive = get_visible_or_404(
        HardshipArchive.objects.select_related("head__village", "head__township", "main_cause", "organization"),
        request.user, pk=pk,
    )  # fmt: skip
    year = indicators.year_for(request)
    line = archive.eligibility_line(year)
    members = list(archive.members.select_related("person"))
    payments = list(archive.payments.select_related("programme", "person").order_by("-applied_on", "-pk"))
    # A child of the household is named only to roles that may see minors' records.
    conceal_minors([archive.head, *(m.person for m in members), *(p.person for p in payments)], request.user)
    context = {
        "archive": archive,
        "year": year,
        "line": line,
        "under_line": line is not None and archive.monthly_income_per_head < line.monthly_income_per_head,
        "year_total": services.household_year_total(archive, year),
        "members": members,
        "transitions": archive.transitions.select_related("by"),
        "payments": payments,
        "checks": archive.checks.all(),
        "incomes": archive.incomes.select_related("by")[:24],
        "income_form": forms.IncomeForm(user=request.user),
        "move_form": forms.ArchiveMoveForm(user=request.user, initial={"on": _today()}),
        "member_form": forms.MemberForm(user=request.user),
        "moves": archive.allowed_moves(),
        "is_stale": archive.is_stale(_today()),
        "history": history_for(archive, user=request.user),
    }
    return render(request, "assistance/archive_detail.html", context)


@login_required
def archive_create(request):
    require_editor(request)
    form = forms.ArchiveForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("secondary_causes", "bank_account")}
        try:
            archive = services.create_archive(
                fields=fields, secondary_causes=form.cleaned_data["secondary_causes"],
                bank_account=form.cleaned_data["bank_account"], by=request.user,
            )  # fmt: skip
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(archive)
    return form_page(request, form, _("File a hardship archive"), subnav=SUBNAV)


@login_required
def archive_edit(request, pk):
    require_editor(request)
    archive = get_visible_or_404(HardshipArchive.objects.all(), request.user, pk=pk)
    form = forms.ArchiveForm(request.POST or None, instance=archive, user=request.user)
    if request.method == "POST" and form.is_valid():
        archive = form.save(commit=False)
        try:
            services.update_archive(archive=archive, on=_today(), by=request.user,
                                    bank_account=form.cleaned_data["bank_account"] or None,
                                    secondary_causes=form.cleaned_data["secondary_causes"])  # fmt: skip
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(archive)
    return form_page(request, form, _("Edit archive %(code)s") % {"code": archive.code}, back=archive, subnav=SUBNAV)


@login_required
@require_POST
def archive_move(request, pk):
    require_editor(request)
    archive = get_visible_or_404(HardshipArchive.objects.all(), request.user, pk=pk)
    form = forms.ArchiveMoveForm(request.POST, user=request.user)
    title = _("Change the status of %(code)s") % {"code": archive.code}
    return carry_out(request, form, lambda data: services.move_archive(archive=archive, by=request.user, **data),
                      title=title, back=archive, subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def member_add(request, pk):
    require_editor(request)
    archive = get_visible_or_404(HardshipArchive.objects.all(), request.user, pk=pk)
    form = forms.MemberForm(request.POST, user=request.user)
    return carry_out(request, form, lambda data: services.add_member(archive=archive, **data),
                      title=_("Add a household member"), back=archive, subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def income_add(request, pk):
    require_editor(request)
    archive = get_visible_or_404(HardshipArchive.objects.all(), request.user, pk=pk)
    form = forms.IncomeForm(request.POST, user=request.user)
    return carry_out(request, form, lambda data: services.record_income(archive=archive, by=request.user, **data),
                      title=_("Record a month's income"), back=archive, subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def archive_reveal_bank(request, pk):
    archive = get_visible_or_404(HardshipArchive.objects.select_related("head"), request.user, pk=pk)
    try:
        number = services.reveal_bank_account(archive=archive, user=request.user,
                                              ip_address=request.META.get("REMOTE_ADDR"))  # fmt: skip
    except PermissionDenied:
        raise Http404("not found")
    return HttpResponse(format_html('<span class="mono revealed">{}</span>', number))
