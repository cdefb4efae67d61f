"""Views parse input, call one QuerySet or service, pick a template; every record via scoping."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.audit.selectors import history_for
from gonghui.core.formats import download_name
from gonghui.core.views import add_service_error, carry_out, form_page, require_editor
from gonghui.ledgers.exports import chunks, file_name
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.scoping import get_visible_or_404
from gonghui.people.picker import pick_results
from gonghui.people.privacy import conceal_minors
from gonghui.querystring import query_id, query_year
from gonghui.reporting import indicators

from . import docs, forms, services
from .models import (
    ArchiveCheck,
    ArchiveStatus,
    BeneficiaryKind,
    CaseDocument,
    EligibilityLine,
    FundSource,
    HardshipArchive,
    HardshipCause,
    HotlineCall,
    ModelWorker,
    Payment,
    PaymentStatus,
    Programme,
    PublicNotice,
    RightsCase,
)

SUBNAV = "assistance/partials/subnav.html"

INDEX_FIGURES = [
    "assistance.amount",
    "assistance.person_times",
    "assistance.spring_festival_committees",
    "rights.cases",
    "rights.amount_recovered",
    "three_cares.rights_cases",
]


def _today():
    return timezone.localdate()


def _federation_admin(request):
    # The configurable lists are the federation office's: other roles find no such pages.
    if not request.user.can_configure:
        raise Http404("not found")


# Area home ---------------------------------------------------------------------------------------


@login_required
def index(request):
    org = request.user.organization
    year = indicators.year_for(request)
    figures = []
    if org is not None:
        values = indicators.compute(org, indicators.Period.year(year), codes=INDEX_FIGURES)
        figures = [(indicators.get(code), values[code]) for code in INDEX_FIGURES]
    archives = HardshipArchive.objects.visible_to(request.user)
    context = {
        "year": year,
        "figures": figures,
        "archive_count": archives.active().count(),
        "stale_count": archives.stale(_today()).count(),
        "never_count": archives.never_assisted().count(),
        "reviewed_count": Payment.objects.visible_to(request.user)
        .filter(status=PaymentStatus.REVIEWED)
        .count(),
    }
    return render(request, "assistance/index.html", context)


# Archives ----------------------------------------------------------------------------------------


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


# Configurable lists: causes of hardship, eligibility lines -----------------------------------------


@login_required
def cause_list(request):
    _federation_admin(request)
    form = forms.CauseForm(request.POST or None, initial={"order": HardshipCause.objects.count() + 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_cause(cause=form.instance)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect("assistance:cause-list")
    rows = HardshipCause.objects.order_by("-is_active", "order", "code")
    return render(request, "assistance/cause_list.html", {"rows": rows, "form": form})


@login_required
def cause_edit(request, pk):
    _federation_admin(request)
    cause = HardshipCause.objects.filter(pk=pk).first()
    if cause is None:
        raise Http404("not found")
    form = forms.CauseForm(request.POST or None, instance=cause)
    return carry_out(request, form, lambda data: services.save_cause(cause=form.instance),
                      title=_("Edit cause %(name)s") % {"name": cause.name}, back=cause, subnav=SUBNAV)  # fmt: skip


@login_required
def line_list(request):
    _federation_admin(request)
    year = indicators.year_for(request)
    form = forms.EligibilityLineForm(request.POST or None, user=request.user, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            line = services.save_eligibility_line(line=form.instance, user=request.user)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(line)
    rows = EligibilityLine.objects.visible_to(request.user).filter(year=year)
    rows = rows.select_related("place__parent").order_by("place__division_code", "place__name")
    return render(request, "assistance/line_list.html", {"rows": rows, "form": form, "year": year})


@login_required
def line_edit(request, pk):
    _federation_admin(request)
    line = EligibilityLine.objects.visible_to(request.user).select_related("place").filter(pk=pk).first()
    if line is None:
        raise Http404("not found")
    form = forms.EligibilityLineForm(request.POST or None, instance=line, user=request.user)
    return carry_out(request, form,
                      lambda data: services.save_eligibility_line(line=form.instance, user=request.user),
                      title=_("Edit the eligibility line of %(place)s, %(year)s") % {"place": line.place,
                                                                                      "year": line.year},
                      back=line, subnav=SUBNAV)  # fmt: skip


# Yearly re-check ---------------------------------------------------------------------------------


@login_required
def recheck_list(request):
    year = indicators.year_for(request)
    archives = HardshipArchive.objects.visible_to(request.user)
    if request.method == "POST":
        require_editor(request)
        services.start_yearly_recheck(archives=archives, year=year)
        return redirect(f"{request.path}?year={year}")
    checks = ArchiveCheck.objects.filter(year=year, archive__in=archives).select_related("archive__head")
    checks = checks.order_by("checked_on", "archive__code")
    total = checks.count()
    drawn = checks.filter(must_visit=True).count()
    context = {
        "year": year,
        "page": Paginator(checks, 50).get_page(request.GET.get("page")),
        "total": total,
        "drawn": drawn,
        "done": checks.filter(checked_on__isnull=False).count(),
        "form": forms.CheckForm(user=request.user, initial={"checked_on": _today()}),
    }
    return render(request, "assistance/recheck_list.html", context)


@login_required
@require_POST
def recheck_record(request, pk):
    require_editor(request)
    check = (
        ArchiveCheck.objects.filter(archive__in=HardshipArchive.objects.visible_to(request.user), pk=pk)
        .select_related("archive")
        .first()
    )
    if check is None:
        raise Http404("not found")
    form = forms.CheckForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.record_check(check=check, by=request.user, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(f"{_url('assistance:recheck-list')}?year={check.year}")
    return form_page(request, form, _("Re-check of %(code)s") % {"code": check.archive.code}, subnav=SUBNAV)


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


# Programmes and payments ---------------------------------------------------------------------


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


# Public notices ------------------------------------------------------------------------------


@login_required
def notice_list(request):
    rows = PublicNotice.objects.visible_to(request.user).select_related("organization")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "assistance/notice_list.html", {"page": page})


@login_required
def notice_create(request):
    require_editor(request)
    reviewed = Payment.objects.visible_to(request.user).filter(status=PaymentStatus.REVIEWED)
    reviewed = reviewed.select_related("person", "programme").order_by("programme__name", "pk")
    form = forms.NoticeForm(request.POST or None, user=request.user, payments=reviewed)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.post_notice(by=request.user, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(notice)
    return form_page(request, form, _("Post a public notice"), subnav=SUBNAV)


def _notice(request, pk):
    return get_visible_or_404(PublicNotice.objects.select_related("organization"), request.user, pk=pk)


@login_required
def notice_detail(request, pk):
    notice = _notice(request, pk)
    rows = services.notice_rows(notice)
    total = sum((r["amount"] for r in rows), 0)
    return render(request, "assistance/notice_detail.html", {"notice": notice, "rows": rows, "total": total})


@login_required
def notice_docx(request, pk):
    notice = _notice(request, pk)
    document = docs.notice_document(notice=notice, rows=services.notice_rows(notice))
    return document.response(download_name(notice.title or _("Public notice"), "docx", day=notice.posted_on))


# Hotline and cases ---------------------------------------------------------------------------


@login_required
def hotline_list(request):
    form = None
    if request.user.can_edit:
        form = forms.HotlineForm(request.POST or None, user=request.user,
                                 initial={"called_at": timezone.localtime().replace(second=0, microsecond=0)})  # fmt: skip
        if request.method == "POST" and form.is_valid():
            try:
                services.record_call(call=form.instance)
            except ValidationError as e:
                add_service_error(form, e)
            else:
                return redirect("assistance:hotline-list")
    rows = HotlineCall.objects.visible_to(request.user).select_related("case", "organization")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "assistance/hotline_list.html", {"page": page, "form": form})


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


# Model workers -------------------------------------------------------------------------------


@login_required
def modelworker_list(request):
    form = None
    if request.user.can_edit:
        form = forms.ModelWorkerForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_model_worker(worker=form.instance)
            except ValidationError as e:
                add_service_error(form, e)
            else:
                return redirect("assistance:modelworker-list")
    q = request.GET.get("q", "").strip()
    rows = ModelWorker.objects.visible_to(request.user).select_related("person", "organization")
    if q:
        rows = rows.filter(person__name__startswith=q)
    if request.GET.get("hardship") == "1":
        rows = rows.in_hardship()
    rows = list(rows.order_by("level", "-year_honoured", "pk")[:500])
    archives = dict(
        HardshipArchive.objects.visible_to(request.user)
        .filter(head__in=[r.person_id for r in rows])
        .exclude(status=ArchiveStatus.CANCELLED)
        .values_list("head_id", "pk")
    )
    for row in rows:
        row.archive_pk = archives.get(row.person_id)
    return render(request, "assistance/modelworker_list.html", {"rows": rows, "form": form, "q": q})
