"""Greeting cards: letters and address labels for out-migrant workers, and the mailings recorded."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from gonghui.core.formats import download_name
from gonghui.core.officialdoc import DOCX_CONTENT_TYPE
from gonghui.core.views import carry_out, require_editor
from gonghui.orgs.models import Place
from gonghui.querystring import query_id

from .. import forms, letters, services
from .. import models as m


@login_required
def mailing_letters(request):
    """Greeting letters or address labels (.docx) for a township or all, skipping blank addresses."""
    townships = Place.objects.visible_to(request.user).townships().order_by("division_code")
    township = query_id(request, "township")
    rows = m.OutMigrant.objects.visible_to(request.user)
    if township:
        rows = rows.filter(township_id=township)
    counts = letters.count_addressable(rows)
    what = request.GET.get("make")
    if what in ("letters", "labels"):
        if not request.user.can_edit:
            raise Http404("not found")
        rows = rows.exclude(mailing_address="").select_related("person", "township", "village").order_by("pk")
        document = letters.greeting_letters(rows) if what == "letters" else letters.address_labels(rows)
        response = HttpResponse(document, content_type=DOCX_CONTENT_TYPE)
        stem = letters.LETTER_TITLE if what == "letters" else _("Address labels")
        response["Content-Disposition"] = content_disposition_header(True, download_name(stem, "docx"))
        response["X-Letters-Count"] = str(counts["addressable"])
        return response
    context = {"townships": townships, "township": township, "counts": counts,
               "mailings": m.GreetingMailing.objects.visible_to(request.user).prefetch_related("sponsors")}  # fmt: skip
    return render(request, "threecares/mailing.html", context)


@login_required
def mailing_create(request):
    require_editor(request)
    form = forms.MailingForm(request.POST or None)
    save = partial(services.record_mailing, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a greeting card mailing"),
                     back="threecares:mailing")  # fmt: skip
