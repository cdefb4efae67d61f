"""Monthly tallies behind the figures of the large tables, kept by the database itself.

A county's stock of out-migrants is a count of 700,000 rows at 1,000,000 registry people, and a
year's assistance paid a sum over 200,000 payments: each read every row of the subtree (0.2-0.7 s
of CPU each on SQLite, 10-40 ms on PostgreSQL), and the figures page reads a dozen of them. A
*series* declares which rows of a table it follows (``where``, a Q on the table's own columns),
the date that places them in a month, and what it adds up: the rows (``n``; a row matching
``negative`` counts -1, as a reversal takes its payment back) and an amount (``fen``, in fen: a
whole number, summed exactly on both databases). Triggers add and subtract every inserted,
changed and deleted row per (series, organisation, month, key) in ``reporting.MonthTally``, in
the same transaction; ``migrate`` (re)installs them and rebuilds every series, so a table that
had rows before its triggers, or was restored from a backup, starts right.

An indicator reads its series with ``tally=Tally(series, ...)`` (``indicators.register``): the
whole months of the period come from the tally rows of the subtree, the days of a month the
period covers only in part from the indicator's own records (its ``records=`` filtered to those
days). The figure is the same number the records add up to (tests/reporting/test_tallies.py
checks this after every kind of change, on both databases); the rule of which rows count is
written once, as the Q both the records and the triggers use.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, connections, transaction
from django.db.models import Q, Sum

from gonghui.core import triggers

triggers.fills("reporting_monthtally", "reporting_peopletally")

_series = {}


@dataclass(frozen=True)
class Series:
    name: str
    model: object
    date: str  # the DateField that places a row in a month
    where: Q = field(default_factory=Q)  # the rows followed (the table's own columns only)
    negative: Q | None = None  # rows counting -1 in n
    amount: str | None = None  # the DecimalField summed into fen
    key: str | None = None  # a ForeignKey whose id is kept apart (a payment's programme)


def series(name, model, *, date, where=None, negative=None, amount=None, key=None):
    """Declare a series (once, at import time, in the area's indicators.py) and return it."""
    s = Series(
        name=name, model=model, date=date, where=where or Q(), negative=negative, amount=amount, key=key
    )
    if name in _series and _series[name] != s:
        raise ValueError(f"tally series {name} declared twice")
    _series[name] = s
    return s


def all_series():
    return list(_series.values())


def kept():
    """Whether this database keeps the tallies (the two databases the platform runs on)."""
    return connection.vendor in ("postgresql", "sqlite")


@dataclass(frozen=True)
class Tally:
    """How an indicator reads its series: ``measure`` "n" (a count) or "amount" (yuan); ``keys`` a
    callable giving the ids to keep (a QuerySet of programme ids), or None for every row;
    ``stock`` for a figure read at the period's end (every row dated up to it)."""

    series: Series
    measure: str = "n"
    keys: object = None
    stock: bool = False

    def value(self, rows):
        """The measure of tally rows (a MonthTally QuerySet)."""
        column = "fen" if self.measure == "amount" else "n"
        total = rows.aggregate(v=Sum(column))["v"]
        if total is None:  # no rows: 0, as the records' aggregate gives it
            return 0
        return _yuan(total) if self.measure == "amount" else total

    def grouped(self, rows):
        """{organisation id: measure} of tally rows."""
        column = "fen" if self.measure == "amount" else "n"
        found = (
            rows.order_by().values("organization").annotate(v=Sum(column)).values_list("organization", "v")
        )
        return {org: (_yuan(v) if self.measure == "amount" else v) for org, v in found if v}

    def split(self, period):
        """(first month, last month, [(first day, last day) read from the records]) for a period:
        the whole months the tally answers and the days around them it does not."""
        end_is_month_end = period.end.day == calendar.monthrange(period.end.year, period.end.month)[1]
        last = _month(period.end) if end_is_month_end else _add_months(_month(period.end), -1)
        days = [] if end_is_month_end else [(_month(period.end), period.end)]
        if self.stock:
            return None, last, days
        first = period.start if period.start.day == 1 else _add_months(_month(period.start), 1)
        if first > last:  # no whole month inside: the records answer alone
            return None, None, [(period.start, period.end)]
        if period.start < first:
            days.insert(0, (period.start, first - datetime.timedelta(days=1)))
        return first, last, days

    def rows(self, org, first, last):
        """The tally rows of the subtree for the months first..last (None: no lower bound)."""
        from gonghui.orgs import scoping

        from .models import MonthTally

        rows = scoping.restrict(MonthTally.objects.filter(series=self.series.name, month__lte=last), org)
        if first is not None:
            rows = rows.filter(month__gte=first)
        if self.keys is not None:
            rows = rows.filter(key__in=self.keys())
        return rows


def _yuan(fen):
    return (Decimal(int(fen)) / 100).quantize(Decimal("0.01"))


def _month(day):
    return day.replace(day=1)


def _add_months(month, n):
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


# --- The triggers ------------------------------------------------------------------------------


def _literal(value, vendor):
    if isinstance(value, bool):
        return ("true" if value else "false") if vendor == "postgresql" else ("1" if value else "0")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"tally series: a condition on {value!r} cannot be written into a trigger")


