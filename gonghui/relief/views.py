"""Views parse input, call one QuerySet or service, pick a template; every record via scoping."""

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

from gonghui.core.views import carry_out, require_editor
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.models import Organization
from gonghui.orgs.scoping import get_editable_or_404, get_visible_or_404
from gonghui.reporting import indicators

from . import docs, forms, ledgers, selectors, services
from .models import ANONYMOUS, Campaign, Channel, CollectionEvent, Donation, HandOver, Receipt

LATEST_ON_SCREEN = 12
SUBNAV = "relief/partials/subnav.html"


def _campaign(request, pk):
    return get_visible_or_404(Campaign.objects.select_related("organization"), request.user, pk=pk)


def _org_param(request, name="org"):
    """An organisation in the user's subtree named by ?org=, else the user's own (None if not visible)."""
    value = request.GET.get(name) or request.POST.get(name) or ""
    if value:
        try:
            return Organization.objects.visible_to(request.user).get(pk=int(value))
        except (ValueError, Organization.DoesNotExist):
            raise Http404("not found")
    return request.user.organization


def _event_param(request, campaign):
    value = request.GET.get("event") or request.POST.get("event") or ""
    if not value:
        return None
    try:
        return campaign.events.get(pk=int(value))
    except (ValueError, CollectionEvent.DoesNotExist):
        raise Http404("not found")


# Campaigns ---------------------------------------------------------------------------------------------


@login_required
def index(request):
    year = indicators.year_for(request)
    campaigns = Campaign.objects.visible_to(request.user).select_related("organization").order_by("-starts_on")
    rows = [(c, selectors.totals(request.user, campaign=c)) for c in campaigns]
    figures = []
    org = request.user.organization
    if org is not None:
        codes = ["donations.amount", "donations.union_share", "donations.count", "relief.households", "relief.amount"]
        values = indicators.compute(org, indicators.Period.year(year), codes=codes)
        figures = [(indicators.get(code), values[code]) for code in codes]
    return render(request, "relief/index.html", {"rows": rows, "figures": figures, "year": year})


@login_required
def campaign_create(request):
    require_editor(request)
    form = forms.CampaignForm(request.POST or None, request.FILES or None, user=request.user)

    def action(data):
        return services.save_campaign(campaign=form.save(commit=False), asked_unions=data["asked_unions"],
                                      by=request.user)  # fmt: skip

    return carry_out(request, form, action, title=_("New donation campaign"), back="relief:index",
                     go_to_result=True, subnav=SUBNAV)  # fmt: skip


@login_required
def campaign_edit(request, pk):
    require_editor(request)
    campaign = get_editable_or_404(Campaign.objects.all(), request.user, pk=pk)
    if not campaign.organization.path.startswith(request.user.organization.path if request.user.organization else ""):
        raise Http404("not found")  # a union above runs it: seen, not edited here
    form = forms.CampaignForm(request.POST or None, request.FILES or None, instance=campaign, user=request.user)

    def action(data):
        return services.save_campaign(campaign=form.save(commit=False), asked_unions=data["asked_unions"],
                                      by=request.user)  # fmt: skip

    title = _("Edit %(name)s") % {"name": campaign.name}
    return carry_out(request, form, action, title=title, back=campaign, subnav=SUBNAV)


@login_required
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    context = {
        "campaign": campaign,
        "totals": selectors.totals(request.user, campaign=campaign),
        "by_union": selectors.by_union(request.user, campaign),
        "by_event": selectors.by_event(request.user, campaign),
        "by_channel": selectors.by_channel(request.user, campaign),
        "events": campaign.events.select_related("organization"),
        "relief": selectors.relief(request.user, campaign),
        "asked": campaign.asked_unions.all(),
    }
    return render(request, "relief/campaign_detail.html", context)


@login_required
def event_create(request, pk):
    require_editor(request)
    campaign = _campaign(request, pk)
    form = forms.EventForm(request.POST or None, user=request.user,
                           initial={"held_on": campaign.starts_on})  # fmt: skip
    return carry_out(request, form, lambda data: services.add_event(campaign=campaign, by=request.user, **data),
                     title=_("New collection event"), back=campaign, subnav=SUBNAV)  # fmt: skip


# Donations -------------------------------------------------------------------------------------------


def _donation_rows(request, campaign):
    q = request.GET.get("q", "").strip()
    rows = (
        Donation.objects.visible_to(request.user).filter(campaign=campaign).search(q)
        .select_related("organization", "event").order_by("-received_on", "-pk")
    )  # fmt: skip
    return rows, {"q": q, "campaign": campaign}


