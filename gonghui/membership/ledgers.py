"""Ledger kinds: unions, members, workplaces' contracts and congresses, events, honours.

Each row is checked by the same rule functions the forms' services call (rules.py), with the data
of a batch loaded in one query or two; a refused row carries the rule's reason on its cell.
"""

from types import SimpleNamespace

from django.db.models import Q
from django.utils.translation import gettext as _

from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.orgs.models import Enterprise, Organization
from gonghui.people import idnumbers

from . import models as m
from .rules import contract_errors, joining_errors, labour_return_errors, union_event_errors

YES = ["是否"]


def _unions_by_name(ctx, names):
    """{name or short name or code: Organization} among the grassroots unions of the importer's subtree."""
    rows = Organization.objects.visible_to(ctx.organization).grassroots().filter(
        Q(name__in=names) | Q(short_name__in=names) | Q(code__in=names))  # fmt: skip
    found = {}
    for org in rows:
        for key in (org.name, org.short_name, org.code):
            if key:
                found[key] = org
    return found


def _workplaces_by_name(ctx, names):
    rows = Enterprise.objects.visible_to(ctx.organization).filter(Q(name__in=names) | Q(credit_code__in=names))
    found = {}
    for ent in rows.select_related("organization"):
        found[ent.name] = ent
        if ent.credit_code:
            found[ent.credit_code] = ent
    return found


def _put(row, errors, columns):
    """The rule's {field: ValidationError} on the row's cells (`columns` maps a field to a column key)."""
    for field, error in errors.items():
        for message in error.messages:
            row.error(columns.get(field, ""), message)


def _missing(row, key, what):
    row.error(key, _("%(value)s is not a %(what)s within your organisation.") % {"value": row.raw.get(key), "what": what})


@register_kind
class UnionEventsKind(LedgerKind):
    code = "union_events"
    title = "基层工会组建台帐"
    columns = [
        Column("union", "工会名称", "text", required=True, aliases=["基层工会", "工会"], example="高桥村工会"),
        Column("kind", "事项", "choice", required=True, example="组建",
               choices={"组建": "founded", "新组建": "founded", "新建": "founded", "调整充实": "reorganised",
                        "调整": "reorganised", "撤销": "dissolved", "解散": "dissolved"}),  # fmt: skip
        Column("on", "日期", "date", required=True, aliases=["组建日期", "时间"], example="2008-05-12"),
        Column("form", "建会形式", "choice", choices={"单独建会": "single", "单独": "single", "联合建会": "joint",
                                                       "联合": "joint"}),  # fmt: skip
        Column("chair", "工会主席", "text", max_length=50, aliases=["主席"]),
        Column("members", "会员人数", "integer", aliases=["组建时会员数", "会员数"]),
        Column("note", "备注", "text", max_length=200),
    ]
    key = ["union", "kind"]

    def check(self, rows, ctx):
        unions = _unions_by_name(ctx, {r["union"] for r in rows})
        events = {}
        for event in m.UnionEvent.objects.filter(organization__in=unions.values(), kind__in=["founded", "dissolved"]):
            events.setdefault(event.organization_id, []).append(event)
        for row in rows:
            union = unions.get(row["union"])
            if union is None:
                _missing(row, "union", _("grassroots union"))
                continue
            row.instance = union
            known = events.setdefault(union.pk, [])
            errors = union_event_errors(union=union, kind=row["kind"], on=row["on"], events=known)
            _put(row, errors, {"on": "on"})
            if not errors and row["kind"] in ("founded", "dissolved"):
                known.append(SimpleNamespace(kind=row["kind"], on=row["on"]))  # a later row of the file sees it
            row.mark("new")

    def write(self, rows, ctx):
        events, founded, dissolved = [], [], []
        for row in rows:
            union = row.instance
            events.append(m.UnionEvent(organization=union, kind=row["kind"], on=row["on"], form=row["form"] or "",
                                       chair=row["chair"] or "", members_at_founding=row["members"],
                                       workplace_id=union.enterprise_id, area_id=union.place_id,
                                       note=row["note"] or ""))  # fmt: skip
            if row["kind"] == "founded":
                union.established_on = row["on"]
                union.chair = row["chair"] or union.chair
                founded.append(union)
            elif row["kind"] == "dissolved":
                union.is_active = False
                dissolved.append(union)
        m.UnionEvent.objects.bulk_create(events)
        Organization.objects.bulk_update(founded, ["established_on", "chair"])
        Organization.objects.bulk_update(dissolved, ["is_active"])
        return len(events), 0


