"""Programmes and payments: lists, export, totals, applying, the approval moves, reversals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.audit.selectors import history_for
from gonghui.core.views import add_service_error, carry_out, form_page, require_editor
from gonghui.ledgers.exports import chunks, file_name
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.scoping import get_visible_or_404
from gonghui.people.picker import pick_results
from gonghui.people.privacy import conceal_minors
from gonghui.querystring import query_id
from gonghui.reporting import indicators

from .. import forms, services
from ..models import (
    ArchiveStatus,
    BeneficiaryKind,
    FundSource,
    HardshipArchive,
    Payment,
    PaymentStatus,
    Programme,
)
from .common import SUBNAV, _today


@login_required
def programme_list(request):
    year = indicators.year_for(request)
    form = None
    if request.user.can_edit:
        form = forms.ProgrammeForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                programme = services.save_programme(programme=form.instance, by=request.user)
            except ValidationError as e:
                add_service_error(form, e)
            else:
                return redirect(f"{request.path}?year={programme.year}")
    # Programmes set above apply here; those of the unions below are theirs to see.
    rows = (
        Programme.objects.applying_or_visible(request.user)
        .filter(year=year)
        .select_related("organization")
        .order_by("organization__path", "name")
    )
    return render(request, "assistance/programme_list.html", {"rows": rows, "year": year, "form": form})


def _payment_rows(request):
    year = indicators.year_for(request)
    status = request.GET.get("status", "")
    programme = query_id(request, "programme")
    q = request.GET.get("q", "").strip()
    rows = Payment.objects.visible_to(request.user).in_year(year)
    if status in PaymentStatus.values:
        rows = rows.filter(status=status)
    if programme:
        rows = rows.filter(programme_id=programme)
    if q:
        rows = rows.filter(Q(person__name__startswith=q) | Q(programme__name__contains=q))
    rows = rows.select_related("person", "programme", "organization", "archive").order_by(
        "-applied_on", "-pk"
    )
    context = {
        "year": year,
        "status": status,
        "programme": programme,
        "q": q,
        "statuses": PaymentStatus.choices,
    }
    return rows, context


@login_required
def payment_list(request):
    rows, context = _payment_rows(request)
    context["page"] = Paginator(rows, 50).get_page(request.GET.get("page"))
    conceal_minors([p.person for p in context["page"]], request.user)
    template = "assistance/partials/payment_rows.html" if request.htmx else "assistance/payment_list.html"
    return render(request, template, context)


@login_required
def person_pick(request):
    """The payment form's person picker: each person found comes with their household's archive."""
    return pick_results(request, extra=_archives_of)


def _archives_of(request, people):
    """{person id: {"archive": code, "note": …}} for people heading or in a household archive the user sees."""
    archives = HardshipArchive.objects.visible_to(request.user).filter(status=ArchiveStatus.ARCHIVED)
    found = {}
    for pk, code in archives.filter(head__in=people).values_list("head_id", "code"):
        found.setdefault(pk, code)
    for pk, code in archives.filter(members__person__in=people).values_list("members__person_id", "code"):
        found.setdefault(pk, code)
    return {pk: {"archive": code, "note": _("archive %(code)s") % {"code": code}} for pk, code in found.items()}


@login_required
def payment_export(request):
    rows, context = _payment_rows(request)
    headers = [_("Applied on"), _("Beneficiary"), _("ID number"), _("Programme"), _("Beneficiary kind"),
               _("Amount"), _("Fund source"), _("Paying union"), _("Status"), _("Paid on")]  # fmt: skip
    def data():
        for chunk in chunks(rows):
            conceal_minors([p.person for p in chunk], request.user)
            for p in chunk:
                yield [p.applied_on, p.person.name, p.person.id_number_masked, p.programme.name,
                       p.get_beneficiary_kind_display(), p.amount, p.get_fund_source_display(), p.organization.name,
                       p.get_status_display(), p.paid_on]  # fmt: skip

    title = _("Assistance payments %(year)s") % {"year": context["year"]}
    return ledger_response(title=title,
                           unit=str(request.user.organization or ""), headers=headers, rows=data(),
                           filename=file_name(title), sum_columns=(5,))  # fmt: skip


@login_required
def payment_totals(request):
    year = indicators.year_for(request)
    paid = Payment.objects.visible_to(request.user).paid().filter(paid_on__year=year)
    labels = {
        "programme__name": None,
        "fund_source": dict(FundSource.choices),
        "organization__name": None,
        "beneficiary_kind": dict(BeneficiaryKind.choices),
    }
    tables = []
    for field, title in [("programme__name", _("By programme")), ("fund_source", _("By fund source")),
                         ("organization__name", _("By paying union")),
                         ("beneficiary_kind", _("By beneficiary kind"))]:  # fmt: skip
        names = labels[field]
        rows = [
            (names.get(k, k) if names else k, amount, times) for k, amount, times in paid.totals_by(field)
        ]
        tables.append({"title": title, "rows": rows})
    context = {"year": year, "tables": tables, "total": paid.total(), "person_times": paid.person_times()}
    return render(request, "assistance/payment_totals.html", context)


@login_required
def payment_create(request):
    require_editor(request)
    initial = {}
    if query_id(request, "archive"):
        archive = get_visible_or_404(HardshipArchive.objects.all(), request.user, pk=query_id(request, "archive"))
        initial = {"archive": archive.code}
    form = forms.PaymentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            payment = services.apply_for_payment(by=request.user, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            messages.success(request, _("Application recorded; it now needs review."))
            return redirect(payment)
    return form_page(request, form, _("Apply for assistance"), subnav=SUBNAV)


@login_required
def payment_detail(request, pk):
    payment = get_visible_or_404(
        Payment.objects.select_related("person", "programme", "archive", "organization", "notice", "reverses"),
        request.user, pk=pk,
    )  # fmt: skip
    conceal_minors([payment.person], request.user)
    moves = payment.allowed_moves()
    approval_refused = None
    if any(name == "approve" for _to, name in moves):
        # Two people for money: the service's own rule says whether this user may approve.
        try:
            services.check_approver(payment=payment, by=request.user)
        except ValidationError as e:
            approval_refused = e.messages[0]
            moves = [(to, name) for to, name in moves if name != "approve"]
    context = {
        "payment": payment,
        "steps": payment.steps.select_related("by"),
        "moves": moves,
        "approval_refused": approval_refused,
        "move_form": forms.PaymentMoveForm(user=request.user, initial={"on": _today()}),
        "reverse_form": forms.ReverseForm(user=request.user, initial={"on": _today()}),
        "edit_form": forms.PaymentEditForm(user=request.user, payment=payment)
        if payment.status == PaymentStatus.APPLIED
        else None,
        "reversal": Payment.objects.filter(reverses=payment).first(),
        "history": history_for(payment, user=request.user),
    }
    return render(request, "assistance/payment_detail.html", context)


@login_required
@require_POST
def payment_edit(request, pk):
    require_editor(request)
    payment = get_visible_or_404(Payment.objects.select_related("organization"), request.user, pk=pk)
    form = forms.PaymentEditForm(request.POST, user=request.user, payment=payment)
    return carry_out(request, form, lambda data: services.update_payment(payment=payment, **data),
                      title=_("Edit the application"), back=payment, subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def payment_move(request, pk):
    require_editor(request)
    payment = get_visible_or_404(Payment.objects.all(), request.user, pk=pk)
    form = forms.PaymentMoveForm(request.POST, user=request.user)
    return carry_out(request, form, lambda data: services.move_payment(payment=payment, by=request.user, **data),
                      title=_("Next step of the payment"), back=payment, subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def payment_reverse(request, pk):
    require_editor(request)
    payment = get_visible_or_404(Payment.objects.all(), request.user, pk=pk)
    form = forms.ReverseForm(request.POST, user=request.user)
    return carry_out(request, form, lambda data: services.reverse_payment(payment=payment, by=request.user, **data),
                      title=_("Reverse a payment"), back=payment, go_to_result=True, subnav=SUBNAV)  # fmt: skip