@login_required
def donation_list(request, pk):
    campaign = _campaign(request, pk)
    rows, context = _donation_rows(request, campaign)
    context["page"] = Paginator(rows, 50).get_page(request.GET.get("page"))
    template = "relief/partials/donation_rows.html" if request.htmx else "relief/donation_list.html"
    return render(request, template, context)


@login_required
def donation_export(request, pk):
    campaign = _campaign(request, pk)
    rows, _context = _donation_rows(request, campaign)
    return ledger_response(title=f"{campaign.name}捐款捐物登记表", unit=str(request.user.organization or ""),
                           headers=ledgers.headers("donations"), rows=ledgers.donation_rows(rows.counted()),
                           filename=f"{campaign.name}捐款捐物登记表.xlsx",
                           sum_columns=(ledgers.amount_column("donations"),))  # fmt: skip


@login_required
def donation_create(request, pk):
    require_editor(request)
    campaign = _campaign(request, pk)
    form = forms.DonationForm(request.POST or None, user=request.user, campaign=campaign)

    def action(data):
        donation = services.record_donation(campaign=campaign, by=request.user, **data)
        messages.success(request, _("Recorded: %(name)s, %(amount)s yuan.") % {"name": donation.display_name,
                                                                               "amount": donation.amount})  # fmt: skip
        return donation

    title = _("Record a gift to %(name)s") % {"name": campaign.name}
    return carry_out(request, form, action, title=title, back=campaign, go_to_result=True, subnav=SUBNAV)


@login_required
def donation_detail(request, pk):
    donation = get_visible_or_404(
        Donation.objects.select_related("campaign", "organization", "event", "donor_person", "donor_enterprise",
                                        "donor_union", "entered_by"), request.user, pk=pk)  # fmt: skip
    receipts = donation.receipts.select_related("campaign", "organization").order_by("number")
    return render(request, "relief/donation_detail.html", {
        "donation": donation, "receipts": receipts, "void_form": forms.ReasonForm(),
        "printed": any(r.is_printed and not r.is_void for r in receipts),
    })  # fmt: skip


@login_required
def donation_edit(request, pk):
    """Correct a gift; with a printed receipt the correction voids it (with the reason) and issues a new one."""
    require_editor(request)
    donation = get_editable_or_404(Donation.objects.select_related("campaign"), request.user, pk=pk)
    printed = donation.receipts.filter(status=Receipt.Status.ISSUED, printed_at__isnull=False).first()
    initial = {k: getattr(donation, k) for k in ("amount", "donor_name", "display_name", "anonymous", "received_on")}
    form = forms.CorrectionForm(request.POST or None, initial=initial)

    def action(cleaned):
        data = dict(cleaned)
        reason = data.pop("reason")
        if printed is not None:
            services.reissue_receipt(receipt=printed, reason=reason, by=request.user, **data)
        else:
            services.update_donation(donation=donation, by=request.user, **data)
        return donation

    title = _("Correct the gift of %(name)s") % {"name": donation.display_name}
    return carry_out(request, form, action, title=title, back=donation, subnav=SUBNAV)


