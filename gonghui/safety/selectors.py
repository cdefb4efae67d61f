"""Read-side of the area: the month's board, visit counts, supervisor gaps, rates and figures.

Pages, indicators and tests all read these, so a board or a rate is computed in one place.
Every function takes rows already scoped (``visible_to(user)`` or ``scoping.restrict(qs, org)``).
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from .models import (
    InspectionLeader,
    InspectionVisit,
    MonthlyReport,
    ReportStatus,
    Workplace,
    month_end,
    month_start,
    months_of,
)
from .rules import report_deadline

# Board states: a report in on time, late, returned for correction, not in after the deadline
# (missing, shown in red) or not yet due.
IN, LATE, RETURNED, MISSING, NOT_DUE = "in", "late", "returned", "missing", "not_due"


def report_state(report, deadline, today):
    if report is None:
        return MISSING if today > deadline else NOT_DUE
    if report.status == ReportStatus.RETURNED:
        return RETURNED
    if report.is_late:
        return LATE
    return IN


@dataclass
class BoardRow:
    workplace: Workplace
    report: MonthlyReport | None
    state: str

    @property
    def awaiting_review(self):
        return self.report is not None and self.report.status in (
            ReportStatus.SUBMITTED,
            ReportStatus.RESUBMITTED,
        )


def expected_mines(workplaces, month):
    """Coal mines that owe a report for the month: not closed on its first day."""
    return workplaces.coal().open_on(month_start(month)).select_related("enterprise__township", "union")


def month_board(workplaces, reports, month, today):
    """(rows, counts) of the month's board: one row per mine that owes a report or filed one."""
    month = month_start(month)
    deadline = report_deadline(month)
    by_mine = {r.workplace_id: r for r in reports.for_month(month)}
    mines = list(expected_mines(workplaces, month))
    ids = {m.pk for m in mines}
    mines += list(
        workplaces.filter(pk__in=[pk for pk in by_mine if pk not in ids]).select_related(
            "enterprise__township"
        )
    )
    rows = [BoardRow(m, by_mine.get(m.pk), report_state(by_mine.get(m.pk), deadline, today)) for m in mines]
    rows.sort(key=lambda r: (r.workplace.enterprise.township.name if r.workplace.enterprise.township else "",
                             r.workplace.enterprise.name))  # fmt: skip
    counts = Counter(r.state for r in rows)
    counts["accepted"] = sum(
        1 for r in rows if r.report is not None and r.report.status == ReportStatus.ACCEPTED
    )
    counts["expected"] = len(rows)
    return rows, deadline, counts


def reporting_rate(workplaces, reports, start, end, today):
    """Reports received / reports owed, for months ended within [start, end] by today (percent)."""
    owed = received = 0
    for month in months_of(start, end):
        if month_end(month) > end or month_end(month) >= today:
            continue
        mines = set(expected_mines(workplaces, month).values_list("pk", flat=True))
        owed += len(mines)
        received += reports.for_month(month).filter(workplace__in=mines).count()
    return percent(received, owed)


