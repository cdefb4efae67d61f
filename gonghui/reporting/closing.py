"""Closing a year: the figures as accepted, and the one rule that guards a closed year's records.

``ensure_open(organization=..., day=...)`` is the rule: a record dated in a year that the
organisation or one of its ancestors has closed cannot be written, changed or deleted unless an
unlock with a reason (audited) is open for that year in that subtree. It raises a
``ValidationError`` with code ``year_closed``, keyed by the date field.

Every write path meets it, from one table in this module:

- ``DATED``: each dated model, declared once (its date fields, its path to its organisation and
  whether it is a stock). A ``pre_save``/``pre_delete`` receiver guards every save and delete of
  those models, whoever makes it (forms, services, the admin, a future API).
- ``LEDGER_DATES``: the date columns of each ledger kind. The ledger engine calls
  ``refuse_closed_rows`` once per batch (one query per file) and refuses the new or changed rows
  dated in a closed year, naming the row and the date; the kinds' bulk writes never see them.

Bulk writes outside the ledger engine (``bulk_create``, ``QuerySet.update``) bypass signals: the
demo's builders use them before the demo closes 2008, and nothing else may write dated records
that way.

    closing.close_year(organization=county, year=2008, user=admin)
    closing.unlock(organization=county, year=2008, reason="...", user=admin)
    closing.changes_since_closing(county, 2008)  # {code: (at closing, now)}
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.formats import cn_date
from gonghui.orgs.models import Organization

from . import indicators
from .indicators import Period
from .models import FigureSnapshot, Unlock, YearClose


def _ancestor_paths(org):
    path = org.path
    return [path[:i] for i in range(5, len(path) + 1, 5)]


def closing_for(organization, year):
    """The YearClose that covers this organisation's year (its own or an ancestor's), or None."""
    return (
        YearClose.objects.filter(year=year, organization__path__in=_ancestor_paths(organization))
        .order_by("organization__path")
        .first()
    )


def is_unlocked(organization, year):
    return Unlock.objects.filter(
        year=year, relocked_at__isnull=True, organization__path__in=_ancestor_paths(organization)
    ).exists()


def _as_date(day):
    return day.date() if isinstance(day, datetime.datetime) else day


def closed_message(day):
    return _("%(year)d is closed: its figures were accepted. Ask the county to unlock it, "
             "with a reason, before changing a record of that year.") % {"year": day.year}  # fmt: skip


def ensure_open(*, organization, day, field="__all__"):
    """Refuse (ValidationError keyed by `field`, code year_closed) a write to a record dated `day`
    in a year closed for the organisation and not unlocked."""
    if day is None or organization is None:
        return
    day = _as_date(day)
    if closing_for(organization, day.year) and not is_unlocked(organization, day.year):
        raise ValidationError({field: ValidationError(closed_message(day), code="year_closed")})


def closed_years(organization):
    """The years closed for this organisation (its own or an ancestor's close) and not unlocked."""
    paths = _ancestor_paths(organization)
    closed = set(YearClose.objects.filter(organization__path__in=paths).values_list("year", flat=True))
    if closed:
        closed -= set(
            Unlock.objects.filter(organization__path__in=paths, year__in=closed, relocked_at__isnull=True)
            .values_list("year", flat=True)
        )  # fmt: skip
    return closed


# --- Every write path meets the rule -----------------------------------------------------------


@dataclass(frozen=True)
class Dated:
    """A model whose records are dated: which fields date them and where their organisation is.

    A record is refused when it is created or deleted with any of its dates in a closed year, or
    changed so that one of its dates moves into or out of a closed year. An event (``stock=False``:
    a payment, a visit, a donation) is also refused any other change while its latest date lies in
    a closed year; a stock (a registry entry, a membership, a workplace: records that live on for
    years) may be corrected (a phone number, an address) without an unlock.
    """

    model: type
    dates: tuple
    organization: str = "organization"
    stock: bool = False

    def organization_of(self, instance):
        obj = instance
        for part in self.organization.split("__"):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj


# "app_label.Model": (date fields, stock?[, path to the organisation]). Each area's dated records,
# declared once; tests/reporting/test_closing_guard.py checks that every model of an area with an
# organisation and a date is here or in UNDATED, and that every ledger kind with a date column is
# in LEDGER_DATES or LEDGER_UNDATED.
DATED = {
    # assistance
    "assistance.HardshipArchive": (("applied_on",), True),
    # A payment or a case moves through its lifecycle across the new year (applied in December,
    # paid in January): its moves are dated by the service (ensure_open on the move's day) and a
    # paid payment changes only by a reversal, so only its dates are guarded here.
    "assistance.Payment": (("applied_on", "paid_on"), True),
    "assistance.RightsCase": (("received_on", "closed_on"), True),
    "assistance.HotlineCall": (("called_at",), False),
    "assistance.PublicNotice": (("posted_on",), False),
    # Three Cares: the registries are stocks, the services events
    "threecares.OutMigrant": (("registered_on", "left_on", "returned_on"), True),
    "threecares.IncomingWorker": (("registered_on",), True),
    "threecares.Returnee": (("registered_on", "started_on"), True),
    "threecares.Elder": (("registered_on",), True),
    "threecares.ProxyParent": (("registered_on", "ended_on"), True),
    "threecares.LeftBehindChild": (("registered_on",), True),
    "threecares.Pairing": (("paired_on", "ended_on"), True),
    "threecares.MutualAidSociety": (("founded_on",), True),
    "threecares.SocietyMembership": (("joined_on",), True, "society__organization"),
    "threecares.Visit": (("visited_on",), False),
    "threecares.MedicalWaiver": (("granted_on",), False),
    "threecares.FamilyPhone": (("installed_on",), False),
    "threecares.FamilyMailbox": (("installed_on",), False),
    "threecares.Training": (("held_on",), False),
    "threecares.ReferralEvent": (("held_on",), False),
    "threecares.ReturneeSymposium": (("held_on",), False),
    "threecares.GreetingMailing": (("sent_on",), False),
    "threecares.JointMeeting": (("held_on",), False),
    "threecares.HalfYearReview": (("held_on",), False),
    "threecares.InspectionVisit": (("visited_on",), False),
    # relief
    "relief.Donation": (("received_on",), False),
    "relief.HandOver": (("handed_on",), False),
    "relief.Receipt": (("issued_on",), False),
    "relief.CollectionEvent": (("held_on",), False),
    # safety
    "safety.Workplace": (("status_since",), True),
    "safety.Supervisor": (("appointed_on", "left_on"), True),
    "safety.Certificate": (("issued_on",), True),
    "safety.TrainingBatch": (("started_on",), False),
    "safety.ExamResult": (("examined_on",), False),
    "safety.MonthlyReport": (("month",), True),  # an accepted report is locked by its lifecycle
    "safety.Inspection": (("on",), False),
    "safety.Hazard": (("found_on", "rectified_on"), True),  # open hazards carry into the next year
    "safety.Accident": (("occurred_on",), False),
    "safety.MechanismDocument": (("issued_on",), False),
    # membership and the union's own work
    "membership.Membership": (("joined_on", "left_on"), True),
    "membership.UnionEvent": (("on",), False),
    "membership.LegalRegistration": (("registered_on",), True),
    "membership.CollectiveContract": (("signed_on",), True),
    "membership.WorkersCongress": (("established_on",), True),
    "membership.WomenCommittee": (("established_on",), True),
    "membership.CommitteeTerm": (("starts_on",), True),
    "membership.Event": (("held_on",), False),
    "membership.Honour": (("awarded_on",), False),
    "membership.HomeRating": (("rated_on",), False),
    "membership.DemocracyInspection": (("started_on",), False),
    "membership.OpenAffairsCheck": (("checked_on",), False),
    "membership.Document": (("issued_on",), False),
    "membership.Meeting": (("held_on",), False),
    "membership.AssignmentVisit": (("visited_on",), False),
    "membership.Congress": (("held_on",), False),
    "membership.WomenCampaign": (("held_on",), False),
}
# Models with an organisation and a date that no figure of a year reads (or that carry their
# own lock), with the reason.
UNDATED = {
    "orgs.User": "logins, not records of a year",
    "ledgers.ImportJob": "the import's own log; its rows are guarded by LEDGER_DATES",
    "ledgers.ExportJob": "a download's log",
    "relief.Campaign": "a campaign spans years; its donations are dated",
    "membership.DocumentVolume": "a binder of documents; the documents are dated",
    "membership.Assignment": "a cadre's posting spans years; its visits are dated",
    "reporting.Target": "targets are set for a closed year's figures, not part of them",
    "reporting.Unlock": "the unlock itself",
    "reporting.Submission": "an accepted report is locked by its own lifecycle",
    "reporting.MonthTally": "sums kept by triggers from the rows, which are guarded themselves",
}
# Ledger kind code → the date columns of a row (or (column, row → date)). A row that would
# create or change a record dated in a closed year is refused.
LEDGER_DATES = {
    "assistance_payments": ("applied_on",),
    "hardship_archives": ("applied_on",),
    "hotline_calls": ("date",),
    "rights_cases": ("received_on", "closed_on"),
    "out_migrants": ("registered_on", "left_on"),
    "incoming_workers": ("registered_on",),
    "returnees": ("registered_on", "started_on"),
    "elders": ("registered_on",),
    "children": ("registered_on",),
    "proxy_parents": ("registered_on",),
    "pairings": ("paired_on",),
    "visits": ("visited_on",),
    "trainings": ("held_on",),
    "referrals": ("held_on",),
    "medical_waivers": ("granted_on",),
    "family_phones": ("installed_on",),
    "family_mailboxes": ("installed_on",),
    "mutual_aid_societies": ("founded_on",),
    "symposiums": ("held_on",),
    "donations": ("received_on",),
    "donation_handovers": ("handed_on",),
    "safety_workplaces": ("status_since",),
    "safety_supervisors": ("appointed_on", "issued_on"),
    "safety_monthly_reports": (("month", lambda row: _month(row)),),
    "safety_hazards": ("found_on", "rectified_on"),
    "safety_accidents": ("occurred_on",),
    "safety_exam_results": ("examined_on", "issued_on"),
    "members": ("joined_on",),
    "union_events": ("on",),
    "collective_contracts": ("signed_on",),
    "workplace_democracy": ("congress_since", "checked_on"),
    "union_activities": ("held_on",),
    "honours": ("awarded_on",),
}
LEDGER_UNDATED = {"people": "a birth date dates no record of a year"}


def _month(row):
    from gonghui.safety.ledgers import parse_month

    return parse_month(row.raw.get("month", ""))


_dated = {}


def register_dated(model, dates, *, organization="organization", stock=False):
    """Guard every save and delete of `model` (see ``Dated``); the areas' models are in DATED."""
    for name in dates:
        model._meta.get_field(name)  # a renamed field fails loudly at start-up, not silently
    _dated[model] = Dated(model, tuple(dates), organization, stock)


def dated_models():
    return dict(_dated)


def register_areas():
    """Register DATED (called from ReportingConfig.ready, once every app is loaded)."""
    from django.apps import apps
    from django.db.models.signals import pre_delete, pre_save

    for label, spec in DATED.items():
        dates, stock, *path = spec
        register_dated(apps.get_model(label), dates, organization=path[0] if path else "organization",
                       stock=stock)  # fmt: skip
    pre_save.connect(_guard_save, dispatch_uid="reporting.closing.save")
    pre_delete.connect(_guard_delete, dispatch_uid="reporting.closing.delete")


def _years_closed_anywhere():
    """The years some organisation has closed (one query on a table of a few rows)."""
    return set(YearClose.objects.values_list("year", flat=True).distinct())


def _refuse(spec, instance, days, years):
    """ensure_open for each (field, day) whose year some organisation has closed."""
    days = [(name, _as_date(day)) for name, day in days if day is not None]
    chosen = [(name, day) for name, day in days if day.year in years]
    if chosen:
        org = spec.organization_of(instance)
        for name, day in chosen:
            ensure_open(organization=org, day=day, field=name)


def _guard_save(sender, instance, raw=False, **kwargs):
    spec = _dated.get(sender)
    if spec is None or raw:
        return
    years = _years_closed_anywhere()
    if not years:
        return
    new = {name: getattr(instance, name) for name in spec.dates}
    old = None
    if not instance._state.adding and instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).values(*spec.dates).first()
    if old is None:
        _refuse(spec, instance, new.items(), years)
        return
    days = []
    for name in spec.dates:
        if _as_date(old[name]) != _as_date(new[name]):
            days += [(name, old[name]), (name, new[name])]
    if not spec.stock:
        present = [(name, _as_date(day)) for name, day in new.items() if day is not None]
        if present:
            days.append(max(present, key=lambda pair: pair[1]))
    _refuse(spec, instance, days, years)


