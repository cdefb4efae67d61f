"""The figures of seed sections 一 and 二.5 (docs.*, org.*, democracy.*, women.*, homes.*), from records.

Each figure declares its records (``records=``, ``via=``, ``total=``): the drill-down lists the rows
behind it, and the figures page by township computes it for every township in one grouped query
(reporting.indicators.compute_children). Each figure is its records added up, by the same
aggregate the drill-down's total uses, so the two never disagree.
"""

from django.utils.translation import gettext_lazy as _

from gonghui.assistance.indicators import PAID, PAID_ORDER, PAYMENT_COLUMNS
from gonghui.assistance.models import Payment
from gonghui.orgs import scoping
from gonghui.reporting import indicators, tallies
from gonghui.reporting.indicators import register, register_activity

from . import models as m
from . import selectors


def _in(model, org, period, field):
    return scoping.restrict(model.objects.all(), org).between(field, period)


def _figure(code, records, **options):
    """Register `code` as its records added up, as its ``total`` says: the figure and its drill-down's
    合计 are one computation."""

    def compute(org, period):
        ind = indicators.get(code)
        return ind.records_total(ind.records(org, period))

    register(code, records=records, **options)(compute)


# --- documents and meetings -------------------------------------------------------------------


def documents(org, period):
    return _in(m.Document, org, period, "issued_on")


DOCUMENT_COLUMNS = [("organization__name", _("issued by")), ("number", _("document number")),
                    ("title", _("title")), ("issued_on", _("issued on"))]  # fmt: skip
_figure(
    "docs.issued",
    documents,
    name=_("Documents issued"),
    unit=_("documents"),
    columns=DOCUMENT_COLUMNS,
    order=("-issued_on", "-pk"),
)


def follow_up_meetings(org, period):
    return _in(m.Meeting, org, period, "held_on").filter(kind=m.Meeting.Kind.FOLLOW_UP)


# A committee that met twice after the plenary is one committee.
_figure(
    "org.followup_meetings",
    follow_up_meetings,
    name=_("Committees that held a follow-up meeting after the plenary"),
    unit=_("committees"),
    total="distinct:organization",
    columns=[
        ("organization__name", _("held by")),
        ("title", _("title")),
        ("held_on", _("held on")),
        ("follows__title", _("follows the plenary")),
    ],
    order=("-held_on", "-pk"),
)


# --- union building and members ----------------------------------------------------------------

UNION_EVENT_COLUMNS = [("organization__name", _("union")), ("kind", _("event")), ("on", _("date")),
                       ("form", _("form")), ("chair", _("chair")), ("members_at_founding", _("members at founding")),
                       ("note", _("note"))]  # fmt: skip


def unions_founded(org, period):
    return _in(m.UnionEvent, org, period, "on").founded()


def unions_reorganised(org, period):
    return _in(m.UnionEvent, org, period, "on").reorganised()


_figure(
    "org.new_unions",
    unions_founded,
    name=_("Grassroots unions founded"),
    unit=_("unions"),
    columns=UNION_EVENT_COLUMNS,
    order=("-on", "-pk"),
)
# A union reorganised twice in the period is one union.
_figure(
    "org.reorganised",
    unions_reorganised,
    name=_("Grassroots unions reorganised"),
    unit=_("unions"),
    columns=UNION_EVENT_COLUMNS,
    total="distinct:organization",
    order=("-on", "-pk"),
)

MEMBER_COLUMNS = [("organization__name", _("union")), ("person__name", _("member")), ("joined_on", _("joined on")),
                  ("card_number", _("member card number")), ("is_migrant_worker", _("migrant worker"))]  # fmt: skip


def new_members(org, period):
    return scoping.restrict(m.Membership.objects.new_in(period), org)


def joined_at_source(org, period):
    return scoping.restrict(m.Membership.objects.joined_at_source_in(period), org)


_figure("org.new_members", new_members, name=_("New members"), unit=_("people"), columns=MEMBER_COLUMNS)
_figure(
    "org.joined_at_source",
    joined_at_source,
    name=_("Migrant workers who joined at source"),
    unit=_("people"),
    columns=MEMBER_COLUMNS,
)


# --- democratic management ---------------------------------------------------------------------

CONTRACT_COLUMNS = [("organization__name", _("signing union")), ("workplace__name", _("workplace")),
                    ("kind", _("kind")), ("scope", _("region or sector")), ("signed_on", _("signed on")),
                    ("starts_on", _("in force from")), ("ends_on", _("in force until")),
                    ("workers_covered", _("workers covered")), ("women_covered", _("women covered"))]  # fmt: skip


def collective_contracts(org, period):
    return _in(m.CollectiveContract, org, period, "signed_on")


_figure(
    "democracy.collective_contracts",
    collective_contracts,
    name=_("Collective contracts signed"),
    unit=_("contracts"),
    columns=CONTRACT_COLUMNS,
    order=("-signed_on", "-pk"),
)


def labour_contract_returns(org, period):
    rows = scoping.restrict(m.LabourContractReturn.objects.all(), org)
    return rows.filter(year__gte=period.start.year, year__lte=period.end.year)


_figure(
    "democracy.labour_contracts",
    labour_contract_returns,
    name=_("Labour contracts signed"),
    unit=_("contracts"),
    total="sum:signed",
    columns=[
        ("organization__name", _("union")),
        ("workplace__name", _("workplace")),
        ("year", _("year")),
        ("signed", _("labour contracts signed in the year")),
        ("workers_with_contract", _("workers with a labour contract at year end")),
    ],
    order=("-year", "-pk"),
)