def percent(part, whole):
    if not whole:
        return Decimal("0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# Inspections -------------------------------------------------------------------------------------


def visits_per_mine(inspections, workplaces):
    """{workplace_id: visits} over the given inspections, to the given workplaces."""
    rows = (
        InspectionVisit.objects.filter(inspection__in=inspections, workplace__in=workplaces)
        .values("workplace")
        .annotate(n=Count("pk"))
    )
    return {r["workplace"]: r["n"] for r in rows}


def visits_per_leader(inspections, workplaces):
    """[(person, {workplace_id: visits}, total)]: every visit to the given workplaces of an
    inspection a leader was part of."""
    visits = defaultdict(list)
    for inspection_id, workplace_id in InspectionVisit.objects.filter(
        inspection__in=inspections, workplace__in=workplaces
    ).values_list("inspection_id", "workplace_id"):
        visits[inspection_id].append(workplace_id)
    per = defaultdict(Counter)
    people = {}
    for leader in InspectionLeader.objects.filter(inspection__in=inspections).select_related("person"):
        people[leader.person_id] = leader.person
        per[leader.person_id].update(visits[leader.inspection_id])
    return sorted(((people[pk], dict(c), sum(c.values())) for pk, c in per.items()), key=lambda t: -t[2])


# Supervisors -------------------------------------------------------------------------------------


def mines_without_certified_supervisor(workplaces, supervisors, certificates, day):
    certified = set(
        certificates.valid_on(day)
        .filter(supervisor__in=supervisors.active_on(day))
        .values_list("supervisor__workplace_id", flat=True)
    )
    return [w for w in expected_mines(workplaces, day) if w.pk not in certified]


def training_batches(batches, supervisors):
    """[(batch, trainees, passed, certified)] for the batches, counting only the supervisors given."""
    rows = batches.annotate(
        trainees=Count("results", filter=Q(results__supervisor__in=supervisors), distinct=True),
        passed=Count(
            "results", filter=Q(results__supervisor__in=supervisors, results__passed=True), distinct=True
        ),
        certified=Count("certificates", filter=Q(certificates__supervisor__in=supervisors), distinct=True),
    ).order_by("-started_on")
    return list(rows)


def expiring_certificates(certificates, day, days=60):
    return certificates.expiring(day, days).select_related(
        "supervisor__person", "supervisor__workplace__enterprise"
    )


# Hazards and accidents ---------------------------------------------------------------------------


def rectification_rates(hazards, as_of):
    """Rates per township and per quarter: [(label, found, rectified, rate)]."""
    by_township = [
        (name or "—", found, fixed, percent(fixed, found))
        for name, found, fixed in hazards.rates_by("workplace__enterprise__township__name", as_of)
    ]
    quarters = defaultdict(lambda: [0, 0])
    for found_on, rectified_on in hazards.values_list("found_on", "rectified_on"):
        key = f"{found_on.year}Q{(found_on.month - 1) // 3 + 1}"
        quarters[key][0] += 1
        quarters[key][1] += int(rectified_on is not None and rectified_on <= as_of)
    by_quarter = [(k, f, r, percent(r, f)) for k, (f, r) in sorted(quarters.items())]
    return by_township, by_quarter


def output_between(reports, start, end):
    return reports.months_between(start, end).aggregate(n=Sum("output"))["n"] or Decimal("0")


def accident_figures(accidents, reports, start, end):
    """Totals per township and per quarter, and deaths per million tonnes where output is known."""
    rows = accidents.occurred_between(start, end)
    totals = rows.totals()
    output = output_between(reports, start, end)
    per_million = (
        (Decimal(totals["deaths"] or 0) * 1_000_000 / output).quantize(Decimal("0.01")) if output else None
    )
    by_township = (
        rows.values("workplace__enterprise__township__name")
        .annotate(accidents=Count("pk"), deaths=Sum("deaths"), serious=Sum("serious_injuries"),
                  minor=Sum("minor_injuries"))
        .order_by("workplace__enterprise__township__name")
    )  # fmt: skip
    township_output = dict(
        reports.months_between(start, end)
        .values_list("workplace__enterprise__township__name")
        .annotate(n=Sum("output"))
        .values_list("workplace__enterprise__township__name", "n")
    )
    townships = []
    for r in by_township:
        name = r["workplace__enterprise__township__name"]
        out = township_output.get(name)
        rate = (Decimal(r["deaths"] or 0) * 1_000_000 / out).quantize(Decimal("0.01")) if out else None
        townships.append({"name": name or "—", **{k: r[k] for k in ("accidents", "deaths", "serious", "minor")},
                          "output": out, "per_million": rate})  # fmt: skip
    quarters = defaultdict(lambda: {"accidents": 0, "deaths": 0})
    for occurred_on, deaths in rows.values_list("occurred_on", "deaths"):
        q = quarters[f"{occurred_on.year}Q{(occurred_on.month - 1) // 3 + 1}"]
        q["accidents"] += 1
        q["deaths"] += deaths
    return {"totals": totals, "output": output, "per_million": per_million, "townships": townships,
            "quarters": sorted(quarters.items())}  # fmt: skip


def as_of(year, today):
    """The day a page about `year` is read at: today, or the year's last day for a past year."""
    return min(today, datetime.date(year, 12, 31))
