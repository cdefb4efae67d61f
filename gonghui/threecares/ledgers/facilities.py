"""The ledgers kept by place: family phones and mailboxes, elders' mutual-aid societies."""

from gonghui.ledgers.registry import Column, register_kind

from .. import models as m
from ..services_lists import find
from .base import PlacedKind, mark_against, place_columns, township_id_of


class InstallationKind(PlacedKind):
    compared = ["installed_on"]
    key = ["location", "township", "village"]
    instructions = ["同一乡镇、村(社区)、安装地点只登记一处；已登记的行不再重复登记。"]

    @property
    def model(self):
        """The model its service's declaration (services_lists.SERVICE_LISTS) names for this ledger code."""
        return find(self.code).model

    def natural_key(self, row):
        if not row["location"] or township_id_of(row) is None:
            return None
        village = row["village"]
        return township_id_of(row), village.pk if village is not None else None, row["location"]

    def check(self, rows, ctx):
        self.places(rows, ctx)
        rows = self.placed(rows)
        existing = {
            (r.township_id, r.village_id, r.location): r
            for r in self.model.objects.filter(
                township__in={row.extra["township"].pk for row in rows}, location__in={row["location"] for row in rows}
            )
        }  # fmt: skip
        for row in rows:
            village = row["village"]
            record = existing.get(
                (row.extra["township"].pk, village.pk if village else None, row["location"])
            )
            mark_against(row, record, self.compared, self, key="location")

    def fields(self, row):
        return {}

    def build(self, row, ctx):
        return self.model(
            township=row.extra["township"],
            village=row["village"],
            organization=row.extra["owner"],
            installed_on=row["installed_on"],
            location=row["location"],
            **self.fields(row),
        )


LOCATION = ["地点", "安装位置", "设置地点", "安装地址", "所在地点", "具体位置"]
INSTALLED = ["安装日期", "设置时间", "开通时间", "建立时间", "时间"]


@register_kind
class FamilyPhonesKind(InstallationKind):
    code = "family_phones"
    title = "亲情电话台账"
    columns = [
        *place_columns(),
        Column("location", "安装地点", "text", required=True, max_length=100, aliases=LOCATION,
               example="高桥村小学"),
        Column("number", "电话号码", "text", max_length=30, aliases=["号码", "电话", "亲情电话号码", "联系电话"],
               example="0851-5221234"),
        Column("installed_on", "安装时间", "date", required=True, aliases=INSTALLED, example="2008-06-01"),
    ]  # fmt: skip
    compared = ["installed_on", "number"]

    def fields(self, row):
        return {"number": row["number"] or ""}


@register_kind
class FamilyMailboxesKind(InstallationKind):
    code = "family_mailboxes"
    title = "亲情信箱台账"
    columns = [
        *place_columns(),
        Column("location", "安装地点", "text", required=True, max_length=100, aliases=LOCATION,
               example="高桥村小学"),
        Column("installed_on", "安装时间", "date", required=True, aliases=INSTALLED, example="2008-06-01"),
    ]  # fmt: skip


@register_kind
class MutualAidSocietiesKind(PlacedKind):
    code = "mutual_aid_societies"
    title = "老年人互助会台账"
    columns = [
        Column("name", "互助会名称", "text", required=True, max_length=100, aliases=["名称", "互助会", "组织名称"],
               example="高桥村老年人互助会"),
        *place_columns(),
        Column("leader_name", "负责人", "name", aliases=["会长", "负责人姓名", "联系人"], example="王五"),
        Column("founded_on", "成立时间", "date", required=True, aliases=["成立日期", "建立时间"], example="2008-04-15"),
    ]  # fmt: skip
    key = ["name", "township"]
    instructions = [
        "一个乡镇的互助会名称不能重复；已登记的互助会不再重复登记。",
        "会员（须为本乡镇登记的空巢老人）在互助会页面添加，本台账不导入会员。",
    ]

    def natural_key(self, row):
        township = township_id_of(row)
        return None if township is None or not row["name"] else (township, row["name"])

    def check(self, rows, ctx):
        self.places(rows, ctx)
        rows = self.placed(rows)
        existing = {
            (s.township_id, s.name): s
            for s in m.MutualAidSociety.objects.filter(
                township__in={row.extra["township"].pk for row in rows},
                name__in={row["name"] for row in rows},
            )
        }
        for row in rows:
            society = existing.get((row.extra["township"].pk, row["name"]))
            compared = ["founded_on", "leader_name", "village"]
            mark_against(row, society, compared, self, key="name")

    def build(self, row, ctx):
        return m.MutualAidSociety(
            name=row["name"],
            township=row.extra["township"],
            village=row["village"],
            organization=row.extra["owner"],
            founded_on=row["founded_on"],
            leader_name=row["leader_name"] or "",
        )
