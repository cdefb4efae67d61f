"""Greeting letters (official layout, gonghui.core.officialdoc) and address labels for out-migrant workers.

People without a mailing address are skipped (a letter with no address comes back); the page
says how many letters there will be and how many were skipped.
"""

import io

from django.db.models import Count, Q
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from gonghui.core.officialdoc import OfficialDocument

LETTER = (
    "您好！新春佳节即将来临，值此之际，中共黔山县委、县人民政府和黔山县总工会向您和您的家人致以节日的问候！"
    "您在外辛勤劳动，为家乡的发展作出了贡献。请您注意安全，依法维护自身合法权益，"
    "遇到困难可拨打县总工会维权热线。家乡的留守老人和孩子，党政工组织会用心关爱。"
)


def count_addressable(rows):
    counts = rows.aggregate(total=Count("pk"), addressable=Count("pk", filter=~Q(mailing_address="")))
    counts["skipped"] = counts["total"] - counts["addressable"]
    return counts


def _mailing_lines(entry):
    return [
        f"{entry.postcode}".strip(),
        entry.mailing_address,
        f"{entry.person.name} 收",
    ]


LETTER_TITLE = "致全县外出务工人员的慰问信"
SENDER = "黔山县总工会"


def greeting_letters(rows, *, day=None):
    """One page per worker in the official layout: address block, salutation, letter, sender and date."""
    day = day or timezone.localdate()
    doc = None
    for entry in rows.iterator(chunk_size=2000):
        if doc is None:
            doc = OfficialDocument(title=LETTER_TITLE)
        else:
            doc.page_break()
            doc.paragraph(LETTER_TITLE, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        for line in _mailing_lines(entry):
            if line:
                doc.paragraph(line, indent=False)
        doc.paragraph(f"{entry.person.name}同志：", indent=False)
        doc.paragraph(LETTER)
        home = f"{entry.township.name}{entry.village.name if entry.village else ''}"
        doc.paragraph(f"（家乡：{home}）")
        doc.signature(SENDER, day)
    return (doc or OfficialDocument(title=LETTER_TITLE)).to_bytes()


def address_labels(rows, *, columns=3):
    """Labels in a three-column table, one cell per worker: postcode, address, name."""
    doc = Document()
    table = None
    for i, entry in enumerate(rows.iterator(chunk_size=2000)):
        if i % columns == 0:
            if table is None:
                table = doc.add_table(rows=0, cols=columns)
                table.style = "Table Grid"
            cells = table.add_row().cells
        cells[i % columns].text = "\n".join(line for line in _mailing_lines(entry) if line)
    return _bytes(doc)


def _bytes(doc):
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
