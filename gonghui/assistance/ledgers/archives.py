"""The ledger of hardship archives (困难职工档案)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.ledgers.persons import INSERT_BATCH
from gonghui.ledgers.registry import Column, LedgerKind, register_kind

from .. import crypto, services
from ..models import ArchiveStatus, ArchiveTransition, HardshipArchive, HardshipCause
from .columns import ID_NUMBER, NAME, TOWNSHIP, VILLAGE, _owner, _people


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
