"""Ledger kinds of the safety area: mines and workplaces, supervisors with their certificates, a
township's monthly report sheet, hazards and accidents.

``check`` calls the very rules the services and forms call (``rules.py``), so a row is refused
with the same Chinese reason as the page gives; ``write`` goes through the services. These
ledgers are small (a county's mines, a month's sheet, a year's hazards), so one service call a
row is cheap and keeps one rule in one place.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.ledgers.kinds import TOWNSHIP_ALIASES
from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.orgs.models import Enterprise, Organization
from gonghui.people import idnumbers

from . import rules, services
from .models import (
    AccidentKind,
    Certificate,
    ExamResult,
    HazardGrade,
    HazardSource,
    MonthlyReport,
    Supervisor,
    TrainingBatch,
    Workplace,
    WorkplaceKind,
    WorkplaceStatusKind,
    month_start,
)

KINDS = {"煤矿": WorkplaceKind.COAL, "非煤矿山": WorkplaceKind.MINING, "危险化学品": WorkplaceKind.CHEMICALS,
         "危化品": WorkplaceKind.CHEMICALS, "烟花爆竹": WorkplaceKind.FIREWORKS, "冶金有色": WorkplaceKind.METALLURGY,
         "冶金": WorkplaceKind.METALLURGY, "其他": WorkplaceKind.OTHER}  # fmt: skip
STATUSES = {"生产": WorkplaceStatusKind.PRODUCING, "正常生产": WorkplaceStatusKind.PRODUCING,
            "整改": WorkplaceStatusKind.RECTIFYING, "停产整顿": WorkplaceStatusKind.RECTIFYING,
            "停产": WorkplaceStatusKind.SUSPENDED, "关闭": WorkplaceStatusKind.CLOSED,
            "已关闭": WorkplaceStatusKind.CLOSED}  # fmt: skip
SOURCES = {"督导检查": HazardSource.INSPECTION, "检查": HazardSource.INSPECTION, "群监员": HazardSource.SUPERVISOR,
           "月督查": HazardSource.MONTHLY_REPORT, "月报": HazardSource.MONTHLY_REPORT}  # fmt: skip
GRADES = {"一般": HazardGrade.ORDINARY, "一般隐患": HazardGrade.ORDINARY, "重大": HazardGrade.MAJOR,
          "重大隐患": HazardGrade.MAJOR}  # fmt: skip
ACCIDENT_KINDS = {"顶板": AccidentKind.ROOF, "冒顶": AccidentKind.ROOF, "瓦斯": AccidentKind.GAS,
                  "透水": AccidentKind.WATER, "水害": AccidentKind.WATER, "运输": AccidentKind.TRANSPORT,
                  "机电": AccidentKind.ELECTRICAL, "放炮": AccidentKind.BLASTING, "爆破": AccidentKind.BLASTING,
                  "火灾": AccidentKind.FIRE, "其他": AccidentKind.OTHER}  # fmt: skip
WORKPLACE = Column("workplace", "单位名称", "text", required=True, max_length=120,
                   aliases=["煤矿名称", "煤矿", "企业名称", "单位"], example="高桥建材厂")  # fmt: skip
MINE = Column("workplace", "煤矿", "text", required=True, max_length=120, aliases=["煤矿名称", "所在煤矿", "单位名称"],
              example="黔山县高桥一号煤矿")  # fmt: skip
MONTH_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?\s*$")
COUNT_RE = re.compile(r"^\s*(-?\d+)\s*人?\s*$")


def labels(choices):
    return {value: label for label, value in reversed(choices.items())}


def _refuse(row, exc, fields):
    """A rule's ValidationError as row errors, on the column that holds the field."""
    for field, message in rules.messages_of(exc):
        row.error(fields.get(field, ""), message)


