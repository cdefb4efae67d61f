"""The programme's front page: registries with their counts, the year's figures, the service ledgers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gonghui.reporting import indicators

from .. import selectors
from ..registries import REGISTRIES
from ..services_lists import SERVICE_LISTS

INDEX_FIGURES = [
    "three_cares.trainings", "three_cares.trainees", "three_cares.training_funds", "three_cares.referral_events",
    "three_cares.referred", "three_cares.employed", "three_cares.migrants_visited",
    "three_cares.migrants_visited_amount", "three_cares.elders_paired", "three_cares.elders_visited",
    "three_cares.elders_visited_amount", "three_cares.elders_medical_waivers", "three_cares.proxy_parents",
    "three_cares.children_visited", "three_cares.children_visited_amount", "three_cares.family_phones",
    "three_cares.family_mailboxes", "three_cares.mutual_aid_societies", "three_cares.greeting_cards",
    "three_cares.greeting_cards_funds",
]  # fmt: skip


@login_required
def index(request):
    year = indicators.year_for(request)
    figures = []
    if request.user.organization is not None:
        values = indicators.compute(
            request.user.organization, indicators.Period.year(year), codes=INDEX_FIGURES
        )
        figures = [(indicators.get(code), values[code]) for code in INDEX_FIGURES]
    counts = selectors.registry_counts(request.user)
    context = {
        "counts": counts,
        "registries": [(r, counts[r.key]) for r in REGISTRIES.values()],
        "services": SERVICE_LISTS.values(),
        "figures": figures,
        "year": year,
    }
    return render(request, "threecares/index.html", context)
