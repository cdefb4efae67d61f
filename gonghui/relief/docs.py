"""Receipts (收据) and the thanks list (鸣谢名单) as Word documents in the official layout."""

from decimal import ROUND_HALF_UP, Decimal

from gonghui.core.formats import download_name
from gonghui.core.officialdoc import OfficialDocument

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ["", "拾", "佰", "仟"]
GROUPS = ["", "万", "亿", "万亿"]


def rmb_upper(amount):
    """An amount in the capital numerals receipts need (大写): 30320 → 叁万零叁佰贰拾元整."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        return "负" + rmb_upper(-amount)
    yuan, cents = divmod(int(amount * 100), 100)
    words = ""
    if yuan:
        groups = []
        while yuan:
            yuan, group = divmod(yuan, 10000)
            groups.append(group)
        pending_zero = False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                pending_zero = bool(words)
                continue
            if words and (pending_zero or group < 1000):
                words += "零"
            pending_zero = False
            digits = f"{group:04d}"
            part, zero = "", False
            for pos, ch in enumerate(digits):
                d = int(ch)
                if d == 0:
                    zero = bool(part)
                    continue
                if zero:
                    part += "零"
                    zero = False
                part += DIGITS[d] + UNITS[3 - pos]
            words += part + GROUPS[index]
        words += "元"
    jiao, fen = divmod(cents, 10)
    if not jiao and not fen:
        return (words or "零元") + "整"
    if jiao:
        words += DIGITS[jiao] + "角"
    elif words:
        words += "零"
    if fen:
        words += DIGITS[fen] + "分"
    return words


def receipt_lines(receipt):
    d = receipt.donation
    what = f"{d.campaign.get_cause_display()}捐款" if d.campaign.cause else "捐款"
    return [
        ("收据编号", receipt.code),
        ("日期", f"{receipt.issued_on.year}年{receipt.issued_on.month}月{receipt.issued_on.day}日"),
        ("今收到", d.display_name if not d.anonymous else f"{d.donor_name}（公示为热心人士）"),
        ("事由", f"{d.campaign.name}（{what}）"),
        ("人民币（大写）", rmb_upper(d.amount)),
        ("人民币（小写）", f"¥{d.amount:,.2f}"),
        ("收款单位", receipt.organization.name),
    ]


def receipts_response(receipts):
    doc = OfficialDocument(title="捐款收据")
    for i, receipt in enumerate(receipts):
        if i:
            doc.page_break()
            doc.paragraph("捐款收据", indent=False)
        doc.table(["项目", "内容"], receipt_lines(receipt))
        doc.paragraph("")
        doc.paragraph("收款单位（盖章）：            经手人：", indent=False)
    first = receipts[0]
    stem = f"捐款收据{first.code}" if len(receipts) == 1 else f"捐款收据{len(receipts)}张"
    return doc.response(download_name(stem, "docx"))


def thanks_response(campaign, rows, organization, day):
    doc = OfficialDocument(title=f"{campaign.name}鸣谢名单")
    total = sum((r["amount"] for r in rows), Decimal("0"))
    doc.paragraph(f"在{campaign.name}中，以下单位和个人慷慨解囊、奉献爱心，共捐款捐物折合人民币{total:,.2f}元。"
                  "谨向他们表示衷心感谢！")
    table = [(str(i), r["name"], f"{r['amount']:,.2f}", "、".join(r["items"])) for i, r in enumerate(rows, start=1)]
    doc.table(["序号", "单位或个人", "金额（元）", "捐赠物品"], table, total=("合计", f"{len(rows)}", f"{total:,.2f}", ""))
    org_name = organization.name if organization is not None else campaign.organization.name
    doc.signature(org_name, day)
    return doc.response(download_name(f"{campaign.name}鸣谢名单", "docx"))
