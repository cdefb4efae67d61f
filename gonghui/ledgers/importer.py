"""The import engine: one general mechanism for every registered ledger kind.

Read every sheet, find its header row, map headers to columns, parse every cell, resolve places
inside the importing organisation's subtree, reject duplicates inside the file, let the kind
check each batch against other data, and write the batches in one transaction: all rows or
none (unless the officer chose to skip invalid rows). A process killed halfway commits nothing.
"""

import contextvars
import datetime
import queue
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from django.db import connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gonghui.orgs.tally import refresh_statistics
from gonghui.people import idnumbers
from gonghui.people.services import record_outside_links
from gonghui.reporting.closing import refuse_closed_rows

from . import bulk, readers
from .places import PlaceResolver
from .registry import ImportContext, Issue, Row
from .values import PARSERS, ROW_CHECKS, CellError, cell_text, is_blank, normalize_text
from .xlsx import EXAMPLE_MARKER

HEADER_SCAN_ROWS = 20
PREVIEW_ROWS = 20
DIFF_ROWS = 200
_TOTAL_WORDS = (
    "合计",
    "总计",
    "小计",
    "累计",
    "Total",
    "TOTAL",
    "total",
)  # English: our own exports in English
_FOOTER_PREFIXES = ("填表人", "制表人", "审核人", "负责人", "填报人", "填表日期", "制表日期", "填报日期",
                    "单位负责人", "联系人", "备注:", "说明:", "注:")  # fmt: skip


class UsageError(Exception):
    """The import cannot start: unknown sheet, bad mapping."""


