"""The yearly re-check of archives."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.views import add_service_error, form_page, require_editor
from gonghui.reporting import indicators

from .. import forms, services
from ..models import ArchiveCheck, HardshipArchive
from .common import SUBNAV, _today, _url


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
