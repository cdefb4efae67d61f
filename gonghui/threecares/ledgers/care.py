"""The care ledgers: pairings with elders, visits with money, medical fee waivers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.ledgers.registry import Column, register_kind

from .. import models as m
from .. import services
from ..registries import BY_VISIT
from .base import ELDER_EXAMPLE_ID, ServiceKind, mark_against


@register_kind
class PairingsKind(ServiceKind):
    code = "pairings"
    title = "空巢老人结对帮扶台账"
    columns = [
        Column("name", "老人姓名", "name", aliases=["姓名", "空巢老人姓名"]),
        Column(
            "id_number",
            "老人身份证号",
            "id_number",
            required=True,
            aliases=["身份证号", "身份证号码"],
            example=ELDER_EXAMPLE_ID,
        ),
        Column(
            "helper_name",
            "帮扶人",
            "name",
            required=True,
            aliases=["结对帮扶人", "帮扶人姓名", "结对人"],
            example="李四",
        ),
        Column("helper_unit", "帮扶人单位", "text", max_length=100, aliases=["帮扶单位", "工作单位"]),
        Column("helper_phone", "帮扶人电话", "phone", aliases=["联系电话"]),
        Column("paired_on", "结对时间", "date", required=True, aliases=["结对日期"], example="2008-03-05"),
    ]
    key = ["id_number", "helper_name"]

    def check(self, rows, ctx):
        people = ctx.people_by_id_number(rows)
        elders = {
            e.person_id: e
            for e in self.in_scope(ctx, m.Elder)
            .filter(person__in=[p.pk for p in people.values()])
            .select_related("person")
        }
        pairings = m.Pairing.objects.filter(elder__in=list(elders.values()))
        existing = {(p.elder_id, p.helper_name, p.paired_on): p for p in pairings}
        active = {p.elder_id: p.helper_name for p in pairings if p.ended_on is None}
        for row in rows:
            person = people.get(row["id_number"])
            elder = elders.get(person.pk) if person else None
            if elder is None:
                row.error("id_number", _("No empty-nest elder with this ID number is registered in your area; "
                                         "import the elders' ledger first."))  # fmt: skip
                continue
            same = existing.get((elder.pk, row["helper_name"], row["paired_on"]))
            if same is None:
                try:  # pair_elder's rule: one helper at a time; end the pairing on its page first
                    services.check_one_helper(elder=elder, current_helper=active.get(elder.pk, ""))
                except ValidationError as e:
                    row.reject(e, {"elder": "helper_name"})
                    continue
                active[elder.pk] = row["helper_name"]  # a second new helper further down is refused too
            mark_against(row, same, ["helper_unit", "helper_phone"], self, key="helper_name")
            row.extra["elder"] = elder

    def build(self, row, ctx):
        return m.Pairing(
            elder=row.extra["elder"],
            helper_name=row["helper_name"],
            helper_unit=row["helper_unit"] or "",
            helper_phone=row["helper_phone"] or "",
            organization_id=row.extra["elder"].organization_id,
            paired_on=row["paired_on"],
        )


VISITED = {
    "外出务工人员": "migrant",
    "农民工": "migrant",
    "外出民工": "migrant",
    "空巢老人": "elder",
    "留守儿童": "child",
}


@register_kind
class VisitsKind(ServiceKind):
    code = "visits"
    title = "“三关”慰问台账"
    columns = [
        Column("name", "姓名", "name", aliases=["慰问对象"]),
        Column(
            "id_number",
            "身份证号",
            "id_number",
            required=True,
            aliases=["身份证号码"],
            example=ELDER_EXAMPLE_ID,
        ),
        Column(
            "kind",
            "慰问对象类别",
            "choice",
            required=True,
            choices=VISITED,
            aliases=["类别", "对象类别"],
            example="空巢老人",
        ),
        Column("visited_on", "慰问时间", "date", required=True, aliases=["慰问日期"], example="2008-01-28"),
        Column(
            "amount",
            "慰问金",
            "amount",
            required=True,
            aliases=["慰问金额", "金额", "慰问金(元)"],
            example="100",
        ),
        Column("visited_by", "慰问单位", "text", max_length=100, aliases=["慰问人", "慰问单位或个人"]),
    ]
    key = ["id_number", "kind", "visited_on"]

    def check(self, rows, ctx):
        people = ctx.people_by_id_number(rows)
        ids = [p.pk for p in people.values()]
        entries = {}
        for kind, registry in BY_VISIT.items():
            # A child's visit needs a role that may see children: visible_to decides.
            source = registry.model.objects.visible_to(ctx.user or ctx.organization)
            entries[kind] = {e.person_id: e for e in source.filter(person__in=ids)}
        # One visit per person, kind and day (the model's rule): a re-imported file records nothing twice.
        visits = {(v.kind, v.person_id, v.visited_on): v for v in m.Visit.objects.filter(person__in=ids)}
        for row in rows:
            person = people.get(row["id_number"])
            entry = entries[row["kind"]].get(person.pk) if person else None
            if entry is None:
                row.error("id_number", _("This person is not on the register of the kind visited in your area; "
                                         "register them first."))  # fmt: skip
                continue
            if row["amount"] < 0:
                row.error("amount", _("A visit's money cannot be negative."))
                continue
            row.extra["entry"] = entry
            same = visits.get((row["kind"], entry.person_id, row["visited_on"]))
            mark_against(row, same, ["amount", "visited_by"], self, key="visited_on")

    def build(self, row, ctx):
        return m.Visit(
            kind=row["kind"],
            person_id=row.extra["entry"].person_id,
            organization_id=row.extra["entry"].organization_id,
            visited_on=row["visited_on"],
            amount=row["amount"],
            visited_by=row["visited_by"] or "",
        )


@register_kind
class MedicalWaiversKind(ServiceKind):
    code = "medical_waivers"
    title = "老年人医疗费减免台账"
    columns = [
        Column("name", "姓名", "name", aliases=["老人姓名", "空巢老人姓名", "减免对象"], example="张三",
               help="须与身份证号登记的姓名一致。"),
        Column("id_number", "身份证号", "id_number", required=True,
               aliases=["身份证号码", "老人身份证号", "公民身份号码", "身份证"], example=ELDER_EXAMPLE_ID,
               help="须已登记在空巢老人台账。"),
        Column("granted_on", "减免日期", "date", required=True, aliases=["减免时间", "日期", "就诊日期", "就诊时间"],
               example="2008-05-20"),
        Column("amount", "减免金额(元)", "amount", required=True,
               aliases=["减免金额", "减免金额(元)", "金额", "减免费用", "减免医疗费"], example="120"),
        Column("provider", "医疗机构", "text", required=True, max_length=100,
               aliases=["医疗单位", "减免单位", "医院", "卫生院", "就诊医院", "就诊医疗机构", "医疗机构名称"],
               example="高桥镇卫生院"),
    ]  # fmt: skip
    key = ["id_number", "granted_on", "provider"]
    instructions = ["老人须先在空巢老人台账登记；同一老人同日同一医疗机构的减免已登记的，不再重复登记。"]

    def check(self, rows, ctx):
        people = ctx.people_by_id_number(rows)
        elders = {
            e.person_id: e
            for e in self.in_scope(ctx, m.Elder).filter(person__in=[p.pk for p in people.values()])
        }
        recorded = {
            (w.elder_id, w.granted_on, w.provider): w
            for w in m.MedicalWaiver.objects.filter(
                elder__in=[e.pk for e in elders.values()], granted_on__in={r["granted_on"] for r in rows}
            )
        }
        for row in rows:
            person = people.get(row["id_number"])
            elder = elders.get(person.pk) if person else None
            if elder is None:
                row.error("id_number", _("No empty-nest elder with this ID number is registered in your area; "
                                         "import the elders' ledger first."))  # fmt: skip
                continue
            if row["name"] and row["name"] != person.name:
                row.error("name", _("This ID number is registered to %(name)s; check the name or the ID number.")
                          % {"name": person.name})  # fmt: skip
                continue
            if row["amount"] <= 0:
                row.error("amount", _("A waiver must be more than 0 yuan."))
                continue
            waiver = recorded.get((elder.pk, row["granted_on"], row["provider"]))
            mark_against(row, waiver, ["amount"], self, key="provider")
            if waiver is None:
                row.instance = elder

    def build(self, row, ctx):
        return m.MedicalWaiver(
            elder=row.instance,
            organization_id=row.instance.organization_id,
            granted_on=row["granted_on"],
            amount=row["amount"],
            provider=row["provider"],
        )
