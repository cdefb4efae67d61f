"""Ledger kinds of the assistance area: archives, payments, hotline calls, rights cases, model workers.

Headers and aliases are data: what county and township offices write above their columns. Rules
that depend on other data (caps, one open archive per head, programmes of the year) are checked in
``check`` for the whole batch, so a file either goes in whole or not at all.
"""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.ledgers.persons import INSERT_BATCH
from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.ledgers.vocabulary import TOWNSHIP_ALIASES, VILLAGE_ALIASES
from gonghui.people import idnumbers
from gonghui.people.models import Person

from . import crypto, services
from .models import (
    ArchiveStatus,
    ArchiveTransition,
    CasePerson,
    CaseStatus,
    CaseStep,
    HardshipArchive,
    HardshipCause,
    HotlineCall,
    ModelWorker,
    Payment,
    PaymentStatus,
    PaymentStep,
    Programme,
    RightsCase,
)

EXAMPLE_ID = idnumbers.make_valid("520199", datetime.date(1975, 3, 8), 1)
NAME = Column("name", "姓名", "name", required=True, aliases=["户主姓名", "职工姓名", "当事人姓名", "受助人姓名"],
              example="张三")  # fmt: skip
ID_NUMBER = Column("id_number", "身份证号", "id_number", required=True,
                   aliases=["身份证号码", "公民身份号码", "身份证", "证件号码", "户主身份证号"], example=EXAMPLE_ID,
                   help="18位；请把本列设为“文本”。")  # fmt: skip
TOWNSHIP = Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP_ALIASES, example="高桥镇")
VILLAGE = Column("village", "村(社区)", "place", place="village", within="township", aliases=VILLAGE_ALIASES,
                 example="高桥村")  # fmt: skip
MODEL_LEVELS = {"全国": "national", "国家级": "national", "省级": "provincial", "省": "provincial", "市级": "city",
                "市": "city", "县级": "county", "县": "county"}  # fmt: skip


def _owner(row, ctx):
    """The union answerable for the row's village or township, if inside the importer's subtree."""
    place = row["village"] or row["township"]
    if place is not None and place.organization.path.startswith(ctx.organization.path):
        return place.organization
    return ctx.organization


def _people(rows, ctx):
    return ctx.ensure_people(rows, township="township", village="village")


