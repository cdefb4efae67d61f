from functools import partial
from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from gonghui.audit.selectors import history_for
from gonghui.core.formats import download_name
from gonghui.core.officialdoc import DOCX_CONTENT_TYPE
from gonghui.core.views import carry_out, require_editor
from gonghui.ledgers.downloads import export_response
from gonghui.ledgers.exports import file_name
from gonghui.ledgers.vocabulary import PROVINCES
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.models import Organization, Place
from gonghui.orgs.scoping import get_visible_or_404, within_one_township
from gonghui.paging import page_of
from gonghui.people.models import Person
from gonghui.querystring import query_id
from gonghui.reporting import indicators
from gonghui.reporting.assessment import scores as scheme_scores

from . import assessment, forms, letters, registries, selectors, services, services_lists
from . import models as m
from .querysets import minors_visible_to
from .registries import REGISTRIES, list_columns_for, related_for
from .services_lists import SERVICE_LISTS

INDEX_FIGURES = [
    "three_cares.trainings", "three_cares.trainees", "three_cares.training_funds", "three_cares.referral_events",
    "three_cares.referred", "three_cares.employed", "three_cares.migrants_visited",
    "three_cares.migrants_visited_amount", "three_cares.elders_paired", "three_cares.elders_visited",
    "three_cares.elders_visited_amount", "three_cares.elders_medical_waivers", "three_cares.proxy_parents",
    "three_cares.children_visited", "three_cares.children_visited_amount", "three_cares.family_phones",
    "three_cares.family_mailboxes", "three_cares.mutual_aid_societies", "three_cares.greeting_cards",
    "three_cares.greeting_cards_funds",
]  # fmt: skip


def _registry(kind):
    """The registry the URL names (its key; its ledger code or visit kind are accepted too)."""
    registry = registries.find(kind)
    if registry is None:
        raise Http404("not found")
    return registry


def _service(what):
    """The service the URL names (its key; its ledger code is accepted too)."""
    spec = services_lists.find(what)
    if spec is None:
        raise Http404("not found")
    return spec


@login_required
def index(request):
    year = indicators.year_for(request)
    figures = []
    if request.user.organization is not None:
        values = indicators.compute(
            request.user.organization, indicators.Period.year(year), codes=INDEX_FIGURES
        )
        figures = [(indicators.get(code), values[code]) for code in INDEX_FIGURES]
    counts = selectors.registry_counts(request.user)
    context = {
        "counts": counts,
        "registries": [(r, counts[r.key]) for r in REGISTRIES.values()],
        "services": SERVICE_LISTS.values(),
        "figures": figures,
        "year": year,
    }
    return render(request, "threecares/index.html", context)


def _entries(request, registry):
    """The registry rows the page's filters select, before the user's scope is applied."""
    return registry.model.objects.search(
        q=request.GET.get("q", ""),
        township=query_id(request, "township"),
        village=query_id(request, "village"),
        destination=request.GET.get("destination", ""),
    )


@login_required
def entry_list(request, kind):
    registry = _registry(kind)
    hidden = registry.minors and not minors_visible_to(request.user)
    rows = _entries(request, registry)
    page = page_of(rows.visible_to(request.user).order_by("-pk"), request.GET.get("page"),
                   related=related_for(registry), count=rows.count_visible_to(request.user))  # fmt: skip
    columns = list_columns_for(registry, local=within_one_township(request.user))
    headers = [(registry.columns[i][0], on_phone) for i, on_phone in columns]
    rows = [(e, [(registry.columns[i][1](e), on_phone) for i, on_phone in columns]) for e in page]
    context = {
        "registry": registry,
        "page": page,
        "rows": rows,
        "headers": headers,
        "hidden": hidden,
        "child_counts": selectors.child_counts(request.user) if registry.minors else None,
        "q": request.GET.get("q", ""),
        "township": query_id(request, "township"),
        "destination": request.GET.get("destination", ""),
        "townships": Place.objects.visible_to(request.user).townships().order_by("division_code"),
        "provinces": PROVINCES if registry.key == "out_migrants" else [],
    }
    template = "threecares/partials/entry_rows.html" if request.htmx else "threecares/entry_list.html"
    return render(request, template, context)


@login_required
def entry_export(request, kind):
    registry = _registry(kind)
    if registry.minors and not minors_visible_to(request.user):
        raise Http404("not found")
    params = {"q": request.GET.get("q", ""), "township": query_id(request, "township"),
              "village": query_id(request, "village"), "destination": request.GET.get("destination", "")}  # fmt: skip
    params = {k: v for k, v in params.items() if v}
    back = reverse("threecares:entry-list", args=[registry.key])
    return export_response(request, f"registry-{registry.key}", params, back=back)


