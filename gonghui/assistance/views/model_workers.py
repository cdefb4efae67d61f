"""The model-worker registry."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from gonghui.core.views import add_service_error

from .. import forms, services
from ..models import ArchiveStatus, HardshipArchive, ModelWorker


@login_required
def modelworker_list(request):
    form = None
    if request.user.can_edit:
        form = forms.ModelWorkerForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_model_worker(worker=form.instance)
            except ValidationError as e:
                add_service_error(form, e)
            else:
                return redirect("assistance:modelworker-list")
    q = request.GET.get("q", "").strip()
    rows = ModelWorker.objects.visible_to(request.user).select_related("person", "organization")
    if q:
        rows = rows.filter(person__name__startswith=q)
    if request.GET.get("hardship") == "1":
        rows = rows.in_hardship()
    rows = list(rows.order_by("level", "-year_honoured", "pk")[:500])
    archives = dict(
        HardshipArchive.objects.visible_to(request.user)
        .filter(head__in=[r.person_id for r in rows])
        .exclude(status=ArchiveStatus.CANCELLED)
        .values_list("head_id", "pk")
    )
    for row in rows:
        row.archive_pk = archives.get(row.person_id)
    return render(request, "assistance/modelworker_list.html", {"rows": rows, "form": form, "q": q})