@register_kind
class HardshipArchivesKind(LedgerKind):
    code = "hardship_archives"
    title = "困难职工档案"
    columns = [
        Column("code", "档案编号", "text", required=True, max_length=30, aliases=["编号", "建档编号"],
               example="QS-KN-2008-0001"),
        NAME, ID_NUMBER, TOWNSHIP, VILLAGE,
        Column("category", "困难类别", "choice", required=True,
               choices={"深度困难": "deep", "相对困难": "relative", "意外致困": "accident", "特困": "deep",
                        "困难": "relative"}, example="深度困难"),
        Column("is_extreme", "是否特困", "yesno", aliases=["特困"], example="是"),
        Column("main_cause", "主要致困原因", "text", required=True, aliases=["致困原因", "困难原因"], example="因病",
               help="填写“致困原因”列表中的名称，如：因病、因残、因灾、子女教育、单亲、下岗失业、零就业家庭。"),
        Column("disability_kind", "残疾类别", "text", max_length=30, aliases=["残疾类型"], example="",
               help="致困原因为“因残”时必填，如：肢体残疾。"),
        Column("disability_grade", "残疾等级", "text", max_length=10, example="", help="如：二级。"),
        Column("employment", "就业状况", "choice", required=True,
               choices={"在岗": "employed", "下岗": "laid_off", "失业": "unemployed", "退休": "retired",
                        "病休": "sick_leave", "内退": "early_retired", "农民工": "migrant"}, example="下岗"),
        Column("household_size", "家庭人口", "integer", required=True, aliases=["家庭人口数", "家庭成员人数"],
               example=3),
        Column("income", "家庭人均月收入", "amount", required=True, aliases=["人均月收入"], example="150",
               help="单位：元"),
        Column("employer_name", "工作单位", "text", max_length=120, aliases=["单位", "原工作单位"], example="县水泥厂"),
        Column("bank_name", "开户银行", "text", max_length=60, example="农村信用合作联社"),
        Column("bank_account", "银行账号", "text", max_length=40, aliases=["账号", "银行卡号"],
               example="6223 5123 4567 8901", help="加密保存，页面只显示后四位。"),
        Column("standard", "建档标准", "choice",
               choices={"全国": "national", "省": "provincial", "市": "city", "县": "county"}, example="县"),
        Column("applied_on", "建档日期", "date", required=True, aliases=["申请日期", "填表日期"], example="2008-01-04"),
    ]  # fmt: skip
    key = ["code"]
    instructions = ["一户一档：户主填在本表，家庭成员到档案页面添加。", "档案编号已存在的行不会重复建档。"]

    def check(self, rows, ctx):
        causes = {c.name: c for c in HardshipCause.objects.filter(is_active=True)}
        existing = set(
            HardshipArchive.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", flat=True)
        )
        people = ctx.people_by_id_number(rows)
        heading = set(
            HardshipArchive.objects.filter(head__in=people.values())
            .exclude(status=ArchiveStatus.CANCELLED)
            .values_list("head_id", flat=True)
        )
        for row in rows:
            problem = crypto.account_problem(row["bank_account"])
            if problem:
                row.error("bank_account", problem)
            cause = causes.get(row["main_cause"])
            if cause is None:
                row.error("main_cause", _("%(value)s is not in the list of causes of hardship; use one of: %(list)s.")
                          % {"value": row["main_cause"], "list": "、".join(causes)})  # fmt: skip
            else:
                row.values["main_cause"] = cause
            if row["code"] in existing:
                row.mark("unchanged")
                row.warn("code", _("Archive %(code)s is already filed; this row was left as it is.")
                         % {"code": row["code"]})  # fmt: skip
                continue
            person = people.get(row["id_number"])
            try:
                services.check_disability(main_cause=cause, disability_kind=row["disability_kind"])
                if person is not None:
                    services.check_one_open_archive(head=person, heads_open=heading)
            except ValidationError as e:
                row.reject(e, {"head": "id_number", "disability_kind": "disability_kind"})
            row.mark("new")

    def write(self, rows, ctx):
        rows = [r for r in rows if r.status == "new"]
        people = _people(rows, ctx)
        archives = []
        for row in rows:
            archive = HardshipArchive(
                organization=_owner(row, ctx), code=row["code"], head=people[row["id_number"]],
                category=row["category"], is_extreme=bool(row["is_extreme"]), main_cause=row["main_cause"],
                employment=row["employment"], household_size=row["household_size"],
                monthly_income_per_head=row["income"], employer_name=row.get("employer_name", ""),
                bank_name=row.get("bank_name", ""), disability_kind=row.get("disability_kind", ""),
                disability_grade=row.get("disability_grade", ""), standard=row["standard"] or "county",
                status=ArchiveStatus.ARCHIVED, status_since=row["applied_on"], applied_on=row["applied_on"],
                last_updated_on=row["applied_on"], created_by=ctx.user,
            )  # fmt: skip
            if row["bank_account"]:
                archive.set_bank_account(row["bank_account"])
            archives.append(archive)
        HardshipArchive.objects.bulk_create(archives, batch_size=INSERT_BATCH)
        saved = HardshipArchive.objects.filter(code__in=[a.code for a in archives])
        ArchiveTransition.objects.bulk_create(
            [
                ArchiveTransition(
                    archive=a,
                    from_status="",
                    to_status=ArchiveStatus.ARCHIVED,
                    on=a.applied_on,
                    reason=_("Imported from the hardship archive ledger"),
                    by=ctx.user,
                )
                for a in saved
            ],  # fmt: skip
            batch_size=INSERT_BATCH,
        )
        return len(archives), 0


