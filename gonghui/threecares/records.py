"""Record pages: one generic page per service record (its fields, its history, edit and delete), and
the pages that tie registry records together (a child's guardian, parents and proxy parent; the end
of a pairing or of a proxy parent's service; the people of a referral event; a society's members).

Which records have a page, and how each is shown, corrected and saved, is declared per service in
services_lists.SERVICE_LISTS; the views are thin: forms check the input, one service function writes.
"""

import datetime
from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.audit.selectors import history_for
from gonghui.core.views import add_service_error, carry_out, require_editor
from gonghui.orgs.scoping import get_visible_or_404
from gonghui.templatetags.gonghui import cndate, yuan

from . import forms, selectors, services
from . import models as m
from .services_lists import SERVICE_LISTS, find

# The services that have a record page (SERVICE_LISTS declares how each is shown and corrected).
RECORDS = {key: service for key, service in SERVICE_LISTS.items() if service.update is not None}


def _kind(what):
    spec = find(what)
    if spec is None or spec.update is None:
        raise Http404("not found")
    return spec


def _facts(spec, record):
    rows = []
    for name in spec.fields:
        field = record._meta.get_field(name)
        value = getattr(record, f"get_{name}_display")() if field.choices else getattr(record, name)
        if isinstance(value, datetime.date):
            value = cndate(value)
        elif name in spec.money:
            value = yuan(value)
        url = value.get_absolute_url() if field.is_relation and name in ("elder", "person") else ""
        rows.append((capfirst(field.verbose_name), value, url))
    return rows


def _title(spec, record):
    return f"{capfirst(spec.model._meta.verbose_name)} · {record}"


def _detail(request, spec, record, **context):
    context = {
        "spec": spec,
        "record": record,
        "title": _title(spec, record),
        "facts": _facts(spec, record),
        "history": history_for(record),
        "list_title": spec.title,
        **context,
    }
    if spec.key == "referrals":
        context["referrals"] = record.referrals.select_related("person").order_by("pk")
        context.setdefault("people_form", forms.ReferralPeopleForm())
    elif spec.key == "societies":
        context["memberships"] = record.memberships.select_related(
            "elder__person", "elder__village"
        ).order_by("joined_on", "pk")
        context.setdefault("members_form", forms.SocietyMembersForm())
    elif spec.key == "trainings":
        context["attendees"] = record.attendees.order_by("pk")
    elif spec.key == "pairings":
        context.setdefault("end_form", forms.EndForm())
    return render(request, "threecares/record_detail.html", context)


def _record(request, spec, pk, *, edit=False):
    if edit:
        require_editor(request)
    return get_visible_or_404(spec.record_queryset(), request.user, pk=pk)


@login_required
def record_detail(request, what, pk):
    spec = _kind(what)
    return _detail(request, spec, _record(request, spec, pk))


@login_required
def record_edit(request, what, pk):
    spec = _kind(what)
    record = _record(request, spec, pk, edit=True)
    form = spec.edit_form(record, request.user, request.POST or None)
    save = partial(spec.update, record, request.user)
    title = _("Edit: %(record)s") % {"record": _title(spec, record)}
    return carry_out(request, form, lambda data: save(**data), title=title, back=record.get_absolute_url())


@login_required
def record_delete(request, what, pk):
    """GET asks "are you sure?"; POST deletes (django-auditlog keeps what it was)."""
    spec = _kind(what)
    record = _record(request, spec, pk, edit=True)
    if request.method == "POST":
        services.delete_record(record=record)
        return redirect("threecares:service-list", spec.key)
    context = {"spec": spec, "record": record, "title": _title(spec, record), "facts": _facts(spec, record),
               "list_title": spec.title}  # fmt: skip
    return render(request, "threecares/record_delete.html", context)


# ---- the people of a referral event --------------------------------------------------------------


@login_required
@require_POST
def referral_people_add(request, pk):
    spec = RECORDS["referrals"]
    event = _record(request, spec, pk, edit=True)
    form = forms.ReferralPeopleForm(request.POST)
    if form.is_valid():
        try:
            people = selectors.people_listed(request.user, form.cleaned_data["people"], field="people")
            services.add_referrals(event=event, people=people, employed=form.cleaned_data["employed"],
                                   employer=form.cleaned_data["employer"])  # fmt: skip
            return redirect(event.get_absolute_url())
        except ValidationError as e:
            add_service_error(form, e)
    return _detail(request, spec, event, people_form=form)


def _referral(request, pk, referral):
    event = _record(request, RECORDS["referrals"], pk, edit=True)
    try:
        return event.referrals.select_related("person").get(pk=referral)
    except m.Referral.DoesNotExist:
        raise Http404("not found")


@login_required
@require_POST
def referral_person_update(request, pk, referral):
    row = _referral(request, pk, referral)
    form = forms.ReferralMarkForm(request.POST)
    if form.is_valid():
        services.update_referral(referral=row, **form.cleaned_data)
    return redirect(row.event.get_absolute_url())


