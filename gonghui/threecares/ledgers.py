"""The Three Cares ledger kinds (三关工程系列台账), through the ledger engine.

Headers and aliases are data: what township offices write above their columns. A person already
on a registry (from an earlier file, or another township's) is not registered twice: the row is
marked a duplicate, warned about and skipped.

The service ledgers (waivers, phones, mailboxes, societies, symposiums, trainings, referrals)
keep the rules of ``services``: a row whose record already exists (the same identity as the
services refuse to record twice) is left as it is, so importing the same file again changes
nothing; one that differs is a conflict, skipped with a warning, corrected on the record's page.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.ledgers.bulk import insert_dicts
from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.ledgers.vocabulary import PROVINCES, TOWNSHIP_ALIASES, VILLAGE_ALIASES

from . import models as m
from . import services
from .querysets import minors_visible_to

TOWNSHIP = TOWNSHIP_ALIASES
VILLAGE = VILLAGE_ALIASES
YES_MEMBER = ["是否工会会员", "会员", "是否入会", "工会会员"]
# Example rows of the templates: a valid adult (an elder in the elders' ledger) and a child.
ELDER_EXAMPLE_ID = "520199194203150023"
CHILD_EXAMPLE_ID = "52019920000601002X"


def _example_gender(number):
    # The template's example row agrees with its own ID number (the 17th digit: odd for men).
    return "男" if int(number[16]) % 2 else "女"


def person_columns(example_id="520199197503080016"):
    return [
        Column("name", "姓名", "name", required=True, aliases=["名字", "人员姓名"], example="张三"),
        Column("id_number", "身份证号", "id_number", required=True,
               aliases=["身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码"],
               example=example_id, help="18位；请把本列设为“文本”。"),
        Column("gender", "性别", "gender", example=_example_gender(example_id)),
        Column("phone", "联系电话", "phone", aliases=["手机号码", "手机号", "手机", "电话", "联系方式"],
               example="13800001111"),
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP, example="高桥镇"),
        Column("village", "村(社区)", "place", place="village", within="township", aliases=VILLAGE,
               example="高桥村"),
        Column("registered_on", "登记日期", "date", aliases=["建档日期", "登记时间"], example="2008-03-01",
               help="不填则为导入当天。"),
    ]  # fmt: skip


class RegistryKind(LedgerKind):
    """A registry ledger: person columns, then the registry's own columns (key → model field)."""

    model = None
    extra = []  # (Column, model field)
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
            rows, township="township", village="village", phone="phone", gender="gender"
        )
        entries = []
        for row in rows:
            village = row["village"]
            township = row["township"] or village.parent
            fields = {field: row[column.key] for column, field in self.extra if row[column.key] is not None}
            fields.update(self.derived(row))
            entries.append(
                dict(
                    person_id=people[row["id_number"]].pk,
                    township_id=township.pk,
                    village_id=village.pk if village else None,
                    organization_id=village.organization_id if village else township.organization_id,
                    registered_on=row["registered_on"] or ctx.today or timezone.localdate(),
                    **fields,
                )
            )
        # The county's 92,388 out-migrants: model instances and bulk_create's per-value preparation
        # were most of the import's time.
        insert_dicts(self.model, entries)
        return len(entries), matched

    def derived(self, row):
        return {}


def split_destination(text):
    """广东省东莞市 → (广东, 东莞); text without a known province stays the city."""
    text = (text or "").strip()
    for province in PROVINCES:
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
    model = m.OutMigrant
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
    model = m.IncomingWorker
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
    model = m.Returnee
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
    model = m.Elder

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
    model = m.LeftBehindChild
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
    model = m.ProxyParent
    extra = [
        (Column("workplace", "工作单位或职务", "text", max_length=100, aliases=["工作单位", "职务", "单位及职务"]),
         "workplace"),
        (Column("duties", "职责", "text", aliases=["代理职责"]), "duties"),
    ]  # fmt: skip