@login_required
def entry_detail(request, kind, pk):
    registry = _registry(kind)
    queryset = registry.model.objects.select_related(*related_for(registry), "family", "organization")
    entry = get_visible_or_404(queryset, request.user, pk=pk)
    facts = [(header, getter(entry)) for header, getter in registry.columns]
    context = {
        "registry": registry,
        "entry": entry,
        "facts": facts,
        "visits": m.Visit.objects.visible_to(request.user).filter(person=entry.person)[:50],
        "pairings": entry.pairings.all() if registry.key == "elders" else [],
        "waivers": entry.waivers.all() if registry.key == "elders" else [],
        "children": m.LeftBehindChild.objects.visible_to(request.user).filter(proxy_parent=entry)
        .select_related("person") if registry.key == "proxy_parents" else [],
        "visit_kind": registry.visit,
        "history": history_for(entry),
    }  # fmt: skip
    return render(request, "threecares/entry_detail.html", context)


@login_required
def family_detail(request, pk):
    family = get_visible_or_404(m.Family.objects.select_related("township", "village"), request.user, pk=pk)
    return render(
        request, "threecares/family_detail.html", {"file": selectors.family_file(family, request.user)}
    )


@login_required
def visit_create(request, kind, pk):
    registry = _registry(kind)
    entry = get_visible_or_404(registry.model.objects.select_related("person"), request.user, pk=pk)
    if not request.user.can_edit or not registry.visit:
        raise Http404("not found")
    form = forms.VisitForm(request.POST or None)
    save = partial(services.record_visit, kind=registry.visit, person=entry.person)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a visit"), back=entry, entry=entry)


@login_required
def pairing_create(request, pk):
    elder = get_visible_or_404(m.Elder.objects.select_related("person"), request.user, pk=pk)
    if not request.user.can_edit:
        raise Http404("not found")
    form = forms.PairingForm(request.POST or None)
    # "elder" is no field of the form: its refusal goes on top.
    return carry_out(request, form, lambda data: services.pair_elder(elder=elder, **data),
                     title=_("Pair with a helper"), back=elder, entry=elder)  # fmt: skip


@login_required
def service_list(request, what):
    spec = _service(what)
    rows = spec.queryset(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "spec": spec,
        "can_create": request.user.can_edit and spec.create is not None,
        "page": page,
        "rows": [(r, [getter(r) for _h, getter in spec.columns]) for r in page],
        "headers": [h for h, _g in spec.columns],
    }
    return render(request, "threecares/service_list.html", context)


@login_required
def service_export(request, what):
    """The whole service ledger in the user's scope as .xlsx, laid out as the offices keep it."""
    spec = _service(what)
    rows = ([getter(r) for _h, getter in spec.columns] for r in spec.queryset(request.user).iterator(2000))
    return ledger_response(
        title=str(spec.title), unit=str(request.user.organization or ""), headers=[str(h) for h, _g in spec.columns],
        rows=rows, filename=file_name(spec.title), sum_columns=spec.sums,
    )  # fmt: skip


@login_required
def mailing_letters(request):
    """Greeting letters or address labels (.docx) for a township or all, skipping blank addresses."""
    townships = Place.objects.visible_to(request.user).townships().order_by("division_code")
    township = query_id(request, "township")
    rows = m.OutMigrant.objects.visible_to(request.user)
    if township:
        rows = rows.filter(township_id=township)
    counts = letters.count_addressable(rows)
    what = request.GET.get("make")
    if what in ("letters", "labels"):
        if not request.user.can_edit:
            raise Http404("not found")
        rows = rows.exclude(mailing_address="").select_related("person", "township", "village").order_by("pk")
        document = letters.greeting_letters(rows) if what == "letters" else letters.address_labels(rows)
        response = HttpResponse(document, content_type=DOCX_CONTENT_TYPE)
        stem = letters.LETTER_TITLE if what == "letters" else _("Address labels")
        response["Content-Disposition"] = content_disposition_header(True, download_name(stem, "docx"))
        response["X-Letters-Count"] = str(counts["addressable"])
        return response
    context = {"townships": townships, "township": township, "counts": counts,
               "mailings": m.GreetingMailing.objects.visible_to(request.user).prefetch_related("sponsors")}  # fmt: skip
    return render(request, "threecares/mailing.html", context)


@login_required
def mailing_create(request):
    require_editor(request)
    form = forms.MailingForm(request.POST or None)
    save = partial(services.record_mailing, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a greeting card mailing"),
                     back="threecares:mailing")  # fmt: skip


