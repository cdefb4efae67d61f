from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import indicators


@login_required
def figures(request):
    org = request.user.organization
    if org is None:
        raise Http404("not found")
    year = indicators.year_for(request)
    values = indicators.compute(org, indicators.Period.year(year))
    rows = [(ind, values[ind.code]) for ind in indicators.all_indicators()]
    years = range(timezone.localdate().year, 2004, -1)
    return render(request, "reporting/figures.html", {"org": org, "year": year, "years": years, "rows": rows})
