"""Pages of union building, members, democratic management, women workers, events, documents.

Views parse the query string, read through ``visible_to`` or ``get_visible_or_404`` and call one
form's ``submit`` (a service). Out of scope is 404.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.views import carry_out, require_editor
from gonghui.orgs import scoping
from gonghui.orgs.models import Organization
from gonghui.orgs.scoping import get_editable_or_404, get_visible_or_404
from gonghui.paging import page_of
from gonghui.reporting import indicators
from gonghui.reporting.views import drilldown_url

from . import exports, forms, selectors
from . import models as m

CODES = [
    "org.new_unions", "org.new_members", "org.joined_at_source", "org.reorganised", "docs.issued",
    "org.followup_meetings", "democracy.collective_contracts", "democracy.labour_contracts",
    "democracy.workers_congresses", "democracy.open_affairs_public", "democracy.open_affairs_private",
    "women.special_contracts", "women.special_contracts_women", "women.special_contracts_coverage",
    "women.assistance_amount", "women.leaflets", "women.commended", "homes.qualified", "homes.excellent",
    "homes.model_small",
]  # fmt: skip


def _period(year):
    return indicators.Period.year(year)


def _day(request, name="on"):
    """A date from the query string (2008-12-31), else today; bad input is today, never a 500."""
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return timezone.localdate()


def _flag(request, name):
    value = request.GET.get(name, "")
    return {"1": True, "0": False}.get(value)


def _org(request):
    org = request.user.organization
    if org is None:
        raise Http404("not found")
    return org


@login_required
def index(request):
    org, year = _org(request), indicators.year_for(request)
    period = _period(year)
    values = indicators.compute(org, period, CODES)
    # Each figure links to the records behind it (the reporting drill-down, as the figures page does).
    figures = [(indicators.get(code), values[code], drilldown_url(code, org, period)) for code in CODES]
    return render(request, "membership/index.html", {"year": year, "figures": figures})


# --- forms ------------------------------------------------------------------------------------


SUBNAV = "membership/partials/subnav.html"


def _submit(request, form, *, title, back):
    """The one form page (core.views): writing needs an editor; the form's service refusals beside its fields."""
    require_editor(request)
    return carry_out(request, form, lambda _data: form.submit(), title=title, back=back, subnav=SUBNAV)


FORMS = {
    # key: (form class, title, page to return to)
    "union-event": (
        forms.UnionEventForm,
        _("Record a union's founding, reorganisation or dissolution"),
        "unions",
    ),
    "found-union": (forms.FoundUnionForm, _("Found a new union"), "unions"),
    "legal": (forms.LegalRegistrationForm, _("Legal-person registration"), "unions"),
    "term": (forms.TermForm, _("Committee term"), "unions"),
    "congress": (forms.CongressForm, _("Prepare a congress"), "unions"),
    "member": (forms.JoinForm, _("Record a new member"), "members"),
    "contract": (forms.ContractForm, _("Record a collective contract"), "democracy"),
    "labour": (forms.LabourContractsForm, _("Labour contracts of a workplace for a year"), "democracy"),
    "workers-congress": (forms.WorkersCongressForm, _("Workers' congress of a workplace"), "democracy"),
    "open-affairs": (forms.OpenAffairsForm, _("Open factory affairs found at a workplace"), "democracy"),
    "inspection": (forms.InspectionForm, _("Democratic management inspection"), "democracy"),
    "campaign": (forms.CampaignForm, _("Women workers' campaign"), "women"),
    "women-committee": (forms.WomenCommitteeForm, _("Women workers' committee"), "women"),
    "event": (forms.EventForm, _("Record an event"), "events"),
    "honour": (forms.HonourForm, _("Record an honour"), "events"),
    "home": (forms.HomeRatingForm, _("Workers' home rating"), "events"),
    "document": (forms.DocumentForm, _("Record an issued document"), "documents"),
    "meeting": (forms.MeetingForm, _("Record a meeting"), "documents"),
    "assignment": (forms.AssignmentForm, _("Assignment to a township"), "documents"),
    "assignment-visit": (forms.AssignmentVisitForm, _("Visit to an assigned township"), "documents"),
}


@login_required
def record_create(request, key):
    if key not in FORMS:
        raise Http404("not found")
    form_class, title, page = FORMS[key]
    form = form_class(request.POST or None, request.FILES or None, user=request.user)
    return _submit(request, form, title=title, back=f"membership:{page}")


