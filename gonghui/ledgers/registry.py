"""Ledger kinds: what one kind of ledger file looks like and how its rows are written.

Every area registers its kinds here; the engine (``gonghui.ledgers.importer``) does the rest:
reading .xlsx/.xls/.csv, finding the header row, mapping header aliases, parsing every cell by
its column type, resolving places inside the importing organisation's subtree, rejecting
duplicates inside the file, the preview, the all-or-nothing transaction, templates and exports.

A kind declares its columns (data: the Chinese headers and their aliases), its natural key (a
row appears once per file) and two methods that see other data::

    # gonghui/assistance/ledgers/, imported from AssistanceConfig.ready()
    from gonghui.ledgers.registry import Column, LedgerKind, register_kind


    @register_kind
    class HardshipArchives(LedgerKind):
        code = "hardship_archives"
        title = "困难职工档案"
        columns = [
            Column("name", "姓名", "name", required=True),
            Column("id_number", "身份证号", "id_number", required=True,
                   aliases=["身份证号码", "公民身份号码"]),
            Column("township", "乡镇", "place", place="township", aliases=["乡(镇)"]),
            Column("village", "村(社区)", "place", place="village", within="township"),
            Column("category", "困难类别", "choice", choices={"特困": "extreme", "困难": "ordinary"}),
            Column("archived_on", "建档日期", "date", required=True),
            Column("income", "家庭人均月收入", "amount"),
        ]
        key = ["id_number"]          # the same person twice in one file is an error

        def check(self, rows, ctx):
            # One query per batch, not per row.
            people = ctx.people_by_id_number(rows)        # {number: Person}
            for row in rows:
                person = people.get(row["id_number"])
                if person is None:
                    row.mark("new")
                else:
                    row.instance = person
                    row.mark("changed", changes=[("困难类别", "困难", "特困")])
                if row["income"] is not None and row["income"] > 5000:
                    row.error("income", "家庭人均月收入超过5000元，不属于困难职工。")

        def write(self, rows, ctx):
            ...  # bulk_create / bulk_update the valid rows of this batch (already in a transaction)
            return created, updated

Rules the engine keeps for every kind:

* ``check`` and ``write`` get one batch (up to ``batch_size`` rows) at a time. ``write`` only
  gets rows without errors, and only when the whole file is going to be committed (or the
  officer chose to skip invalid rows). Everything runs inside one transaction: raise nothing
  to signal a bad row, call ``row.error(column_key, reason)``; an exception aborts the import.
* ``row[key]`` is the parsed value (``None`` when the cell is blank); ``row.raw[key]`` the text
  as it stood in the file. Places (type ``place``) arrive as ``Place`` instances already checked
  to lie inside ``ctx.organization``'s subtree; ``id_number`` values arrive validated and
  normalised (18 characters, capital X), ``amount`` as ``Decimal`` in yuan, ``date`` as
  ``datetime.date``, ``yesno`` as ``bool``, ``choice`` as the stored value, ``integer`` as ``int``.
* Reasons are sentences an officer understands: wrap English source text in ``gettext`` (the
  catalog makes them Chinese); name the value and say what to do.
* ``row.mark(status, changes=...)`` feeds the preview's diff: ``new``, ``changed`` (with
  ``(header, old, new)`` triples), ``unchanged``, ``duplicate`` (probably someone already
  registered) or ``conflict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

# The column types the engine knows how to parse (see gonghui/ledgers/values.py).
FIELD_TYPES = {
    "id_number",  # resident ID number: validated, normalised; Excel's 5.20123E+17 rejected
    "name",  # a person's name: inner spaces removed
    "date",  # Excel serial, 2008-05-12, 2008/5/12, 2008.5.12, 2008年5月12日 (2008.05 → 1st, warning)
    "amount",  # yuan as Decimal: 元, 万元, thousands separators, full-width digits
    "phone",  # 11-digit mobile or landline with area code
    "yesno",  # 是/否/√/×/有/无/Y/N → bool
    "choice",  # one of Column.choices (label → stored value); the stored value is accepted too
    "gender",  # 男/女 → "M"/"F"; checked against the row's ID number wherever the column appears
    "text",  # free text, full-width normalised, stripped
    "integer",  # non-negative whole number; a trailing unit such as 人 or 对 is allowed
    "place",  # a township or village name, resolved to a Place inside the organisation's subtree
}

STATUSES = ("new", "changed", "unchanged", "duplicate", "conflict")


@dataclass(frozen=True)
class Column:
    """One column of a ledger: its key in a row, the header offices write, and how to parse it.

    ``header`` is the header the template uses; ``aliases`` are other headers meaning the same
    (matched after full-width, bracket and space normalisation, so 乡（镇） equals 乡(镇)).
    ``choices`` maps accepted labels to stored values (first label of each value is the one
    the template offers). ``place`` is "township" or "village"; ``within`` names the township
    column a village is looked up under. ``max_length`` caps text. ``example`` fills the
    template's example row; ``help`` goes on the template's instructions sheet.
    """

    key: str
    header: str
    type: str = "text"
    aliases: tuple[str, ...] | list[str] = ()
    required: bool = False
    choices: dict[str, Any] | None = None
    place: str = ""
    within: str = ""
    max_length: int | None = None
    example: Any = ""
    help: str = ""

    def __post_init__(self):
        if self.type not in FIELD_TYPES:
            raise ValueError(
                f"Column {self.key}: unknown type {self.type!r}; use one of {sorted(FIELD_TYPES)}"
            )
        if self.type == "gender" and not self.choices:
            from .values import GENDER_LABELS

            object.__setattr__(self, "choices", dict(GENDER_LABELS))
        if self.type == "choice" and not self.choices:
            raise ValueError(f"Column {self.key}: a choice column needs choices")
        if self.type == "place" and self.place not in {"township", "village"}:
            raise ValueError(f"Column {self.key}: place must be 'township' or 'village'")
        object.__setattr__(self, "aliases", tuple(self.aliases))

    @property
    def headers(self):
        return (self.header, *self.aliases)

    def choice_labels(self):
        """The labels to offer, one per stored value, in declaration order."""
        seen, labels = set(), []
        for label, value in (self.choices or {}).items():
            if value not in seen:
                seen.add(value)
                labels.append(label)
        return labels


@dataclass
class Issue:
    """An error or warning about one cell (or a whole row when column is empty)."""

    sheet: str
    row: int
    column: str
    value: str
    reason: str
    code: str = ""  # the ValidationError code of the rule refused, when a service rule refused the row

    def as_dict(self):
        issue = {"sheet": self.sheet, "row": self.row, "column": self.column, "value": self.value,
                 "reason": str(self.reason)}  # fmt: skip
        if self.code:  # a service rule's code, so a script can tell which rule refused the row
            issue["code"] = self.code
        return issue


@dataclass(eq=False)
class Row:
    """One data row of a file: where it stood, what it said, what it means, what is wrong."""

    sheet: str
    number: int  # as Excel/WPS shows it (1-based, counting title rows); the line for CSV
    values: dict[str, Any]
    raw: dict[str, str]
    headers: dict[str, str]  # column key → header text as it appears in the file
    cells: list[Any] = field(default_factory=list)  # the original row, for the rejected-rows file
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    status: str = "new"
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)
    instance: Any = None  # whatever the kind found or built for this row
    extra: dict = field(default_factory=dict)  # anything else the kind wants to keep between check and write

    def __getitem__(self, key):
        return self.values.get(key)

    def get(self, key, default=None):
        value = self.values.get(key)
        return default if value is None else value

    @property
    def ok(self):
        return not self.errors

    def _issue(self, key, reason, value, code=""):
        if value is None:
            value = self.raw.get(key, "")
        return Issue(
            self.sheet, self.number, self.headers.get(key, key or ""), str(value), str(reason), code or ""
        )

    def error(self, key, reason, value=None, *, code=""):
        """Record that the cell of column `key` (or the row, key "") is wrong and why."""
        self.errors.append(self._issue(key, reason, value, code))

    def reject(self, error, columns=None):
        """Record a service rule's ValidationError against this row, with its codes.

        Kinds call the same rule functions as the services and forms (one rule, one place) and
        hand their refusal here: each message goes beside the column its field maps to
        (``columns``: field → column key; a field that is a column key maps to itself), or on the
        row when there is no such column.
        """
        columns = columns or {}
        fields = error.error_dict.items() if hasattr(error, "error_dict") else [("", error.error_list)]
        for name, errors in fields:
            key = columns.get(name, name if name in self.values else "")
            for one in errors:
                self.error(key, next(iter(one)), code=one.code or "")

    def warn(self, key, reason, value=None):
        """Record something an officer should look at; the row is still imported."""
        self.warnings.append(self._issue(key, reason, value))

    def mark(self, status, *, changes=()):
        if status not in STATUSES:
            raise ValueError(f"unknown row status {status!r}")
        self.status = status
        self.changes = list(changes)


class LedgerKind:
    """Subclass, set the attributes, implement ``check`` and ``write``, decorate with ``register_kind``."""

    code: str = ""  # "people"; used in URLs and on the command line
    title: str = ""  # Chinese title of the ledger (data), used on the template and the page
    columns: list[Column] = []
    key: list[str] = []  # column keys that identify a row within a file; empty key values are not compared
    batch_size: int = 2000
    # Lines (Chinese, data) for the template's instructions sheet, after the per-column help.
    instructions: list[str] = []
    # The column holding the name of the person the row's ID number is about (see person_keys).
    name_key: str = "name"

    def column(self, key):
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def natural_key(self, row):
        """The row's identity within a file, or None when it cannot be told (blank key cells)."""
        if not self.key:
            return None
        values = tuple(row[k] for k in self.key)
        if any(v is None or v == "" for v in values):
            return None
        return values

    def can_import(self, user):
        return getattr(user, "can_edit", False)

    def person_keys(self):
        """(ID number column key, name column key or None) of the person a row is about, or None.

        The engine finds that person for every row by ``people.services.match_people`` before
        ``check``: a person outside the importer's subtree only with the right name too.
        """
        number = next((c.key for c in self.columns if c.type == "id_number"), None)
        if number is None:
            return None
        name = next((c.key for c in self.columns if c.key == self.name_key), None)
        return number, name

    def why_not_import(self, user):
        """Why this user may not import this kind (shown beside it), or None when they may."""
        if self.can_import(user):
            return None
        if not getattr(user, "can_edit", False):
            return _("Your role reads ledgers and exports them; it does not import them.")
        return _("Your role may not import this ledger.")

    def check(self, rows, ctx):
        """Validate a batch of parsed rows against other data; report with row.error()/row.warn()."""

    def write(self, rows, ctx):
        """Write a batch of valid rows; return (created, updated)."""
        raise NotImplementedError

    def __str__(self):
        return self.title or self.code