class ServiceKind(LedgerKind):
    """A service ledger: each new row becomes one record (``build``); matched rows are left as they are."""

    def in_scope(self, ctx, model):
        return model.objects.visible_to(ctx.organization)

    def build(self, row, ctx):
        raise NotImplementedError

    def write(self, rows, ctx):
        new = [self.build(row, ctx) for row in rows if row.status == "new"]
        if new:
            type(new[0]).objects.bulk_create(new, batch_size=1000)
        return len(new), len(rows) - len(new)


def _same(old, new):
    """A stored value and a parsed cell agree (a blank cell matches a blank text or zero)."""
    if new is None:
        return old in (None, "", 0)
    if isinstance(new, Decimal) or isinstance(old, Decimal):
        return Decimal(old or 0) == Decimal(new)
    return old == new


def recorded(model, rows, **scope):
    """{(title, held_on): record} of the records of `model` the titled rows of a batch may repeat."""
    found = model.objects.filter(
        title__in={r["title"] for r in rows}, held_on__in={r["held_on"] for r in rows}, **scope
    )
    return {(r.title, r.held_on): r for r in found}


def mark_against(row, record, compared, kind, *, key, fields=None):
    """A row whose record already exists is not recorded again: unchanged, or a conflict if it differs.

    ``compared`` are column keys; ``fields`` maps a column key to the record's field when they differ.
    A conflicting row is skipped with a warning: the services refuse a second record with the same
    identity, and a record is corrected on its own page, with that page's checks.
    """
    if record is None:
        row.mark("new")
        return
    row.instance = record
    fields = fields or {}
    changes = []
    for column in compared:
        field, new = fields.get(column, column), row[column]
        if kind.column(column).type == "place":
            # Places compare by id; the stored one is loaded only to show a difference.
            if getattr(record, f"{field}_id") == (new.pk if new is not None else None):
                continue
        elif _same(getattr(record, field), new):
            continue
        changes.append((row.headers.get(column) or kind.column(column).header, getattr(record, field), new))
    row.mark("conflict" if changes else "unchanged", changes=changes)
    if changes:
        differences = "；".join(
            f"{header}: {_display(old)} → {_display(new)}" for header, old, new in changes
        )
        row.warn(key, _("This is already recorded with other values (%(changes)s); the row was skipped. Correct "
                        "the record on its page.") % {"changes": differences})  # fmt: skip
    else:
        row.warn(key, _("This is already recorded; the row was left as it is."))


def _display(value):
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


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
VISIT_MODELS = {"migrant": m.OutMigrant, "elder": m.Elder, "child": m.LeftBehindChild}


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
        for kind, model in VISIT_MODELS.items():
            # A child's visit needs a role that may see children: visible_to decides.
            source = model.objects.visible_to(ctx.user or ctx.organization)
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
class TrainingsKind(ServiceKind):
    code = "trainings"
    title = "农民工技能培训台账"
    columns = [
        Column(
            "title",
            "培训名称",
            "text",
            required=True,
            max_length=100,
            aliases=["培训班名称", "培训项目"],
            example="2008年农民工电焊培训班",
        ),
        Column(
            "held_on",
            "培训时间",
            "date",
            required=True,
            aliases=["培训日期", "举办时间"],
            example="2008-04-10",
        ),
        Column("venue", "培训地点", "text", max_length=100, aliases=["地点"]),
        Column("trade", "培训工种", "text", max_length=40, aliases=["工种", "培训内容"]),
        Column(
            "trainee_count", "培训人数", "integer", required=True, aliases=["参训人数", "人数"], example="60"
        ),
        Column("funds", "培训经费", "amount", aliases=["经费", "投入资金", "经费(元)"]),
    ]
    key = ["title", "held_on"]
    compared = ["venue", "trade", "trainee_count", "funds"]

    def check(self, rows, ctx):
        existing = recorded(m.Training, rows, organization=ctx.organization)
        for row in rows:
            mark_against(row, existing.get((row["title"], row["held_on"])), self.compared, self, key="title")

    def build(self, row, ctx):
        return m.Training(
            title=row["title"],
            held_on=row["held_on"],
            venue=row["venue"] or "",
            trade=row["trade"] or "",
            trainee_count=row["trainee_count"],
            funds=row["funds"] or 0,
            organization=ctx.organization,
        )