# --- unions -----------------------------------------------------------------------------------


@login_required
def unions(request):
    year, today = indicators.year_for(request), _day(request)
    kind = request.GET.get("kind", "")
    events = (
        m.UnionEvent.objects.visible_to(request.user)
        .between("on", _period(year))
        .select_related("organization")
    )
    if kind in m.UnionEvent.Kind.values:
        events = events.filter(kind=kind)
    page = page_of(events.order_by("-on", "-pk"), request.GET.get("page"), related=("organization",))
    context = {
        "year": year, "kind": kind, "kinds": m.UnionEvent.Kind.choices, "page": page, "today": today,
        "terms": selectors.terms_due(request.user, today),
        "congresses": m.Congress.objects.visible_to(request.user).select_related("ends_term", "organization")[:20],
        "registrations": m.LegalRegistration.objects.visible_to(request.user).select_related("organization")[:50],
    }  # fmt: skip
    return render(request, "membership/unions.html", context)


@login_required
def congress_hold(request, pk):
    congress = get_editable_or_404(m.Congress.objects.select_related("ends_term"), request.user, pk=pk)
    form = forms.HoldCongressForm(request.POST or None, congress=congress)
    return _submit(request, form, title=str(congress), back="membership:unions")


# --- members ----------------------------------------------------------------------------------


def _members(request):
    return m.Membership.objects.listed_for(
        request.user, q=request.GET.get("q", ""), card=request.GET.get("card", ""),
        migrant=_flag(request, "migrant"), at_source=_flag(request, "source"), status=request.GET.get("status", ""),
    )  # fmt: skip


@login_required
def members(request):
    rows = _members(request)
    searched = any(request.GET.get(k, "").strip() for k in ("q", "card"))
    flagged = any(request.GET.get(k) for k in ("migrant", "source", "status"))
    # The whole list is counted by the tally on PostgreSQL (as the registries are); a search counts
    # its matches with the page. A filter on flags alone matches most of a county (a million rows at
    # a province): like the people list, it pages without a total, which would cost a pass over them.
    count = None if searched or flagged else scoping.count_visible(m.Membership.objects.all(), request.user)
    if searched and connection.vendor == "sqlite":
        # A search's matches are read from one index (people.carried): SQLite counts them and sorts
        # the page's newest 50 in 0.5 + 0.7 ms, where the count beside the ids (a window over every
        # match) cost 3 ms for a county's 9,400 王. PostgreSQL keeps the window: asked for a LIMIT
        # alone, its planner may walk the ids backwards looking for matches.
        count = rows.count()
    page = page_of(rows.order_by("-pk"), request.GET.get("page"),
                   related=("person", "organization"), count=count, counted=searched or not flagged)  # fmt: skip
    context = {"page": page, "q": request.GET.get("q", ""), "card": request.GET.get("card", ""),
               "migrant": request.GET.get("migrant", ""), "source": request.GET.get("source", ""),
               "status": request.GET.get("status", "")}  # fmt: skip
    template = "membership/partials/member_rows.html" if request.htmx else "membership/members.html"
    return render(request, template, context)


@login_required
def members_export(request):
    """The member list as the members ledger, with the page's filters (see exports.members_export)."""
    from gonghui.ledgers.downloads import export_response

    keys = ("q", "card", "migrant", "source", "status")
    params = {k: request.GET[k] for k in keys if request.GET.get(k)}
    return export_response(request, "members", params, back=reverse("membership:members"))


@login_required
def list_export(request, what):
    """One of the area's lists as an Excel ledger (exports.LISTS), scoped as its page, for the page's year."""
    from gonghui.ledgers.xlsx import ledger_response

    if what not in exports.LISTS:
        raise Http404("not found")
    sheet = exports.LISTS[what](request.user, indicators.year_for(request))
    return ledger_response(unit=str(request.user.organization or ""), **sheet)


@login_required
def member_detail(request, pk):
    membership = get_visible_or_404(
        m.Membership.objects.select_related("person", "organization"), request.user, pk=pk
    )
    history = m.Membership.objects.visible_to(request.user).filter(person=membership.person).select_related(
        "organization").order_by("joined_on")  # fmt: skip
    return render(request, "membership/member_detail.html", {"membership": membership, "history": history})