@register_kind
class AssistancePaymentsKind(LedgerKind):
    code = "assistance_payments"
    title = "帮扶资金发放台账"
    columns = [
        NAME, ID_NUMBER, TOWNSHIP, VILLAGE,
        Column("archive", "档案编号", "text", max_length=30, aliases=["困难职工档案编号"], example="QS-KN-2008-0001",
               help="困难职工家庭填写；受助人须是该户户主或家庭成员。"),
        Column("programme", "帮扶项目", "text", required=True, aliases=["项目", "帮扶类别", "项目名称"],
               example="2008年元旦春节送温暖", help="填写本年度已设立的帮扶项目名称。"),
        Column("kind", "受助人类别", "choice", required=True,
               choices={"困难职工": "hardship_worker", "农民工": "migrant_worker", "劳模": "model_worker",
                        "劳动模范": "model_worker", "困难职工子女": "child", "子女": "child"}, example="困难职工"),
        Column("amount", "金额", "amount", required=True, aliases=["发放金额", "帮扶金额", "金额(元)"], example="200"),
        Column("fund_source", "资金来源", "choice", required=True,
               choices={"上级工会": "higher_union", "本级工会": "own_funds", "自筹": "own_funds", "政府": "government",
                        "财政": "government", "社会捐助": "donations", "捐款": "donations", "企业": "employer",
                        "用人单位": "employer"}, example="上级工会"),
        Column("applied_on", "申请日期", "date", required=True, aliases=["日期"], example="2008-01-07"),
        Column("note", "备注", "text", max_length=200),
    ]  # fmt: skip
    key = ["id_number", "programme", "applied_on"]
    instructions = ["导入后为“已申请”状态，须在系统中经审核、公示（不少于5个工作日）、审批后发放。"]

    def check(self, rows, ctx):
        programmes = {}
        for p in Programme.objects.open_to(ctx.organization):
            programmes[(p.name, p.year)] = p
        archives = {a.code: a for a in HardshipArchive.objects.visible_to(ctx.organization).filter(
            code__in=[r["archive"] for r in rows if r["archive"]]).prefetch_related("members")}  # fmt: skip
        people = ctx.people_by_id_number(rows)
        # The caps count what is already recorded plus the rows above in this file; the rules are
        # the services' (check_payable, check_amount, check_caps), so a file obeys what a form obeys.
        running = ctx.cache.setdefault("payment_totals", {})
        columns = {"person": "id_number", "archive": "archive", "amount": "amount", "programme": "programme"}
        for row in rows:
            year = row["applied_on"].year
            programme = programmes.get((row["programme"], year))
            if programme is None:
                row.error("programme", _("There is no programme %(value)s in %(year)s open to %(org)s; set it up "
                                         "under Programmes first.") % {"value": row["programme"], "year": year,
                                                                      "org": ctx.organization.name})  # fmt: skip
                continue
            row.values["programme"] = programme
            archive = None
            if row["archive"]:
                archive = archives.get(row["archive"])
                if archive is None:
                    row.error(
                        "archive",
                        _("No hardship archive %(value)s in your area.") % {"value": row["archive"]},
                    )
                    continue
            row.values["archive"] = archive
            person = people.get(row["id_number"]) or Person(name=row["name"] or "")
            amount = row["amount"]
            person_key = ("person", programme.pk, row["id_number"], year)
            if person_key not in running:
                running[person_key] = services.person_year_total(programme, person, year)
            household_key = ("household", archive.pk if archive else None, year)
            if archive is not None and household_key not in running:
                running[household_key] = services.household_year_total(archive, year)
            try:
                services.check_payable(archive=archive, person=person, beneficiary_kind=row["kind"],
                                       member_ids=archive and {archive.head_id, *(m.person_id for m in archive.members.all())})  # fmt: skip
                services.check_amount(amount)
                services.check_caps(programme=programme, person=person, archive=archive, amount=amount, year=year,
                                    recorded={"person": running[person_key],
                                              "household": running.get(household_key)})  # fmt: skip
            except ValidationError as e:
                row.reject(e, columns)
                continue
            running[person_key] += amount
            if archive is not None:
                running[household_key] += amount
            row.mark("new")

    def write(self, rows, ctx):
        people = _people(rows, ctx)
        payments = [
            Payment(organization=ctx.organization, programme=r["programme"], person=people[r["id_number"]],
                    archive=r["archive"], beneficiary_kind=r["kind"], amount=r["amount"],
                    fund_source=r["fund_source"], applied_on=r["applied_on"], note=r.get("note", ""),
                    created_by=ctx.user)
            for r in rows
        ]  # fmt: skip
        Payment.objects.bulk_create(payments, batch_size=INSERT_BATCH)
        PaymentStep.objects.bulk_create(
            [
                PaymentStep(
                    payment=p,
                    status=PaymentStatus.APPLIED,
                    on=p.applied_on,
                    by=ctx.user,
                    note=_("Imported from the payments ledger"),
                )
                for p in payments
            ],  # fmt: skip
            batch_size=INSERT_BATCH,
        )
        return len(payments), 0