def _workplaces(rows, ctx, *, coal=False, statuses=False):
    """{name: Workplace} for the rows' workplace names, inside the importing organisation's subtree
    (with their dated statuses when asked: Workplace.status_on then reads them without a query)."""
    names = {row["workplace"] for row in rows if row["workplace"]}
    found = Workplace.objects.visible_to(ctx.organization).filter(enterprise__name__in=names)
    if coal:
        found = found.coal()
    if statuses:
        found = found.prefetch_related("statuses")
    return {w.enterprise.name: w for w in found.select_related("enterprise")}


def _missing_workplace(row, coal=False):
    if coal:
        row.error("workplace", _("%(name)s is not a coal mine under supervision in your area; register it in the "
                                 "mines ledger first.") % {"name": row["workplace"]})  # fmt: skip
    else:
        row.error("workplace", _("%(name)s is not a workplace under supervision in your area; register it in the "
                                 "mines and workplaces ledger first.") % {"name": row["workplace"]})  # fmt: skip


def parse_month(text):
    """2008-05, 2008/5, 2008.5, 2008年5月 or a date of the month → the month's first day, else None."""
    if isinstance(text, datetime.date):
        return month_start(text)
    match = MONTH_RE.match(str(text or ""))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return datetime.date(int(match.group(1)), int(match.group(2)), 1)


def parse_count(row, key):
    """A count of people as typed; a negative one is left for the rule to refuse with its reason."""
    text = row.raw.get(key, "") or ""
    if not text.strip():
        return 0
    match = COUNT_RE.match(text.replace("－", "-"))
    if not match:
        row.error(key, _("%(value)s is not a number of people.") % {"value": text})
        return None
    return int(match.group(1))


# Mines and non-coal workplaces -------------------------------------------------------------------


@register_kind
class WorkplacesKind(LedgerKind):
    code = "safety_workplaces"
    title = "煤矿及非煤企业监管名册"
    columns = [
        WORKPLACE,
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP_ALIASES, example="高桥镇"),
        Column("kind", "类别", "choice", required=True, choices=KINDS, aliases=["行业类别", "企业类别"], example="其他"),
        Column("pairs", "对数", "integer", aliases=["煤矿对数", "井对数"], example="0",
               help="煤矿的井对数（至少1对；非煤企业填0或不填），与单位名册不同时更新名册。"),
        Column("owner", "业主", "text", max_length=50, aliases=["矿主", "法定代表人", "负责人"], example="张三"),
        Column("chair", "工会主席", "name", aliases=["煤矿工会主席"], example="李四"),
        Column("status", "状态", "choice", choices=STATUSES, aliases=["生产状态"], example="正常生产"),
        Column("status_since", "状态日期", "date", aliases=["起始日期"], example="2008-01-01"),
        Column("annual_output", "年产量(吨)", "integer", aliases=["年产量", "设计能力(吨)", "产量(吨)"], example=""),
        Column("is_key", "重点煤矿", "yesno", aliases=["重点"], example="否"),
    ]  # fmt: skip
    key = ["workplace"]
    instructions = ["单位须已在“单位名册”中登记；本表为其补充监管信息，按单位名称匹配。"]

    def check(self, rows, ctx):
        names = {row["workplace"] for row in rows}
        enterprises = {
            e.name: e for e in Enterprise.objects.visible_to(ctx.organization).filter(name__in=names)
        }
        profiles = {w.enterprise_id: w for w in Workplace.objects.filter(enterprise__in=enterprises.values())}
        unions = {}
        for union in Organization.objects.filter(enterprise__in=enterprises.values()).order_by("-pk"):
            unions[union.enterprise_id] = union  # the first (lowest pk) wins, as save_workplace picks
        for row in rows:
            enterprise = enterprises.get(row["workplace"])
            if enterprise is None:
                row.error("workplace", _("%(name)s is not in the workplace register of your area; import it with "
                                         "the workplaces ledger first.") % {"name": row["workplace"]})  # fmt: skip
                continue
            workplace = profiles.get(enterprise.pk)
            union = (workplace.union if workplace else None) or unions.get(enterprise.pk)
            try:
                rules.check_workplace_profile(enterprise=enterprise, kind=row["kind"], pairs=row["pairs"],
                                              township=row["township"], union=union,
                                              annual_output=row["annual_output"])  # fmt: skip
            except ValidationError as e:
                row.reject(e)
                continue
            row.instance = enterprise
            row.extra.update(workplace=workplace, union=union)
            row.mark("changed" if workplace else "new")

    def write(self, rows, ctx):
        created = updated = 0
        for row in rows:
            existing = row.extra["workplace"]
            services.save_workplace(
                enterprise=row.instance, kind=row["kind"], owner=row.get("owner", ""), union=row.extra["union"],
                chair=row["chair"] or None, is_key=bool(row["is_key"]), annual_output=row["annual_output"],
                pairs=row["pairs"], township=row["township"],
                status=row["status"], status_since=row["status_since"] or ctx.today,
                workplace=existing,
            )  # fmt: skip
            created, updated = (created, updated + 1) if existing else (created + 1, updated)
        return created, updated