def header_key(text):
    """Headers compare after full-width, brackets, spaces and required-markers are normalised."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = re.sub(r"[\s*:：]", "", text)
    text = text.replace("（", "(").replace("）", ")").replace("【", "(").replace("】", ")")
    text = re.sub(r"\((必填|选填|必填项)\)$", "", text)
    return text


@dataclass
class SheetPlan:
    """What was understood of one sheet: where the header is and which column is which."""

    name: str
    header_row: int = 0  # 1-based; 0 when no header was found
    headers: list[str] = field(default_factory=list)  # the header row's cells, as text
    mapping: dict[int, str] = field(default_factory=dict)  # cell index → column key
    missing: list[str] = field(default_factory=list)  # required column headers not found
    height: int = 0
    key_headers: dict[str, str] = field(default_factory=dict)  # column key → header text in the file
    parsers: list = field(default_factory=list)  # (cell index, column key, Column, parser)
    absent: dict = field(default_factory=dict)  # {column key: None} for the kind's columns not in this sheet

    def as_dict(self, kind):
        return {
            "sheet": self.name,
            "header_row": self.header_row,
            "columns": [
                {
                    "index": i,
                    "header": h,
                    "key": self.mapping.get(i, ""),
                    "label": kind.column(self.mapping[i]).header if i in self.mapping else "",
                }
                for i, h in enumerate(self.headers)
            ],  # fmt: skip
            "missing": self.missing,
        }


@dataclass
class ImportResult:
    kind: str
    status: str = "rejected"
    rows_read: int = 0
    rows_imported: int = 0
    rows_updated: int = 0
    rows_blank: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    sheets: list[SheetPlan] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)  # first rows, normalised
    diff: Counter = field(default_factory=Counter)  # status → rows
    diff_rows: list[dict] = field(default_factory=list)  # rows that are not simply new
    rejected: list[tuple[str, list, list, str]] = field(default_factory=list)  # sheet, header, cells, reason

    @property
    def ok(self):
        return self.status in {"committed", "dry_run"} and (not self.errors or self.skipped_invalid)

    skipped_invalid: bool = False
    file_error: bool = False
    example_rows: list[dict] = field(default_factory=list)  # template example rows skipped

    def as_json(self):
        return {
            "kind": self.kind,
            "status": self.status,
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_updated": self.rows_updated,
            "rows_blank": self.rows_blank,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": [w.as_dict() for w in self.warnings],
        }

    def as_summary(self, kind_obj=None):
        """Everything the page shows, JSON-serialisable (stored on the job)."""
        data = self.as_json()
        data["sheets"] = [s.as_dict(kind_obj) for s in self.sheets] if kind_obj else []
        data["preview"] = self.preview
        data["diff"] = dict(self.diff)
        data["diff_rows"] = self.diff_rows
        data["rows_rejected"] = len(self.rejected)
        data["example_rows"] = self.example_rows
        data["file_error"] = self.file_error
        data["errors_total"] = len(self.errors)
        data["warnings_total"] = len(self.warnings)
        # The page lists the first thousand; the rejected-rows file and the command give all.
        data["errors"] = data["errors"][:1000]
        data["warnings"] = data["warnings"][:1000]
        return data


def _blank(cells, indexes):
    """No mapped cell holds anything (spaces count as nothing)."""
    size = len(cells)
    for i in indexes:
        if i < size:
            cell = cells[i]
            if cell is not None and cell != "" and not is_blank(cell):
                return False
    return True


def _header_text(cell):
    # The header as it appears in the file (messages quote it), only trimmed.
    return cell.strip() if isinstance(cell, str) else cell_text(cell)


def _display(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "name") and not isinstance(value, str):
        return value.name
    return str(value)


class Importer:
    def __init__(self, kind, *, organization, user=None, dry_run=False, skip_invalid=False, sheet=None,
                 mapping=None, progress=None, filename=None):  # fmt: skip
        self.kind = kind
        self.organization = organization
        self.user = user
        self.dry_run = dry_run
        self.skip_invalid = skip_invalid
        self.sheet = sheet
        # {sheet name or "*": {cell index: column key or ""}}: the officer's corrections.
        self.mapping = mapping or {}
        self.progress = progress
        self.filename = filename
        self.result = ImportResult(kind=kind.code, skipped_invalid=skip_invalid)
        self.ctx = ImportContext(organization=organization, user=user, dry_run=dry_run,
                                 today=timezone.localdate())  # fmt: skip
        keys = kind.person_keys()
        self.ctx.person_key = keys[0] if keys else ""
        self.places = None
        self.seen_keys = {}
        self.columns = {c.key: c for c in kind.columns}
        self.place_columns = sorted(
            (c for c in kind.columns if c.type == "place"), key=lambda c: c.place != "township"
        )
        self.checked_columns = [c for c in kind.columns if c.type in ROW_CHECKS]
        self.aliases = {}
        for column in kind.columns:
            for header in column.headers:
                self.aliases.setdefault(header_key(header), column.key)
        self.done = 0
        self.total = 0
        self.check_each_batch = False
        self.writing = not dry_run
        self.file_error = False  # no header, missing columns, unreadable: even --skip-invalid rejects

    # --- header -------------------------------------------------------------------------------

    def _score(self, cells):
        keys = {self.aliases.get(header_key(c)) for c in cells if not is_blank(c)}
        keys.discard(None)
        return len(keys)

    def find_header(self, head_rows):
        """Index (into head_rows) of the header row, or None: the row matching most column headers."""
        best, best_score = None, 0
        for index, (_number, cells) in enumerate(head_rows):
            score = self._score(cells)
            if score > best_score:
                best, best_score = index, score
        needed = min(2, len(self.kind.columns))
        return best if best_score >= needed else None

    def plan_sheet(self, name, number, cells):
        plan = SheetPlan(name=name, header_row=number, headers=[_header_text(c) for c in cells])
        override = self.mapping.get(name, self.mapping.get("*"))
        for index, text in enumerate(plan.headers):
            key = self.aliases.get(header_key(text))
            if override is not None and str(index) in override:
                key = override[str(index)] or None
                if key and key not in self.columns:
                    raise UsageError(_("There is no column %(key)s in this ledger.") % {"key": key})
            if key and key not in plan.mapping.values():
                plan.mapping[index] = key
        found = set(plan.mapping.values())
        plan.key_headers = {key: plan.headers[i] for i, key in plan.mapping.items()}
        plan.parsers = [(i, key, self.columns[key], PARSERS[self.columns[key].type]) for i, key in plan.mapping.items()]
        plan.absent = dict.fromkeys(c.key for c in self.kind.columns if c.key not in found)
        plan.missing = [c.header for c in self.kind.columns if c.required and c.key not in found]
        return plan

    # --- rows ---------------------------------------------------------------------------------

    @staticmethod
    def _is_example(plan, cells):
        """The template's example row: it carries the marker (in a cell after the last column)."""
        for cell in cells:
            if isinstance(cell, str) and EXAMPLE_MARKER in cell:
                return True
        return False

    @staticmethod
    def _is_total_or_footer(cells):
        texts = []
        for cell in cells:
            if isinstance(cell, str) and cell and not cell.isspace():
                texts.append(normalize_text(cell).replace(" ", ""))
                if len(texts) == 2:
                    break
            elif cell not in ("", None) and not texts:
                return False  # a number first (序号): a data row
        if not texts:
            return False
        first = texts[0]
        if first.startswith(_TOTAL_WORDS) or (len(texts) > 1 and texts[1] in _TOTAL_WORDS):
            return True
        if first.startswith(_FOOTER_PREFIXES):
            filled = sum(1 for c in cells if not is_blank(c))
            return filled <= 4
        return False

    def parse_row(self, plan, number, cells):
        values, raw = {}, {}
        headers = plan.key_headers
        row = Row(sheet=plan.name, number=number, values=values, raw=raw, headers=headers, cells=cells)
        size = len(cells)
        for index, key, column, parser in plan.parsers:
            cell = cells[index] if index < size else None
            if is_blank(cell):
                values[key] = None
                raw[key] = ""
                if column.required:
                    row.error(key, _("%(column)s is required and is empty.") % {"column": headers[key]})
                continue
            raw[key] = cell if isinstance(cell, str) else cell_text(cell)
            try:
                values[key] = parser(cell, column, lambda reason, key=key: row.warn(key, reason))
            except CellError as e:
                values[key] = None
                row.error(key, e.reason)
            if values[key] == "" and column.required:
                row.error(key, _("%(column)s is required and is empty.") % {"column": headers[key]})
        values.update(plan.absent)  # the kind's columns this sheet lacks: blank
        raw.update(dict.fromkeys(plan.absent, ""))
        for column in self.checked_columns:
            if not row.errors or column.key not in {e.column for e in row.errors}:
                ROW_CHECKS[column.type](row, column.key, self.kind.columns)
        return row

    def resolve_places(self, row):
        place_columns = self.place_columns  # townships first: a village is looked up inside its township
        if not place_columns:
            return
        if self.places is None:
            self.places = PlaceResolver(self.organization)
        most_specific = None
        for column in place_columns:
            name = row[column.key]
            if not name:
                row.values[column.key] = None
                continue
            if column.place == "township":
                place, reason = self.places.township(name)
            else:
                township = row[column.within] if column.within else None
                township = township if hasattr(township, "pk") else None
                if column.within and row.raw.get(column.within) and township is None:
                    row.values[column.key] = None
                    continue  # the township is already wrong; one message is enough
                place, reason = self.places.village(name, township)
            if place is None:
                row.values[column.key] = None
                row.error(column.key, reason)
                continue
            row.values[column.key] = place
            if column.place == "village" or most_specific is None:
                most_specific = (column, place)
        if most_specific and not self.places.is_inside(most_specific[1]):
            column, place = most_specific
            row.error(column.key, self.places.outside_reason(place))

    def check_duplicate(self, row):
        """The same key twice in a file: an identical row is skipped, a different one refused.

        Consolidated files often list a person twice word for word (two townships' sheets pasted
        together): that is one person, imported once. Two rows that disagree (another name,
        township or date for the same ID number) cannot be settled here; the officer decides.
        """
        key = self.kind.natural_key(row)
        if key is None:
            return
        content = _content(row)
        first = self.seen_keys.get(key)
        if first is None:
            self.seen_keys[key] = (row.sheet, row.number, content)
            return
        sheet, number, first_content = first
        column = self.kind.key[0] if self.kind.key else ""
        where = (
            _("row %(row)d") % {"row": number}
            if sheet == row.sheet
            else _("row %(row)d of sheet %(sheet)s") % {"row": number, "sheet": sheet}
        )
        if content == first_content:
            row.extra["repeat_of"] = (sheet, number)
            row.warn(column, _("This row is the same as %(where)s; it was imported once.") % {"where": where})
        else:
            row.error(column, _("This row repeats %(where)s with different details; keep the right one.")
                      % {"where": where})  # fmt: skip

    # --- batches ------------------------------------------------------------------------------

    def run_batch(self, batch):
        good = [row for row in batch if row.ok and "repeat_of" not in row.extra]
        keys = self.kind.person_keys()
        if good and keys:
            # The one rule for finding a person (people.services.match_people), for every kind:
            # an ID number of someone outside the subtree needs their name too.
            self.ctx.people_by_id_number(good, *keys)
            good = [row for row in good if row.ok]
        if good:
            self.kind.check(good, self.ctx)
            refuse_closed_rows(self.kind, good, self.ctx)  # a closed year's rows (reporting.closing)
        for row in batch:
            if "repeat_of" in row.extra:
                row.mark("duplicate")
        for row in batch:
            self.preview_row(row)
            self.result.errors.extend(row.errors)
            self.result.warnings.extend(row.warnings)
            if row.errors:
                self.result.rejected.append((row.sheet, row.cells, "；".join(e.reason for e in row.errors)))
                if not self.skip_invalid:
                    self.writing = False
        valid = [row for row in batch if row.ok]
        for row in valid:
            self.result.diff[row.status] += 1
            if row.status != "new" and len(self.result.diff_rows) < DIFF_ROWS:
                self.result.diff_rows.append(
                    {
                        "sheet": row.sheet,
                        "row": row.number,
                        "status": row.status,
                        "name": _display(row[self.kind.columns[0].key]),
                        "changes": [[str(h), _display(o), _display(n)] for h, o, n in row.changes],
                    }  # fmt: skip
                )
        valid = [row for row in valid if "repeat_of" not in row.extra]  # counted above, written once
        if self.writing and valid:
            created, updated = self.kind.write(valid, self.ctx)
            self.result.rows_imported += created
            self.result.rows_updated += updated
            self._audit_outside_links(valid)
            if self.check_each_batch:
                _check_foreign_keys()
        elif valid:
            self.result.rows_imported += sum(1 for r in valid if r.status == "new")
            self.result.rows_updated += sum(1 for r in valid if r.status != "new")
        self.done += len(batch)
        if self.progress:
            self.progress(self.done, self.total)

    def _audit_outside_links(self, rows):
        """Every record linked to a person outside the importer's subtree goes to the audit trail."""
        links = []
        for row in rows:
            match = row.extra.get("person")
            if match is not None and match.outside and row.status == "new":
                links.append((match.person, _("%(file)s sheet %(sheet)s row %(row)d")
                              % {"file": self.filename or "", "sheet": row.sheet, "row": row.number}))  # fmt: skip
        record_outside_links(links, actor=self.user, organization=self.organization, what=self.kind.title)

    def preview_row(self, row):
        if len(self.result.preview) < PREVIEW_ROWS:
            self.result.preview.append(
                {
                    "sheet": row.sheet,
                    "row": row.number,
                    "values": [self._display(c, row[c.key]) for c in self.kind.columns],
                    "errors": [e.reason for e in row.errors],
                }  # fmt: skip
            )

    @staticmethod
    def _display(column, value):
        if column.type == "id_number" and value:
            # The preview is kept on the job and shown to everyone who may see the job.
            return idnumbers.mask(value)
        if column.choices and value is not None:
            for label, stored in column.choices.items():
                if stored == value:
                    return label
        return _display(value)

    def read(self, path):
        sheets = readers.open_sheets(path, filename=self.filename)
        if self.sheet:
            sheets = [s for s in sheets if s.name == self.sheet]
            if not sheets:
                raise UsageError(_("The file has no sheet named %(sheet)s.") % {"sheet": self.sheet})
        self.total = sum(s.height for s in sheets)
        if self.place_columns and self.places is None:
            self.places = PlaceResolver(self.organization)  # read before another thread uses the connection
        header_rejects = []
        # A file of more than one batch is checked and written in a second thread while this one
        # parses the next batch (see Steps).
        threaded = self.total > self.kind.batch_size
        # PostgreSQL checks the foreign keys of each written batch in that thread, not all at commit.
        self.check_each_batch = threaded and connection.vendor == "postgresql"
        with Steps(threaded=threaded) as steps:
            self._read_sheets(sheets, steps, header_rejects)
        for name in header_rejects if self.result.sheets else ():
            self.result.warnings.append(
                Issue(
                    name, 0, "", "", _("Sheet %(sheet)s has no header row and was skipped.") % {"sheet": name}
                )
            )
        if not self.result.sheets:
            self.file_error = True
            found = "、".join(c.header for c in self.kind.columns[:4])
            self.result.errors.append(
                Issue(
                    sheets[0].name if sheets else "",
                    0,
                    "",
                    "",
                    _("No header row was found; the ledger needs a row of column names such as %(columns)s.")
                    % {"columns": found},
                )  # fmt: skip
            )

    def _read_sheets(self, sheets, steps, header_rejects):
        """Parse every sheet's rows; hand each full batch (and every issue, in file order) to `steps`.

        Nothing here touches the database: `steps` may be checking and writing the previous batch
        in another thread on the same connection.
        """
        batch = []
        person_key, hashes, lookup_hash = self.ctx.person_key, self.ctx.hashes, idnumbers.lookup_hash
        # A commit also encrypts each number here, for the people it may register: this thread has
        # time to spare while the other waits for the database.
        ciphers = None if self.dry_run else self.ctx.ciphers
        for sheet in sheets:
            rows = sheet.rows()
            head = []
            for number, cells in rows:
                head.append((number, cells))
                if len(head) >= HEADER_SCAN_ROWS:
                    break
            index = self.find_header(head)
            if index is None:
                if any(not is_blank(c) for _n, cells in head for c in cells):
                    header_rejects.append(sheet.name)
                continue
            number, cells = head[index]
            plan = self.plan_sheet(sheet.name, number, cells)
            plan.height = sheet.height
            self.result.sheets.append(plan)
            if plan.missing:
                missing = "、".join(plan.missing)
                steps.run(partial(self._refuse_file, Issue(sheet.name, number, missing, "", _(
                    "The header row has no column %(columns)s, which this ledger needs.") % {"columns": missing})))
                continue
            mapped = list(plan.mapping)

            def data_rows(head=head, index=index, rows=rows):
                yield from head[index + 1 :]
                yield from rows

            for number, cells in data_rows():
                if _blank(cells, mapped) or self._is_total_or_footer(cells):
                    self.result.rows_blank += 1
                    continue
                if self._is_example(plan, cells):
                    self.result.rows_blank += 1
                    self.result.example_rows.append({"sheet": sheet.name, "row": number})
                    steps.run(partial(self.result.warnings.append, Issue(sheet.name, number, "", "", _(
                        "Row %(row)d is the template's example row; it was not imported.") % {"row": number})))
                    continue
                self.result.rows_read += 1
                row = self.parse_row(plan, number, cells)
                number = row.values.get(person_key) if person_key else None
                if number:  # hashed here, once, while the other thread may be waiting for the database
                    hashes[number] = lookup_hash(number)
                    if ciphers is not None:
                        ciphers[number] = idnumbers.encrypt(number)
                self.resolve_places(row)
                self.check_duplicate(row)
                batch.append(row)
                if len(batch) >= self.kind.batch_size:
                    steps.run(partial(self.run_batch, batch))
                    batch = []
        if batch:
            steps.run(partial(self.run_batch, batch))

    def _refuse_file(self, issue):
        """A sheet lacks a column the ledger needs: the file is refused, even with invalid rows skipped."""
        self.result.errors.append(issue)
        self.writing = False
        self.file_error = True

    def run(self, path):
        """Import the file at `path`; returns the ImportResult (status committed/rejected/dry_run)."""
        written = set()
        try:
            if self.dry_run:
                self.read(path)
            else:
                bulk.written_tables.clear()
                with transaction.atomic(), connection.execute_wrapper(_noting_tables(written)):
                    _large_cache()
                    self.read(path)
                    if not self._commits():
                        transaction.set_rollback(True)
                written |= bulk.written_tables
        except readers.UnreadableFile as e:
            self.file_error = True
            self.result.errors.append(Issue(self.filename or str(path), 0, "", "", str(e)))
        result = self.result
        result.file_error = self.file_error
        if self.dry_run:
            result.status = "dry_run"
        else:
            result.status = "committed" if self._commits() else "rejected"
            if result.status == "rejected":
                result.rows_imported = result.rows_updated = 0
            elif result.rows_imported + result.rows_updated >= LARGE_IMPORT:
                # The planner's statistics still describe the tables as they were before.
                refresh_statistics(written)
        return result

    def _commits(self):
        if self.file_error or not self.result.sheets:
            return False
        return self.skip_invalid or not self.result.errors