@login_required
@require_POST
def donation_void(request, pk):
    require_editor(request)
    donation = get_editable_or_404(Donation.objects.all(), request.user, pk=pk)
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        services.void_donation(donation=donation, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect(donation)


# Live entry --------------------------------------------------------------------------------------------


def _live_context(request, campaign, *, event, organization, form_values=None, warning=None, error=None,
                  recorded=None):  # fmt: skip
    return {
        "campaign": campaign,
        "event": event,
        "organization": organization,
        "totals": selectors.totals(request.user, campaign=campaign, event=event),
        "mine": selectors.my_latest(request.user, campaign),
        "values": form_values or {},
        "warning": warning,
        "error": error,
        "recorded": recorded,
    }


@login_required
def live(request, pk):
    require_editor(request)
    campaign = _campaign(request, pk)
    event = _event_param(request, campaign)
    organization = _org_param(request)
    context = _live_context(request, campaign, event=event, organization=organization)
    context["events"] = campaign.events.all()
    context["unions"] = Organization.objects.visible_to(request.user).exclude(
        level=Organization.Level.GRASSROOTS) if request.user.organization else []  # fmt: skip
    return render(request, "relief/live.html", context)


@login_required
@require_POST
def live_entry(request, pk):
    """One keyboard entry: donor, amount, Enter. Answers with the entry form and the running figures."""
    require_editor(request)
    campaign = _campaign(request, pk)
    event = _event_param(request, campaign)
    organization = _org_param(request)
    donor = request.POST.get("donor", "").strip()
    amount_text = request.POST.get("amount", "").strip()
    anonymous = request.POST.get("anonymous") == "1"
    values = {"donor": donor, "amount": amount_text, "anonymous": anonymous}
    kwargs = {"event": event, "organization": organization}
    try:
        if not donor:
            raise services._error("donor", _("Enter the donor's name."), "required")
        amount = services.parse_amount(amount_text)
        if request.POST.get("confirm") != "1":
            earlier = services.likely_double(campaign=campaign, donor_name=donor, amount=amount)
            if earlier is not None:
                warning = _("%(name)s gave %(amount)s yuan at %(time)s already. Press Enter again to record a second "
                            "gift, or change the entry.") % {"name": donor, "amount": earlier.amount,
                                                             "time": timezone.localtime(earlier.entered_at).strftime("%H:%M")}  # fmt: skip
                context = _live_context(request, campaign, form_values=values, warning=warning, **kwargs)
                return render(request, "relief/partials/live_panel.html", context)
        donor_fields = services.donor_from_text(user=request.user, campaign=campaign, text=donor)
        channel = Channel.DOOR_TO_DOOR if event and event.kind == CollectionEvent.Kind.DOOR_TO_DOOR else Channel.ON_SITE
        donation = services.record_donation(
            campaign=campaign, organization=organization, amount=amount, event=event, anonymous=anonymous,
            received_on=event.held_on if event and event.held_on <= timezone.localdate() else _entry_day(campaign),
            channel=channel, by=request.user, **donor_fields,
        )  # fmt: skip
    except ValidationError as e:
        error = " ".join(e.messages)
        context = _live_context(request, campaign, form_values=values, error=error, **kwargs)
        return render(request, "relief/partials/live_panel.html", context)
    context = _live_context(request, campaign, recorded=donation, **kwargs)
    return render(request, "relief/partials/live_panel.html", context)


def _entry_day(campaign):
    today = timezone.localdate()
    if campaign.ends_on and today > campaign.ends_on:
        return campaign.ends_on
    return max(today, campaign.starts_on)


@login_required
@require_POST
def live_undo(request, pk):
    require_editor(request)
    campaign = _campaign(request, pk)
    kwargs = {"event": _event_param(request, campaign), "organization": _org_param(request)}
    try:
        undone = services.undo_last_entry(campaign=campaign, user=request.user)
    except ValidationError as e:
        return render(request, "relief/partials/live_panel.html",
                      _live_context(request, campaign, error=" ".join(e.messages), **kwargs))  # fmt: skip
    context = _live_context(request, campaign, **kwargs)
    context["undone"] = undone
    return render(request, "relief/partials/live_panel.html", context)


@login_required
def live_totals(request, pk):
    campaign = _campaign(request, pk)
    event = _event_param(request, campaign)
    return render(request, "relief/partials/live_totals.html", {
        "campaign": campaign, "event": event, "totals": selectors.totals(request.user, campaign=campaign, event=event),
    })  # fmt: skip


@login_required
def donors(request, pk):
    campaign = _campaign(request, pk)
    names = services.donor_suggestions(user=request.user, text=request.GET.get("donor", "")[:60], campaign=campaign)
    return render(request, "relief/partials/donor_options.html", {"names": names})


# Big screen -------------------------------------------------------------------------------------------


def _screen_context(request, campaign):
    event = _event_param(request, campaign)
    return {
        "campaign": campaign,
        "event": event,
        "totals": selectors.totals(request.user, campaign=campaign, event=event),
        "latest": selectors.latest(request.user, campaign, event=event, limit=LATEST_ON_SCREEN),
        "anonymous": ANONYMOUS,
        "now": timezone.localtime(),
    }


@login_required
def screen(request, pk):
    campaign = _campaign(request, pk)
    return render(request, "relief/screen.html", _screen_context(request, campaign))


@login_required
def screen_panel(request, pk):
    campaign = _campaign(request, pk)
    return render(request, "relief/partials/screen_panel.html", _screen_context(request, campaign))


# Receipts --------------------------------------------------------------------------------------------


@login_required
def receipt_list(request, pk):
    campaign = _campaign(request, pk)
    rows = (
        Receipt.objects.visible_to(request.user).filter(campaign=campaign)
        .select_related("organization", "campaign", "donation").order_by("organization__path", "number")
    )  # fmt: skip
    org = request.GET.get("org", "")
    if org.isdigit():
        rows = rows.filter(organization_id=int(org))
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "relief/receipt_list.html", {"campaign": campaign, "page": page, "org": org})


