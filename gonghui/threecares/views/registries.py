"""The registry pages: lists, exports, a person's entry and family, registering someone, visits,
pairings and medical fee waivers of the people on them."""

from functools import partial
from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from gonghui.audit.selectors import history_for
from gonghui.core.views import carry_out, require_editor
from gonghui.ledgers.downloads import export_response
from gonghui.ledgers.vocabulary import PROVINCES
from gonghui.orgs.models import Place
from gonghui.orgs.scoping import get_visible_or_404, within_one_township
from gonghui.paging import page_of
from gonghui.people.models import Person
from gonghui.querystring import query_id

from .. import forms, registries, selectors, services
from .. import models as m
from ..querysets import minors_visible_to
from ..registries import list_columns_for, related_for


def _registry(kind):
    """The registry the URL names (its key; its ledger code or visit kind are accepted too)."""
    registry = registries.find(kind)
    if registry is None:
        raise Http404("not found")
    return registry


def _entries(request, registry):
    """The registry rows the page's filters select, before the user's scope is applied."""
    return registry.model.objects.search(
        q=request.GET.get("q", ""),
        township=query_id(request, "township"),
        village=query_id(request, "village"),
        destination=request.GET.get("destination", ""),
    )


def _rows(registry, columns, page):
    """[(entry, its table row as HTML)]: 50 rows of eight to ten cells through the template
    language cost 3-4 ms a page; written here, localised and escaped as the template would, a
    tenth of that. The detail URL is resolved once, not once a row."""
    head, _zero, tail = reverse("threecares:entry-detail", args=[registry.key, 0]).rpartition("0")
    getters = [
        (registry.columns[i][1], "<td>" if on_phone else '<td class="hide-sm">') for i, on_phone in columns
    ]
    rows = []
    for e in page:
        cells = "".join(f"{td}{_cell(get(e))}</td>" for get, td in getters)
        rows.append((e, mark_safe(
            f'<tr><td><a href="{head}{e.pk}{tail}">{escape(e.person.name)}</a></td>'
            f'<td class="mono hide-sm">{escape(e.person.id_number_masked)}</td>{cells}</tr>'
        )))  # fmt: skip
    return rows


def _cell(value):
    """A cell as ``{{ value|default_if_none:"" }}`` renders it: localised, then escaped."""
    if value is None:
        return ""
    return conditional_escape(localize(template_localtime(value)))


@login_required
def entry_list(request, kind):
    registry = _registry(kind)
    hidden = registry.minors and not minors_visible_to(request.user)
    rows = _entries(request, registry)
    page = page_of(rows.visible_to(request.user).order_by("-pk"), request.GET.get("page"),
                   related=related_for(registry), count=rows.count_visible_to(request.user))  # fmt: skip
    columns = list_columns_for(registry, local=within_one_township(request.user))
    headers = [(registry.columns[i][0], on_phone) for i, on_phone in columns]
    rows = _rows(registry, columns, page)
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
    return carry_out(
        request, form, lambda data: save(**data), title=_("Record a visit"), back=entry, entry=entry
    )


@login_required
def pairing_create(request, pk):
    elder = get_visible_or_404(m.Elder.objects.select_related("person"), request.user, pk=pk)
    if not request.user.can_edit:
        raise Http404("not found")
    form = forms.PairingForm(request.POST or None)
    # "elder" is no field of the form: its refusal goes on top.
    return carry_out(request, form, lambda data: services.pair_elder(elder=elder, **data),
                     title=_("Pair with a helper"), back=elder, entry=elder)  # fmt: skip


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
        people = Person.objects.visible_to(request.user).search(q).in_name_order(q)
        people = page_of(people, 1, per_page=30, related=("township", "village"), counted=False).object_list
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
