"""Writing ledgers the way county offices lay them out: title, unit and date, header, rows, 合计.

Rows are written in xlsxwriter's constant-memory mode to a temporary file and streamed back,
so a 100,000-row export never sits in memory.
"""

import datetime
import tempfile

import xlsxwriter
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _


def write_ledger(target, *, title, unit, headers, rows, sum_columns=(), total_label=True, widths=None):
    """Write one sheet to `target` (a path or file object); returns the number of data rows."""
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "remove_timezone": True})
    sheet = book.add_worksheet(title[:31])
    title_fmt = book.add_format({"bold": True, "font_size": 16, "align": "center"})
    head_fmt = book.add_format({"bold": True, "border": 1, "bg_color": "#EDEDED", "align": "center"})
    cell_fmt = book.add_format({"border": 1})
    date_fmt = book.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
    time_fmt = book.add_format({"border": 1, "num_format": "yyyy-mm-dd hh:mm"})
    num_fmt = book.add_format({"border": 1, "num_format": "#,##0.##"})
    total_fmt = book.add_format({"bold": True, "border": 1, "num_format": "#,##0.##"})
    last_col = max(len(headers) - 1, 0)
    sheet.merge_range(0, 0, 0, last_col, title, title_fmt)
    today = timezone.localdate()
    sheet.write(1, 0, _("Unit: %(unit)s") % {"unit": unit})
    sheet.write(
        1,
        last_col if last_col else 1,
        _("Date: %(y)d-%(m)d-%(d)d") % {"y": today.year, "m": today.month, "d": today.day},
    )
    for col, header in enumerate(headers):
        sheet.write_string(3 - 1, col, str(header), head_fmt)
        sheet.set_column(col, col, (widths or {}).get(col, max(10, len(str(header)) * 2 + 2)))
    sums = dict.fromkeys(sum_columns, 0)
    n = 0
    for n, row in enumerate(rows, start=1):
        r = 2 + n
        for col, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                sheet.write_datetime(
                    r, col, timezone.localtime(value) if timezone.is_aware(value) else value, time_fmt
                )
            elif isinstance(value, datetime.date):
                sheet.write_datetime(r, col, datetime.datetime.combine(value, datetime.time()), date_fmt)
            elif isinstance(value, bool):
                sheet.write_string(r, col, _("yes") if value else _("no"), cell_fmt)
            elif isinstance(value, int | float) or hasattr(value, "as_tuple"):
                sheet.write_number(r, col, float(value), num_fmt)
                if col in sums:
                    sums[col] += value
            elif value is None:
                sheet.write_blank(r, col, None, cell_fmt)
            else:
                # Strings stay strings: an ID number must never become 5.20123E+17.
                sheet.write_string(r, col, str(value), cell_fmt)
    if total_label:
        r = 3 + n
        sheet.write_string(r, 0, _("Total"), total_fmt)
        if last_col >= 1 and 1 not in sums:
            sheet.write_string(r, 1, _("%(n)d rows") % {"n": n}, total_fmt)
        for col, total in sums.items():
            sheet.write_number(r, col, float(total), total_fmt)
    book.close()
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
        if example in ("", None) and column.type == "choice":
            example = column.choice_labels()[0]  # the example row should import as it stands
        if isinstance(example, int | float) and not isinstance(example, bool):
            sheet.write_number(1, col, example)
        elif example not in ("", None):
            sheet.write_string(1, col, str(example), example_fmt)
        labels = None
        if column.type == "choice":
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
    sheet.freeze_panes(1, 0)
    notes = book.add_worksheet("填表说明")
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    notes.set_column(0, 0, 22)
    notes.set_column(1, 1, 80)
    notes.write_string(0, 0, f"{kind.title}填表说明", bold)
    general = [
        "第一行是表头，请勿修改列名；可以在表头上方保留一两行标题。",
        "第二行是示例，导入前请删除或改成真实数据。",
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
        if column.type == "choice":
            parts.append("可选：" + "、".join(column.choice_labels()))
        if column.help:
            parts.append(column.help)
        notes.write_string(r, 1, "；".join(parts) or " ", wrap)
    book.close()