@login_required
@require_POST
def referral_person_remove(request, pk, referral):
    row = _referral(request, pk, referral)
    services.remove_referral(referral=row)
    return redirect(row.event.get_absolute_url())


# ---- the members of a mutual-aid society --------------------------------------------------------


@login_required
@require_POST
def society_members_add(request, pk):
    spec = RECORDS["societies"]
    society = _record(request, spec, pk, edit=True)
    form = forms.SocietyMembersForm(request.POST)
    if form.is_valid():
        try:
            elders = selectors.elders_listed(request.user, form.cleaned_data["members"],
                                             township=society.township, field="members")  # fmt: skip
            services.add_society_members(
                society=society, elders=elders, joined_on=form.cleaned_data["joined_on"]
            )
            return redirect(society.get_absolute_url())
        except ValidationError as e:
            add_service_error(form, e)
    return _detail(request, spec, society, members_form=form)


@login_required
@require_POST
def society_member_remove(request, pk, membership):
    society = _record(request, RECORDS["societies"], pk, edit=True)
    try:
        row = society.memberships.get(pk=membership)
    except m.SocietyMembership.DoesNotExist:
        raise Http404("not found")
    services.remove_society_member(membership=row)
    return redirect(society.get_absolute_url())


# ---- ends: a pairing, a proxy parent's service ---------------------------------------------------


@login_required
def pairing_end(request, pk):
    pairing = _record(request, RECORDS["pairings"], pk, edit=True)
    form = forms.EndForm(request.POST or None)
    save = partial(services.end_pairing, pairing=pairing)
    title = _("End the pairing with %(helper)s") % {"helper": pairing.helper_name}
    return carry_out(request, form, lambda data: save(**data), title=title, back=pairing.elder,
                     entry=pairing.elder)  # fmt: skip


@login_required
def proxy_parent_end(request, pk):
    require_editor(request)
    proxy = get_visible_or_404(m.ProxyParent.objects.select_related("person"), request.user, pk=pk)
    form = forms.EndForm(request.POST or None)
    save = partial(services.end_proxy_parent, proxy=proxy)
    return carry_out(request, form, lambda data: save(**data), title=_("End the service as a proxy parent"),
                     back=proxy, entry=proxy)  # fmt: skip


# ---- a left-behind child's guardian, parents and proxy parent ------------------------------------


def _child(request, pk):
    """The child, for an editor who may see minors (LeftBehindChild.visible_to decides: else 404)."""
    require_editor(request)
    related = ("person", "guardian", "father", "mother", "proxy_parent__person", "township")
    return get_visible_or_404(m.LeftBehindChild.objects.select_related(*related), request.user, pk=pk)


@login_required
def child_guardians(request, pk):
    child = _child(request, pk)
    initial = {
        "guardian": child.guardian.name if child.guardian_id else child.guardian_name,
        "guardian_relation": child.guardian_relation,
        "father": child.father.name if child.father_id else "",
        "father_works_in": child.father_works_in,
        "mother": child.mother.name if child.mother_id else "",
        "mother_works_in": child.mother_works_in,
    }
    form = forms.ChildGuardiansForm(request.POST or None, initial=initial)

    def save(*, guardian, father, mother, **fields):
        people, errors = {}, {}
        for field, line, current in (("guardian", guardian, child.guardian), ("father", father, child.father),
                                     ("mother", mother, child.mother)):  # fmt: skip
            try:
                people[field] = selectors.person_named(request.user, line, field=field, current=current)
            except ValidationError as e:
                if field == "guardian" and services.keeps_ledger_guardian(child, line):
                    people[field] = None  # nobody on file by that name: the service keeps the ledger's name
                else:
                    errors.update(e.error_dict)
        if errors:
            raise ValidationError(errors)
        services.set_child_guardians(child=child, guardian_typed=guardian, **people, **fields)

    return carry_out(request, form, lambda data: save(**data), title=_("Guardian and parents"), back=child,
                     entry=child)  # fmt: skip


@login_required
def child_proxy_parent(request, pk):
    child = _child(request, pk)
    proxies = (
        m.ProxyParent.objects.visible_to(request.user)
        .filter(township=child.township_id, ended_on__isnull=True)
        .select_related("person", "village")
        .order_by("person__name", "pk")
    )
    form = forms.ProxyParentChoiceForm(
        request.POST or None, proxies=proxies, initial={"proxy_parent": child.proxy_parent_id}
    )

    def save(*, proxy_parent):
        if proxy_parent is None:
            services.unassign_proxy_parent(child=child)
        else:
            services.assign_proxy_parent(child=child, proxy=proxy_parent)

    return carry_out(request, form, lambda data: save(**data), title=_("Choose the proxy parent"), back=child,
                     entry=child)  # fmt: skip