def _guard_delete(sender, instance, **kwargs):
    spec = _dated.get(sender)
    years = _years_closed_anywhere() if spec is not None else None
    if not years:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values(*spec.dates).first()  # not what is in memory
    _refuse(spec, instance, (stored or {name: getattr(instance, name) for name in spec.dates}).items(), years)


def refuse_closed_rows(kind, rows, ctx):
    """The ledger engine's guard: refuse each new or changed row dated in a closed year.

    Called for every batch of a file; the closed years are read once per file (``ctx.cache``).
    The reason names the row and the date; the error's code is ``year_closed``.
    """
    columns = LEDGER_DATES.get(kind.code)
    if not columns:
        return
    if "closing.closed_years" not in ctx.cache:
        ctx.cache["closing.closed_years"] = closed_years(ctx.organization)
    years = ctx.cache["closing.closed_years"]
    if not years:
        return
    for row in rows:
        if not row.ok or row.status not in ("new", "changed"):
            continue
        for column in columns:
            key, day = (column[0], column[1](row)) if isinstance(column, tuple) else (column, row[column])
            if isinstance(day, datetime.date) and _as_date(day).year in years:
                row.error(key, _("Row %(row)d is dated %(date)s, in %(year)d, a closed year: its figures were "
                                 "accepted. Ask the county to unlock %(year)d, with a reason, before importing it.")
                          % {"row": row.number, "date": cn_date(_as_date(day)), "year": day.year},
                          code="year_closed")  # fmt: skip
                break