class Steps:
    """The engine's steps that use the database (checking and writing batches), run in file order.

    In line for a file of one batch. For a larger file they run in a second thread, one after
    the other, on this thread's database connection and inside its transaction, while this
    thread reads and parses the next batch: the database works (PostgreSQL's server, SQLite's
    library, both without Python's lock) while Python parses. This thread does not touch the
    database meanwhile. The second thread speaks the same language and time zone and keeps the
    same context (the audit trail's actor); the first exception of a step skips the steps after
    it and is raised here, so the transaction rolls back as it would in line.
    """

    DEPTH = 2  # batches parsed ahead of the one being written

    def __init__(self, *, threaded):
        self.threaded = threaded
        self.error = None
        self.thread = None

    def __enter__(self):
        if self.threaded:
            self.queue = queue.Queue(maxsize=self.DEPTH)
            self.shared = [connections[alias] for alias in connections]
            for wrapper in self.shared:
                wrapper.inc_thread_sharing()
            context = contextvars.copy_context()
            args = (translation.get_language(), timezone.get_current_timezone())
            self.thread = threading.Thread(target=context.run, args=(self._work, *args), name="ledger-steps",
                                           daemon=True)  # fmt: skip
            self.thread.start()
        return self

    def run(self, step):
        if not self.threaded:
            step()
            return
        if self.error is not None:
            raise self.error
        self.queue.put(step)

    def _work(self, language, zone):
        for wrapper in self.shared:
            connections[wrapper.alias] = wrapper  # the same connection, hence the same transaction
        with translation.override(language), timezone.override(zone):
            while (step := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        step()
                    except BaseException as e:  # raised in the reading thread
                        self.error = e

    def __exit__(self, exc_type, exc, tb):
        if self.thread is not None:
            if exc_type is not None and self.error is None:
                self.error = exc  # reading failed: the steps still queued are skipped
            self.queue.put(None)
            self.thread.join()
            for wrapper in self.shared:
                wrapper.dec_thread_sharing()
        if exc_type is None and self.error is not None:
            raise self.error
        return False  # an exception of this thread goes on


# An import of this many rows refreshes the statistics of the tables it wrote (ANALYZE).
LARGE_IMPORT = 5000
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def _noting_tables(tables):
    def wrapper(execute, sql, params, many, context):
        match = _WRITE.match(sql)
        if match:
            tables.add(match.group(1))
        return execute(sql, params, many, context)

    return wrapper


def _check_foreign_keys():
    """PostgreSQL: check the deferred foreign keys of the rows written so far, now, not at commit.

    Each check looks one key up. For a table of a few hundred rows (places) PostgreSQL's plan for
    that lookup reads the whole table, 3-4 times the cost of the index: a 90,000-row import checks
    180,000 place keys. The checks are planned here with the index (the plan is kept).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        before = cursor.fetchone()[0]
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])


def _large_cache():
    # SQLite's default page cache (2 MB) is far smaller than the indexes a 100,000-row import
    # touches at random (hashes, names); a larger one for this connection halves the write time.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -131072")


def run_import(kind, path, *, organization, user=None, dry_run=False, skip_invalid=False, sheet=None,
               mapping=None, progress=None, filename=None):  # fmt: skip
    """Import one file of `kind` for `organization`; see Importer. Returns an ImportResult."""
    importer = Importer(kind, organization=organization, user=user, dry_run=dry_run, skip_invalid=skip_invalid,
                        sheet=sheet, mapping=mapping, progress=progress, filename=filename)  # fmt: skip
    return importer.run(path)


def _content(row):
    """What a row says, to tell an identical repeat from a contradicting one."""
    try:
        return hash(frozenset(row.values.items()))
    except TypeError:  # an unhashable value: compare the text as typed
        return hash(frozenset(row.raw.items()))
