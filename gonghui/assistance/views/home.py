"""The area home: this year's figures and the queues."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gonghui.reporting import indicators

from ..models import HardshipArchive, Payment, PaymentStatus
from .common import _today

INDEX_FIGURES = [
    "assistance.amount",
    "assistance.person_times",
    "assistance.spring_festival_committees",
    "rights.cases",
    "rights.amount_recovered",
    "three_cares.rights_cases",
]


@login_required
def index(request):
    org = request.user.organization
    year = indicators.year_for(request)
    figures = []
    if org is not None:
        values = indicators.compute(org, indicators.Period.year(year), codes=INDEX_FIGURES)
        figures = [(indicators.get(code), values[code]) for code in INDEX_FIGURES]
    archives = HardshipArchive.objects.visible_to(request.user)
    context = {
        "year": year,
        "figures": figures,
        "archive_count": archives.active().count(),
        "stale_count": archives.stale(_today()).count(),
        "never_count": archives.never_assisted().count(),
        "reviewed_count": Payment.objects.visible_to(request.user)
        .filter(status=PaymentStatus.REVIEWED)
        .count(),
    }
    return render(request, "assistance/index.html", context)
