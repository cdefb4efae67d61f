"""Word documents in the official layout of GB/T 9704 (党政机关公文格式), for every area.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 2号 方正小标宋简体,
centred; the body in 3号 仿宋_GB2312 at 22 lines a page (exact line spacing) and 28 characters a
line; headings 黑体 (一、) then 楷体_GB2312 (（一）); page numbers in 4号 宋体 as "— 1 —", odd pages
on the right and even pages on the left.

The fonts are named as the standard names them (offices' machines have them). Each is also
entered in the document's font table with a common alternative (仿宋, 宋体, 黑体, 楷体), so Word
and WPS substitute sensibly on a machine without it, and LibreOffice falls back to Noto CJK.

    doc = OfficialDocument(title="关于开展抗震救灾捐款活动的倡议书", number="县工发〔2008〕12号")
    doc.heading("一、全年工作回顾")
    doc.paragraph("全年共发放资金15万余元……")
    doc.table(["序号", "单位", "金额（元）"], rows, total=["合计", "", "30,320"])
    doc.signature("黔山县总工会", date(2008, 5, 15))
    return doc.response("倡议书.docx")
"""

import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312"}
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# What a machine without the standard's font should use instead (w:altName in the font table).
ALTERNATIVES = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei"}

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_TABLE = Pt(12)  # 小四: tables are set smaller than the body
# 225 mm of text height (297 - 37 - 35) in 22 lines.
LINE = Pt(28.95)
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_font(run, name, size=None, *, bold=None):
    """Set a run's Chinese (East Asian) and Latin font; python-docx's font.name sets only Latin."""
    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold
    return run


def _exact_lines(paragraph, *, indent=False, align=None, before=0, after=0):
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = SIZE_3 * 2  # two characters
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _add_page_number(paragraph):
    """ "— N —" with N a PAGE field, in 4号 宋体."""
    set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, SIZE_4)
    run = set_font(paragraph.add_run(), PAGE_NUMBER_FONT, SIZE_4)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._element.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._element.append(shown)
    set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, SIZE_4)


def _declare_fonts(document):
    """Add the standard's fonts to the font table with their alternatives (w:altName)."""
    font_part = None
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            font_part = rel.target_part
    if font_part is None:
        return
    from lxml import etree

    root = etree.fromstring(font_part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alternative in ALTERNATIVES.items():
        if name in known:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt = etree.SubElement(font, qn("w:altName"))
        alt.set(qn("w:val"), alternative)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "modern" if "仿宋" in name or "楷" in name else "roman")
    font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class OfficialDocument:
    def __init__(self, *, title, number=None, subtitle=None):
        self.document = Document()
        self._page_setup()
        self._styles()
        _declare_fonts(self.document)
        if number:
            self.paragraph(number, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        heading = self.document.add_paragraph()
        _exact_lines(heading, align=WD_ALIGN_PARAGRAPH.CENTER, after=16)
        heading.paragraph_format.line_spacing = Pt(36)  # the title's 2号 characters need more room
        set_font(heading.add_run(title), TITLE_FONT, SIZE_2)
        if subtitle:
            self.paragraph(subtitle, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)

    def _page_setup(self):
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(28) - Pt(14)  # the page number sits 7 mm below the text's last line
        self.document.settings.odd_and_even_pages_header_footer = True
        odd = section.footer.paragraphs[0]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = SIZE_4  # one character in from the edge
        _add_page_number(odd)
        even = section.even_page_footer.paragraphs[0]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = SIZE_4
        _add_page_number(even)

    def _styles(self):
        normal = self.document.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = SIZE_3
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), BODY_FONT)
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        normal.paragraph_format.line_spacing = LINE
        normal.paragraph_format.space_after = Pt(0)

    # Content -------------------------------------------------------------------------------------

    def heading(self, text, level=1):
        """一、… in 黑体 (level 1) or （一）… in 楷体_GB2312 (level 2); the caller writes the numbering."""
        paragraph = _exact_lines(self.document.add_paragraph(), indent=True)
        set_font(paragraph.add_run(text), HEADING_FONTS.get(level, BODY_FONT), SIZE_3)
        return paragraph

    def paragraph(self, text="", *, indent=True, align=None, highlight=False, bold=False):
        """A body paragraph in 3号 仿宋_GB2312. ``highlight`` marks a note to be checked (yellow)."""
        paragraph = _exact_lines(self.document.add_paragraph(), indent=indent, align=align)
        if text:
            self.run(paragraph, text, highlight=highlight, bold=bold)
        return paragraph

    def run(self, paragraph, text, *, highlight=False, bold=False):
        """Append text to a paragraph (so one sentence can mix figures and highlighted notes)."""
        run = set_font(paragraph.add_run(text), BODY_FONT, SIZE_3, bold=bold or None)
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return run

    def table(self, headers, rows, *, total=None):
        """A bordered table in 小四 仿宋; `total` is a last row (合计) set in bold."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                self._cell(cell, text)
        if total is not None:
            for cell, text in zip(table.add_row().cells, total, strict=True):
                self._cell(cell, text, bold=True)
        return table

    @staticmethod
    def _cell(cell, text, *, bold=False, align=None):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if align is not None:
            paragraph.alignment = align
        set_font(
            paragraph.add_run("" if text is None else str(text)), BODY_FONT, SIZE_TABLE, bold=bold or None
        )

    def signature(self, org_name, day):
        """The issuing organisation and the date (2008年5月15日), right-aligned, four characters in."""
        self.paragraph("")
        for text in (org_name, f"{day.year}年{day.month}月{day.day}日"):
            paragraph = self.paragraph(text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = SIZE_3 * 4

    def page_break(self):
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def new_section(self):
        """A new page that keeps the layout (a list appended to a letter, a batch of receipts)."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        return section

    # Output --------------------------------------------------------------------------------------

    def save(self, target):
        self.document.save(target)

    def to_bytes(self):
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def response(self, filename):
        """A download of the document under its Chinese file name."""
        response = HttpResponse(self.to_bytes(), content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
