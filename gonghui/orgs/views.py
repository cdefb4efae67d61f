from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gonghui.audit.selectors import history_for
from gonghui.core.views import carry_out

from .forms import EnterpriseForm, OrganizationForm
from .models import Enterprise, Organization
from .scoping import get_editable_or_404, get_visible_or_404


@login_required
def organization_list(request):
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    orgs = Organization.objects.visible_to(request.user).search(q, level=level).select_related("parent")
    page = Paginator(orgs.order_by("path"), 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": q, "level": level, "levels": Organization.Level.choices}
    template = "orgs/partials/organization_rows.html" if request.htmx else "orgs/organization_list.html"
    return render(request, template, context)


@login_required
def organization_detail(request, pk):
    org = get_visible_or_404(
        Organization.objects.select_related("parent", "place", "enterprise"), request.user, pk=pk
    )
    context = {
        "org": org,
        "ancestors": org.ancestors(),
        "children": org.children.order_by("path"),
        "enterprises": org.enterprises.order_by("name")[:100],
        "history": history_for(org),
    }
    return render(request, "orgs/organization_detail.html", context)


@login_required
def enterprise_list(request):
    q = request.GET.get("q", "").strip()
    coal = request.GET.get("coal") == "1"
    rows = Enterprise.objects.visible_to(request.user).search(q, coal_only=coal)
    rows = rows.select_related("township", "organization")
    page = Paginator(rows.order_by("name"), 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": q, "coal": coal}
    template = "orgs/partials/enterprise_rows.html" if request.htmx else "orgs/enterprise_list.html"
    return render(request, template, context)


@login_required
def enterprise_detail(request, pk):
    ent = get_visible_or_404(
        Enterprise.objects.select_related("township", "organization"), request.user, pk=pk
    )
    return render(request, "orgs/enterprise_detail.html", {"ent": ent, "history": history_for(ent)})


def _form_page(request, form, *, title, parent=None):
    """Units and workplaces are plain records: the form's own checks are their rules; the parent is the crumb above."""
    return carry_out(request, form, lambda data: form.save(), title=title, parent=parent, go_to_result=True)


@login_required
def organization_create(request, pk):
    parent = get_editable_or_404(Organization.objects.all(), request.user, pk=pk)
    form = OrganizationForm(request.POST or None, instance=Organization(parent=parent), user=request.user)
    return _form_page(request, form, title=_("Add a unit"), parent=parent)


@login_required
def organization_edit(request, pk):
    org = get_editable_or_404(Organization.objects.all(), request.user, pk=pk)
    form = OrganizationForm(request.POST or None, instance=org, user=request.user)
    return _form_page(request, form, title=org.name, parent=org.parent)


@login_required
def enterprise_create(request, pk):
    union = get_editable_or_404(Organization.objects.all(), request.user, pk=pk)
    form = EnterpriseForm(request.POST or None, instance=Enterprise(organization=union), user=request.user)
    return _form_page(request, form, title=_("Register a workplace"), parent=union)


@login_required
def enterprise_edit(request, pk):
    ent = get_editable_or_404(Enterprise.objects.select_related("organization"), request.user, pk=pk)
    form = EnterpriseForm(request.POST or None, instance=ent, user=request.user)
    return _form_page(request, form, title=ent.name, parent=ent.organization)
