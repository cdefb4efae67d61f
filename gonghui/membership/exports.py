"""The member list as the members ledger (its import headers), registered with the ledger exports:
ID numbers masked unless asked for with a purpose, written in the background when large."""

from gonghui.ledgers.exports import Export, chunks, register_export
from gonghui.ledgers.registry import get_kind
from gonghui.people.privacy import conceal_minors

from . import models as m

FLAGS = {"1": True, "0": False}


def _yes(value):
    return "是" if value else "否"


@register_export("members", reveals=True, what="会员名册", params=("q", "card", "migrant", "source", "status"))
def members_export(user, params=None, reveal=None):
    params = params or {}
    rows = m.Membership.objects.search(
        q=params.get("q", ""), card=params.get("card", ""), migrant=FLAGS.get(params.get("migrant", "")),
        at_source=FLAGS.get(params.get("source", "")), status=params.get("status", ""),
    ).visible_to(user)  # fmt: skip
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