@register_kind
class ReferralsKind(ServiceKind):
    code = "referrals"
    title = "农民工职业介绍台账"
    columns = [
        Column(
            "title",
            "活动名称",
            "text",
            required=True,
            max_length=100,
            aliases=["招聘会名称", "名称"],
            example="2008年春风行动招聘会",
        ),
        Column("held_on", "举办时间", "date", required=True, aliases=["时间", "日期"], example="2008-02-18"),
        Column("venue", "地点", "text", max_length=100, aliases=["举办地点"]),
        Column(
            "referred_count",
            "介绍人数",
            "integer",
            required=True,
            aliases=["介绍就业人数", "推荐人数"],
            example="300",
        ),
        Column(
            "employed_count",
            "实现就业人数",
            "integer",
            required=True,
            aliases=["就业人数", "实现就业"],
            example="180",
        ),
    ]
    key = ["title", "held_on"]
    compared = ["venue", "referred_count", "employed_count"]

    def check(self, rows, ctx):
        existing = recorded(m.ReferralEvent, rows, organization=ctx.organization)
        for row in rows:
            if row["employed_count"] > row["referred_count"]:
                row.error("employed_count", _("%(employed)d employed is more than the %(referred)d referred.")
                          % {"employed": row["employed_count"], "referred": row["referred_count"]})  # fmt: skip
                continue
            mark_against(row, existing.get((row["title"], row["held_on"])), self.compared, self, key="title")

    def build(self, row, ctx):
        return m.ReferralEvent(
            title=row["title"],
            held_on=row["held_on"],
            venue=row["venue"] or "",
            referred_count=row["referred_count"],
            employed_count=row["employed_count"],
            organization=ctx.organization,
        )


# ---- the service ledgers of places and events: waivers, phones, mailboxes, societies, symposiums ----


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


def place_columns(township_example="高桥镇", village_example="高桥村"):
    return [
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP, example=township_example),
        Column("village", "村(社区)", "place", place="village", within="township", aliases=VILLAGE,
               example=village_example, help="不填则为全乡镇的，由乡镇工会工委登记。"),
    ]  # fmt: skip


def _township_id(row):
    township, village = row["township"], row["village"]
    return township.pk if township is not None else (village.parent_id if village is not None else None)


class PlacedKind(ServiceKind):
    """Records kept by place (township, village): the answerable organisation owns them."""

    def places(self, rows, ctx):
        """Set each row's township (from its village when only that is given) and owner; False after an error."""
        from gonghui.orgs.models import Place

        from .services import answerable_organization

        needed = {
            row["village"].parent_id for row in rows if row["township"] is None and row["village"] is not None
        }
        townships = Place.objects.select_related("organization").in_bulk(needed)
        root = ctx.organization.path
        for row in rows:
            village = row["village"]
            township = row["township"] or (townships.get(village.parent_id) if village is not None else None)
            if township is None:
                row.error("township", _("Give the township (or the village) of this row."))
                continue
            try:
                owner = answerable_organization(township, village)
            except ValidationError as e:
                row.error("village", e.message_dict["village"][0])
                continue
            if not owner.path.startswith(root):
                place = village or township
                row.error("village" if village else "township",
                          _("%(place)s is outside %(org)s; the unit responsible for it must import this row.")
                          % {"place": place.name, "org": ctx.organization.name})  # fmt: skip
                continue
            row.extra["township"], row.extra["owner"] = township, owner

    def placed(self, rows):
        return [row for row in rows if row.ok and "owner" in row.extra]


class InstallationKind(PlacedKind):
    model = None
    compared = ["installed_on"]
    key = ["location", "township", "village"]
    instructions = ["同一乡镇、村(社区)、安装地点只登记一处；已登记的行不再重复登记。"]

    def natural_key(self, row):
        if not row["location"] or _township_id(row) is None:
            return None
        village = row["village"]
        return _township_id(row), village.pk if village is not None else None, row["location"]

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
    model = m.FamilyPhone
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
    model = m.FamilyMailbox
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
        township = _township_id(row)
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


