"""The member list as the members ledger (its import headers), registered with the ledger exports:
ID numbers masked unless asked for with a purpose, written in the background when large."""

from django.utils import timezone

from gonghui.core.formats import download_name
from gonghui.ledgers.exports import Export, chunks, register_export
from gonghui.ledgers.registry import get_kind
from gonghui.people.privacy import conceal_minors
from gonghui.reporting.indicators import Period

from . import models as m

FLAGS = {"1": True, "0": False}


def _yes(value):
    return "是" if value else "否"


@register_export("members", reveals=True, what="会员名册", params=("q", "card", "migrant", "source", "status"))
def members_export(user, params=None, reveal=None):
    params = params or {}
    rows = m.Membership.objects.listed_for(
        user, q=params.get("q", ""), card=params.get("card", ""), migrant=FLAGS.get(params.get("migrant", "")),
        at_source=FLAGS.get(params.get("source", "")), status=params.get("status", ""),
    )  # fmt: skip
    kind = get_kind("members")

    def cells():
        for chunk in chunks(rows.select_related("person__township", "person__village", "organization").order_by("-pk")):
            people = [r.person for r in chunk]
            conceal_minors(people, user)
            numbers = reveal.numbers(people) if reveal is not None else {}
            for r in chunk:
                p = r.person
                yield [p.name, numbers.get(p.pk, p.id_number_masked), p.township.name if p.township else "",
                       p.village.name if p.village else "", r.organization.name, r.joined_on, r.card_number,
                       _yes(r.is_migrant_worker), _yes(r.joined_at_source), p.phone]  # fmt: skip

    return Export(title=kind.title, headers=[c.header for c in kind.columns], rows=cells(), count=rows.count())


# --- the lists of the democracy and events pages, in their ledgers' layout -------------------------
#
# Each builder takes the user and the year, starts from the page's own QuerySet (``visible_to``: what
# the page shows, never more) and returns the keyword arguments of ``ledgers.xlsx.ledger_response``.
# The headers are the import kinds' headers (ledgers.py), and choices are written with their first
# Chinese label there, so an exported ledger can be corrected and imported again.


def _labels(code, key):
    """{stored value: its first Chinese label} of a ledger column's choices (what the template offers)."""
    column = next(c for c in get_kind(code).columns if c.key == key)
    labels = {}
    for label, value in column.choices.items():
        labels.setdefault(value, label)
    return labels


def _sheet(code, year, rows, sum_columns=()):
    kind = get_kind(code)
    return _named(kind.title, year, [c.header for c in kind.columns], rows, sum_columns)


def _named(title, year, headers, rows, sum_columns=()):
    title = f"{year}年{title}" if year else title
    return {"title": title, "headers": headers, "rows": rows, "sum_columns": sum_columns,
            "filename": download_name(title, "xlsx", day=timezone.localdate())}  # fmt: skip


def contracts(user, year):
    """集体合同台账: the collective contracts signed in the year."""
    kinds = _labels("collective_contracts", "kind")
    rows = (m.CollectiveContract.objects.visible_to(user).between("signed_on", Period.year(year))
            .select_related("workplace").order_by("signed_on", "pk"))  # fmt: skip
    cells = ([c.workplace.name if c.workplace else "", kinds[c.kind], c.scope, c.signed_on, c.starts_on, c.ends_on,
              c.workers_covered, c.women_covered] for c in rows)  # fmt: skip
    return _sheet("collective_contracts", year, cells, sum_columns=(6, 7))


def labour_contracts(user, year):
    """企事业单位民主管理年报: each workplace's labour contract count for the year, with its workers'
    congress and the open factory affairs found that year."""
    returns = (m.LabourContractReturn.objects.visible_to(user).filter(year=year).select_related("workplace")
               .order_by("workplace__name", "pk"))  # fmt: skip
    congresses = {c.workplace_id: c for c in m.WorkersCongress.objects.visible_to(user)}
    checks = {}
    found = m.OpenAffairsCheck.objects.visible_to(user).between("checked_on", Period.year(year))
    for check in found.order_by("checked_on", "pk"):
        checks[check.workplace_id] = check  # the latest of the year
    rows = []
    for r in returns:
        congress, check = congresses.get(r.workplace_id), checks.get(r.workplace_id)
        rows.append([r.workplace.name, r.year, r.signed, r.workers_with_contract,
                     congress.established_on if congress else None, congress.last_session_on if congress else None,
                     _yes(check.practised) if check else "", check.checked_on if check else None])  # fmt: skip
    return _sheet("workplace_democracy", year, rows, sum_columns=(2, 3))


def workers_congresses(user, year=None):
    """职工代表大会台账: every workplace's workers' congress in the user's subtree."""
    rows = (m.WorkersCongress.objects.visible_to(user).select_related("workplace", "organization")
            .order_by("workplace__name", "pk"))  # fmt: skip
    cells = ([c.workplace.name, c.organization.name, c.established_on, c.last_session_on, c.delegates]
             for c in rows)  # fmt: skip
    headers = ["单位名称", "所在工会", "职代会建立时间", "最近一次职代会", "职工代表人数"]
    return _named("职工代表大会台账", None, headers, cells, sum_columns=(4,))


def events(user, year):
    """职工活动台账: the events of the year."""
    kinds, roles = _labels("union_activities", "kind"), _labels("union_activities", "role")
    rows = m.Event.objects.visible_to(user).between("held_on", Period.year(year)).order_by("held_on", "pk")
    cells = ([e.title, kinds[e.kind], roles[e.role], e.held_on, e.place, e.organisers, e.participants, e.results]
             for e in rows)  # fmt: skip
    return _sheet("union_activities", year, cells, sum_columns=(6,))


def honours(user, year):
    """表彰台账: the honours of the year; ID numbers masked, minors' names concealed as on every list."""
    kinds = _labels("honours", "kind")
    rows = list(m.Honour.objects.visible_to(user).between("awarded_on", Period.year(year)).select_related("person")
                .order_by("awarded_on", "pk"))  # fmt: skip
    conceal_minors([h.person for h in rows if h.person], user)
    cells = ([kinds[h.kind], h.person.name if h.person else "", h.person.id_number_masked if h.person else "", h.team,
              h.awarded_on, h.awarded_by] for h in rows)  # fmt: skip
    return _sheet("honours", year, cells)


def union_events(user, year):
    """基层工会组建台账: the unions founded, reorganised or dissolved in the year."""
    kinds, forms = _labels("union_events", "kind"), _labels("union_events", "form")
    rows = (m.UnionEvent.objects.visible_to(user).between("on", Period.year(year)).select_related("organization")
            .order_by("on", "pk"))  # fmt: skip
    cells = ([e.organization.name, kinds[e.kind], e.on, forms.get(e.form, ""), e.chair,
              e.members_at_founding, e.note] for e in rows)  # fmt: skip
    return _sheet("union_events", year, cells, sum_columns=(5,))


LISTS = {
    "unions": union_events,
    "contracts": contracts,
    "labour": labour_contracts,
    "congresses": workers_congresses,
    "events": events,
    "honours": honours,
}