@register_kind
class MembersKind(LedgerKind):
    code = "members"
    title = "工会会员名册"
    columns = [
        Column("name", "姓名", "name", required=True, example="张三"),
        Column("id_number", "身份证号", "id_number", required=True, aliases=["身份证号码", "公民身份号码"],
               example="520199198003080014"),  # fmt: skip
        Column("township", "乡镇", "place", place="township", aliases=["乡(镇)"]),
        Column("village", "村(社区)", "place", place="village", within="township", aliases=["村(居)委会"]),
        Column("union", "所在工会", "text", required=True, aliases=["工会名称", "基层工会"], example="高桥村工会"),
        Column("joined_on", "入会时间", "date", required=True, aliases=["入会日期"], example="2008-03-01"),
        Column("card_number", "会员证号", "text", max_length=30, aliases=["会员证编号"]),
        Column("migrant", "是否农民工", "yesno", aliases=["农民工"]),
        Column("at_source", "源头入会", "yesno", aliases=["是否源头入会"]),
        Column("phone", "联系电话", "phone", aliases=["电话", "手机"]),
    ]
    key = ["id_number", "union"]

    def check(self, rows, ctx):
        unions = _unions_by_name(ctx, {r["union"] for r in rows})
        people = ctx.people_by_id_number(rows)
        current = set(m.Membership.objects.current().filter(person__in=people.values(), organization__in=unions.values())
                      .values_list("person_id", "organization_id"))  # fmt: skip
        for row in rows:
            union = unions.get(row["union"])
            if union is None:
                _missing(row, "union", _("grassroots union"))
                continue
            person = people.get(row["id_number"])
            someone = person or SimpleNamespace(name=row["name"], birth_date=idnumbers.facts(row["id_number"]).birth_date)
            already = person is not None and (person.pk, union.pk) in current
            _put(row, joining_errors(person=someone, union=union, joined_on=row["joined_on"], already_member=already),
                 {"joined_on": "joined_on", "person": "id_number"})  # fmt: skip
            row.extra["union"] = union
            row.mark("new")

    def write(self, rows, ctx):
        people = ctx.ensure_people(rows, township="township", village="village", phone="phone")
        memberships = [
            m.Membership(person=people[r["id_number"]], organization=r.extra["union"], joined_on=r["joined_on"],
                         card_number=r["card_number"] or "", is_migrant_worker=bool(r["migrant"] or r["at_source"]),
                         joined_at_source=bool(r["at_source"]))
            for r in rows
        ]  # fmt: skip
        m.Membership.objects.bulk_create(memberships, batch_size=1000)
        return len(memberships), 0


CONTRACT_KINDS = {"综合性": "comprehensive", "综合": "comprehensive", "工资": "wage", "工资专项": "wage",
                  "女职工专项": "women_special", "女职工": "women_special", "区域性": "regional", "行业性": "sectoral"}  # fmt: skip