def workplace_rows(queryset):
    kinds, statuses = labels(KINDS), labels(STATUSES)
    for w in queryset.select_related("enterprise__township", "union").order_by("enterprise__name"):
        yield [w.name, w.township.name if w.township else "", kinds.get(w.kind, ""), w.pairs, w.owner,
               w.union.chair if w.union else "", statuses.get(w.status, ""), w.status_since,
               int(w.annual_output) if w.annual_output is not None else "", "是" if w.is_key else "否"]  # fmt: skip


# Supervisors and their certificates --------------------------------------------------------------


@register_kind
class SupervisorsKind(LedgerKind):
    code = "safety_supervisors"
    title = "煤矿群监员名册"
    columns = [
        Column("name", "姓名", "name", required=True, aliases=["群监员姓名"], example="张三"),
        Column("id_number", "身份证号", "id_number", required=True, aliases=["身份证号码", "公民身份号码"],
               example=idnumbers.make_valid("520199", datetime.date(1975, 3, 8), 1), help="18位；请把本列设为“文本”。"),
        MINE,
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP_ALIASES, example="高桥镇"),
        Column("appointed_on", "任职日期", "date", aliases=["聘任日期"], example="2008-01-01"),
        Column("number", "证书编号", "text", max_length=40, aliases=["证号", "合格证编号"], example="黔山群监2008-001"),
        Column("issued_on", "发证日期", "date", example="2008-04-01"),
        Column("expires_on", "有效期至", "date", aliases=["证书有效期", "到期日期"], example="2011-03-31"),
    ]  # fmt: skip
    key = ["id_number", "workplace"]

    def check(self, rows, ctx):
        mines = _workplaces(rows, ctx, coal=True)
        numbers = {row["number"] for row in rows if row["number"]}
        taken = {
            c.number: c for c in Certificate.objects.filter(number__in=numbers).select_related("supervisor")
        }
        people = ctx.people_by_id_number(rows)
        for row in rows:
            mine = mines.get(row["workplace"])
            if mine is None:
                _missing_workplace(row, coal=True)
                continue
            row.extra["mine"] = mine
            if row["number"]:
                if not (row["issued_on"] and row["expires_on"]):
                    row.error("issued_on", _("A certificate needs its issue and expiry dates."))
                    continue
                try:
                    rules.check_certificate_dates(issued_on=row["issued_on"], expires_on=row["expires_on"])
                except ValidationError as e:
                    _refuse(row, e, {"expires_on": "expires_on"})
                    continue
                held = taken.get(row["number"])
                person = people.get(row["id_number"])
                if held is not None and (person is None or held.supervisor.person_id != person.pk):
                    row.error(
                        "number", _("Certificate %(number)s is already recorded.") % {"number": row["number"]}
                    )
                    continue
                row.extra["certificate_known"] = held is not None
            row.mark("new")

    def write(self, rows, ctx):
        # The posts and certificate numbers on record are read once; each row is checked by the
        # services' own builders (new_supervisor, new_certificate) and all are saved in bulk.
        people = ctx.ensure_people(rows, township="township")
        posts = {
            (s.workplace_id, s.person_id): s
            for s in Supervisor.objects.filter(workplace__in={row.extra["mine"] for row in rows},
                                               person__in=list(people.values()))
        }  # fmt: skip
        new = []
        for row in rows:
            mine, person = row.extra["mine"], people[row["id_number"]]
            if (mine.pk, person.pk) not in posts:
                supervisor = services.new_supervisor(workplace=mine, person=person, appointed_on=row["appointed_on"],
                                                     posts=posts)  # fmt: skip
                posts[(mine.pk, person.pk)] = supervisor
                new.append(supervisor)
        services.add_supervisors(new)
        numbers = set(Certificate.objects.filter(number__in={row["number"] for row in rows if row["number"]})
                      .values_list("number", flat=True))  # fmt: skip
        certificates = []
        for row in rows:
            if row["number"] and not row.extra.get("certificate_known") and row["number"] not in numbers:
                supervisor = posts[(row.extra["mine"].pk, people[row["id_number"]].pk)]
                certificates.append(services.new_certificate(supervisor=supervisor, number=row["number"],
                                                             issued_on=row["issued_on"], expires_on=row["expires_on"],
                                                             numbers=numbers))  # fmt: skip
                numbers.add(row["number"])
        services.issue_certificates(certificates)
        return len(new), len(rows) - len(new)


