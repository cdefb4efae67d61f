"""The registry ledgers: out-migrant and incoming workers, returnees, elders, children, proxy parents.

A person already on a registry (from an earlier file, or another township's) is not registered
twice: the row is marked a duplicate, warned about and skipped."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.ledgers.bulk import insert_dicts
from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.ledgers.vocabulary import PROVINCES

from ..querysets import minors_visible_to
from ..registries import find
from .base import CHILD_EXAMPLE_ID, ELDER_EXAMPLE_ID, YES_MEMBER, person_columns


class RegistryKind(LedgerKind):
    """A registry ledger: person columns, then the registry's own columns (key → model field)."""

    extra = []  # (Column, model field)

    @property
    def model(self):
        """The registry's model, as its declaration (registries.REGISTRIES) under this ledger code names it."""
        return find(self.code).model
    key = ["id_number"]
    instructions = ["同一人在一个文件中只能出现一次；已在本台账登记的人（任何乡镇）不会重复登记。"]

    def __init__(self):
        self.columns = person_columns() + [column for column, _field in self.extra]

    def check(self, rows, ctx):
        people = ctx.people_by_id_number(rows)
        on_register = dict(
            self.model.objects.filter(person__in=[p.pk for p in people.values()])
            .select_related("organization")
            .values_list("person_id", "organization__name")
        )
        for row in rows:
            if row["township"] is None and row["village"] is None:
                row.error("township", _("Give the township (or the village) this person lives in."))
                continue
            person = people.get(row["id_number"])
            if person is not None and person.pk in on_register:
                row.instance = person
                row.mark("duplicate")
                row.warn("id_number", _("%(name)s is already on this register (kept by %(org)s); the row was "
                                        "skipped.") % {"name": person.name, "org": on_register[person.pk]})  # fmt: skip
            else:
                row.mark("new")
            self.check_row(row, ctx)

    def check_row(self, row, ctx):
        """Checks of the registry's own columns."""

    def write(self, rows, ctx):
        matched = sum(1 for row in rows if row.status != "new")  # counted as a dry run counts them
        rows = [row for row in rows if row.status == "new"]
        people = ctx.ensure_people(
            rows, township="township", village="village", phone="phone", gender="gender", ids_only=True
        )
        entries = []
        extra = [(column.key, field) for column, field in self.extra]
        today = ctx.today or timezone.localdate()
        for row in rows:
            values = row.values
            village = values["village"]
            township = values["township"] or village.parent
            fields = {field: values[key] for key, field in extra if values[key] is not None}
            fields.update(self.derived(row))
            entries.append(
                dict(
                    person_id=people[values["id_number"]],
                    township_id=township.pk,
                    village_id=village.pk if village else None,
                    organization_id=village.organization_id if village else township.organization_id,
                    registered_on=values.get("registered_on") or today,
                    **fields,
                )
            )
        # The county's 92,388 out-migrants: model instances and bulk_create's per-value preparation
        # were most of the import's time.
        insert_dicts(self.model, entries)
        return len(entries), matched

    def derived(self, row):
        return {}


_PROVINCES_BY_START = {}
for _province in PROVINCES:
    _PROVINCES_BY_START.setdefault(_province[:2], []).append(_province)


def split_destination(text):
    """广东省东莞市 → (广东, 东莞); text without a known province stays the city."""
    text = (text or "").strip()
    for province in _PROVINCES_BY_START.get(text[:2], ()):
        if text.startswith(province):
            rest = text[len(province) :].lstrip("省市")
            for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区"):
                rest = rest.removeprefix(suffix)
            return province, rest.removesuffix("市")[:30]
    return "", text[:30]


@register_kind
class OutMigrantsKind(RegistryKind):
    code = "out_migrants"
    title = "外出务工人员台账"
    extra = [
        (Column("left_on", "外出时间", "date", aliases=["外出日期", "外出务工时间", "外出年月"], example="2008-02-20"),
         "left_on"),
        (Column("destination", "务工地点", "text", aliases=["务工地", "外出务工地点", "打工地点", "务工地址", "外出地点"],
                example="广东省东莞市"), None),
        (Column("employer", "务工单位", "text", max_length=100, aliases=["工作单位", "务工企业", "所在单位"],
                example="东莞某电子厂"), "employer"),
        (Column("industry", "从事行业", "text", max_length=40, aliases=["行业", "工种", "从事工种"], example="制造"),
         "industry"),
        (Column("is_member", "是否会员", "yesno", aliases=YES_MEMBER, example="是"), "is_member"),
        (Column("mailing_address", "通信地址", "text", max_length=200, aliases=["通讯地址", "邮寄地址"],
                example="广东省东莞市长安镇工业园1号"), "mailing_address"),
    ]  # fmt: skip

    def __init__(self):
        super().__init__()
        self.extra = [(c, f) for c, f in self.extra if f is not None]

    def derived(self, row):
        province, city = split_destination(row["destination"])
        return {"destination_province": province, "destination_city": city}


