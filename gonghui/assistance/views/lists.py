"""The federation office's configurable lists: causes of hardship and eligibility lines."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core.views import add_service_error, carry_out
from gonghui.reporting import indicators

from .. import forms, services
from ..models import EligibilityLine, HardshipCause
from .common import SUBNAV, _federation_admin


@login_required
def cause_list(request):
    _federation_admin(request)
    form = forms.CauseForm(request.POST or None, initial={"order": HardshipCause.objects.count() + 1})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_cause(cause=form.instance)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect("assistance:cause-list")
    rows = HardshipCause.objects.order_by("-is_active", "order", "code")
    return render(request, "assistance/cause_list.html", {"rows": rows, "form": form})


@login_required
def cause_edit(request, pk):
    _federation_admin(request)
    cause = HardshipCause.objects.filter(pk=pk).first()
    if cause is None:
        raise Http404("not found")
    form = forms.CauseForm(request.POST or None, instance=cause)
    return carry_out(request, form, lambda data: services.save_cause(cause=form.instance),
                      title=_("Edit cause %(name)s") % {"name": cause.name}, back=cause, subnav=SUBNAV)  # fmt: skip


@login_required
def line_list(request):
    _federation_admin(request)
    year = indicators.year_for(request)
    form = forms.EligibilityLineForm(request.POST or None, user=request.user, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            line = services.save_eligibility_line(line=form.instance, user=request.user)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(line)
    rows = EligibilityLine.objects.visible_to(request.user).filter(year=year)
    rows = rows.select_related("place__parent").order_by("place__division_code", "place__name")
    return render(request, "assistance/line_list.html", {"rows": rows, "form": form, "year": year})


@login_required
def line_edit(request, pk):
    _federation_admin(request)
    line = EligibilityLine.objects.visible_to(request.user).select_related("place").filter(pk=pk).first()
    if line is None:
        raise Http404("not found")
    form = forms.EligibilityLineForm(request.POST or None, instance=line, user=request.user)
    return carry_out(request, form,
                      lambda data: services.save_eligibility_line(line=form.instance, user=request.user),
                      title=_("Edit the eligibility line of %(place)s, %(year)s") % {"place": line.place,
                                                                                      "year": line.year},
                      back=line, subnav=SUBNAV)  # fmt: skip
