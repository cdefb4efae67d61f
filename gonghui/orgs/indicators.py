from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from gonghui.reporting.indicators import register

from . import scoping
from .models import Enterprise, Organization


def _established_by(period):
    return Q(established_on__isnull=True) | Q(established_on__lte=period.end)


ORG_COLUMNS = [("name", _("Organisation")), ("code", _("code")), ("parent__name", _("parent"))]
ENTERPRISE_COLUMNS = [
    ("organization__name", _("Organisation")),
    ("name", _("name")),
    ("coal_mine_pairs", _("pairs")),
]


def _unions(org, period):
    return scoping.restrict(Organization.objects.grassroots(), org, via="").filter(
        _established_by(period), is_active=True
    )


def _committees(org, period):
    return scoping.restrict(Organization.objects.committees(), org, via="").filter(is_active=True)


def _enterprises(org, period):
    return scoping.restrict(Enterprise.objects.all(), org)


def _coal_mines(org, period):
    return scoping.restrict(Enterprise.objects.coal_mines(), org)


@register("org.unions", name=_("Grassroots unions"), unit=_("unions"), records=_unions, columns=ORG_COLUMNS,
          via="")  # fmt: skip
def unions(org, period):
    return (
        scoping.restrict(Organization.objects.grassroots(), org, via="")
        .filter(_established_by(period), is_active=True)
        .count()
    )


@register("org.committees", name=_("Working committees"), unit=_("committees"), records=_committees,
          columns=ORG_COLUMNS, via="")  # fmt: skip
def committees(org, period):
    return scoping.restrict(Organization.objects.committees(), org, via="").filter(is_active=True).count()


@register("enterprises.registered", name=_("Registered workplaces"), unit=_("workplaces"), records=_enterprises,
          columns=ENTERPRISE_COLUMNS)  # fmt: skip
def enterprises(org, period):
    return scoping.restrict(Enterprise.objects.all(), org).count()


@register("enterprises.coal_mine_pairs", name=_("Coal mine shaft pairs registered"), unit=_("pairs"),
          records=_coal_mines, columns=ENTERPRISE_COLUMNS, total="sum:coal_mine_pairs")  # fmt: skip
def coal_mine_pairs(org, period):
    total = scoping.restrict(Enterprise.objects.coal_mines(), org).aggregate(n=Sum("coal_mine_pairs"))["n"]
    return total or 0
