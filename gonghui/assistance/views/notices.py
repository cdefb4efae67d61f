"""Public notices (公示): list, posting, the page and the Word document."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core.formats import download_name
from gonghui.core.views import add_service_error, form_page, require_editor
from gonghui.orgs.scoping import get_visible_or_404

from .. import docs, forms, services
from ..models import Payment, PaymentStatus, PublicNotice
from .common import SUBNAV


@login_required
def notice_list(request):
    rows = PublicNotice.objects.visible_to(request.user).select_related("organization")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "assistance/notice_list.html", {"page": page})


@login_required
def notice_create(request):
    require_editor(request)
    reviewed = Payment.objects.visible_to(request.user).filter(status=PaymentStatus.REVIEWED)
    reviewed = reviewed.select_related("person", "programme").order_by("programme__name", "pk")
    form = forms.NoticeForm(request.POST or None, user=request.user, payments=reviewed)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.post_notice(by=request.user, **form.cleaned_data)
        except ValidationError as e:
            add_service_error(form, e)
        else:
            return redirect(notice)
    return form_page(request, form, _("Post a public notice"), subnav=SUBNAV)


def _notice(request, pk):
    return get_visible_or_404(PublicNotice.objects.select_related("organization"), request.user, pk=pk)


@login_required
def notice_detail(request, pk):
    notice = _notice(request, pk)
    rows = services.notice_rows(notice)
    total = sum((r["amount"] for r in rows), 0)
    return render(request, "assistance/notice_detail.html", {"notice": notice, "rows": rows, "total": total})


@login_required
def notice_docx(request, pk):
    notice = _notice(request, pk)
    document = docs.notice_document(notice=notice, rows=services.notice_rows(notice))
    return document.response(download_name(notice.title or _("Public notice"), "docx", day=notice.posted_on))
