"""The public notice (公开栏) as a .docx to print and post, in the official layout: names and ID numbers masked."""

from django.utils.translation import gettext as _

from gonghui.core.formats import cn_date
from gonghui.core.officialdoc import OfficialDocument


def notice_document(*, notice, rows):
    """`rows` come from services.notice_rows, already masked; nothing unmasked reaches this file."""
    doc = OfficialDocument(title=notice.title)
    doc.paragraph(
        _("The following assistance is posted for public scrutiny from %(start)s to %(end)s. "
          "Objections may be raised with %(org)s during this period.")
        % {"start": cn_date(notice.posted_on), "end": cn_date(notice.ends_on), "org": notice.organization.name}
    )  # fmt: skip
    headers = [_("No."), _("Name"), _("ID number"), _("Village or community"), _("Programme"),
               _("Beneficiary kind"), _("Amount (yuan)")]  # fmt: skip
    body = [
        [
            str(n),
            row["name"],
            row["id_number"],
            row["place"],
            row["programme"],
            row["kind"],
            _money(row["amount"]),
        ]
        for n, row in enumerate(rows, start=1)
    ]
    total = sum((row["amount"] for row in rows), 0)
    doc.table(headers, body, total=[_("Total"), _("%(n)d people") % {"n": len(rows)}, "", "", "", "",
                                    _money(total)])  # fmt: skip
    doc.signature(notice.organization.name, notice.posted_on)
    return doc


def _money(value):
    return f"{value:,.2f}"