def _condition(model, q, db):
    """A Q on the model's own columns as SQL with its values written in (triggers take no parameters)."""
    query = model._base_manager.filter(q).query
    compiler = query.get_compiler(connection=db)
    if not query.where:
        return "TRUE" if db.vendor == "postgresql" else "1"
    sql, params = compiler.compile(query.where)
    if sum(1 for alias in query.alias_map if query.alias_refcount[alias]) > 1:
        raise ValueError(f"tally series on {model.__name__}: the condition must use the table's own columns")
    pieces = sql.split("%s")
    if len(pieces) != len(params) + 1:
        raise ValueError(f"tally series on {model.__name__}: cannot write {sql!r} into a trigger")
    out = pieces[0]
    for value, piece in zip(params, pieces[1:], strict=True):
        out += _literal(value, db.vendor) + piece
    return out


def _parts(s, db):
    """The series' expressions over its table's columns: (organisation, month, key, n, fen, which rows)."""
    opts = s.model._meta
    table = db.ops.quote_name(opts.db_table)
    qn = db.ops.quote_name

    def col(name):
        return f"{table}.{qn(opts.get_field(name).column)}"

    date = col(s.date)
    if db.vendor == "postgresql":
        month = f"CAST(date_trunc('month', {date}) AS date)"
        whole = "bigint"
    else:
        month = f"date({date}, 'start of month')"
        whole = "INTEGER"
    key = f"COALESCE({col(s.key)}, 0)" if s.key else "0"
    n = f"CASE WHEN {_condition(s.model, s.negative, db)} THEN -1 ELSE 1 END" if s.negative else "1"
    fen = f"CAST(ROUND({col(s.amount)} * 100) AS {whole})" if s.amount else "0"
    rows = f"{date} IS NOT NULL AND ({_condition(s.model, s.where, db)})"
    return col("organization"), month, key, n, fen, rows


def _select(s, db, source, sign):
    """SELECT series, organisation, month, key, n, fen from `source` (a table or a derived row set
    named as the table) for the rows the series follows, each signed."""
    organization, month, key, n, fen, rows = _parts(s, db)
    return (
        f"SELECT {_literal(s.name, db.vendor)} AS series, {organization} AS organization_id,"
        f" {month} AS month, {key} AS key, {sign} * ({n}) AS n, {sign} * ({fen}) AS fen"
        f" FROM {source} WHERE {rows}"
    )


