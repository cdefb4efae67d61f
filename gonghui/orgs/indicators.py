from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from gonghui.reporting.indicators import register

from . import scoping
from .models import Enterprise, Organization


def _established_by(period):
    return Q(established_on__isnull=True) | Q(established_on__lte=period.end)


@register("org.unions", name=_("Grassroots unions"), unit=_("unions"))
def unions(org, period):
    return (
        scoping.restrict(Organization.objects.grassroots(), org, via="")
        .filter(_established_by(period), is_active=True)
        .count()
    )


@register("org.committees", name=_("Working committees"), unit=_("committees"))
def committees(org, period):
    return scoping.restrict(Organization.objects.committees(), org, via="").filter(is_active=True).count()


@register("enterprises.registered", name=_("Registered workplaces"), unit=_("workplaces"))
def enterprises(org, period):
    return scoping.restrict(Enterprise.objects.all(), org).count()


@register("enterprises.coal_mine_pairs", name=_("Coal mine shaft pairs registered"), unit=_("pairs"))
def coal_mine_pairs(org, period):
    total = scoping.restrict(Enterprise.objects.coal_mines(), org).aggregate(n=Sum("coal_mine_pairs"))["n"]
    return total or 0