def _snapshot_orgs(organization):
    """Every active organisation in the subtree, grouped by depth (one grouped query per level)."""
    by_depth = {}
    for org in Organization.objects.filter(path__startswith=organization.path, is_active=True).exclude(
        pk=organization.pk
    ):
        by_depth.setdefault(len(org.path), []).append(org)
    return by_depth


def snapshot_values(organization, period):
    """{org_pk: {code: value}} for the organisation and every organisation below it.

    Below the organisation closing, one grouped query per indicator and level of the tree. The
    figures that cannot be grouped by organisation (people.registered: people belong to no one
    union, and it is today's stock, not the year's) are kept for the organisation closing only.
    """
    values = {organization.pk: indicators.compute(organization, period)}
    batchable = [i.code for i in indicators.all_indicators() if i.records is not None and i.via is not None]
    for _depth, orgs in sorted(_snapshot_orgs(organization).items()):
        values.update(indicators.compute_children(organization, period, batchable, children=orgs))
    return values


OFFERED_FROM = 2005  # the earliest year the closing page offers


def closable_years(organization, today=None):
    """The years that have ended and that this organisation has not closed, latest first."""
    today = today or timezone.localdate()
    done = set(YearClose.objects.filter(organization=organization).values_list("year", flat=True))
    return [y for y in range(today.year - 1, OFFERED_FROM - 1, -1) if y not in done]