def supervisor_rows(queryset, user, reveal=None):
    """ID numbers masked, or clear when a role that may see them asked for them (`reveal` logs it)."""
    rows = list(
        queryset.select_related("person", "workplace__enterprise__township").prefetch_related("certificates")
    )
    numbers = reveal.numbers([s.person for s in rows]) if reveal is not None else {}
    for s in rows:
        cert = max(s.certificates.all(), key=lambda c: c.expires_on, default=None)
        yield [s.person.name, numbers.get(s.person.pk, s.person.id_number_masked), s.workplace.name,
               s.workplace.township.name if s.workplace.township else "", s.appointed_on,
               cert.number if cert else "", cert.issued_on if cert else "", cert.expires_on if cert else ""]  # fmt: skip


# Exam results of a training batch ----------------------------------------------------------------


@register_kind
class ExamResultsKind(LedgerKind):
    code = "safety_exam_results"
    title = "群监员培训考试及发证登记表"
    columns = [
        # The supervisors ledger's example person: a file of exam results follows the register of supervisors.
        Column("id_number", "身份证号", "id_number", required=True, aliases=["身份证号码", "公民身份号码"],
               example=idnumbers.make_valid("520199", datetime.date(1975, 3, 8), 1), help="18位；请把本列设为“文本”。"),
        Column("name", "姓名", "name", required=True, aliases=["学员姓名", "群监员姓名"], example="张三"),
        Column("batch", "培训班次", "text", required=True, max_length=100, aliases=["培训班", "班次"],
               example="2008年全县煤矿群监员培训班", help="须是已登记的培训班名称。"),
        Column("workplace", "煤矿", "text", max_length=120, aliases=["所在煤矿", "煤矿名称"], example="",
               help="同一人在两个煤矿任群监员时填写。"),
        Column("examined_on", "考试日期", "date", aliases=["考核日期"], example="2008-03-21"),
        Column("score", "成绩", "amount", aliases=["考试成绩", "分数"], example="86"),
        Column("passed", "是否合格", "yesno", required=True, aliases=["合格", "考试结果"], example="是"),
        Column("number", "证书编号", "text", max_length=40, aliases=["证号", "合格证编号"], example="黔山群监2008-001"),
        Column("issued_on", "发证日期", "date", example="2008-04-01"),
        Column("expires_on", "有效期至", "date", aliases=["证书有效期", "到期日期"], example="2011-03-31"),
    ]  # fmt: skip
    key = ["id_number", "batch"]
    instructions = ["每名学员一行：考试成绩、是否合格；合格并已发证的填写证书编号、发证日期和有效期。",
                    "学员须是本辖区已登记的群监员。"]  # fmt: skip

    def check(self, rows, ctx):
        # Batches, supervisors, results and certificate numbers read once per batch of rows.
        names = {row["batch"] for row in rows if row["batch"]}
        batches = {b.name: b for b in TrainingBatch.objects.visible_to(ctx.organization).filter(name__in=names)}
        people = ctx.people_by_id_number(rows)
        posts = {}
        for s in Supervisor.objects.visible_to(ctx.organization).filter(
            person__in=[p for p in people.values() if p is not None]
        ).select_related("person", "workplace__enterprise"):
            posts.setdefault(s.person_id, []).append(s)
        results = {(r.batch_id, r.supervisor_id): r
                   for r in ExamResult.objects.filter(batch__in=list(batches.values()))}  # fmt: skip
        numbers = {row["number"] for row in rows if row["number"]}
        taken = {c.number: c for c in Certificate.objects.filter(number__in=numbers)}
        for row in rows:
            batch = batches.get(row["batch"])
            if batch is None:
                row.error("batch", _("No training batch named %(name)s is on record in your area.") % {
                    "name": row["batch"]})  # fmt: skip
                continue
            person = people.get(row["id_number"])
            choices = posts.get(person.pk, []) if person is not None else []
            if row["workplace"]:
                choices = [s for s in choices if s.workplace.name == row["workplace"]]
            if len(choices) != 1:
                row.error("id_number" if not choices else "workplace",
                          _("%(name)s is not a supervisor of a mine in your area.") % {"name": row["name"]}
                          if not choices else
                          _("%(name)s supervises more than one mine: name the mine.") % {"name": row["name"]})  # fmt: skip
                continue
            supervisor = choices[0]
            try:
                rules.check_exam(batch=batch, examined_on=row["examined_on"], score=row["score"],
                                 passed=bool(row["passed"]))  # fmt: skip
                rules.check_trainee(batch=batch, supervisor=supervisor)
                if row["number"] or row["issued_on"] or row["expires_on"]:
                    rules.check_certificate_dates(issued_on=row["issued_on"], expires_on=row["expires_on"],
                                                  batch=batch, examined_on=row["examined_on"])  # fmt: skip
            except ValidationError as e:
                row.reject(e, {"trainees": "id_number"})
                continue
            held = taken.get(row["number"]) if row["number"] else None
            if held is not None and held.supervisor_id != supervisor.pk:
                row.error("number", _("Certificate %(number)s is already recorded.") % {"number": row["number"]})
                continue
            if row["number"] and held is None:
                if not (row["issued_on"] and row["expires_on"]):
                    row.error("issued_on", _("A certificate needs its issue and expiry dates."))
                    continue
                if not row["passed"]:
                    row.error("passed", _("%(name)s did not pass the exam of %(batch)s.") % {
                        "name": row["name"], "batch": batch.name})  # fmt: skip
                    continue
            row.extra.update(batch=batch, supervisor=supervisor)
            row.mark("changed" if (batch.pk, supervisor.pk) in results else "new")

    def write(self, rows, ctx):
        created = updated = 0
        for row in rows:
            services.record_result(
                batch=row.extra["batch"], supervisor=row.extra["supervisor"], passed=bool(row["passed"]),
                score=row["score"], examined_on=row["examined_on"], number=row["number"] or "",
                issued_on=row["issued_on"], expires_on=row["expires_on"],
            )  # fmt: skip
            if row.status == "changed":
                updated += 1
            else:
                created += 1
        return created, updated


