from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from gonghui.ledgers.exports import file_name
from gonghui.ledgers.xlsx import ledger_response

from .changes import with_change_lines
from .forms import AuditFilterForm
from .selectors import conceal_minor_entries, conceal_reveals, filtered_entries, visible_reveals


def _entries(request):
    if not request.user.can_read_audit:
        raise Http404("not found")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, filtered_entries(request.user, **{k: v for k, v in filters.items() if v})


@login_required
def entry_list(request):
    form, entries = _entries(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    page.object_list = conceal_minor_entries(with_change_lines(page.object_list), request.user)
    reveals = Paginator(visible_reveals(request.user), 20).get_page(request.GET.get("rpage"))
    conceal_reveals(reveals.object_list, request.user)
    context = {"form": form, "page": page, "query": request.GET.urlencode(), "reveals": reveals}
    return render(request, "audit/entry_list.html", context)


@login_required
def entry_export(request):
    _form, entries = _entries(request)
    actions = {0: _("create"), 1: _("update"), 2: _("delete"), 3: _("access")}
    headers = [
        _("Time"),
        _("User"),
        _("Action"),
        _("Kind of record"),
        _("Record number"),
        _("Record"),
        _("Changes"),
    ]

    def rows():
        for chunk in _chunks(entries.iterator(chunk_size=2000), 2000):
            for e in conceal_minor_entries(with_change_lines(chunk), request.user):
                yield [
                    e.timestamp,
                    str(e.actor or ""),
                    actions.get(e.action, ""),
                    e.content_type.name,
                    e.object_pk,
                    e.object_repr,
                    "; ".join(f"{label}: {text}" for label, text in e.change_lines),
                ]

    return ledger_response(
        title=_("Audit log"),
        unit=request.user.organization.name if request.user.organization else "",
        headers=headers,
        rows=rows(),
        filename=file_name(_("Audit log")),
        total_label=None,
    )


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