def _chosen_receipts(request):
    ids = [int(v) for v in request.POST.getlist("receipt") if v.isdigit()][:500]
    if not ids:
        return []
    return list(
        Receipt.objects.visible_to(request.user).filter(pk__in=ids, status=Receipt.Status.ISSUED)
        .select_related("campaign", "organization", "donation").order_by("organization__path", "number")
    )  # fmt: skip


@login_required
@require_POST
def receipt_print(request):
    """The print page of the chosen receipts; printing fixes them (from now on: void and reissue)."""
    require_editor(request)
    receipts = _chosen_receipts(request)
    if not receipts:
        messages.error(request, _("Choose at least one receipt that is not void."))
        return redirect(request.POST.get("back") or "relief:index")
    services.mark_printed(receipts=receipts, by=request.user)
    for r in receipts:
        r.upper = docs.rmb_upper(r.donation.amount)
    return render(request, "relief/receipt_print.html", {"receipts": receipts})


@login_required
@require_POST
def receipt_docx(request):
    require_editor(request)
    receipts = _chosen_receipts(request)
    if not receipts:
        messages.error(request, _("Choose at least one receipt that is not void."))
        return redirect(request.POST.get("back") or "relief:index")
    services.mark_printed(receipts=receipts, by=request.user)
    return docs.receipts_response(receipts)


@login_required
def receipt_detail(request, pk):
    receipt = get_visible_or_404(Receipt.objects.select_related("campaign", "organization", "donation"),
                                 request.user, pk=pk)  # fmt: skip
    return redirect(receipt.donation)


@login_required
@require_POST
def receipt_void(request, pk):
    """Void a receipt with a reason and issue the gift a new number (nothing else changes)."""
    require_editor(request)
    receipt = get_editable_or_404(Receipt.objects.select_related("donation", "campaign", "organization"),
                                  request.user, pk=pk)
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        new = services.reissue_receipt(receipt=receipt, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("Receipt %(old)s is void; the gift has receipt %(new)s.")
                         % {"old": receipt.code, "new": new.code})  # fmt: skip
    return redirect(receipt.donation)


# Hand-overs and reconciliation -----------------------------------------------------------------------


@login_required
def handover_list(request, pk):
    campaign = _campaign(request, pk)
    handovers = (
        HandOver.objects.visible_to(request.user).filter(campaign=campaign)
        .select_related("organization", "recipient_union").order_by("-handed_on", "-pk")
    )  # fmt: skip
    root = request.user.organization
    rows = services.reconciliation(campaign=campaign, root=root) if root else []
    return render(request, "relief/handover_list.html",
                  {"campaign": campaign, "handovers": handovers, "rows": rows})  # fmt: skip


@login_required
def handover_create(request, pk):
    require_editor(request)
    campaign = _campaign(request, pk)
    form = forms.HandOverForm(request.POST or None, user=request.user, campaign=campaign)

    def action(data):
        services.record_handover(campaign=campaign, by=request.user, **data)
        return reverse("relief:handover-list", args=[campaign.pk])

    return carry_out(request, form, action, title=_("Record a hand-over"), back=campaign, go_to_result=True,
                     subnav=SUBNAV)  # fmt: skip


@login_required
@require_POST
def handover_void(request, pk):
    handover = get_editable_or_404(HandOver.objects.all(), request.user, pk=pk)
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        services.void_handover(handover=handover, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("relief:handover-list", pk=handover.campaign_id)


@login_required
def handover_export(request, pk):
    campaign = _campaign(request, pk)
    rows = HandOver.objects.visible_to(request.user).filter(campaign=campaign).counted()
    return ledger_response(title=f"{campaign.name}捐款上交登记表", unit=str(request.user.organization or ""),
                           headers=ledgers.headers("donation_handovers"), rows=ledgers.handover_rows(rows),
                           filename=f"{campaign.name}捐款上交登记表.xlsx",
                           sum_columns=(ledgers.amount_column("donation_handovers"),))  # fmt: skip


# Thanks list -------------------------------------------------------------------------------------------


@login_required
def thanks(request, pk):
    campaign = _campaign(request, pk)
    return render(request, "relief/thanks.html",
                  {"campaign": campaign, "rows": selectors.thanks_rows(request.user, campaign)})  # fmt: skip


@login_required
def thanks_docx(request, pk):
    campaign = _campaign(request, pk)
    return docs.thanks_response(campaign, selectors.thanks_rows(request.user, campaign), request.user.organization,
                                timezone.localdate())  # fmt: skip