def exam_result_rows(queryset, reveal=None):
    """A batch's trainees in the ledger's columns; ID numbers masked unless revealed (and logged)."""
    rows = list(queryset.select_related("batch", "supervisor__person", "supervisor__workplace__enterprise"))
    certificates = {}
    for c in Certificate.objects.filter(batch__in={r.batch_id for r in rows}):
        certificates[(c.batch_id, c.supervisor_id)] = c
    numbers = reveal.numbers([r.supervisor.person for r in rows]) if reveal is not None else {}
    for r in rows:
        person, cert = r.supervisor.person, certificates.get((r.batch_id, r.supervisor_id))
        yield [numbers.get(person.pk, person.id_number_masked), person.name, r.batch.name, r.supervisor.workplace.name,
               r.examined_on or "", r.score if r.score is not None else "", "是" if r.passed else "否",
               cert.number if cert else "", cert.issued_on if cert else "", cert.expires_on if cert else ""]  # fmt: skip


# A township's monthly report sheet ---------------------------------------------------------------


@register_kind
class MonthlyReportsKind(LedgerKind):
    code = "safety_monthly_reports"
    title = "乡镇煤矿安全生产月督查表"
    columns = [
        MINE,
        Column("month", "月份", "text", required=True, max_length=20, aliases=["督查月份", "报告月份"], example="2008-05",
               help="如 2008-05、2008年5月。"),
        Column("output", "产量(吨)", "amount", aliases=["月产量(吨)", "产量", "月产量"], example="5000",
               help="本月产煤吨数。"),
        Column("people_underground", "井下人数", "integer", aliases=["下井人数", "入井人数"], example="60"),
        Column("supervisor", "值班群监员", "name", aliases=["当班群监员", "群监员"], example="张三"),
        Column("problems", "发现问题", "text", aliases=["存在问题", "问题"], example="个别工作面支护不规范"),
        Column("measures", "整改措施", "text", aliases=["措施", "处理措施"], example="已责令整改并复查"),
    ]  # fmt: skip
    key = ["workplace", "month"]
    instructions = [
        "每矿每月一行；月份结束后填报，同一煤矿同一月份只能报一次（退回的报告请在网页上修改后重报）。"
    ]

    def natural_key(self, row):
        month = parse_month(row.raw.get("month", ""))
        return (row["workplace"], month) if row["workplace"] and month else None

    def check(self, rows, ctx):
        mines = _workplaces(rows, ctx, coal=True, statuses=True)
        reported = set(
            MonthlyReport.objects.filter(workplace__in=list(mines.values())).values_list("workplace_id", "month")
        )
        supervisors = {}
        for s in Supervisor.objects.filter(workplace__in=mines.values()).select_related("person"):
            supervisors[(s.workplace_id, s.person.name)] = s
        for row in rows:
            mine = mines.get(row["workplace"])
            if mine is None:
                _missing_workplace(row, coal=True)
                continue
            month = parse_month(row["month"])
            if month is None:
                row.error("month", _("Give the month as 2008-05."))
                continue
            try:
                rules.check_report_month(workplace=mine, month=month, today=ctx.today, reported=reported)
            except ValidationError as e:
                _refuse(row, e, {"month": "month", "workplace": "workplace"})
                continue
            supervisor = None
            if row["supervisor"]:
                supervisor = supervisors.get((mine.pk, row["supervisor"]))
                if supervisor is None:
                    row.error("supervisor", _("%(name)s is not a supervisor of %(mine)s.") % {
                        "name": row["supervisor"], "mine": mine.name})  # fmt: skip
                    continue
            row.extra.update(mine=mine, month=month, supervisor=supervisor)
            row.mark("new")

    def write(self, rows, ctx):
        for row in rows:
            services.file_report(
                workplace=row.extra["mine"], month=row.extra["month"], on=ctx.today, today=ctx.today, by=ctx.user,
                output=row["output"] or 0, people_underground=row["people_underground"] or 0,
                supervisor_on_duty=row.extra["supervisor"], problems=row.get("problems", ""),
                measures=row.get("measures", ""),
            )  # fmt: skip
        return len(rows), 0