def _subtract(s, db):
    """SQLite: take a row of the table (its columns as the table's) out of its tally row. Only an
    UPDATE: a row taken away was counted, and a tally row that is gone (the tables emptied in any
    order, as a test database's flush does) is not made again with a negative count."""
    organization, month, key, n, fen, rows = _parts(s, db)
    return (
        f"UPDATE reporting_monthtally SET n = n - ({n}), fen = fen - ({fen})"
        f" WHERE series = {_literal(s.name, db.vendor)} AND organization_id = {organization}"
        f" AND month = {month} AND key = {key} AND {rows}"
    )


def _upsert(selects):
    return (
        "INSERT INTO reporting_monthtally (series, organization_id, month, key, n, fen)"
        " SELECT series, organization_id, month, key, SUM(n), SUM(fen) FROM ("
        + " UNION ALL ".join(selects)
        + ") AS moved WHERE TRUE GROUP BY series, organization_id, month, key HAVING SUM(n) <> 0 OR SUM(fen) <> 0"
        " ON CONFLICT (series, organization_id, month, key) DO UPDATE"
        " SET n = reporting_monthtally.n + excluded.n, fen = reporting_monthtally.fen + excluded.fen"
    )


# --- People by home place ----------------------------------------------------------------------
# People belong to places, not to unions (scoping.restrict_people): a county's people.registered
# counted a million people through the scope (0.13 s of CPU, 0.4 s on a busy PostgreSQL). There,
# the same statement triggers keep how many people live in each (township, village). SQLite is
# left to count (90 ms of CPU at 1,000,000 people): its row triggers would need a statement
# journal for every person inserted, which the people table has no other trigger to pay for
# (45 us a person: 6 s of CPU more for the demo's 133,000 people).

PEOPLE = "people_person"


def people_kept():
    return connection.vendor == "postgresql"


def _people_select(db, source, sign):
    table = db.ops.quote_name(PEOPLE)
    return (
        f"SELECT COALESCE({table}.township_id, 0) AS township_id, COALESCE({table}.village_id, 0) AS village_id,"
        f" {sign} AS n FROM {source}"
    )


def _people_upsert(selects):
    return (
        "INSERT INTO reporting_peopletally (township_id, village_id, n)"
        " SELECT township_id, village_id, SUM(n) FROM (" + " UNION ALL ".join(selects) + ") AS moved"
        " WHERE TRUE GROUP BY township_id, village_id HAVING SUM(n) <> 0"
        " ON CONFLICT (township_id, village_id) DO UPDATE SET n = reporting_peopletally.n + excluded.n"
    )


def _install_people(cursor, db):
    table = db.ops.quote_name(PEOPLE)
    if db.vendor != "postgresql":
        for kind in ("insert", "delete", "update"):  # kept by an earlier version: dropped
            cursor.execute(f"DROP TRIGGER IF EXISTS gonghui_month_tally_{kind}_{PEOPLE}")
        cursor.execute("DELETE FROM reporting_peopletally")
        return
    cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
    new, old = f"new_rows AS {table}", f"old_rows AS {table}"
    bodies = {
        "insert": _people_upsert([_people_select(db, new, 1)]),
        "delete": _people_upsert([_people_select(db, old, -1)]),
        "update": _people_upsert([_people_select(db, new, 1), _people_select(db, old, -1)]),
        "truncate": "DELETE FROM reporting_peopletally",
    }
    _postgresql_triggers(cursor, table, PEOPLE, bodies)
    cursor.execute("DELETE FROM reporting_peopletally")
    cursor.execute(_people_upsert([_people_select(db, table, 1)]))


def people_counts():
    """{(township id or 0, village id or 0): people living there}, from the tally."""
    from .models import PeopleTally

    return {
        (t, v): n
        for t, v, n in PeopleTally.objects.filter(n__gt=0).values_list("township_id", "village_id", "n")
    }


def _by_table():
    tables = {}
    for s in _series.values():
        tables.setdefault(s.model._meta.db_table, []).append(s)
    return tables