@register_kind
class SymposiumsKind(ServiceKind):
    code = "symposiums"
    title = "返乡农民工座谈会台账"
    columns = [
        Column("holder", "举办单位", "text", max_length=100,
               aliases=["乡镇", "举办乡镇", "主办单位", "举办单位/乡镇", "单位", "乡(镇)", "组织单位"],
               example="高桥镇", help="乡镇名或工会名称；不填则为导入单位。"),
        Column("held_on", "座谈时间", "date", required=True, aliases=["座谈日期", "召开时间", "时间", "日期"],
               example="2009-01-20"),
        Column("venue", "地点", "text", max_length=100, aliases=["座谈地点", "召开地点"], example="镇政府会议室"),
        Column("attendees", "参加人数", "integer", required=True, aliases=["参会人数", "人数", "参加人员数"],
               example="45"),
        Column("notes", "主要内容", "text", aliases=["座谈内容", "内容", "备注"], example="就业与创业意愿"),
    ]  # fmt: skip
    key = ["held_on", "holder"]
    instructions = ["同一单位同一天只登记一次座谈会；已登记的行不再重复登记。"]

    def natural_key(self, row):
        return None if row["held_on"] is None else (row["holder"] or "", row["held_on"])

    def holders(self, rows, ctx):
        """{text: organisation or reason}: a union's name in the subtree, else a township or village name."""
        from gonghui.ledgers.places import PlaceResolver
        from gonghui.orgs.models import Organization

        names = {row["holder"] for row in rows if row["holder"]}
        found = {o.name: o for o in Organization.objects.filter(name__in=names)}
        resolver = ctx.cache.get("places")
        if resolver is None and names - set(found):
            resolver = ctx.cache["places"] = PlaceResolver(ctx.organization)
        answer = {}
        for name in names:
            if name in found:
                answer[name] = found[name]
                continue
            place, reason = resolver.township(name)
            if place is None:
                place, _why = resolver.village(name)
            answer[name] = place.organization if place is not None else reason
        return answer

    def check(self, rows, ctx):
        holders = self.holders(rows, ctx)
        root = ctx.organization.path
        seen = ctx.cache.setdefault("symposiums", {})
        for row in rows:
            holder = holders.get(row["holder"], ctx.organization) if row["holder"] else ctx.organization
            if isinstance(holder, str):
                row.error("holder", _("%(name)s is neither a union nor a township or village of the county.")
                          % {"name": row["holder"]})  # fmt: skip
                continue
            if not holder.path.startswith(root):
                row.error("holder", _("%(place)s is outside %(org)s; the unit responsible for it must import this "
                                      "row.") % {"place": row["holder"], "org": ctx.organization.name})  # fmt: skip
                continue
            if row["attendees"] < 1:
                row.error("attendees", _("A symposium needs at least one attendee."))
                continue
            first = seen.setdefault((holder.pk, row["held_on"]), (row.sheet, row.number))
            if first != (row.sheet, row.number):
                row.error("held_on", _("This row repeats row %(row)d.") % {"row": first[1]})
                continue
            row.extra["holder"] = holder
        rows = [row for row in rows if "holder" in row.extra]
        existing = {
            (s.organization_id, s.held_on): s
            for s in m.ReturneeSymposium.objects.filter(
                organization__in={row.extra["holder"].pk for row in rows}, held_on__in={row["held_on"] for row in rows}
            )
        }  # fmt: skip
        for row in rows:
            symposium = existing.get((row.extra["holder"].pk, row["held_on"]))
            mark_against(row, symposium, ["venue", "attendees", "notes"], self, key="held_on")

    def build(self, row, ctx):
        return m.ReturneeSymposium(
            organization=row.extra["holder"],
            held_on=row["held_on"],
            venue=row["venue"] or "",
            attendees=row["attendees"],
            notes=row["notes"] or "",
        )