def monthly_report_rows(queryset):
    for r in queryset.select_related("workplace__enterprise", "supervisor_on_duty__person").order_by(
        "workplace__enterprise__name"
    ):
        yield [r.workplace.name, f"{r.month:%Y-%m}", r.output, r.people_underground,
               r.supervisor_on_duty.person.name if r.supervisor_on_duty else "", r.problems, r.measures]  # fmt: skip


# Hazards -----------------------------------------------------------------------------------------


ID_NUMBER_RE = re.compile(r"^\d{17}[\dX]$")


def supervisors_of(workplaces):
    """The workplaces' supervisors, found by (workplace id, name) or (workplace id, ID number's lookup
    hash), in one query for a whole file: {key: [supervisors]}."""
    found = {}
    for s in Supervisor.objects.filter(workplace__in=list(workplaces)).select_related("person"):
        found.setdefault((s.workplace_id, s.person.name), []).append(s)
        if s.person.id_number_hash:
            found.setdefault((s.workplace_id, s.person.id_number_hash), []).append(s)
    return found


def find_supervisor(row, key, found, workplace):
    """The supervisor a cell names (name or ID number) at that workplace; else a row error and None."""
    text = (row[key] or "").strip()
    number = idnumbers.normalize(text)
    lookup = idnumbers.lookup_hash(number) if ID_NUMBER_RE.match(number) else text
    matches = found.get((workplace.pk, lookup), [])
    if len(matches) == 1:
        return matches[0]
    if matches:
        row.error(key, _("%(mine)s has two supervisors named %(name)s: give the ID number.") % {
            "mine": workplace.name, "name": text})  # fmt: skip
    else:
        row.error(key, _("%(name)s is not a supervisor of %(mine)s.") % {"name": text, "mine": workplace.name})
    return None


