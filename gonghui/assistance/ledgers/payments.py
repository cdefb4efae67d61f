"""The ledger of assistance payments (帮扶资金发放台账)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.ledgers.persons import INSERT_BATCH
from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.people.models import Person

from .. import services
from ..models import HardshipArchive, Payment, PaymentStatus, PaymentStep, Programme
from .columns import ID_NUMBER, NAME, TOWNSHIP, VILLAGE, _people


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
