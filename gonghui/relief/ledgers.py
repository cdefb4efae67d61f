"""Ledger kinds of the relief area: gift lists (offices keep market-day lists in Excel) and hand-overs.

Relief payments to affected workers are assistance payments of the campaign's relief programme:
they are imported with the ``assistance_payments`` kind (its 帮扶项目 column names the programme).

The rules are the services' (``through_unions``, positive amounts, values for gifts in kind, a
hand-over no larger than what is held); rows are checked per batch and written in bulk, cash
gifts taking a block of receipt numbers from the same counter the live page uses.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from gonghui.core.formats import cn_date
from gonghui.ledgers.persons import INSERT_BATCH
from gonghui.ledgers.registry import Column, LedgerKind, register_kind
from gonghui.orgs import scoping
from gonghui.orgs.models import Enterprise, Organization

from . import services
from .models import Campaign, Channel, CollectionEvent, Donation, DonorKind, HandOver, Receipt, through_unions

CAMPAIGN = Column("campaign", "募捐活动", "text", required=True, aliases=["活动名称", "捐款活动"],
                  example="抗震救灾献爱心捐款", help="填写系统中已建立的募捐活动名称。")  # fmt: skip
KINDS = {"现金": "cash", "款": "cash", "捐款": "cash", "实物": "in_kind", "物": "in_kind", "捐物": "in_kind"}
CHANNELS = {"现场": "on_site", "现场捐赠": "on_site", "登门": "door_to_door", "登门募集": "door_to_door",
            "单位代收": "workplace", "单位工会代收": "workplace", "银行转账": "bank", "转账": "bank",
            "民政或红十字会代收": "partner", "民政局": "partner", "红十字会": "partner"}  # fmt: skip
DONOR_KINDS = {"工会": "union", "单位": "workplace", "企业": "workplace", "其他组织": "organisation",
               "个人": "person", "代捐": "on_behalf"}  # fmt: skip


def _campaigns(ctx):
    cache = ctx.cache.get("campaigns")
    if cache is None:
        cache = {c.name: c for c in scoping.applying_to(Campaign.objects.all(), ctx.organization)}  # here or above
        ctx.cache["campaigns"] = cache
    return cache


def _campaign(row, ctx):
    campaign = _campaigns(ctx).get(row["campaign"])
    if campaign is None:
        row.error("campaign", _("There is no campaign %(value)s open to %(org)s.")
                  % {"value": row["campaign"], "org": ctx.organization.name})  # fmt: skip
    return campaign


def _in_campaign(row, campaign, day_key):
    day = row[day_key]
    if day < campaign.starts_on or (campaign.ends_on and day > campaign.ends_on):
        row.error(day_key, _("%(date)s is outside the campaign (%(start)s to %(end)s).")
                  % {"date": cn_date(day), "start": cn_date(campaign.starts_on),
                     "end": cn_date(campaign.ends_on) if campaign.ends_on else "…"})  # fmt: skip
        return False
    return True


@register_kind
class DonationsKind(LedgerKind):
    code = "donations"
    title = "捐款捐物登记表"
    columns = [
        CAMPAIGN,
        Column("event", "募集活动场次", "text", max_length=120, aliases=["场次", "募集场次", "活动"],
               example="5月21日赶场天献爱心捐赠", help="可空；填写该募捐活动下已建立的场次名称。"),
        Column("received_on", "日期", "date", required=True, aliases=["捐赠日期", "捐款日期", "收款日期"],
               example="2008-05-21"),
        Column("donor", "捐赠人", "text", required=True, max_length=120,
               aliases=["捐赠单位或个人", "捐款人", "单位或个人", "姓名", "捐赠单位"], example="张三"),
        Column("donor_kind", "捐赠人类别", "choice", choices=DONOR_KINDS, example="个人",
               help="可空：已登记的企业、工会按名称自动识别，其余按个人。代捐须填“代捐对象”。"),
        Column("id_number", "身份证号", "id_number", aliases=["身份证号码", "公民身份号码"],
               help="可空；填写后与人员库中的职工关联（职工捐款计入“通过工会”）。"),
        Column("on_behalf_of", "代捐对象", "text", max_length=120, aliases=["代谁捐赠", "代捐"]),
        Column("kind", "类别", "choice", choices=KINDS, aliases=["捐赠类别", "款物"], example="现金"),
        Column("item", "物品名称", "text", max_length=80, aliases=["物品", "捐赠物品"]),
        Column("quantity", "数量", "amount", aliases=["物品数量"]),
        Column("unit", "单位", "text", max_length=10, aliases=["计量单位"]),
        Column("amount", "金额", "amount", required=True, aliases=["金额(元)", "捐款金额", "折价金额", "价值(元)"],
               example="100", help="实物填写折合人民币金额。"),
        Column("channel", "方式", "choice", choices=CHANNELS, aliases=["捐赠方式", "收款方式"], example="现场"),
        Column("display_name", "公示名称", "text", max_length=120, aliases=["鸣谢名称", "显示名称"]),
        Column("anonymous", "匿名", "yesno", aliases=["是否匿名"], help="填“是”则名单和大屏显示为“热心人士”。"),
        Column("note", "备注", "text", max_length=200),
    ]  # fmt: skip
    key = []  # two gifts of the same donor and amount on one day are common (the chairman gave several)
    name_key = "donor"  # a person outside the subtree is linked by ID number and this name
    instructions = ["每行一笔捐赠；现金捐赠导入后按本单位收据顺序号自动编号。",
                    "收款单位为导入单位；合计行会被自动跳过。"]  # fmt: skip

    def check(self, rows, ctx):
        names = {r["donor"] for r in rows}
        enterprises = {}
        for e in Enterprise.objects.visible_to(ctx.organization).filter(name__in=names).order_by("-pk"):
            enterprises[e.name] = e
        unions = {}
        for o in Organization.objects.visible_to(ctx.organization).filter(name__in=names).order_by("-pk"):
            unions[o.name] = o
        people = ctx.people_by_id_number(rows)
        event_names = {r["event"] for r in rows if r["event"]}
        events = {(e.campaign_id, e.name): e for e in CollectionEvent.objects.filter(name__in=event_names)}
        for row in rows:
            campaign = _campaign(row, ctx)
            if campaign is None or not _in_campaign(row, campaign, "received_on"):
                continue
            row.values["campaign"] = campaign
            if row["event"]:
                event = events.get((campaign.pk, row["event"]))
                if event is None:
                    row.error("event", _("Campaign %(campaign)s has no event %(value)s.")
                              % {"campaign": campaign.name, "value": row["event"]})  # fmt: skip
                    continue
                row.values["event"] = event
            kind = row["kind"] or "cash"
            row.values["kind"] = kind
            if kind == "in_kind" and not row["item"]:
                row.error("item", _("Say what was given (the item)."))
                continue
            if row["amount"] is None or row["amount"] <= 0:
                message = (_("A gift in kind needs its value in yuan, more than zero.") if kind == "in_kind"
                           else _("The amount must be more than zero."))  # fmt: skip
                row.error("amount", message)
                continue
            donor_kind = row["donor_kind"]
            person = people.get(row["id_number"]) if row["id_number"] else None
            values = {"donor_union": None, "donor_enterprise": None, "donor_person": None}
            if donor_kind in (None, "", "workplace") and row["donor"] in enterprises:
                donor_kind, values["donor_enterprise"] = DonorKind.WORKPLACE, enterprises[row["donor"]]
            elif donor_kind in (None, "", "union") and row["donor"] in unions:
                donor_kind, values["donor_union"] = DonorKind.UNION, unions[row["donor"]]
            elif donor_kind in ("workplace", "union"):
                row.error("donor", _("%(value)s is not a registered workplace or union in your area; register it "
                                     "or choose another donor kind.") % {"value": row["donor"]})  # fmt: skip
                continue
            elif not donor_kind:
                donor_kind = DonorKind.ON_BEHALF if row["on_behalf_of"] else (
                    DonorKind.ORGANISATION if row["donor"].endswith(services.ORGANISATION_ENDINGS) else DonorKind.PERSON
                )  # fmt: skip
            if donor_kind == DonorKind.ON_BEHALF and not row["on_behalf_of"]:
                row.error("on_behalf_of", _("Say on whose behalf the gift is given."))
                continue
            if donor_kind in (DonorKind.PERSON, DonorKind.ON_BEHALF):
                values["donor_person"] = person
                if row["id_number"] and person is None:
                    row.warn("id_number", _("No registered person has this ID number; the gift is recorded under "
                                            "the name only."))  # fmt: skip
            row.values.update(values, donor_kind=donor_kind, channel=row["channel"] or Channel.ON_SITE)
            row.mark("new")

    def write(self, rows, ctx):
        gifts = []
        for r in rows:
            person = r["donor_person"]
            on_behalf = r["on_behalf_of"] or "" if r["donor_kind"] == DonorKind.ON_BEHALF else ""
            gifts.append(Donation(
                organization=ctx.organization, campaign=r["campaign"], event=r.get("event") or None, kind=r["kind"],
                item=r.get("item") or "", quantity=r.get("quantity"), unit=r.get("unit") or "", amount=r["amount"],
                donor_kind=r["donor_kind"], donor_union=r["donor_union"], donor_enterprise=r["donor_enterprise"],
                donor_person=person, donor_name=r["donor"], on_behalf_of=on_behalf,
                display_name=(r.get("display_name") or services.default_display_name(r["donor"], on_behalf))[:120],
                anonymous=bool(r.get("anonymous")), received_on=r["received_on"], channel=r["channel"],
                through_unions=through_unions(donor_kind=r["donor_kind"], channel=r["channel"],
                                              donor_person_id=person.pk if person else None),
                note=r.get("note") or "", entered_by=ctx.user,
            ))  # fmt: skip
        Donation.objects.bulk_create(gifts, batch_size=INSERT_BATCH)
        write_receipts(gifts)
        return len(gifts), 0


def write_receipts(gifts):
    """Receipts for bulk-written cash gifts: one block of numbers per (campaign, union), in row order."""
    by_key = defaultdict(list)
    for gift in gifts:
        if services.needs_receipt(gift):
            by_key[(gift.campaign_id, gift.organization_id)].append(gift)
    receipts = []
    for (campaign_id, organization_id), block in by_key.items():
        last = services.reserve_receipt_numbers(campaign_id=campaign_id, organization_id=organization_id,
                                                count=len(block))  # fmt: skip
        first = last - len(block) + 1
        receipts += [Receipt(organization_id=organization_id, campaign_id=campaign_id, number=first + i, donation=g,
                             issued_on=g.received_on) for i, g in enumerate(block)]  # fmt: skip
    Receipt.objects.bulk_create(receipts, batch_size=INSERT_BATCH)
    return receipts


RECIPIENTS = {"上级工会": "union", "工会": "union", "县总工会": "union", "市总工会": "union", "红十字会": "red_cross",
              "民政局": "civil_affairs", "民政": "civil_affairs", "其他": "other"}  # fmt: skip


@register_kind
class HandOversKind(LedgerKind):
    code = "donation_handovers"
    title = "捐款上交登记表"
    columns = [
        CAMPAIGN,
        Column("handed_on", "上交日期", "date", required=True, aliases=["日期", "移交日期"], example="2008-05-23"),
        Column("recipient", "接收单位", "text", required=True, max_length=120, aliases=["上交单位", "移交单位", "收款单位"],
               example="黔山县红十字会", help="工会填写系统中的全称；红十字会、民政局等照实填写。"),
        Column("recipient_kind", "接收单位类别", "choice", choices=RECIPIENTS, example="红十字会"),
        Column("amount", "金额", "amount", required=True, aliases=["上交金额", "金额(元)"], example="100"),
        Column("their_receipt", "对方收据号", "text", max_length=60, aliases=["收据号", "收据编号"]),
        Column("note", "备注", "text", max_length=200),
    ]  # fmt: skip
    key = ["campaign", "handed_on", "recipient", "amount"]
    instructions = ["上交单位为导入单位；上交金额不得超过本单位该活动尚存的募集款。"]

    def check(self, rows, ctx):
        unions = {o.name: o for o in Organization.objects.filter(name__in={r["recipient"] for r in rows})}
        held = ctx.cache.setdefault("held", {})
        for row in rows:
            campaign = _campaign(row, ctx)
            if campaign is None:
                continue
            row.values["campaign"] = campaign
            if row["amount"] is None or row["amount"] <= 0:
                row.error("amount", _("The amount must be more than zero."))
                continue
            kind = row["recipient_kind"] or ("union" if row["recipient"] in unions else "other")
            union = unions.get(row["recipient"]) if kind == "union" else None
            if kind == "union" and union is None:
                row.error("recipient", _("%(value)s is not a union in the register; write its full name.")
                          % {"value": row["recipient"]})  # fmt: skip
                continue
            if union is not None and union.pk == ctx.organization.pk:
                row.error("recipient", _("A union cannot hand money over to itself."))
                continue
            if union is not None and not ctx.organization.path.startswith(union.path):
                row.error("recipient", _("Money is handed up: %(to)s is not above %(org)s.")
                          % {"to": union.name, "org": ctx.organization.name})  # fmt: skip
                continue
            if campaign.pk not in held:
                held[campaign.pk] = services.reconcile(organization=ctx.organization, campaign=campaign)["held"]
            if row["amount"] > held[campaign.pk]:
                row.error("amount", _("%(org)s holds %(held)s yuan of this campaign; a hand-over of %(amount)s yuan "
                                      "is more than that.") % {"org": ctx.organization.name, "held": held[campaign.pk],
                                                               "amount": row["amount"]})  # fmt: skip
                continue
            held[campaign.pk] -= row["amount"]
            row.values.update(recipient_kind=kind, recipient_union=union)
            row.mark("new")

    def write(self, rows, ctx):
        handovers = [
            HandOver(organization=ctx.organization, campaign=r["campaign"], amount=r["amount"], handed_on=r["handed_on"],
                     recipient_kind=r["recipient_kind"], recipient_union=r["recipient_union"],
                     recipient_name=r["recipient"], their_receipt=r.get("their_receipt") or "",
                     note=r.get("note") or "", entered_by=ctx.user)
            for r in rows
        ]  # fmt: skip
        HandOver.objects.bulk_create(handovers, batch_size=INSERT_BATCH)
        return len(handovers), 0


def donation_rows(queryset):
    """Export rows in the import layout (so an exported list can be corrected and imported again)."""
    kinds = {v: k for k, v in reversed(list(KINDS.items()))}
    channels = {v: k for k, v in reversed(list(CHANNELS.items()))}
    donor_kinds = {v: k for k, v in reversed(list(DONOR_KINDS.items()))}
    for d in queryset.select_related("campaign", "event").order_by("received_on", "pk").iterator(chunk_size=2000):
        yield [d.campaign.name, d.event.name if d.event else "", d.received_on, d.donor_name,
               donor_kinds.get(d.donor_kind, ""), "", d.on_behalf_of, kinds.get(d.kind, ""), d.item,
               d.quantity, d.unit, d.amount, channels.get(d.channel, ""), d.display_name,
               "是" if d.anonymous else "否", d.note]  # fmt: skip


def handover_rows(queryset):
    recipients = {v: k for k, v in reversed(list(RECIPIENTS.items()))}
    for h in queryset.select_related("campaign").order_by("handed_on", "pk"):
        yield [h.campaign.name, h.handed_on, h.recipient_name, recipients.get(h.recipient_kind, ""), h.amount,
               h.their_receipt, h.note]  # fmt: skip


def headers(kind_code):
    from gonghui.ledgers.registry import get_kind

    return [c.header for c in get_kind(kind_code).columns]


def amount_column(kind_code):
    from gonghui.ledgers.registry import get_kind

    return [c.key for c in get_kind(kind_code).columns].index("amount")