def congresses_in_session(org, period):
    # In place by the period's end and met during it (建立健全: set up or held a session).
    return scoping.restrict(m.WorkersCongress.objects.all(), org).filter(
        established_on__lte=period.end, last_session_on__gte=period.start, last_session_on__lte=period.end
    )


_figure(
    "democracy.workers_congresses",
    congresses_in_session,
    name=_("Workplaces with a workers' congress in session"),
    unit=_("workplaces"),
    columns=[
        ("organization__name", _("union")),
        ("workplace__name", _("workplace")),
        ("established_on", _("in place since")),
        ("last_session_on", _("last session")),
        ("delegates", _("delegates")),
    ],
    order=("-last_session_on", "-pk"),
)

WORKPLACE_COLUMNS = [("organization__name", _("union")), ("name", _("workplace")), ("ownership", _("ownership")),
                     ("staff_count", _("staff")), ("women_staff_count", _("women staff"))]  # fmt: skip


def open_affairs_public(org, period):
    return selectors.open_affairs_workplaces(org, period, public=True)


def open_affairs_private(org, period):
    return selectors.open_affairs_workplaces(org, period, public=False)


# Workplaces (orgs.Enterprise) belong to their union, or to the township's federation without one.
_figure(
    "democracy.open_affairs_public",
    open_affairs_public,
    name=_("State and collective units practising open affairs"),
    unit=_("units"),
    columns=WORKPLACE_COLUMNS,
    order=("name", "pk"),
)
_figure(
    "democracy.open_affairs_private",
    open_affairs_private,
    name=_("Non-public enterprises practising open affairs"),
    unit=_("enterprises"),
    columns=WORKPLACE_COLUMNS,
    order=("name", "pk"),
)


# --- women workers -----------------------------------------------------------------------------


def special_contracts(org, period):
    return selectors.special_contracts_in_force(org, period.end)


_figure(
    "women.special_contracts",
    special_contracts,
    name=_("Women workers' special contracts in force"),
    unit=_("contracts"),
    columns=CONTRACT_COLUMNS,
    order=("-signed_on", "-pk"),
)
_figure(
    "women.special_contracts_women",
    special_contracts,
    name=_("Women covered by special contracts"),
    unit=_("people"),
    columns=CONTRACT_COLUMNS,
    total="sum:women_covered",
    order=("-signed_on", "-pk"),
)


def due_workplaces(org, period):
    """The workplaces that owe a special contract, each marked ``_covered`` when one is in force."""
    return selectors.due_workplaces_covered(org, period.end)


_figure(
    "women.special_contracts_coverage",
    due_workplaces,
    name=_("Special contracts signed of those due"),
    unit=_("%"),
    columns=WORKPLACE_COLUMNS,
    total=selectors.COVERAGE,
    order=("name", "pk"),
)


def women_programmes():
    return m.WomenCampaign.objects.filter(programme__isnull=False).values("programme")


def women_assistance(org, period):
    # The money is the assistance payments of the women workers' campaigns' programmes: counted there.
    rows = scoping.restrict(Payment.objects.paid_between(period.start, period.end), org)
    return rows.filter(programme__in=women_programmes())


_figure(
    "women.assistance_amount",
    women_assistance,
    name=_("Assistance to women workers"),
    unit=_("yuan"),
    columns=PAYMENT_COLUMNS,
    total="sum:amount",
    order=PAID_ORDER,
    tally=tallies.Tally(PAID, "amount", keys=women_programmes),  # the payments' monthly tally
)


def campaigns(org, period):
    return _in(m.WomenCampaign, org, period, "held_on")


_figure(
    "women.leaflets",
    campaigns,
    name=_("Leaflets handed out to women workers"),
    unit=_("copies"),
    total="sum:leaflets",
    columns=[
        ("organization__name", _("organiser")),
        ("title", _("title")),
        ("held_on", _("held on")),
        ("place", _("place")),
        ("leaflets", _("leaflets handed out")),
    ],
    order=("-held_on", "-pk"),
)


def women_commended(org, period):
    return _in(m.Honour, org, period, "awarded_on").filter(kind=m.Honour.Kind.ADVANCED_WOMAN)


HONOUR_COLUMNS = [("organization__name", _("union")), ("person__name", _("person")), ("team", _("team or post")),
                  ("kind", _("kind")), ("awarded_on", _("awarded on")), ("awarded_by", _("awarded by"))]  # fmt: skip
_figure(
    "women.commended",
    women_commended,
    name=_("Advanced women workers commended"),
    unit=_("people"),
    columns=HONOUR_COLUMNS,
    order=("-awarded_on", "-pk"),
)


# --- workers' homes ----------------------------------------------------------------------------


def _homes(code, rating, name):
    def rated(org, period):
        return _in(m.HomeRating, org, period, "rated_on").filter(rating=rating)

    _figure(
        code,
        rated,
        name=name,
        unit=_("unions"),
        order=("-rated_on", "-pk"),
        columns=[
            ("organization__name", _("union")),
            ("rating", _("rating")),
            ("rated_on", _("rated on")),
            ("rated_by", _("rating body")),
        ],
    )
    return rated


_homes("homes.qualified", m.HomeRating.Rating.QUALIFIED, _("Qualified workers' homes"))
_homes("homes.excellent", m.HomeRating.Rating.EXCELLENT, _("Excellent workers' homes"))
_homes("homes.model_small", m.HomeRating.Rating.MODEL_SMALL, _("Model small workers' homes"))


@register_activity
def latest_union_event(user):
    return m.UnionEvent.objects.visible_to(user).order_by("-on").values_list("on", flat=True).first()
