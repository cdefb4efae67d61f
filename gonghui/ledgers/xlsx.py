"""Writing ledgers the way county offices lay them out: title, unit and date, header, rows, 合计.

Exports are written by ``sheetxml.SheetWriter`` (plain XML deflated as it goes: a 100,000-row export in
a few seconds, in constant memory); templates and rejected-rows files, small and styled, by xlsxwriter.
"""

import datetime
import tempfile
from decimal import Decimal

import xlsxwriter
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .sheetxml import HEAD, PLAIN, TITLE, TOTAL, TOTAL_TEXT, SheetWriter, column_letter

# Marks a template's example row (data, Chinese); readers skip every row that carries it.
EXAMPLE_MARKER = "【示例行】"


def write_ledger(target, *, title, unit, headers, rows, sum_columns=(), total_label=True, widths=None,
                 progress=None):
    """Write one sheet to `target` (a path or file object); returns the number of data rows.

    `progress(n)` is called every 5,000 rows (background exports show it as a progress bar).
    """
    last_col = max(len(headers) - 1, 0)
    col_widths = [(widths or {}).get(col, max(10, len(str(h)) * 2 + 2)) for col, h in enumerate(headers)]
    sheet = SheetWriter(target, sheet_name=title, widths=col_widths,
                        merge=f"A1:{column_letter(last_col)}1" if last_col else None, yes=_("yes"), no=_("no"))  # fmt: skip
    today = timezone.localdate()
    sheet.write_row([title], TITLE)
    info = [_("Unit: %(unit)s") % {"unit": unit}] + [None] * last_col
    info[last_col if last_col else 1:] = [_("Date: %(y)d-%(m)d-%(d)d") % {"y": today.year, "m": today.month,
                                                                         "d": today.day}]  # fmt: skip
    sheet.write_row(info, PLAIN)
    sheet.write_row([str(h) for h in headers], HEAD)
    sums = dict.fromkeys(sum_columns, 0)
    n = 0
    write = sheet.write_row
    for n, row in enumerate(rows, start=1):
        if sums:
            for col in sums:
                value = row[col] if col < len(row) else None
                if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                    sums[col] += value
        if any(type(v) is datetime.datetime and v.tzinfo is not None for v in row):
            row = [timezone.localtime(v) if type(v) is datetime.datetime and v.tzinfo else v for v in row]
        write(row)
        if progress is not None and n % 5000 == 0:
            progress(n)
    if total_label:
        total = [None] * (last_col + 1)
        total[0] = _("Total")
        if last_col >= 1 and 1 not in sums:
            total[1] = _("%(n)d rows") % {"n": n}
        for col, value in sums.items():
            total[col] = float(value)
        sheet.write_row(total, [TOTAL if isinstance(v, float) else TOTAL_TEXT for v in total])
    sheet.close()
    return n


def ledger_response(*, title, unit, headers, rows, filename, sum_columns=(), total_label=True):
    handle = tempfile.TemporaryFile()
    write_ledger(handle, title=title, unit=unit, headers=headers, rows=rows, sum_columns=sum_columns,
                 total_label=total_label)  # fmt: skip
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename)


def _cell(sheet, r, c, value, fmt=None):
    if value is None or value == "":
        return
    if isinstance(value, datetime.datetime):
        sheet.write_datetime(r, c, value.replace(tzinfo=None), fmt)
    elif isinstance(value, datetime.date):
        sheet.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value)
    elif isinstance(value, int | float):
        sheet.write_number(r, c, value)
    else:
        sheet.write_string(r, c, str(value))


def write_rejected(target, result):
    """The rows an import skipped, as they stood in the file, plus a 错误原因 column to fix and re-import."""
    book = xlsxwriter.Workbook(target, {"constant_memory": True})
    head_fmt = book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1})
    reason_fmt = book.add_format({"font_color": "#B00020", "text_wrap": True})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    plans = {plan.name: plan for plan in result.sheets}
    by_sheet = {}
    for sheet_name, cells, reason in result.rejected:
        by_sheet.setdefault(sheet_name, []).append((cells, reason))
    for sheet_name, rows in by_sheet.items():
        plan = plans.get(sheet_name)
        headers = list(plan.headers) if plan else []
        width = max([len(headers), *(len(cells) for cells, _r in rows)])
        headers += [""] * (width - len(headers))
        sheet = book.add_worksheet(sheet_name[:31])
        for col, header in enumerate([*headers, "错误原因"]):
            sheet.write_string(0, col, str(header), head_fmt)
        # ID numbers must stay text when the officer types them again.
        sheet.set_column(0, width - 1, 16, book.add_format({"num_format": "@"}))
        sheet.set_column(width, width, 60)
        for r, (cells, reason) in enumerate(rows, start=1):
            for c, value in enumerate(cells):
                _cell(sheet, r, c, value, date_fmt)
            sheet.write_string(r, width, reason, reason_fmt)
    if not by_sheet:
        book.add_worksheet("Sheet1").write_string(0, 0, "错误原因")
    book.close()