@register_kind
class ContractsKind(LedgerKind):
    code = "collective_contracts"
    title = "集体合同台帐"
    columns = [
        Column("workplace", "单位名称", "text", aliases=["企业名称", "单位", "统一社会信用代码"], example="高桥建材厂"),
        Column("kind", "合同类型", "choice", required=True, choices=CONTRACT_KINDS, example="女职工专项"),
        Column("scope", "区域或行业", "text", max_length=100),
        Column("signed_on", "签订日期", "date", required=True, example="2008-03-08"),
        Column("starts_on", "生效日期", "date", required=True, aliases=["起始日期"], example="2008-03-08"),
        Column("ends_on", "期满日期", "date", required=True, aliases=["终止日期", "到期日期"], example="2011-03-07"),
        Column("workers", "覆盖职工人数", "integer", required=True, aliases=["覆盖职工数", "职工人数"], example="50"),
        Column("women", "覆盖女职工人数", "integer", aliases=["覆盖女职工数", "女职工人数"], example="20"),
    ]
    key = ["workplace", "kind", "signed_on"]

    def check(self, rows, ctx):
        places = _workplaces_by_name(ctx, {r["workplace"] for r in rows if r["workplace"]})
        for row in rows:
            workplace = places.get(row["workplace"]) if row["workplace"] else None
            if row["workplace"] and workplace is None:
                _missing(row, "workplace", _("workplace"))
                continue
            errors = contract_errors(kind=row["kind"], workplace=workplace, scope=row["scope"] or "",
                                     starts_on=row["starts_on"], ends_on=row["ends_on"],
                                     workers_covered=row["workers"], women_covered=row["women"] or 0)  # fmt: skip
            _put(row, errors, {"workers_covered": "workers", "women_covered": "women", "ends_on": "ends_on",
                               "scope": "scope", "workplace": "workplace"})  # fmt: skip
            row.extra["workplace"] = workplace
            row.mark("new")

    def write(self, rows, ctx):
        contracts = []
        for r in rows:
            workplace = r.extra["workplace"]
            contracts.append(m.CollectiveContract(
                organization=workplace.organization if workplace else ctx.organization, workplace=workplace,
                kind=r["kind"], scope=r["scope"] or "", signed_on=r["signed_on"], starts_on=r["starts_on"],
                ends_on=r["ends_on"], workers_covered=r["workers"], women_covered=r["women"] or 0,
            ))  # fmt: skip
        m.CollectiveContract.objects.bulk_create(contracts)
        return len(contracts), 0


@register_kind
class WorkplaceDemocracyKind(LedgerKind):
    code = "workplace_democracy"
    title = "企事业单位民主管理年报"
    columns = [
        Column("workplace", "单位名称", "text", required=True, aliases=["企业名称", "单位"], example="高桥建材厂"),
        Column("year", "年度", "integer", required=True, aliases=["年份"], example="2008"),
        Column("signed", "新签劳动合同", "integer", required=True, aliases=["新签劳动合同份数", "劳动合同"], example="12"),
        Column("with_contract", "已签劳动合同职工数", "integer", required=True, aliases=["签订劳动合同人数"],
               example="48"),  # fmt: skip
        Column("congress_since", "职代会建立时间", "date", aliases=["职代会建立日期"]),
        Column("congress_last", "最近一次职代会", "date", aliases=["职代会召开时间"]),
        Column("open_affairs", "实行厂务公开", "yesno", aliases=["厂务公开"]),
        Column("checked_on", "检查日期", "date"),
    ]
    key = ["workplace", "year"]

    def check(self, rows, ctx):
        places = _workplaces_by_name(ctx, {r["workplace"] for r in rows})
        for row in rows:
            workplace = places.get(row["workplace"])
            if workplace is None:
                _missing(row, "workplace", _("workplace"))
                continue
            _put(row, labour_return_errors(workplace=workplace, workers_with_contract=row["with_contract"]),
                 {"workers_with_contract": "with_contract"})  # fmt: skip
            if row["congress_last"] and row["congress_since"] and row["congress_last"] < row["congress_since"]:
                row.error("congress_last", _("The last session cannot come before the congress was in place."))
            if row["open_affairs"] is not None and not row["checked_on"]:
                row.error("checked_on", _("Give the date open factory affairs were checked."))
            row.instance = workplace
            row.mark("new")

    def write(self, rows, ctx):
        from . import services

        # A few hundred workplaces a year: each through the services, which replace a year's earlier return.
        for r in rows:
            workplace = r.instance
            services.record_labour_contracts(workplace=workplace, year=r["year"], signed=r["signed"],
                                             workers_with_contract=r["with_contract"])  # fmt: skip
            if r["congress_since"]:
                services.record_workers_congress(workplace=workplace, established_on=r["congress_since"],
                                                 last_session_on=r["congress_last"])  # fmt: skip
            if r["open_affairs"] is not None:
                services.record_open_affairs(workplace=workplace, checked_on=r["checked_on"], practised=r["open_affairs"])
        return len(rows), 0