def install(using="default", **_kwargs):
    """Create the triggers and rebuild every series (a post_migrate hook)."""
    db = connections[using]
    if db.vendor not in ("postgresql", "sqlite"):
        return
    with transaction.atomic(using=using), db.cursor() as cursor:
        for name, chosen in _by_table().items():
            table = db.ops.quote_name(name)
            if db.vendor == "postgresql":
                cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
                _install_postgresql(cursor, db, name, chosen)
            else:
                _install_sqlite(cursor, db, name, chosen)
            cursor.execute(
                "DELETE FROM reporting_monthtally WHERE series IN ({})".format(
                    ", ".join(["%s"] * len(chosen))
                ),
                [s.name for s in chosen],
            )
            cursor.execute(_upsert([_select(s, db, table, 1) for s in chosen]))
        _install_people(cursor, db)


def _install_postgresql(cursor, db, name, chosen):
    table = db.ops.quote_name(name)
    names = ", ".join(_literal(s.name, "postgresql") for s in chosen)
    bodies = {
        "insert": _upsert([_select(s, db, f"new_rows AS {table}", 1) for s in chosen]),
        "delete": _upsert([_select(s, db, f"old_rows AS {table}", -1) for s in chosen]),
        "update": _upsert(
            [_select(s, db, f"new_rows AS {table}", 1) for s in chosen]
            + [_select(s, db, f"old_rows AS {table}", -1) for s in chosen]
        ),
        "truncate": f"DELETE FROM reporting_monthtally WHERE series IN ({names})",
    }
    _postgresql_triggers(cursor, table, name, bodies)


def _postgresql_triggers(cursor, table, name, bodies):
    referencing = {
        "insert": "REFERENCING NEW TABLE AS new_rows",
        "delete": "REFERENCING OLD TABLE AS old_rows",
        "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "truncate": "",
    }
    for kind, body in bodies.items():
        function = f"gonghui_month_tally_{kind}_{name}"
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$"
            f" BEGIN {body}; RETURN NULL; END $$"
        )
        cursor.execute(
            f"CREATE OR REPLACE TRIGGER gonghui_month_tally_{kind} AFTER {kind.upper()} ON {table}"
            f" {referencing[kind]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )


def _install_sqlite(cursor, db, name, chosen):
    """Row triggers: one small upsert per series of the NEW row (and of the OLD, subtracted)."""
    table = db.ops.quote_name(name)

    def upserts(ref, sign):
        statements = []
        for s in chosen:
            # The series' SELECT reads the table's columns; in a row trigger they are NEW's or OLD's.
            select = _select(s, db, "(SELECT 1)", sign).replace(f"{table}.", f"{ref}.")
            statements.append(
                "INSERT INTO reporting_monthtally (series, organization_id, month, key, n, fen) "
                + select.replace(" FROM (SELECT 1)", "")
                + " ON CONFLICT (series, organization_id, month, key) DO UPDATE"
                " SET n = reporting_monthtally.n + excluded.n, fen = reporting_monthtally.fen + excluded.fen"
            )
        return "; ".join(statements)

    def subtract(ref):
        return "; ".join(_subtract(s, db).replace(f"{table}.", f"{ref}.") for s in chosen)

    bodies = {
        "insert": upserts("NEW", 1),
        "delete": subtract("OLD"),
        "update": subtract("OLD") + "; " + upserts("NEW", 1),
    }
    _sqlite_triggers(cursor, table, name, bodies)


def _sqlite_triggers(cursor, table, name, bodies, update_of=""):
    for kind, body in bodies.items():
        trigger = f"gonghui_month_tally_{kind}_{name}"
        event = f"UPDATE OF {update_of}" if kind == "update" and update_of else kind.upper()
        cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        cursor.execute(f"CREATE TRIGGER {trigger} AFTER {event} ON {table} BEGIN {body}; END")
