from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from gonghui.audit.selectors import history_for
from gonghui.orgs.scoping import get_visible_or_404, within_one_township
from gonghui.paging import page_of

from .forms import PersonForm
from .models import IdNumberAccess, Person
from .picker import pick_results
from .privacy import reveal_id_number
from .sections import sections_for
from .services import may_change, records_held_elsewhere


def _rows(page, local):
    """The list's rows as HTML, escaped as the template would: 50 rows through the template
    language cost about 2 ms a page, written here a tenth of that. ``local``: the user sees one
    township, so its column goes and the village and phone stay on a phone."""
    narrow = "" if local else ' class="hide-sm"'  # the village and phone cells
    number = "mono hide-sm" if local else "mono"
    lines = []
    for p in page:
        township = "" if local else f"<td>{escape(p.township or '')}</td>"
        lines.append(
            f'<tr><td><a href="{p.get_absolute_url()}">{escape(p.name)}</a></td>'
            f'<td class="{number}">{escape(p.id_number_masked)}</td>'
            f'<td class="hide-sm">{escape(p.get_gender_display())}</td>{township}'
            f"<td{narrow}>{escape(p.village or '')}</td><td{narrow}>{escape(p.phone)}</td></tr>"
        )
    return mark_safe("\n    ".join(lines))


@login_required
def person_list(request):
    q = request.GET.get("q", "").strip()
    people = Person.objects.visible_to(request.user).search(q)
    # Everyone a county may see is a million people: without a search the list has no total,
    # which would cost a pass over all of them, only pages.
    # A search's total is counted on its own: the scope and the search read the township-led
    # indexes alone, so a count costs 1 ms for a county's 9,000 matches of "wj" at 1,000,000
    # people, and the page then keeps only its 50 best; the total computed with the ids (a
    # window over every match) cost 3-7 ms on both databases.
    count = people.count() if q else None
    page = page_of(
        people.in_name_order(q),
        request.GET.get("page"),
        related=("township", "village"),
        count=count,
        counted=bool(q),
    )
    local = within_one_township(request.user)
    context = {"page": page, "rows": _rows(page, local), "q": q, "local": local}
    template = "people/partials/person_rows.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@login_required
def person_pick(request):
    """The person picker's live results (gonghui.people.picker)."""
    return pick_results(request)


@login_required
def person_detail(request, pk):
    person = get_visible_or_404(Person.objects.select_related("township", "village"), request.user, pk=pk)
    accesses = []
    if request.user.can_read_audit:
        accesses = IdNumberAccess.objects.filter(person=person).select_related("user")[:20]
    owner = may_change(person, request.user)
    history = history_for(person)
    if not owner:
        # Links and suggestions by other units are for the unit the person lives under.
        history = [entry for entry in history if entry.action != LogEntry.Action.ACCESS]
    context = {
        "person": person,
        "may_change": owner,
        "held_elsewhere": records_held_elsewhere(person, request.user) if owner else None,
        "sections": sections_for(person, request.user),
        "history": history,
        "accesses": accesses,
    }
    return render(request, "people/person_detail.html", context)


@login_required
@require_POST
def person_reveal_id(request, pk):
    person = get_visible_or_404(Person.objects.all(), request.user, pk=pk)
    try:
        number = reveal_id_number(person, request.user, purpose="person page", ip_address=_ip(request))
    except PermissionDenied:
        raise Http404("not found")
    return HttpResponse(f'<span class="idno revealed">{number}</span>')


def _ip(request):
    return request.META.get("REMOTE_ADDR")


@login_required
def person_create(request):
    return _edit(request, Person())


@login_required
def person_edit(request, pk):
    person = get_visible_or_404(Person.objects.all(), request.user, pk=pk)
    if not may_change(person, request.user):
        # Seen through a record of the subtree, kept by the unit the person lives under.
        raise Http404("not found")
    return _edit(request, person)


def _edit(request, person):
    if not request.user.can_edit:
        raise Http404("not found")
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        return redirect(saved)
    return render(request, "people/person_form.html", {"form": form, "person": person})