_kinds: dict[str, LedgerKind] = {}


def register_kind(kind):
    """Register a LedgerKind subclass (usable as a class decorator) or instance; returns it unchanged."""
    instance = kind() if isinstance(kind, type) else kind
    if not instance.code:
        raise ValueError("a ledger kind needs a code")
    keys = [c.key for c in instance.columns]
    if len(keys) != len(set(keys)):
        raise ValueError(f"ledger kind {instance.code}: duplicate column keys")
    for k in instance.key:
        if k not in keys:
            raise ValueError(f"ledger kind {instance.code}: key column {k!r} is not a column")
    for column in instance.columns:
        if column.within and column.within not in keys:
            raise ValueError(
                f"ledger kind {instance.code}: {column.key} is within unknown column {column.within}"
            )
    _kinds[instance.code] = instance
    return kind


def get_kind(code):
    """The registered kind with this code; KeyError when there is none."""
    return _kinds[code]


def all_kinds():
    return sorted(_kinds.values(), key=lambda k: k.code)


UNKNOWN_KIND = _("There is no ledger kind %(kind)s.")


@dataclass
class ImportContext:
    """What ``check`` and ``write`` know about the import besides the rows.

    ``organization``: the importing organisation (rows belong to its subtree);
    ``user``: who imports (None from the command line); ``dry_run``: nothing will be written;
    ``today``: the import's date; ``cache``: a dict a kind may use across batches.
    """

    organization: Any
    user: Any = None
    dry_run: bool = False
    today: Any = None
    cache: dict = field(default_factory=dict)
    person_key: str = ""  # the column whose ID numbers the engine matched (row.extra["person"])
    hashes: dict = field(default_factory=dict)  # {ID number: lookup hash}, computed once per import
    ciphers: dict = field(default_factory=dict)  # {ID number: ciphertext} for new people (commits only)

    def people_by_id_number(self, rows, key="id_number", name_key="name"):
        """{number: Person} for the rows' ID numbers, found by the one rule (``match_people``).

        A person outside the importer's subtree is found only when the row's name matches too; a
        row whose number is registered to someone else there gets an error naming nobody and
        finds no one. The engine has usually matched the rows already (``row.extra["person"]``).
        """
        from gonghui.people.services import match_people

        missing = [row for row in rows if row.values.get(key) and "person" not in row.extra]
        if missing:
            found = match_people(
                ((i, row[key], row.get(name_key, "") if name_key else "") for i, row in enumerate(missing)),
                self.organization,
                places=self.subtree_places(),
                hashes=self.hashes,
            )
            for i, row in enumerate(missing):
                self.take_match(row, found.get(i), key)
        found = {}
        for row in rows:
            match = row.extra.get("person")
            if match is not None and match.person is not None and (number := row.values.get(key)):
                found[number] = match.person
        return found

    def subtree_places(self):
        """The places of the importer's subtree (None: the whole county), once per import."""
        if "subtree_places" not in self.cache:
            from gonghui.people.services import subtree_places

            self.cache["subtree_places"] = subtree_places(self.organization)
        return self.cache["subtree_places"]

    @staticmethod
    def take_match(row, match, key="id_number"):
        from gonghui.people.services import Match

        match = match or Match()
        if match.refused:
            row.error(key, match.refused)
        row.extra["person"] = match

    def ensure_people(self, rows, *, id_key="id_number", name_key="name", ids_only=False, **place_keys):
        """For valid rows, the Person of each ID number: found, or created now (one bulk write).

        Use in ``write``. ``place_keys`` may give ``township=..., village=..., phone=...,
        ethnicity=..., address=...`` column keys to fill on new people. Returns {number: Person},
        or {number: person id} with ``ids_only`` (no model instances: 90,000 rows are faster).
        """
        from .persons import ensure_people

        known = None
        if id_key == self.person_key:
            # The engine's match of each row (the one rule): no second lookup of the same numbers.
            known = {}
            for row in rows:
                if "person" in row.extra and (number := row.values.get(id_key)):
                    known[number] = row.extra["person"].person
        return ensure_people(rows, id_key=id_key, name_key=name_key, known=known, hashes=self.hashes,
                             ciphers=self.ciphers, ids_only=ids_only, **place_keys)  # fmt: skip
