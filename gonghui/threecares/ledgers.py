"""The Three Cares ledger kinds (三关工程系列台帐), through the ledger engine.

Headers and aliases are data: what township offices write above their columns. A person already
on a registry (from an earlier file, or another township's) is not registered twice: the row is
marked a duplicate, warned about and skipped.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.people.models import Gender

from . import models as m
from .querysets import minors_visible_to

TOWNSHIP = ["乡(镇)", "乡镇(街道)", "所属乡镇", "乡镇名称", "镇(乡)"]
VILLAGE = ["村(居)委会", "村(居)", "村", "社区", "村居", "村名", "所属村", "村委会"]
YES_MEMBER = ["是否工会会员", "会员", "是否入会", "工会会员"]
# Example rows of the templates: a valid adult (an elder in the elders' ledger) and a child.
ELDER_EXAMPLE_ID = "520199194203150023"
CHILD_EXAMPLE_ID = "52019920000601002X"


def person_columns(example_id="520199197503080016"):
    return [
        Column("name", "姓名", "name", required=True, aliases=["名字", "人员姓名"], example="张三"),
        Column("id_number", "身份证号", "id_number", required=True,
               aliases=["身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码"],
               example=example_id, help="18位；请把本列设为“文本”。"),
        Column("gender", "性别", "choice", choices={"男": Gender.MALE, "女": Gender.FEMALE}, example="男"),
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
    instructions = ["同一人在一个文件中只能出现一次；已在本台帐登记的人（任何乡镇）不会重复登记。"]

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
                self.model(
                    person=people[row["id_number"]],
                    township=township,
                    village=village,
                    organization=village.organization if village else township.organization,
                    registered_on=row["registered_on"] or ctx.today or timezone.localdate(),
                    **fields,
                )
            )
        self.model.objects.bulk_create(entries, batch_size=1000)
        return len(entries), 0

    def derived(self, row):
        return {}


PROVINCES = ("内蒙古", "黑龙江", "北京", "天津", "河北", "山西", "辽宁", "吉林", "上海", "江苏", "浙江",
             "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川",
             "黔州", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆")  # fmt: skip


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
    title = "外出务工人员台帐"
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
    title = "外来务工人员台帐"
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
    title = "返乡创业人员台帐"
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
    title = "空巢老人台帐"
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
    title = "留守儿童台帐"
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

    def check_row(self, row, ctx):
        if row["kind"] == "preschool" and (row["school"] or row["grade"]):
            row.error("school", _("A preschool child has no school or grade; make the child a pupil or clear "
                                  "the school."))  # fmt: skip


@register_kind
class ProxyParentsKind(RegistryKind):
    code = "proxy_parents"
    title = "代理家长台帐"
    model = m.ProxyParent
    extra = [
        (Column("workplace", "工作单位或职务", "text", max_length=100, aliases=["工作单位", "职务", "单位及职务"]),
         "workplace"),
        (Column("duties", "职责", "text", aliases=["代理职责"]), "duties"),
    ]  # fmt: skip


class ServiceKind(LedgerKind):
    def in_scope(self, ctx, model):
        return model.objects.visible_to(ctx.organization)


@register_kind
class PairingsKind(ServiceKind):
    code = "pairings"
    title = "空巢老人结对帮扶台帐"
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
            for e in self.in_scope(ctx, m.Elder).filter(person__in=[p.pk for p in people.values()])
        }
        for row in rows:
            person = people.get(row["id_number"])
            elder = elders.get(person.pk) if person else None
            if elder is None:
                row.error("id_number", _("No empty-nest elder with this ID number is registered in your area; "
                                         "import the elders' ledger first."))  # fmt: skip
                continue
            row.instance = elder
            row.mark("new")

    def write(self, rows, ctx):
        pairings = [
            m.Pairing(elder=row.instance, helper_name=row["helper_name"], helper_unit=row["helper_unit"] or "",
                      helper_phone=row["helper_phone"] or "", organization_id=row.instance.organization_id,
                      paired_on=row["paired_on"])
            for row in rows
        ]  # fmt: skip
        m.Pairing.objects.bulk_create(pairings, batch_size=1000, ignore_conflicts=True)
        return len(pairings), 0


VISITED = {"外出务工人员": "migrant", "农民工": "migrant", "外出民工": "migrant", "空巢老人": "elder",
           "留守儿童": "child"}  # fmt: skip
VISIT_MODELS = {"migrant": m.OutMigrant, "elder": m.Elder, "child": m.LeftBehindChild}


@register_kind
class VisitsKind(ServiceKind):
    code = "visits"
    title = "“三关”慰问台帐"
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
            row.instance = entry
            row.mark("new")

    def write(self, rows, ctx):
        visits = [
            m.Visit(kind=row["kind"], person_id=row.instance.person_id, organization_id=row.instance.organization_id,
                    visited_on=row["visited_on"], amount=row["amount"], visited_by=row["visited_by"] or "")
            for row in rows
        ]  # fmt: skip
        m.Visit.objects.bulk_create(visits, batch_size=1000)
        return len(visits), 0


@register_kind
class TrainingsKind(ServiceKind):
    code = "trainings"
    title = "农民工技能培训台帐"
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

    def check(self, rows, ctx):
        for row in rows:
            row.mark("new")

    def write(self, rows, ctx):
        trainings = [
            m.Training(title=row["title"], held_on=row["held_on"], venue=row["venue"] or "", trade=row["trade"] or "",
                       trainee_count=row["trainee_count"], funds=row["funds"] or 0, organization=ctx.organization)
            for row in rows
        ]  # fmt: skip
        m.Training.objects.bulk_create(trainings, batch_size=1000)
        return len(trainings), 0


@register_kind
class ReferralsKind(ServiceKind):
    code = "referrals"
    title = "农民工职业介绍台帐"
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

    def check(self, rows, ctx):
        for row in rows:
            if row["employed_count"] > row["referred_count"]:
                row.error("employed_count", _("%(employed)d employed is more than the %(referred)d referred.")
                          % {"employed": row["employed_count"], "referred": row["referred_count"]})  # fmt: skip
                continue
            row.mark("new")

    def write(self, rows, ctx):
        events = [
            m.ReferralEvent(title=row["title"], held_on=row["held_on"], venue=row["venue"] or "",
                            referred_count=row["referred_count"], employed_count=row["employed_count"],
                            organization=ctx.organization)
            for row in rows
        ]  # fmt: skip
        m.ReferralEvent.objects.bulk_create(events, batch_size=1000)
        return len(events), 0