@register_kind
class IncomingWorkersKind(RegistryKind):
    code = "incoming_workers"
    title = "外来务工人员台账"
    extra = [
        (Column("home_place", "籍贯", "text", max_length=60, aliases=["户籍地", "来源地", "户籍所在地"]), "home_place"),
        (Column("employer", "务工单位", "text", max_length=100, aliases=["工作单位", "所在单位"]), "employer"),
        (Column("industry", "从事行业", "text", max_length=40, aliases=["行业", "工种"]), "industry"),
        (Column("is_member", "是否会员", "yesno", aliases=YES_MEMBER), "is_member"),
    ]  # fmt: skip


@register_kind
class ReturneesKind(RegistryKind):
    code = "returnees"
    title = "返乡创业人员台账"
    extra = [
        (Column("business", "创业项目", "text", required=True, max_length=100, aliases=["项目名称", "创业内容"], example="生态养殖场"),
         "business"),
        (Column("started_on", "创业时间", "date", aliases=["创业日期"]), "started_on"),
        (Column("jobs_created", "带动就业人数", "integer", aliases=["带动就业", "吸纳就业人数"]), "jobs_created"),
    ]  # fmt: skip


HEALTH = {
    "良好": "good",
    "健康": "good",
    "一般": "fair",
    "较差": "poor",
    "差": "poor",
    "不能自理": "disabled",
}


@register_kind
class EldersKind(RegistryKind):
    code = "elders"
    title = "空巢老人台账"

    def __init__(self):
        super().__init__()
        self.columns = person_columns(ELDER_EXAMPLE_ID) + [column for column, _field in self.extra]

    extra = [
        (Column("children_away", "子女外出人数", "integer", aliases=["外出子女数", "外出子女人数"]), "children_away"),
        (Column("health", "健康状况", "choice", choices=HEALTH, aliases=["身体状况"]), "health"),
        (Column("lives_alone", "是否独居", "yesno", aliases=["独居"]), "lives_alone"),
    ]  # fmt: skip


KIND = {
    "留守学生": "pupil",
    "学生": "pupil",
    "在校学生": "pupil",
    "学龄前儿童": "preschool",
    "学龄前": "preschool",
}
RELATION = {"祖父母": "grandparent", "爷爷奶奶": "grandparent", "外公外婆": "grandparent", "祖辈": "grandparent",
            "亲属": "relative", "其他亲属": "relative", "父亲": "parent", "母亲": "parent", "父母": "parent",
            "其他": "other"}  # fmt: skip


@register_kind
class ChildrenKind(RegistryKind):
    code = "children"
    title = "留守儿童台账"
    extra = [
        (Column("kind", "类别", "choice", required=True, choices=KIND, aliases=["儿童类别", "是否在校"], example="留守学生"), "kind"),
        (Column("school", "学校", "text", max_length=60, aliases=["就读学校", "所在学校"], example="高桥镇中心小学"),
         "school"),
        (Column("grade", "年级", "text", max_length=20, aliases=["班级", "年级班级"], example="三年级"), "grade"),
        (Column("guardian_name", "监护人", "name", aliases=["监护人姓名"]), "guardian_name"),
        (Column("guardian_relation", "与监护人关系", "choice", choices=RELATION, aliases=["监护人关系", "关系"]),
         "guardian_relation"),
        (Column("father_works_in", "父亲务工地", "text", max_length=60, aliases=["父亲务工地点"]), "father_works_in"),
        (Column("mother_works_in", "母亲务工地", "text", max_length=60, aliases=["母亲务工地点"]), "mother_works_in"),
    ]  # fmt: skip

    def __init__(self):
        super().__init__()
        self.columns = person_columns(CHILD_EXAMPLE_ID) + [column for column, _field in self.extra]

    def can_import(self, user):
        # Children are minors: only roles that may see their records may register them.
        return super().can_import(user) and minors_visible_to(user)

    def why_not_import(self, user):
        if getattr(user, "can_edit", False) and not minors_visible_to(user):
            return _("Children are minors: their ledger is imported by the township's committee or the county "
                     "federation, which may see minors' records. Send your list to your township's committee.")  # fmt: skip
        return super().why_not_import(user)

    def check_row(self, row, ctx):
        if row["kind"] == "preschool" and (row["school"] or row["grade"]):
            row.error("school", _("A preschool child has no school or grade; make the child a pupil or clear "
                                  "the school."))  # fmt: skip


@register_kind
class ProxyParentsKind(RegistryKind):
    code = "proxy_parents"
    title = "代理家长台账"
    extra = [
        (Column("workplace", "工作单位或职务", "text", max_length=100, aliases=["工作单位", "职务", "单位及职务"]),
         "workplace"),
        (Column("duties", "职责", "text", aliases=["代理职责"]), "duties"),
    ]  # fmt: skip
