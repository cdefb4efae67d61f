"""The figures of seed sections 一 and 二.5 (docs.*, org.*, democracy.*, women.*, homes.*), from records."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.models import Payment
from gonghui.orgs import scoping
from gonghui.reporting.indicators import register, register_activity

from . import models as m
from . import selectors


def _in(model, org, period, field):
    return scoping.restrict(model.objects.all(), org).between(field, period)


@register("docs.issued", name=_("Documents issued"), unit=_("documents"))
def docs_issued(org, period):
    return _in(m.Document, org, period, "issued_on").count()


@register("org.followup_meetings", name=_("Committees that held a follow-up meeting after the plenary"),
          unit=_("committees"))  # fmt: skip
def followup_meetings(org, period):
    rows = _in(m.Meeting, org, period, "held_on").filter(kind=m.Meeting.Kind.FOLLOW_UP)
    return rows.aggregate(n=Count("organization", distinct=True))["n"]


@register("org.new_unions", name=_("Grassroots unions founded"), unit=_("unions"))
def new_unions(org, period):
    return _in(m.UnionEvent, org, period, "on").founded().count()


@register("org.reorganised", name=_("Grassroots unions reorganised"), unit=_("unions"))
def reorganised(org, period):
    return (
        _in(m.UnionEvent, org, period, "on")
        .reorganised()
        .aggregate(n=Count("organization", distinct=True))["n"]
    )


@register("org.new_members", name=_("New members"), unit=_("people"))
def new_members(org, period):
    return scoping.restrict(m.Membership.objects.new_in(period), org).count()


@register("org.joined_at_source", name=_("Migrant workers who joined at source"), unit=_("people"))
def joined_at_source(org, period):
    return scoping.restrict(m.Membership.objects.joined_at_source_in(period), org).count()


@register("democracy.collective_contracts", name=_("Collective contracts signed"), unit=_("contracts"))
def collective_contracts(org, period):
    return _in(m.CollectiveContract, org, period, "signed_on").count()


@register("democracy.labour_contracts", name=_("Labour contracts signed"), unit=_("contracts"))
def labour_contracts(org, period):
    rows = scoping.restrict(m.LabourContractReturn.objects.all(), org)
    return (
        rows.filter(year__gte=period.start.year, year__lte=period.end.year).aggregate(n=Sum("signed"))["n"]
        or 0
    )


@register("democracy.workers_congresses", name=_("Workplaces with a workers' congress in session"),
          unit=_("workplaces"))  # fmt: skip
def workers_congresses(org, period):
    # In place by the period's end and met during it (建立健全: set up or held a session).
    rows = scoping.restrict(m.WorkersCongress.objects.all(), org).filter(established_on__lte=period.end)
    return rows.filter(last_session_on__gte=period.start, last_session_on__lte=period.end).count()


@register("democracy.open_affairs_public", name=_("State and collective units practising open affairs"),
          unit=_("units"))  # fmt: skip
def open_affairs_public(org, period):
    return selectors.open_affairs_workplaces(org, period, public=True).count()


@register("democracy.open_affairs_private", name=_("Non-public enterprises practising open affairs"),
          unit=_("enterprises"))  # fmt: skip
def open_affairs_private(org, period):
    return selectors.open_affairs_workplaces(org, period, public=False).count()


@register("women.special_contracts", name=_("Women workers' special contracts in force"), unit=_("contracts"))
def special_contracts(org, period):
    return selectors.special_contracts_in_force(org, period.end).count()


@register("women.special_contracts_women", name=_("Women covered by special contracts"), unit=_("people"))
def special_contracts_women(org, period):
    return selectors.special_contracts_in_force(org, period.end).aggregate(n=Sum("women_covered"))["n"] or 0


@register("women.special_contracts_coverage", name=_("Special contracts signed of those due"), unit=_("%"))
def special_contracts_coverage(org, period):
    return selectors.special_contract_coverage(org, period.end)[2]


@register("women.assistance_amount", name=_("Assistance to women workers"), unit=_("yuan"))
def women_assistance(org, period):
    # The money is the assistance payments of the women workers' campaigns' programmes: counted there.
    programmes = m.WomenCampaign.objects.filter(programme__isnull=False).values("programme")
    rows = scoping.restrict(Payment.objects.paid_between(period.start, period.end), org)
    return rows.filter(programme__in=programmes).total()


@register("women.leaflets", name=_("Leaflets handed out to women workers"), unit=_("copies"))
def leaflets(org, period):
    return _in(m.WomenCampaign, org, period, "held_on").aggregate(n=Sum("leaflets"))["n"] or 0


@register("women.commended", name=_("Advanced women workers commended"), unit=_("people"))
def commended(org, period):
    return _in(m.Honour, org, period, "awarded_on").filter(kind=m.Honour.Kind.ADVANCED_WOMAN).count()


def _homes(code, rating, name):
    @register(code, name=name, unit=_("unions"))
    def homes(org, period):
        return _in(m.HomeRating, org, period, "rated_on").filter(rating=rating).count()

    return homes


_homes("homes.qualified", m.HomeRating.Rating.QUALIFIED, _("Qualified workers' homes"))
_homes("homes.excellent", m.HomeRating.Rating.EXCELLENT, _("Excellent workers' homes"))
_homes("homes.model_small", m.HomeRating.Rating.MODEL_SMALL, _("Model small workers' homes"))


@register_activity
def latest_union_event(user):
    return m.UnionEvent.objects.visible_to(user).order_by("-on").values_list("on", flat=True).first()