EVENT_KINDS = {"体育": "sport", "技能比赛": "skills", "技能竞赛": "skills", "文化": "culture", "宣传": "campaign",
               "宣传活动": "campaign"}  # fmt: skip
EVENT_ROLES = {"主办": "organised", "举办": "organised", "协办": "co_organised", "联办": "co_organised",
               "承办": "hosted", "参加": "attended", "组队参加": "attended"}  # fmt: skip


@register_kind
class EventsKind(LedgerKind):
    code = "union_activities"
    title = "职工活动台帐"
    columns = [
        Column("title", "活动名称", "text", required=True, max_length=120, example="全县职工象棋赛"),
        Column("kind", "类别", "choice", required=True, choices=EVENT_KINDS, example="体育"),
        Column("role", "本会角色", "choice", required=True, choices=EVENT_ROLES, aliases=["办赛方式"], example="主办"),
        Column("held_on", "日期", "date", required=True, aliases=["活动日期", "时间"], example="2008-06-15"),
        Column("place", "地点", "text", max_length=100),
        Column("organisers", "主办单位", "text", max_length=200, aliases=["主(承)办单位"]),
        Column("participants", "参加人数", "integer", aliases=["人数"]),
        Column("results", "成绩", "text", aliases=["结果", "获奖情况"]),
    ]
    key = ["title", "held_on"]

    def check(self, rows, ctx):
        done = set(m.Event.objects.filter(organization=ctx.organization, title__in={r["title"] for r in rows})
                   .values_list("title", "held_on"))  # fmt: skip
        for row in rows:
            if (row["title"], row["held_on"]) in done:
                row.mark("unchanged")
                row.warn("title", _("This is already recorded; the row was left as it is."))
            else:
                row.mark("new")

    def write(self, rows, ctx):
        new = [m.Event(organization=ctx.organization, kind=r["kind"], role=r["role"], title=r["title"],
                       held_on=r["held_on"], place=r["place"] or "", organisers=r["organisers"] or "",
                       participants=r["participants"] or 0, results=r["results"] or "")
               for r in rows if r.status == "new"]  # fmt: skip
        m.Event.objects.bulk_create(new)
        return len(new), len(rows) - len(new)


HONOUR_KINDS = {"先进女职工": "advanced_woman", "工人先锋号": "pioneer_post", "劳模在行动": "model_action",
                "新农村建设劳模在行动": "model_action", "其他": "other"}  # fmt: skip


@register_kind
class HonoursKind(LedgerKind):
    code = "honours"
    title = "表彰台帐"
    columns = [
        Column("kind", "表彰类别", "choice", required=True, choices=HONOUR_KINDS, example="先进女职工"),
        Column("name", "姓名", "name", example="孙丽"),
        Column("id_number", "身份证号", "id_number", aliases=["身份证号码", "公民身份号码"],
               example="520199197805200220"),
        Column("team", "班组或岗位", "text", max_length=120, aliases=["集体名称", "岗位"]),
        Column("awarded_on", "表彰日期", "date", required=True, example="2008-03-08"),
        Column("awarded_by", "表彰单位", "text", required=True, max_length=100, example="黔山县总工会"),
    ]
    key = ["kind", "id_number", "team", "awarded_on"]

    def check(self, rows, ctx):
        for row in rows:
            if not row["id_number"] and not row["team"]:
                row.error("id_number", _("Give the person's ID number, or the team or post honoured."))
            elif row["id_number"] and not row["name"]:
                row.error("name", _("Give the name of the person honoured."))
            row.mark("new")

    def write(self, rows, ctx):
        people = ctx.ensure_people([r for r in rows if r["id_number"]])
        honours = [m.Honour(organization=ctx.organization, kind=r["kind"], person=people.get(r["id_number"]),
                            team=r["team"] or "", awarded_on=r["awarded_on"], awarded_by=r["awarded_by"])
                   for r in rows]  # fmt: skip
        m.Honour.objects.bulk_create(honours)
        return len(honours), 0