def write_template(target, kind):
    """A blank ledger of `kind`: header, one example row, drop-down lists, an instructions sheet."""
    book = xlsxwriter.Workbook(target)
    sheet = book.add_worksheet(kind.title[:31] or kind.code)
    head_fmt = book.add_format({"bold": True, "bg_color": "#EDEDED", "border": 1, "align": "center"})
    need_fmt = book.add_format({"bold": True, "bg_color": "#FFE9A8", "border": 1, "align": "center"})
    text_fmt = book.add_format({"num_format": "@"})
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    example_fmt = book.add_format({"font_color": "#777777", "num_format": "@"})
    rows = 2000
    for col, column in enumerate(kind.columns):
        sheet.write_string(0, col, column.header + ("*" if column.required else ""),
                           need_fmt if column.required else head_fmt)  # fmt: skip
        width = max(10, len(column.header) * 2 + 4, 20 if column.type in {"id_number", "text"} else 0)
        if column.type == "date":
            sheet.set_column(col, col, width, date_fmt)
        elif column.type in {"id_number", "phone", "text", "name", "place"}:
            # Text, so Excel never turns an ID number into 5.20123E+17.
            sheet.set_column(col, col, width, text_fmt)
        else:
            sheet.set_column(col, col, width)
        example = column.example
        if example in ("", None) and column.choices:
            example = column.choice_labels()[0]  # the example row should import as it stands
        if isinstance(example, int | float) and not isinstance(example, bool):
            sheet.write_number(1, col, example)
        elif example not in ("", None):
            sheet.write_string(1, col, str(example), example_fmt)
        labels = None
        if column.choices:
            labels = column.choice_labels()
        elif column.type == "yesno":
            labels = ["是", "否"]
        if labels:
            sheet.data_validation(1, col, rows, col, {"validate": "list", "source": labels,
                                                      "error_message": "请从下拉列表中选择。"})  # fmt: skip
        elif column.type == "integer":
            sheet.data_validation(1, col, rows, col, {"validate": "integer", "criteria": ">=", "value": 0,
                                                      "error_message": "请填写不小于0的整数。"})  # fmt: skip
        elif column.type == "amount":
            sheet.data_validation(1, col, rows, col, {"validate": "decimal", "criteria": ">=", "value": 0,
                                                      "error_message": "请填写金额（元）。"})  # fmt: skip
    # The example row says so in a cell of its own after the last column; the importer skips any row
    # carrying the marker, so an example left in the file is never imported as a person.
    marker_fmt = book.add_format({"font_color": "#B00020", "bold": True})
    sheet.write_string(1, len(kind.columns), EXAMPLE_MARKER + "导入时自动跳过，可删除", marker_fmt)
    sheet.set_column(len(kind.columns), len(kind.columns), 30)
    sheet.freeze_panes(1, 0)
    notes = book.add_worksheet("填表说明")
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    notes.set_column(0, 0, 22)
    notes.set_column(1, 1, 80)
    notes.write_string(0, 0, f"{kind.title}填表说明", bold)
    general = [
        "第一行是表头，请勿修改列名；可以在表头上方保留一两行标题。",
        f"第二行是示例（行末标有“{EXAMPLE_MARKER}”），导入时自动跳过；照它的样子从第三行起填写。",
        "带*的列必填。日期写成2008-05-12、2008/5/12、2008.5.12或2008年5月12日均可。",
        "金额以元为单位，可写“1,200元”或“1.2万元”。是/否列填“是”或“否”。",
        "一个工作簿可有多个工作表（如每村一张），每张都要有表头；合计行和空行会自动跳过。",
        *kind.instructions,
    ]
    r = 2
    for line in general:
        notes.write_string(r, 0, "")
        notes.write_string(r, 1, line, wrap)
        r += 1
    r += 1
    notes.write_string(r, 0, "列名", bold)
    notes.write_string(r, 1, "说明", bold)
    for column in kind.columns:
        r += 1
        notes.write_string(r, 0, column.header + ("*" if column.required else ""))
        parts = []
        if column.aliases:
            parts.append("也可写作：" + "、".join(column.aliases))
        if column.choices:
            parts.append("可选：" + "、".join(column.choice_labels()))
        if column.help:
            parts.append(column.help)
        notes.write_string(r, 1, "；".join(parts) or " ", wrap)
    book.close()
