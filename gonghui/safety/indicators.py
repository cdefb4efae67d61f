"""Figures of seed section 二.3: coal mines, accidents, supervisors, non-coal inspections and hazards."""

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.reporting.indicators import Percent, register, register_activity

from . import selectors
from .models import (
    Accident,
    Certificate,
    ExamResult,
    Hazard,
    InspectionVisit,
    MonthlyReport,
    Workplace,
    WorkplaceStatus,
    WorkplaceStatusKind,
    month_end,
    month_start,
    months_of,
)


def _scoped(model, org):
    return scoping.restrict(model.objects.all(), org)


def _coal_mines(org, period):
    return _scoped(Workplace, org).coal().open_on(period.end)


MINE_COLUMNS = [
    ("organization__name", _("union")), ("enterprise__name", _("workplace")), ("owner", _("owner")),
    ("status", _("status")), ("enterprise__coal_mine_pairs", _("pairs of shafts")),
]  # fmt: skip


@register("safety.coal_mine_pairs", name=_("Pairs of township coal mines"), unit=_("pairs"),
          records=_coal_mines, columns=MINE_COLUMNS, total="sum:enterprise__coal_mine_pairs")  # fmt: skip
def coal_mine_pairs(org, period):
    mines = _scoped(Workplace, org).coal().open_on(period.end)
    return mines.aggregate(n=Sum("enterprise__coal_mine_pairs"))["n"] or 0


def _accidents(org, period):
    return _scoped(Accident, org).between("occurred_on", period)


ACCIDENT_COLUMNS = [
    ("organization__name", _("union")), ("workplace__enterprise__name", _("workplace")), ("occurred_on", _("date")),
    ("kind", _("kind")), ("deaths", _("deaths")), ("serious_injuries", _("serious injuries")),
    ("minor_injuries", _("minor injuries")),
]  # fmt: skip
ACCIDENT_ORDER = ("-occurred_on", "-pk")


@register("safety.accidents", name=_("Safety accidents"), unit=_("accidents"),
          records=_accidents, columns=ACCIDENT_COLUMNS, order=ACCIDENT_ORDER)  # fmt: skip
def accidents(org, period):
    return _accidents(org, period).count()


@register("safety.deaths", name=_("Deaths in accidents"), unit=_("people"),
          records=_accidents, columns=ACCIDENT_COLUMNS, total="sum:deaths", order=ACCIDENT_ORDER)  # fmt: skip
def deaths(org, period):
    return _accidents(org, period).aggregate(n=Sum("deaths"))["n"] or 0


def _exam_results(org, period):
    return _scoped(ExamResult, org).filter(batch__ended_on__gte=period.start, batch__ended_on__lte=period.end)


# A supervisor trained in two batches of the period (or certified twice) is one person.
@register("safety.supervisors_trained", name=_("Mass safety supervisors trained"), unit=_("people"),
          records=_exam_results, total="distinct:supervisor__person", columns=[
              ("organization__name", _("union")), ("supervisor__person__name", _("person")),
              ("supervisor__workplace__enterprise__name", _("mine")), ("batch__name", _("training batch")),
              ("batch__ended_on", _("ended on")), ("score", _("score")), ("passed", _("passed")),
          ])  # fmt: skip
def supervisors_trained(org, period):
    results = _scoped(ExamResult, org).filter(
        batch__ended_on__gte=period.start, batch__ended_on__lte=period.end
    )
    return results.values("supervisor__person").distinct().count()


def _certificates(org, period):
    return _scoped(Certificate, org).filter(issued_on__gte=period.start, issued_on__lte=period.end)


@register("safety.supervisors_certified", name=_("Mass safety supervisors certified"), unit=_("people"),
          records=_certificates, total="distinct:supervisor__person", columns=[
              ("organization__name", _("union")), ("supervisor__person__name", _("person")),
              ("supervisor__workplace__enterprise__name", _("mine")), ("number", _("certificate number")),
              ("issued_on", _("issued on")), ("expires_on", _("expires on")),
          ])  # fmt: skip
def supervisors_certified(org, period):
    issued = _scoped(Certificate, org).filter(issued_on__gte=period.start, issued_on__lte=period.end)
    return issued.values("supervisor__person").distinct().count()


def _non_coal_visits(org, period):
    return InspectionVisit.objects.filter(
        workplace__in=_scoped(Workplace, org).non_coal(), inspection__on__gte=period.start,
        inspection__on__lte=period.end,
    )  # fmt: skip


