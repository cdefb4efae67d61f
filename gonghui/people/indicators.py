from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.reporting.indicators import register

from .models import Person


@register("people.registered", name=_("People registered"), unit=_("people"))
def registered(org, period):
    # A stock, not a flow: everyone in the registry now, whatever the period.
    return scoping.restrict_people(Person.objects.all(), org).count()
