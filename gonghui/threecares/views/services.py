"""The service ledgers: lists, exports and the entry page of each service (services_lists.SERVICE_LISTS)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from gonghui.core.views import carry_out, require_editor
from gonghui.ledgers.exports import file_name
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs.models import Place

from .. import services_lists


def _service(what):
    """The service the URL names (its key; its ledger code is accepted too)."""
    spec = services_lists.find(what)
    if spec is None:
        raise Http404("not found")
    return spec


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
