"""Reading ledger files as they arrive: .xlsx/.xls/.xlsm/.ods through python-calamine, .csv in
UTF-8 (with or without BOM), GBK or GB18030 through the csv module.

A reader yields sheets; a sheet yields (row_number, cells) with the row number as Excel/WPS
shows it (for CSV, the line number), so every message can point at the right row.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
SUFFIXES = SPREADSHEET_SUFFIXES | CSV_SUFFIXES


class UnreadableFile(Exception):
    """The file cannot be read at all (wrong type, damaged, wrong encoding)."""


@dataclass
class Sheet:
    name: str
    height: int  # rows, for the progress bar (an estimate for CSV)
    _rows: object

    def rows(self):
        return self._rows()


def decode_csv(data):
    """Text of a CSV file: UTF-8 (BOM or not) first, then GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise UnreadableFile(_("The file is neither UTF-8 nor GBK text; save it again as CSV or Excel."))


def _csv_sheet(path, name):
    data = Path(path).read_bytes()
    if b"\x00" in data[:4096]:
        raise UnreadableFile(_("This is not a CSV text file; save it again as CSV or Excel."))
    text = decode_csv(data)
    sample = text[:8192]
    delimiter = ","
    if sample.count("\t") > sample.count(","):
        delimiter = "\t"

    def rows():
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as e:
            raise UnreadableFile(_("Line %(line)d cannot be read as CSV: %(why)s") % {"line": reader.line_num,
                                                                                       "why": e})  # fmt: skip

    return Sheet(name=name, height=text.count("\n") + 1, _rows=rows)


def _calamine_sheets(path):
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as e:  # calamine raises its own error types for damaged or foreign files
        raise UnreadableFile(
            _("The workbook cannot be opened (%(why)s); save it again as .xlsx.") % {"why": e}
        )

    def make(name):
        def rows():
            try:
                sheet = book.get_sheet_by_name(name)
                yield from enumerate(sheet.iter_rows(), start=1)
            except UnreadableFile:
                raise
            except Exception as e:
                raise UnreadableFile(
                    _("The sheet %(sheet)s cannot be read (%(why)s).") % {"sheet": name, "why": e}
                )

        return rows

    # Heights are not known before a sheet is parsed; the file size spread over the sheets gives
    # the progress bar a fair estimate without parsing each sheet twice.
    size = Path(path).stat().st_size
    estimate = max(1, size // 60 // max(1, len(names)))
    return [Sheet(name=name, height=estimate, _rows=make(name)) for name in names]


def open_sheets(path, *, filename=None):
    """The sheets of the file at `path` (its type told by `filename` or the path's suffix)."""
    suffix = Path(filename or str(path)).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return [_csv_sheet(path, Path(filename or str(path)).stem)]
    if suffix in SPREADSHEET_SUFFIXES:
        return _calamine_sheets(path)
    raise UnreadableFile(
        _("Files of type %(suffix)s cannot be imported; use .xlsx, .xls or .csv.") % {"suffix": suffix or "?"}
    )