@register_kind
class HazardsKind(LedgerKind):
    code = "safety_hazards"
    title = "隐患排查治理台账"
    columns = [
        WORKPLACE,
        Column("found_on", "发现日期", "date", required=True, aliases=["排查日期", "检查日期"], example="2008-08-05"),
        Column("source", "发现途径", "choice", required=True, choices=SOURCES, aliases=["来源"], example="督导检查"),
        Column("supervisor", "发现群监员", "text", max_length=40, aliases=["群监员", "发现人"], example="",
               help="发现途径为“群监员”时必填：该单位群监员的姓名或身份证号。"),
        Column("description", "隐患描述", "text", required=True, aliases=["隐患内容", "存在隐患"], example="消防器材过期未更换"),
        Column("grade", "隐患等级", "choice", choices=GRADES, aliases=["等级"], example="一般"),
        Column("deadline", "整改期限", "date", required=True, aliases=["限期整改日期"], example="2008-08-31"),
        Column("responsible", "整改责任人", "text", max_length=50, aliases=["责任人"], example="张三"),
        Column("rectified_on", "整改日期", "date", aliases=["整改完成日期"], example="2008-08-20"),
        Column("rechecked_by", "复查人", "text", max_length=50, example="李四"),
        Column("rechecked_on", "复查日期", "date", example="2008-08-25"),
    ]  # fmt: skip
    key = ["workplace", "found_on", "description"]

    def check(self, rows, ctx):
        # Lookups once per batch; each row is then checked by the service's own rules (new_hazard), no query.
        workplaces = _workplaces(rows, ctx)
        finders = supervisors_of(workplaces.values()) if any(row["supervisor"] for row in rows) else {}
        for row in rows:
            workplace = workplaces.get(row["workplace"])
            if workplace is None:
                _missing_workplace(row)
                continue
            supervisor = None
            if row["supervisor"]:
                supervisor = find_supervisor(row, "supervisor", finders, workplace)
                if supervisor is None:
                    continue
            try:
                row.extra["hazard"] = services.new_hazard(
                    workplace=workplace, found_on=row["found_on"], source=row["source"], supervisor=supervisor,
                    description=row["description"], deadline=row["deadline"],
                    grade=row["grade"] or HazardGrade.ORDINARY, responsible=row.get("responsible", ""),
                    rectified_on=row["rectified_on"], rechecked_by=row.get("rechecked_by", ""),
                    rechecked_on=row["rechecked_on"],
                )  # fmt: skip
            except ValidationError as e:
                row.reject(e)
                continue
            row.mark("new")

    def write(self, rows, ctx):
        services.record_hazards([row.extra["hazard"] for row in rows])
        return len(rows), 0