@login_required
def mechanisms(request):
    year = indicators.year_for(request)
    # The Three Cares standard is a scheme of the reporting machinery: the user's own, else the one
    # set above (a township is assessed by its county's); its scores come from reporting.assessment.
    standard = assessment.standard_for(request.user, year)
    today = timezone.localdate()
    months = 12 if year < today.year else max(today.month - 1, 0)
    context = {
        "year": year,
        "meetings": m.JointMeeting.objects.visible_to(request.user).filter(held_on__year=year),
        "reviews": m.HalfYearReview.objects.visible_to(request.user).filter(year=year),
        "completeness": selectors.report_completeness(request.user, year=year, months=months),
        "months": range(1, months + 1),
        "inspections": m.Inspection.objects.visible_to(request.user).filter(year=year),
        "visits": m.InspectionVisit.objects.visible_to(request.user)
        .filter(inspection__year=year)
        .select_related("inspection", "organization"),
        "standard": standard,
        "scores": scheme_scores(standard, within=request.user.organization) if standard else [],
        "can_inspect": request.user.can_edit and _townships(request.user, exclude_own=True).exists(),
        # A village union reports to its township; it has no township to submit a report for.
        "can_report": request.user.can_edit and _townships(request.user).exists(),
    }
    return render(request, "threecares/mechanisms.html", context)


def _townships(user, *, exclude_own=False):
    townships = Organization.objects.filter(pk__in=[t.pk for t in selectors.townships_in_scope(user)])
    if exclude_own:
        townships = townships.exclude(pk=user.organization.pk)
    return townships.order_by("path")


@login_required
def meeting_create(request):
    require_editor(request)
    form = forms.JointMeetingForm(request.POST or None)
    save = partial(services.record_joint_meeting, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a joint meeting"),
                     back="threecares:mechanisms")  # fmt: skip


@login_required
def review_create(request):
    require_editor(request)
    form = forms.HalfYearReviewForm(request.POST or None)
    save = partial(services.record_half_year_review, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a half-year review"),
                     back="threecares:mechanisms")  # fmt: skip


@login_required
def report_create(request):
    require_editor(request)
    townships = _townships(request.user)
    if not townships.exists():  # a village union does not report for a township
        raise Http404("not found")
    form = forms.InfoReportForm(request.POST or None, townships=townships)
    return carry_out(request, form, lambda data: services.record_info_report(**data),
                     title=_("Submit an information report"), back="threecares:mechanisms")  # fmt: skip


@login_required
def inspection_create(request):
    require_editor(request)
    townships = _townships(request.user, exclude_own=True)
    if not townships.exists():  # a township does not inspect itself
        raise Http404("not found")
    form = forms.InspectionForm(request.POST or None, townships=townships)
    save = partial(services.record_inspection, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record an inspection visit"),
                     back="threecares:mechanisms")  # fmt: skip


def _registration_kind(request, kind):
    registry = _registry(kind)
    require_editor(request)
    if registry.minors and not minors_visible_to(request.user):
        raise Http404("not found")
    return registry


@login_required
def entry_register_pick(request, kind):
    """Pick the person to register with the people search, or go create a new one."""
    registry = _registration_kind(request, kind)
    q = request.GET.get("q", "").strip()
    people = []
    if q:
        people = Person.objects.visible_to(request.user).search(q).select_related("township", "village")
        people = people.order_by("name", "pk")[:30]
    context = {"registry": registry, "q": q, "people": people}
    return render(request, "threecares/register_pick.html", context)


@login_required
def entry_register(request, kind, person):
    registry = _registration_kind(request, kind)
    person = get_visible_or_404(Person.objects.all(), request.user, pk=person)
    places = Place.objects.visible_to(request.user)
    initial = (
        None if request.method == "POST" else {"township": person.township_id, "village": person.village_id}
    )
    form = forms.registration_form(registry, places=places, data=request.POST or None)
    if initial:
        form.initial.update(initial)
    save = partial(services.register_entry, registry=registry.key, person=person)
    return carry_out(request, form, lambda data: save(**data), title=_("Register on %(registry)s") % {"registry": registry.title},
                     back="threecares:index", go_to_result=True, entry=SimpleNamespace(person=person))  # fmt: skip


@login_required
def waiver_create(request, pk):
    elder = get_visible_or_404(m.Elder.objects.select_related("person"), request.user, pk=pk)
    require_editor(request)
    form = forms.WaiverForm(request.POST or None)
    save = partial(services.record_medical_waiver, elder=elder)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a medical fee waiver"), back=elder,
                     entry=elder)  # fmt: skip


@login_required
def service_create(request, what):
    spec = _service(what)
    if spec.create is None:
        raise Http404("not found")
    require_editor(request)
    kwargs = {"places": Place.objects.visible_to(request.user)} if spec.entry_places else {}
    form = spec.entry_form(request.POST or None, **kwargs)
    back = reverse("threecares:service-list", args=[spec.key])
    return carry_out(request, form, lambda data: spec.create(request.user, **data), title=spec.create_title,
                     back=back)  # fmt: skip
