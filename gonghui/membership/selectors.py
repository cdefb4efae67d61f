"""Reads that span several models: who owes a special contract, coverage, missing counts, terms due."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Floor
from django.db.models.lookups import Exact

from gonghui.orgs import scoping
from gonghui.orgs.models import Enterprise, Organization

from . import models as m
from .models.democracy import PUBLIC_OWNERSHIPS


def special_contract_rule(org):
    """The rule set by the nearest organisation at or above `org`, or the default (union + women staff)."""
    # What is set higher up applies below (scoping.applying_to); the deepest path is the nearest.
    rule = m.SpecialContractRule.objects.applying_to(org).order_by("-organization__path").first()
    return rule or m.SpecialContractRule(needs_union=True, min_women_staff=1, min_staff=0)


def _with_active_union():
    return Exists(Organization.objects.filter(enterprise=OuterRef("pk"), is_active=True))


def due_workplaces(org, *, rule=None):
    """Workplaces in `org`'s subtree that owe a women workers' special collective contract (应签)."""
    rule = rule or special_contract_rule(org)
    rows = scoping.restrict(Enterprise.objects.all(), org).filter(
        women_staff_count__gte=max(rule.min_women_staff, 1), staff_count__gte=rule.min_staff
    )
    if rule.needs_union:
        rows = rows.filter(_with_active_union())
    return rows


def special_contracts_in_force(scope, day):
    return scoping.restrict(m.CollectiveContract.objects.women_special().in_force_on(day), scope)


def due_workplaces_covered(org, day):
    """The workplaces due (``due_workplaces``), each with ``_covered``: a special contract in force on `day`."""
    in_force = m.CollectiveContract.objects.women_special().in_force_on(day).filter(workplace=OuterRef("pk"))
    return due_workplaces(org).annotate(_covered=Exists(in_force))


COVERED = Count("pk", filter=Q(_covered=True))
DUE = Count("pk")
# Signed / due in whole per cent, rounded half up (the seed's 80%: 135 of 169), in integer arithmetic
# on every database: floor((200 * covered + due) / (2 * due)); 0 when nothing is due.
COVERAGE = Case(When(Exact(DUE, 0), then=Value(0)), default=Floor((200 * COVERED + DUE) / (2 * DUE)),
                output_field=IntegerField())  # fmt: skip


def special_contract_coverage(org, day):
    """(workplaces covered, workplaces due, percent): signed / due, as the seed's 80%."""
    found = due_workplaces_covered(org, day).aggregate(covered=COVERED, due=DUE, percent=COVERAGE)
    return found["covered"], found["due"], found["percent"] or 0


def workplaces_missing_counts(scope, year):
    """Workplaces with a union that sent no labour contract count for the year: the office chases them.

    The summary prints these names instead of a blank (新签劳动合同 份).
    """
    sent = m.LabourContractReturn.objects.filter(workplace=OuterRef("pk"), year=year)
    return (
        scoping.restrict(Enterprise.objects.all(), scope)
        .filter(_with_active_union())
        .exclude(Exists(sent))
        .select_related("organization", "township")
        .order_by("organization__path", "name")
    )


def is_public(ownership):
    return ownership in PUBLIC_OWNERSHIPS


def open_affairs_workplaces(scope, period, *, public):
    """Workplaces found practising open factory affairs in the period, public or non-public."""
    ownership = Q(ownership__in=PUBLIC_OWNERSHIPS)
    found = m.OpenAffairsCheck.objects.filter(workplace=OuterRef("pk"), practised=True,
                                              checked_on__gte=period.start, checked_on__lte=period.end)  # fmt: skip
    rows = scoping.restrict(Enterprise.objects.all(), scope).filter(Exists(found))
    return rows.filter(ownership) if public else rows.exclude(ownership)


def terms_due(scope, today, days=90):
    terms = scoping.restrict(m.CommitteeTerm.objects.select_related("organization"), scope)
    return {
        "ending": list(terms.ending_within(today, days).order_by("ends_on")),
        "overdue": list(terms.overdue(today).order_by("ends_on")),
    }
