"""Figures of seed section 二.3: coal mines, accidents, supervisors, non-coal inspections and hazards."""

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.reporting.indicators import register, register_activity

from . import selectors
from .models import Accident, Certificate, ExamResult, Hazard, InspectionVisit, MonthlyReport, Workplace


def _scoped(model, org):
    return scoping.restrict(model.objects.all(), org)


@register("safety.coal_mine_pairs", name=_("Pairs of township coal mines"), unit=_("pairs"))
def coal_mine_pairs(org, period):
    mines = _scoped(Workplace, org).coal().open_on(period.end)
    return mines.aggregate(n=Sum("enterprise__coal_mine_pairs"))["n"] or 0


def _accidents(org, period):
    return _scoped(Accident, org).between("occurred_on", period)


@register("safety.accidents", name=_("Safety accidents"), unit=_("accidents"))
def accidents(org, period):
    return _accidents(org, period).count()


@register("safety.deaths", name=_("Deaths in accidents"), unit=_("people"))
def deaths(org, period):
    return _accidents(org, period).aggregate(n=Sum("deaths"))["n"] or 0


@register("safety.supervisors_trained", name=_("Mass safety supervisors trained"), unit=_("people"))
def supervisors_trained(org, period):
    results = _scoped(ExamResult, org).filter(
        batch__ended_on__gte=period.start, batch__ended_on__lte=period.end
    )
    return results.values("supervisor__person").distinct().count()


@register("safety.supervisors_certified", name=_("Mass safety supervisors certified"), unit=_("people"))
def supervisors_certified(org, period):
    issued = _scoped(Certificate, org).filter(issued_on__gte=period.start, issued_on__lte=period.end)
    return issued.values("supervisor__person").distinct().count()


@register("safety.enterprises_inspected", name=_("Non-coal workplaces inspected"), unit=_("workplaces"))
def enterprises_inspected(org, period):
    visits = InspectionVisit.objects.filter(
        workplace__in=_scoped(Workplace, org).non_coal(), inspection__on__gte=period.start,
        inspection__on__lte=period.end,
    )  # fmt: skip
    return visits.values("workplace").distinct().count()


def _non_coal_hazards(org, period):
    return (
        _scoped(Hazard, org)
        .filter(workplace__kind__in=_non_coal_kinds())
        .found_between(period.start, period.end)
    )


def _non_coal_kinds():
    from .models import WorkplaceKind

    return [k for k in WorkplaceKind.values if k != WorkplaceKind.COAL]


@register("safety.hazards_found", name=_("Hazards found at non-coal workplaces"), unit=_("hazards"))
def hazards_found(org, period):
    return _non_coal_hazards(org, period).count()


@register("safety.hazards_rectified", name=_("Hazards rectified at non-coal workplaces"), unit=_("hazards"))
def hazards_rectified(org, period):
    return _non_coal_hazards(org, period).rectified_by(period.end).count()


@register("safety.rectification_rate", name=_("Hazard rectification rate"), unit=_("%"))
def rectification_rate(org, period):
    found = _scoped(Hazard, org).found_between(period.start, period.end)
    return selectors.percent(found.rectified_by(period.end).count(), found.count())


@register("safety.monthly_report_rate", name=_("Monthly supervision reports received"), unit=_("%"))
def monthly_report_rate(org, period):
    return selectors.reporting_rate(_scoped(Workplace, org), _scoped(MonthlyReport, org), period.start, period.end,
                                    timezone.localdate())  # fmt: skip


@register_activity
def latest_report(user):
    """The safety area's latest report month the user may see (pages' default year)."""
    return MonthlyReport.objects.visible_to(user).aggregate(latest=Max("month"))["latest"]
