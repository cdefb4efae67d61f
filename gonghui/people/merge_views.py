"""The merge tool: two records of one human become one, with everything linked to either."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.orgs.scoping import get_visible_or_404

from .models import Person
from .services import likely_duplicates, merge_people


def _person(request, key):
    value = request.POST.get(key) or request.GET.get(key)
    if not value:
        return None
    return get_visible_or_404(Person.objects.select_related("township", "village"), request.user, pk=value)


@login_required
def merge(request):
    if not request.user.can_edit:
        raise Http404("not found")
    keep, remove = _person(request, "keep"), _person(request, "remove")
    error = None
    if request.method == "POST" and keep and remove:
        try:
            merged = merge_people(keep=keep, remove=remove, by=request.user)
        except ValidationError as e:
            error = " ".join(e.messages)
        else:
            messages.success(request, _("The two records were merged into this one."))
            return redirect(merged)
    visible = Person.objects.visible_to(request.user)
    context = {
        "keep": keep,
        "remove": remove,
        "error": error,
        "pairs": likely_duplicates(visible) if not (keep and remove) else [],
    }
    return render(request, "people/merge.html", context)
