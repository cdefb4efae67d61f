from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.reporting import tallies
from gonghui.reporting.indicators import register

from .models import Person


def _people(org, period):
    return scoping.restrict_people(Person.objects.all(), org)


# People belong to no one organisation (scoping.restrict_people), so the figure is not grouped
# by committee in one query (via=None): each committee counts its own.
@register("people.registered", name=_("People registered"), unit=_("people"), records=_people, via=None,
          columns=[("name", _("name")), ("township__name", _("township")), ("village__name", _("village"))])  # fmt: skip
def registered(org, period):
    # A stock, not a flow: everyone in the registry now, whatever the period. On PostgreSQL the
    # people per home place come from the tally it keeps (reporting.tallies), not a million rows;
    # the function counts them as restrict_people selects them (tests/reporting/test_tallies.py).
    return scoping.count_people(org, tallies.people_counts() if tallies.people_kept() else None)