TIME = re.compile(r"^(\d{1,2})[:：时点](\d{1,2})?")


@register_kind
class HotlineCallsKind(LedgerKind):
    code = "hotline_calls"
    title = "维权热线来电登记"
    columns = [
        Column("date", "来电日期", "date", required=True, aliases=["日期"], example="2008-03-10"),
        Column("time", "来电时间", "text", aliases=["时间"], example="09:30", help="24小时制，如 14:30。"),
        Column("caller_name", "来电人", "name", required=True, aliases=["来电人姓名", "姓名"], example="李四"),
        Column("caller_phone", "联系电话", "phone", aliases=["电话", "来电号码"], example="13800001111"),
        Column("topic", "来电事由", "choice", required=True,
               choices={"欠薪": "wages", "拖欠工资": "wages", "工伤": "injury", "劳动合同": "contract",
                        "社会保险": "insurance", "社保": "insurance", "困难帮扶": "hardship", "其他": "other"},
               example="拖欠工资"),
        Column("summary", "来电内容", "text", required=True, aliases=["内容", "反映问题"], example="老板拖欠工资三个月"),
        Column("answered_by", "接听人", "text", required=True, max_length=50, example="王建国"),
        Column("outcome", "处理结果", "choice",
               choices={"已解答": "advised", "解答": "advised", "转办": "referred", "已立案": "case_opened",
                        "待回复": "pending"}, example="已解答"),
    ]  # fmt: skip
    key = ["date", "time", "caller_name"]

    def check(self, rows, ctx):
        for row in rows:
            text = row["time"] or "09:00"
            match = TIME.match(text)
            if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
                row.error("time", _("%(value)s is not a time of day; write it like 14:30.") % {"value": text})
                continue
            row.values["time"] = datetime.time(int(match.group(1)), int(match.group(2) or 0))
            row.mark("new")

    def write(self, rows, ctx):
        tz = timezone.get_current_timezone()
        calls = [
            HotlineCall(organization=ctx.organization, caller_name=r["caller_name"],
                        called_at=datetime.datetime.combine(r["date"], r["time"], tzinfo=tz),
                        caller_phone=r.get("caller_phone", ""), topic=r["topic"], summary=r["summary"],
                        answered_by=r["answered_by"], outcome=r["outcome"] or "advised")
            for r in rows
        ]  # fmt: skip
        HotlineCall.objects.bulk_create(calls, batch_size=INSERT_BATCH)
        return len(calls), 0


CASE_STATUSES = {"受理": "received", "已受理": "accepted", "调解": "mediating", "调解中": "mediating",
                 "仲裁": "arbitration", "诉讼": "litigation", "胜诉": "closed_won", "结案": "closed_won",
                 "已结案": "closed_won", "败诉": "closed_lost", "撤诉": "withdrawn", "撤回": "withdrawn"}  # fmt: skip


PLAUSIBLE_CLAIM = Decimal("5000000")


