"""A minimal streaming .xlsx writer for exports: one sheet of text, numbers and dates, written as XML.

xlsxwriter spends about 40 µs a cell (a 100,000-row people export took 37 s on the test machine);
exports need only a few styles, inline strings and a merged title, so the sheet's XML is built here
as text and deflated into the zip as it goes (constant memory, about 1 µs a cell). Excel, WPS,
LibreOffice and calamine (our reader) open it.
"""

import datetime
import re
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

# Style indexes of STYLES below.
PLAIN, TITLE, HEAD, CELL, DATE, DATETIME, NUMBER, TOTAL, TOTAL_TEXT = range(9)

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="166" formatCode="#,##0.##"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="16"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="9">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>
<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>
<xf numFmtId="166" fontId="2" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"""

_EPOCH = datetime.datetime(1899, 12, 30)
_EPOCH_DATE = _EPOCH.date()
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value):
    if _NOT_XML.search(value):
        value = _NOT_XML.sub("", value)
    if "&" in value or "<" in value or ">" in value:
        value = escape(value)
    return value


class SheetWriter:
    """Write rows one at a time; `close()` finishes the file. Cells: str, int, float, Decimal, date,
    datetime (naive, local), bool (as `yes`/`no` text given), None (blank)."""

    def __init__(self, target, *, sheet_name, widths, merge=None, yes="yes", no="no"):
        self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self.zip.writestr("[Content_Types].xml", CONTENT_TYPES)
        self.zip.writestr("_rels/.rels", ROOT_RELS)
        name = _SHEET_NAME.sub("", sheet_name)[:31] or "Sheet1"
        self.zip.writestr("xl/workbook.xml", WORKBOOK.format(name=escape(name, {'"': "&quot;"})))
        self.zip.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        self.zip.writestr("xl/styles.xml", STYLES)
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w")
        self.merge = merge
        self.yes, self.no = yes, no
        self.letters = [column_letter(i) for i in range(max(len(widths), 1) + 1)]
        self.row = 0
        self.buffer = []
        cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths))
        self._put(SHEET_HEAD + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")

    def _put(self, text):
        self.buffer.append(text)
        if len(self.buffer) >= 2000:
            self._flush()

    def _flush(self):
        if self.buffer:
            self.sheet.write("".join(self.buffer).encode("utf-8"))
            self.buffer = []

    def write_row(self, values, styles=CELL):
        """Append a row; `styles` is one style for every cell or a style per cell (None: by type)."""
        self.row += 1
        r = str(self.row)
        letters = self.letters
        if len(values) >= len(letters):
            letters = self.letters = [column_letter(i) for i in range(len(values) + 1)]
        parts = [f'<row r="{r}">']
        single = styles if isinstance(styles, int) else None
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            ref = letters[col] + r
            style = single if single is not None else styles[col]
            kind = type(value)
            if kind is str:
                parts.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{_text(value)}</t></is></c>')
            elif kind is bool:
                parts.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{self.yes if value else self.no}</t></is></c>')
            elif kind is int or kind is float or kind is Decimal:
                number = format(value, "f") if kind is Decimal else repr(value)
                parts.append(f'<c r="{ref}" s="{NUMBER if style == CELL else style}"><v>{number}</v></c>')
            elif kind is datetime.date:
                parts.append(f'<c r="{ref}" s="{DATE}"><v>{(value - _EPOCH_DATE).days}</v></c>')
            elif kind is datetime.datetime:
                delta = value.replace(tzinfo=None) - _EPOCH
                parts.append(f'<c r="{ref}" s="{DATETIME}"><v>{delta.days + delta.seconds / 86400!r}</v></c>')
            else:
                parts.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{_text(str(value))}</t></is></c>')
        parts.append("</row>")
        self._put("".join(parts))

    def close(self):
        self._put("</sheetData>")
        if self.merge:
            self._put(f'<mergeCells count="1"><mergeCell ref="{self.merge}"/></mergeCells>')
        self._put("</worksheet>")
        self._flush()
        self.sheet.close()
        self.zip.close()
