"""The rights hotline log."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from gonghui.core.views import add_service_error

from .. import forms, services
from ..models import HotlineCall


@login_required
def hotline_list(request):
    form = None
    if request.user.can_edit:
        form = forms.HotlineForm(request.POST or None, user=request.user,
                                 initial={"called_at": timezone.localtime().replace(second=0, microsecond=0)})  # fmt: skip
        if request.method == "POST" and form.is_valid():
            try:
                services.record_call(call=form.instance)
            except ValidationError as e:
                add_service_error(form, e)
            else:
                return redirect("assistance:hotline-list")
    rows = HotlineCall.objects.visible_to(request.user).select_related("case", "organization")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "assistance/hotline_list.html", {"page": page, "form": form})