@register_kind
class RightsCasesKind(LedgerKind):
    code = "rights_cases"
    title = "维权及法律援助案件台账"
    columns = [
        Column("code", "案件编号", "text", required=True, max_length=30, aliases=["编号", "案号"], example="QS-WQ-2008-001"),
        Column("title", "案件名称", "text", required=True, max_length=120, aliases=["案由"], example="追讨拖欠工资"),
        Column("kind", "案件类别", "choice", required=True,
               choices={"欠薪": "wages", "拖欠工资": "wages", "工伤": "injury", "死亡赔偿": "death",
                        "劳动合同": "contract", "社会保险": "insurance", "其他": "other"}, example="拖欠工资"),
        Column("is_legal_aid", "是否法律援助", "yesno", aliases=["法律援助"], example="否"),
        Column("received_on", "受理日期", "date", required=True, example="2008-03-10"),
        Column("status", "办理状态", "choice", choices=CASE_STATUSES, example="已结案"),
        Column("closed_on", "结案日期", "date", example="2008-04-10"),
        Column("amount_claimed", "诉求金额", "amount", aliases=["涉及金额", "标的金额"], example="12000"),
        Column("amount_recovered", "追回金额", "amount", aliases=["挽回金额", "获赔金额"], example="12000"),
        Column("opposing_party", "对方当事人", "text", max_length=120, aliases=["被诉单位", "用人单位"], example="某建筑公司"),
        Column("officer_name", "承办人", "text", max_length=50, example="彭志炳"),
        NAME, ID_NUMBER, TOWNSHIP, VILLAGE,
        Column("is_migrant_worker", "是否农民工", "yesno", aliases=["农民工"], example="是"),
    ]  # fmt: skip
    key = ["code", "id_number"]
    instructions = ["一个案件涉及多人时，每人一行，案件编号相同；案件信息以该案第一行为准。",
                    "案件编号已存在的行不会重复登记；后续进展到案件页面登记。"]  # fmt: skip

    def check(self, rows, ctx):
        existing = set(
            RightsCase.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", flat=True)
        )
        for row in rows:
            if row["code"] in existing:
                row.mark("unchanged")
                row.warn("code", _("Case %(code)s is already registered; this row was left as it is.")
                         % {"code": row["code"]})  # fmt: skip
                continue
            claimed, recovered = row["amount_claimed"], row["amount_recovered"]
            if claimed is not None and recovered is not None and recovered > claimed:
                row.warn("amount_recovered", _("More was recovered (%(rec)s yuan) than claimed (%(cl)s yuan); "
                                               "check both amounts.") % {"rec": recovered, "cl": claimed})  # fmt: skip
            if claimed is not None and claimed > PLAUSIBLE_CLAIM:
                # The seed's "98 cases ... 280900万元" is the trap: 万元 typed over yuan figures.
                row.warn("amount_claimed", _("%(value)s yuan is an implausible claim for one case; check whether "
                                             "the figure was meant in yuan rather than ten-thousand yuan.")
                         % {"value": claimed})  # fmt: skip
            status = row["status"] or "received"
            if status in ("closed_won", "closed_lost", "withdrawn") and row["closed_on"] is None:
                row.error("closed_on", _("A closed case needs its closing date."))
            if row["closed_on"] and row["closed_on"] < row["received_on"]:
                row.error("closed_on", _("The case cannot close before it was received (%(date)s).")
                          % {"date": row["received_on"]})  # fmt: skip
            row.mark("new")

    def write(self, rows, ctx):
        rows = [r for r in rows if r.status == "new"]
        people = _people(rows, ctx)
        first = {}
        for row in rows:
            first.setdefault(row["code"], row)
        cases = []
        for code, row in first.items():
            status = row["status"] or CaseStatus.RECEIVED
            cases.append(RightsCase(
                organization=_owner(row, ctx), code=code, title=row["title"], kind=row["kind"],
                is_legal_aid=bool(row["is_legal_aid"]), received_on=row["received_on"], status=status,
                closed_on=row["closed_on"], amount_claimed=row["amount_claimed"] or 0,
                amount_recovered=row["amount_recovered"] or 0, opposing_party=row.get("opposing_party", ""),
                officer_name=row.get("officer_name", ""),
            ))  # fmt: skip
        RightsCase.objects.bulk_create(cases, batch_size=INSERT_BATCH)
        by_code = {c.code: c for c in RightsCase.objects.filter(code__in=list(first))}
        steps = [
            CaseStep(case=c, status=CaseStatus.RECEIVED, on=c.received_on, by=ctx.user)
            for c in by_code.values()
        ]
        steps += [CaseStep(case=c, status=c.status, on=c.closed_on or c.received_on, by=ctx.user)
                  for c in by_code.values() if c.status != CaseStatus.RECEIVED]  # fmt: skip
        CaseStep.objects.bulk_create(steps, batch_size=INSERT_BATCH)
        CasePerson.objects.bulk_create(
            [
                CasePerson(
                    case=by_code[r["code"]],
                    person=people[r["id_number"]],
                    is_migrant_worker=bool(r["is_migrant_worker"]),
                )
                for r in rows
            ],  # fmt: skip
            batch_size=INSERT_BATCH,
        )
        return len(cases), 0


