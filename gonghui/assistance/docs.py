"""The public notice (公开栏) as a .docx to print and post: names and ID numbers masked."""

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def write_notice(target, *, notice, rows):
    """`rows` come from services.notice_rows, already masked; nothing unmasked reaches this file."""
    doc = Document()
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(notice.title)
    run.bold = True
    run.font.size = Pt(18)
    doc.add_paragraph(
        _("The following assistance is posted for public scrutiny from %(start)s to %(end)s. "
          "Objections may be raised with %(org)s during this period.")
        % {"start": _cndate(notice.posted_on), "end": _cndate(notice.ends_on), "org": notice.organization.name}
    )  # fmt: skip
    headers = [_("No."), _("Name"), _("ID number"), _("Village or community"), _("Programme"),
               _("Beneficiary kind"), _("Amount (yuan)")]  # fmt: skip
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    total = 0
    for n, row in enumerate(rows, start=1):
        cells = table.add_row().cells
        values = [str(n), row["name"], row["id_number"], row["place"], row["programme"], row["kind"],
                  _money(row["amount"])]  # fmt: skip
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
        total += row["amount"]
    cells = table.add_row().cells
    cells[0].text = _("Total")
    cells[1].text = _("%(n)d people") % {"n": len(rows)}
    cells[-1].text = _money(total)
    footer = doc.add_paragraph(f"{notice.organization.name}\n{_cndate(notice.posted_on)}")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.save(target)


def _money(value):
    return f"{value:,.2f}"


def _cndate(day):
    return _("%(y)d-%(m)d-%(d)d") % {"y": day.year, "m": day.month, "d": day.day}
