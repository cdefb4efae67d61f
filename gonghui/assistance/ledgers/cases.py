"""The ledger of rights and legal-aid cases (维权及法律援助案件台账)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from gonghui.ledgers.persons import INSERT_BATCH
from gonghui.ledgers.registry import Column, LedgerKind, register_kind

from ..models import CasePerson, CaseStatus, CaseStep, RightsCase
from .columns import ID_NUMBER, NAME, TOWNSHIP, VILLAGE, _owner, _people

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