# Visits are owned by the visited workplace's union; a workplace visited twice counts once.
@register("safety.enterprises_inspected", name=_("Non-coal workplaces inspected"), unit=_("workplaces"),
          records=_non_coal_visits, total="distinct:workplace", via="workplace__organization", columns=[
              ("workplace__organization__name", _("union")), ("workplace__enterprise__name", _("workplace")),
              ("workplace__kind", _("kind")), ("inspection__on", _("date")),
              ("inspection__organization__name", _("inspecting union")), ("findings", _("findings")),
          ])  # fmt: skip
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


HAZARD_COLUMNS = [
    ("organization__name", _("union")), ("workplace__enterprise__name", _("workplace")),
    ("found_on", _("found on")), ("grade", _("hazard grade")), ("deadline", _("deadline")),
    ("rectified_on", _("rectified on")),
]  # fmt: skip
HAZARD_ORDER = ("-found_on", "-pk")


@register("safety.hazards_found", name=_("Hazards found at non-coal workplaces"), unit=_("hazards"),
          records=_non_coal_hazards, columns=HAZARD_COLUMNS, order=HAZARD_ORDER)  # fmt: skip
def hazards_found(org, period):
    return _non_coal_hazards(org, period).count()


def _non_coal_hazards_rectified(org, period):
    return _non_coal_hazards(org, period).rectified_by(period.end)


@register("safety.hazards_rectified", name=_("Hazards rectified at non-coal workplaces"), unit=_("hazards"),
          records=_non_coal_hazards_rectified, columns=HAZARD_COLUMNS, order=HAZARD_ORDER)  # fmt: skip
def hazards_rectified(org, period):
    return _non_coal_hazards(org, period).rectified_by(period.end).count()


def _hazards_for_rate(org, period):
    """Every hazard found in the period (coal and non-coal), marked 1 when rectified by its end."""
    found = _scoped(Hazard, org).found_between(period.start, period.end)
    return found.annotate(_rectified=Case(
        When(rectified_on__isnull=False, rectified_on__lte=period.end, then=Value(1)),
        default=Value(0), output_field=IntegerField(),
    ))  # fmt: skip


@register("safety.rectification_rate", name=_("Hazard rectification rate"), unit=_("%"),
          records=_hazards_for_rate, columns=HAZARD_COLUMNS, order=HAZARD_ORDER,
          total=Percent(Sum("_rectified"), Count("pk")))  # fmt: skip
def rectification_rate(org, period):
    found = _scoped(Hazard, org).found_between(period.start, period.end)
    return selectors.percent(found.rectified_by(period.end).count(), found.count())


def _mines_owing_reports(org, period):
    """The coal mines that owed a report for a month of the period, each with the reports it owed
    (``reports_owed``: months ended by the period's end and before today, the mine not closed on
    the month's first day) and those received of them (``reports_received``), as
    ``selectors.reporting_rate`` counts them."""
    today = timezone.localdate()
    months = [
        m for m in months_of(period.start, period.end) if month_end(m) <= period.end and month_end(m) < today
    ]
    reports = _scoped(MonthlyReport, org)
    owed, received = Value(0), Value(0)
    for month in months:
        status = (
            WorkplaceStatus.objects.filter(workplace=OuterRef("pk"), on__lte=month_start(month))
            .order_by("-on", "-pk")
            .values("status")[:1]
        )
        closed = Exact(Subquery(status), WorkplaceStatusKind.CLOSED)  # no status yet: producing
        owed = owed + Case(When(closed, then=Value(0)), default=Value(1))
        filed = Exists(reports.for_month(month).filter(workplace=OuterRef("pk")))
        received = received + Case(When(closed, then=Value(0)), When(filed, then=Value(1)), default=Value(0))
    return (
        _scoped(Workplace, org)
        .coal()
        .annotate(
            reports_owed=ExpressionWrapper(owed, output_field=IntegerField()),
            reports_received=ExpressionWrapper(received, output_field=IntegerField()),
        )
        .filter(reports_owed__gt=0)
    )


@register("safety.monthly_report_rate", name=_("Monthly supervision reports received"), unit=_("%"),
          records=_mines_owing_reports, order=("enterprise__name", "pk"),
          total=Percent(Sum("reports_received"), Sum("reports_owed")), columns=[
              ("organization__name", _("union")), ("enterprise__name", _("mine")),
              ("reports_owed", _("reports owed")), ("reports_received", _("reports received")),
          ])  # fmt: skip
def monthly_report_rate(org, period):
    return selectors.reporting_rate(_scoped(Workplace, org), _scoped(MonthlyReport, org), period.start, period.end,
                                    timezone.localdate())  # fmt: skip


@register_activity
def latest_report(user):
    """The safety area's latest report month the user may see (pages' default year)."""
    return MonthlyReport.objects.visible_to(user).aggregate(latest=Max("month"))["latest"]