@register_kind
class ModelWorkersKind(LedgerKind):
    code = "model_workers"
    title = "劳动模范名册"
    columns = [
        NAME, ID_NUMBER, TOWNSHIP, VILLAGE,
        Column("level", "级别", "choice", required=True, choices=MODEL_LEVELS, aliases=["劳模级别", "荣誉级别"],
               example="县级"),
        Column("honour", "荣誉称号", "text", required=True, max_length=80, example="县劳动模范"),
        Column("year_honoured", "授予年份", "integer", required=True, aliases=["获得年份", "表彰年份"], example=2005),
        Column("situation", "现状", "choice", required=True,
               choices={"在岗": "working", "退休": "retired", "下岗": "laid_off", "务农": "farming", "去世": "deceased",
                        "已故": "deceased"}, example="在岗"),
        Column("in_hardship", "是否困难", "yesno", aliases=["困难劳模"], example="否"),
        Column("in_countryside_survey", "新农村建设劳模在行动", "yesno", aliases=["参加新农村建设劳模在行动"], example="是"),
        Column("note", "先进事迹", "text", aliases=["主要事迹"]),
    ]  # fmt: skip
    key = ["id_number", "level", "year_honoured"]
    fields = ["honour", "situation", "in_hardship", "in_countryside_survey", "note"]

    def check(self, rows, ctx):
        this_year = (ctx.today or timezone.localdate()).year
        people = ctx.people_by_id_number(rows)
        existing = {
            (m.person_id, m.level, m.year_honoured): m
            for m in ModelWorker.objects.filter(person__in=people.values())
        }
        for row in rows:
            if not 1950 <= row["year_honoured"] <= this_year:
                row.error("year_honoured", _("%(value)s is not a plausible year of the honour.")
                          % {"value": row["year_honoured"]})  # fmt: skip
                continue
            person = people.get(row["id_number"])
            found = existing.get((person.pk if person else None, row["level"], row["year_honoured"]))
            if found is None:
                row.mark("new")
                continue
            row.instance = found
            changes = [(self.column(f).header, getattr(found, f), row[f]) for f in self.fields
                       if row[f] not in (None, "") and getattr(found, f) != row[f]]  # fmt: skip
            row.mark("changed" if changes else "unchanged", changes=changes)

    def write(self, rows, ctx):
        people = _people([r for r in rows if r.instance is None], ctx)
        new, changed = [], []
        for row in rows:
            values = {f: row[f] for f in self.fields if row[f] is not None}
            if row.instance is None:
                new.append(ModelWorker(organization=_owner(row, ctx), person=people[row["id_number"]],
                                       level=row["level"], year_honoured=row["year_honoured"], **values))  # fmt: skip
            elif row.status == "changed":
                for f, v in values.items():
                    setattr(row.instance, f, v)
                changed.append(row.instance)
        ModelWorker.objects.bulk_create(new, batch_size=INSERT_BATCH)
        if changed:
            ModelWorker.objects.bulk_update(changed, self.fields, batch_size=INSERT_BATCH)
        return len(new), len(changed)