@login_required
def member_transfer(request, pk):
    membership = get_editable_or_404(m.Membership.objects.select_related("person"), request.user, pk=pk)
    form = forms.TransferForm(request.POST or None, membership=membership, user=request.user)
    return _submit(request, form, title=_("Transfer %(name)s") % {"name": membership.person.name},
                   back="membership:members")  # fmt: skip


@login_required
def member_leave(request, pk):
    membership = get_editable_or_404(m.Membership.objects.select_related("person"), request.user, pk=pk)
    form = forms.LeaveForm(request.POST or None, membership=membership)
    return _submit(request, form, title=_("%(name)s leaves") % {"name": membership.person.name},
                   back=membership)  # fmt: skip


# --- democratic management --------------------------------------------------------------------


@login_required
def democracy(request):
    year = indicators.year_for(request)
    user = request.user
    contracts = m.CollectiveContract.objects.visible_to(user).between("signed_on", _period(year)).select_related(
        "workplace")  # fmt: skip
    context = {
        "year": year,
        "missing": list(selectors.workplaces_missing_counts(user, year)),
        "returns": m.LabourContractReturn.objects.visible_to(user).filter(year=year).select_related("workplace")[:500],
        "contracts": contracts[:500],
        "congresses": m.WorkersCongress.objects.visible_to(user).select_related("workplace")[:500],
        "checks": m.OpenAffairsCheck.objects.visible_to(user).between("checked_on", _period(year))
        .select_related("workplace", "inspection")[:500],
    }  # fmt: skip
    return render(request, "membership/democracy.html", context)


# --- women workers ----------------------------------------------------------------------------


@login_required
def women(request):
    year = indicators.year_for(request)
    org, user = _org(request), request.user
    covered, due, percent = selectors.special_contract_coverage(org, _period(year).end)
    context = {
        "year": year, "covered": covered, "due": due, "percent": percent,
        "rule": selectors.special_contract_rule(org),
        "contracts": selectors.special_contracts_in_force(user, _period(year).end).select_related("workplace")[:500],
        "campaigns": m.WomenCampaign.objects.visible_to(user).between("held_on", _period(year)),
        "commended": m.Honour.objects.visible_to(user).between("awarded_on", _period(year))
        .filter(kind="advanced_woman").select_related("person"),
        "committees": m.WomenCommittee.objects.visible_to(user).select_related("organization")[:200],
    }  # fmt: skip
    return render(request, "membership/women.html", context)


@login_required
def women_rule(request):
    if not request.user.can_configure:
        raise Http404("not found")
    org = _org(request)
    rule = m.SpecialContractRule.objects.filter(organization=org).first() or m.SpecialContractRule(
        organization=org
    )
    form = forms.RuleForm(request.POST or None, instance=rule, user=request.user)
    return _submit(request, form, title=_("Which workplaces owe a women's special contract"),
                   back="membership:women")  # fmt: skip


# --- events, honours, documents, meetings -----------------------------------------------------


@login_required
def events(request):
    year, user = indicators.year_for(request), request.user
    period = _period(year)
    context = {
        "year": year,
        "events": m.Event.objects.visible_to(user).between("held_on", period),
        "honours": m.Honour.objects.visible_to(user).between("awarded_on", period).select_related("person",
                                                                                                 "organization"),
        "homes": m.HomeRating.objects.visible_to(user).between("rated_on", period).select_related("organization"),
    }  # fmt: skip
    return render(request, "membership/events.html", context)


@login_required
def documents(request):
    year, user = indicators.year_for(request), request.user
    period = _period(year)
    meetings = m.Meeting.objects.visible_to(user).between("held_on", period).select_related("organization")
    context = {
        "year": year,
        "documents": m.Document.objects.visible_to(user).between("issued_on", period).select_related("volume"),
        "plenaries": meetings.filter(kind="plenary"),
        "follow_ups": meetings.filter(kind="follow_up"),
        "committees_without": _committees_without_follow_up(user, period),
        "assignments": m.Assignment.objects.visible_to(user).select_related("township").prefetch_related("visits"),
    }  # fmt: skip
    return render(request, "membership/documents.html", context)


def _committees_without_follow_up(user, period):
    held = m.Meeting.objects.filter(kind="follow_up").between("held_on", period).values("organization")
    return Organization.objects.visible_to(user).committees().exclude(pk__in=held).order_by("path")