@transaction.atomic
def close_year(*, organization, year, user=None):
    if year >= timezone.localdate().year:
        raise ValidationError({"year": _("%(year)d has not ended yet: a year is closed after its last day.")
                                        % {"year": year}})  # fmt: skip
    if year < OFFERED_FROM:
        raise ValidationError({"year": _("Choose a year.")})
    if YearClose.objects.filter(organization=organization, year=year).exists():
        raise ValidationError({"year": _("%(year)d is already closed.") % {"year": year}})
    closing = YearClose.objects.create(organization=organization, year=year, closed_by=user)
    rows = [
        FigureSnapshot(
            closing=closing, organization_id=org_pk, values={c: str(v) for c, v in figures.items()}
        )
        for org_pk, figures in snapshot_values(organization, Period.year(year)).items()
    ]
    FigureSnapshot.objects.bulk_create(rows, batch_size=500)
    for row in Unlock.objects.filter(organization__path__startswith=organization.path, year=year,
                                     relocked_at__isnull=True):  # fmt: skip
        row.relocked_at = timezone.now()
        row.save(update_fields=["relocked_at"])  # audited
    return closing


@transaction.atomic
def unlock(*, organization, year, reason, user):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the closed year must change.")})
    if not closing_for(organization, year):
        raise ValidationError({"year": _("%(year)d is not closed.") % {"year": year}})
    return Unlock.objects.create(
        organization=organization, year=year, reason=reason.strip(), unlocked_by=user
    )


@transaction.atomic
def relock(*, organization, year):
    """Close the year's open unlocks again (each one saved, so the audit trail shows it)."""
    unlocks = list(Unlock.objects.filter(organization=organization, year=year, relocked_at__isnull=True))
    for row in unlocks:
        row.relocked_at = timezone.now()
        row.save(update_fields=["relocked_at"])
    return len(unlocks)


def snapshot_of(organization, year):
    """{code: value at closing} for the organisation, or None when its year is not closed."""
    closing = closing_for(organization, year)
    if closing is None:
        return None
    row = FigureSnapshot.objects.filter(closing=closing, organization=organization).first()
    return {} if row is None else {code: Decimal(value) for code, value in row.values.items()}


def changes_since_closing(organization, year, current=None):
    """{code: (at closing, now)} for each figure that changed since the year was closed."""
    kept = snapshot_of(organization, year)
    if kept is None:
        return {}
    if current is None:
        current = indicators.compute(organization, Period.year(year), list(kept))
    changed = {}
    for code, now in current.items():
        if code in kept and Decimal(str(now)) != kept[code]:
            changed[code] = (kept[code], now)
    return changed