def hazard_rows(queryset):
    sources, grades = labels(SOURCES), labels(GRADES)
    for h in queryset.select_related("workplace__enterprise", "supervisor__person").order_by("found_on", "pk"):
        finder = h.supervisor.person.name if h.supervisor else ""
        yield [h.workplace.name, h.found_on, sources.get(h.source, ""), finder, h.description, grades.get(h.grade, ""),
               h.deadline, h.responsible, h.rectified_on or "", h.rechecked_by, h.rechecked_on or ""]  # fmt: skip


# Accidents ---------------------------------------------------------------------------------------


@register_kind
class AccidentsKind(LedgerKind):
    code = "safety_accidents"
    title = "安全生产事故台账"
    columns = [
        WORKPLACE,
        Column("occurred_on", "事故日期", "date", required=True, aliases=["发生日期", "日期"], example="2008-04-28"),
        Column("kind", "事故类别", "choice", required=True, choices=ACCIDENT_KINDS, aliases=["类别"], example="顶板"),
        # Counts are read as text so a negative one is refused by the rule, with its reason.
        Column("deaths", "死亡人数", "text", aliases=["死亡"], example="1"),
        Column("serious_injuries", "重伤人数", "text", aliases=["重伤"], example="0"),
        Column("minor_injuries", "轻伤人数", "text", aliases=["轻伤"], example="0"),
        Column("cause", "事故原因", "text", aliases=["原因"], example="顶板管理不到位"),
        Column("report", "报告情况", "text", aliases=["上报情况"], example="已上报县安监局"),
        Column("follow_up", "处理情况", "text", aliases=["后续处理", "善后处理"], example="停产整顿"),
    ]  # fmt: skip
    key = ["workplace", "occurred_on", "kind"]

    def check(self, rows, ctx):
        workplaces = _workplaces(rows, ctx)
        for row in rows:
            workplace = workplaces.get(row["workplace"])
            if workplace is None:
                _missing_workplace(row)
                continue
            counts = {k: parse_count(row, k) for k in ("deaths", "serious_injuries", "minor_injuries")}
            if any(v is None for v in counts.values()):
                continue
            try:
                row.extra["accident"] = services.new_accident(
                    workplace=workplace, occurred_on=row["occurred_on"], kind=row["kind"], cause=row.get("cause", ""),
                    report=row.get("report", ""), follow_up=row.get("follow_up", ""), **counts,
                )  # fmt: skip
            except ValidationError as e:
                row.reject(e)
                continue
            row.mark("new")

    def write(self, rows, ctx):
        services.record_accidents([row.extra["accident"] for row in rows])
        return len(rows), 0


def accident_rows(queryset):
    kinds = labels(ACCIDENT_KINDS)
    for a in queryset.select_related("workplace__enterprise").order_by("occurred_on", "pk"):
        yield [a.workplace.name, a.occurred_on, kinds.get(a.kind, ""), a.deaths, a.serious_injuries, a.minor_injuries,
               a.cause, a.report, a.follow_up]  # fmt: skip
