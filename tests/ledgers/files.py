"""Real ledger files written by the tests: .xlsx (xlsxwriter), .xls (xlwt), .csv (GBK/UTF-8)."""

import csv
import io

import xlsxwriter


def write_xlsx(path, sheets, *, text_columns=()):
    """`sheets`: {name: [row cells]}; cells may be str, int, float, date or None."""
    book = xlsxwriter.Workbook(str(path))
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if value is None:
                    continue
                if hasattr(value, "year"):
                    import datetime

                    if not isinstance(value, datetime.datetime):
                        value = datetime.datetime.combine(value, datetime.time())
                    sheet.write_datetime(r, c, value, date_fmt)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


def write_xls(path, sheets):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                if value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_csv(path, rows, *, encoding="gbk"):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows]
    )
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
