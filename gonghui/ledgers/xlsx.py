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
