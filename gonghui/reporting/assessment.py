"""Assessment (考核): schemes as data, scored from the figures, targets, reports or by hand.

assessment.scores(scheme)            # [Score(org, rank, total, lines=[Line(item, fraction, points, note)])]
assessment.give_score(item=..., organization=..., score=..., note=..., by=user)

A scheme assesses the organisations below its owner, or (``Scheme.Assessed.STAFF``, 机关量化考核)
the owner's own staff: each user of the office is a subject (``Score.staff``), scored by hand
(attendance, tasks, information written, with a note: ``give_score(item=..., staff=user, ...)``)
and on the office's figures against its targets for the items naming them responsible.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import Organization

from . import indicators, reports, targets
from .indicators import Period
from .models import ManualScore, ReportForm, Scheme, SchemeItem

ONE = Decimal(1)


@dataclass
class Line:
    item: SchemeItem
    fraction: Decimal
    points: Decimal
    note: str = ""


@dataclass
class Score:
    organization: Organization
    total: Decimal = Decimal(0)
    rank: int = 0
    lines: list = field(default_factory=list)
    staff: object = None  # the user assessed, in a scheme for the office's staff
    possible: Decimal = Decimal(0)  # the points of the items that apply to this subject

    @property
    def subject(self):
        """What is assessed: the staff member, else the organisation."""
        return self.staff if self.staff is not None else self.organization

    @property
    def name(self):
        if self.staff is not None:
            return str(self.staff)  # the full name (王建国), else the login
        return self.organization.name

    @property
    def share(self):
        return self.total / self.possible if self.possible else Decimal(0)


def is_for_staff(scheme):
    return scheme.assessed == Scheme.Assessed.STAFF


def assessed_staff(scheme):
    """The office's staff: the active users of the scheme's own organisation."""
    from gonghui.orgs.models import User

    return list(User.objects.filter(organization=scheme.organization, is_active=True).order_by("username"))


def assessed(scheme):
    if is_for_staff(scheme):
        return [scheme.organization]
    rows = Organization.objects.filter(parent=scheme.organization, is_active=True)
    if scheme.assessed == Scheme.Assessed.TOWNSHIPS:
        rows = rows.filter(category=Organization.Category.TOWNSHIP)
    return list(rows.order_by("path"))


def _share(part, whole):
    if part is None or not whole:
        return Decimal(0)
    return min(ONE, Decimal(str(part)) / Decimal(str(whole)))


def _codes(item):
    p = item.params or {}
    if item.kind == SchemeItem.Kind.TARGET:
        return [p.get("code")]
    if item.kind == SchemeItem.Kind.SHARE:
        return [p.get("code"), p.get("of")]
    if item.kind == SchemeItem.Kind.ANY:
        return list(p.get("codes") or [])
    return []


def scores(scheme, within=None):
    """Every assessed organisation's (or staff member's) score, ranked (1 = best), with the
    per-item breakdown. Ranked by the share of the points that apply to the subject (an item on
    a figure another staff member is responsible for is not in one's own), then by the total.

    Items on indicators no area has registered yet score 0 with a note saying so.
    """
    if is_for_staff(scheme):
        return _staff_scores(scheme)
    orgs = assessed(scheme)
    if within is not None and within.pk != scheme.organization_id:
        orgs = [o for o in orgs if o.path.startswith(within.path)]
    items = list(scheme.items.all())
    period = Period.year(scheme.year)
    codes = sorted({c for item in items for c in _codes(item) if c and indicators.is_registered(c)})
    figures = indicators.compute_children(scheme.organization, period, codes, children=orgs) if codes else {}
    goal = targets.children_targets(scheme.organization, period)
    manual = {(s.item_id, s.organization_id): s for s in ManualScore.objects.filter(item__scheme=scheme)}
    form_rates = {}
    for item in items:
        if item.kind == SchemeItem.Kind.REPORTS:
            form = ReportForm.objects.filter(code=item.params.get("form"), is_active=True,
                                             organization=scheme.organization).first()  # fmt: skip
            form_rates[item.pk] = (
                reports.rates_by_committee(form, scheme.organization, scheme.year) if form else {}
            )
    out = []
    for org in orgs:
        values = figures.get(org.pk, {})
        score = Score(org)
        for item in items:
            fraction, note = _fraction(item, org, values, goal, manual, form_rates)
            _add(score, item, fraction, note)
        out.append(score)
    return _ranked(out, key=lambda s: s.organization.path)


def _add(score, item, fraction, note):
    points = (item.points * fraction).quantize(Decimal("0.1"))
    score.lines.append(Line(item, fraction, points, note))
    score.total += points
    score.possible += item.points


def _ranked(out, *, key):
    out.sort(key=lambda s: (-s.share, -s.total, key(s)))
    rank = 0
    for i, s in enumerate(out):
        rank = i + 1 if i == 0 or (s.share, s.total) != (out[i - 1].share, out[i - 1].total) else rank
        s.rank = rank
    return out


def _staff_scores(scheme):
    """The office's staff: hand-given scores per member, and the office's figures against its own
    targets on the items naming the member responsible."""
    office = scheme.organization
    items = list(scheme.items.all())
    period = Period.year(scheme.year)
    codes = sorted({c for item in items for c in _codes(item) if c and indicators.is_registered(c)})
    values = indicators.compute(office, period, codes) if codes else {}
    goal = {(office.pk, t.code): t.value for t in targets.for_period(office, period)}
    manual = {(s.item_id, s.staff_id): s for s in ManualScore.objects.filter(item__scheme=scheme, staff__isnull=False)}
    out = []
    for user in assessed_staff(scheme):
        score = Score(office, staff=user)
        for item in items:
            if item.responsible_id is not None and item.responsible_id != user.pk:
                continue  # another member's figure
            if item.kind == SchemeItem.Kind.MANUAL:
                given = manual.get((item.pk, user.pk))
                fraction, note = (
                    (Decimal(0), str(_("not scored yet"))) if given is None
                    else (_share(given.score, item.points), given.note)
                )  # fmt: skip
            elif item.kind == SchemeItem.Kind.REPORTS:
                fraction, note = Decimal(0), str(_("reports are scored for organisations, not staff"))
            else:
                fraction, note = _fraction(item, office, values, goal, {}, {})
            _add(score, item, fraction, note)
        out.append(score)
    return _ranked(out, key=lambda s: s.staff.username)


def _fraction(item, org, values, goal, manual, form_rates):
    p = item.params or {}
    missing = [c for c in _codes(item) if not indicators.is_registered(c or "")]
    if missing:
        return Decimal(0), str(
            _("not yet computed: %(codes)s") % {"codes": ", ".join(str(c) for c in missing)}
        )
    if item.kind == SchemeItem.Kind.TARGET:
        actual, target = values.get(p["code"]), goal.get((org.pk, p["code"]))
        if target is None:
            return (ONE if actual else Decimal(0)), str(_("no target"))
        return (ONE if not target else _share(actual, target)), f"{actual} / {target}"
    if item.kind == SchemeItem.Kind.SHARE:
        return _share(
            values.get(p["code"]), values.get(p["of"])
        ), f"{values.get(p['code'])} / {values.get(p['of'])}"
    if item.kind == SchemeItem.Kind.ANY:
        codes = p.get("codes") or []
        done = sum(1 for c in codes if values.get(c))
        return _share(done, len(codes)), f"{done} / {len(codes)}"
    if item.kind == SchemeItem.Kind.REPORTS:
        submitted, on_time, expected = form_rates.get(item.pk, {}).get(org.pk, (0, 0, 0))
        part = on_time if p.get("on_time") else submitted
        return _share(part, expected), f"{part} / {expected}"
    given = manual.get((item.pk, org.pk))
    if given is None:
        return Decimal(0), str(_("not scored yet"))
    return _share(given.score, item.points), given.note


def scored_from_visits(item):
    """An item scored by hand from records elsewhere (the Three Cares inspection visits: `{"from":
    "inspections"}`): its score is the visits' to give, and a hand score would be overwritten."""
    return item.kind == SchemeItem.Kind.MANUAL and bool((item.params or {}).get("from"))


@transaction.atomic
def give_score(*, item, score, note, organization=None, staff=None, by=None, from_visits=False):
    """Score a manual item for one organisation (or, in a scheme for the office's staff, one staff
    member); the note is required and the score at most the points. An item scored from visits
    takes its score only from them (`from_visits=True`)."""
    errors = {}
    for_staff = is_for_staff(item.scheme)
    if for_staff:
        organization = item.scheme.organization
        if staff is None or staff.organization_id != organization.pk:
            errors["staff"] = _("Choose a member of %(org)s's staff.") % {"org": organization.name}
        elif item.responsible_id is not None and item.responsible_id != staff.pk:
            errors["staff"] = _("This item is %(name)s's.") % {
                "name": str(item.responsible)
            }
    elif organization is None:
        errors["organization"] = _("Choose an organisation.")
    if item.kind != SchemeItem.Kind.MANUAL:
        errors["item"] = _("This item is scored from the records, not by hand.")
    elif scored_from_visits(item) and not from_visits:
        errors["item"] = _("This item is scored from the inspection visits: record the visit instead.")
    if not (note or "").strip():
        errors["note"] = _("Say what the score is based on.")
    try:
        score = Decimal(str(score))
        if not score.is_finite() or not 0 <= score <= item.points:
            raise ValueError
    except Exception:
        errors["score"] = _("Enter a score from 0 to %(points)s.") % {"points": item.points}
    if not for_staff and organization is not None and organization.parent_id != item.scheme.organization_id:
        errors["organization"] = _("%(org)s is not assessed by this scheme.") % {"org": organization.name}
    if errors:
        raise ValidationError(errors)
    who = {"staff": staff} if for_staff else {"organization": organization, "staff": None}
    row, _created = ManualScore.objects.update_or_create(
        item=item, **who,
        defaults={"organization": organization, "score": score, "note": note.strip(), "given_by": by},
    )  # fmt: skip
    return row
