"""Fast bulk inserts for large imports: one executemany per batch, values adapted once per column.

``bulk_create`` spends most of its time preparing each value of each object; a 100,000-row
ledger does not need model instances at all, only rows. Values go through the backend's own
adapters (dates, aware datetimes), so both SQLite and PostgreSQL store what the ORM would.
"""

import json
import unicodedata
from functools import cache
from operator import itemgetter

from django.db import connection, models
from django.utils import timezone

from gonghui.people.pinyin import initials

INSERT_BATCH = 1000

# Tables written by insert_rows since the importer last looked (COPY bypasses Django's cursor
# wrappers, through which the importer sees every other write).
written_tables = set()


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.DecimalField):
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    if isinstance(field, models.JSONField):
        # As JSONField.get_prep_value writes it; text COPYs into a jsonb column on PostgreSQL too.
        return lambda v: json.dumps(v, cls=field.encoder)
    return None


def adapt(model, attname, value):
    """`value` as the database stores it in `model`'s column `attname` (e.g. one timestamp for a batch)."""
    adapter = _adapter(model._meta.get_field(attname))
    return adapter(value) if adapter and value is not None else value


def insert_rows(model, attnames, rows, *, adapted=()):
    """INSERT `rows` (tuples in the order of `attnames`, which are field attnames) into `model`'s table.

    Columns named in `adapted` hold values already passed through ``adapt(model, attname, value)``.
    """
    fields = [model._meta.get_field(name) for name in attnames]
    written_tables.add(model._meta.db_table)
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None
                and attnames[i] not in adapted]  # fmt: skip
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    if connection.vendor == "postgresql" and rows:
        # COPY: one stream for the batch instead of one INSERT per row (5x faster on PostgreSQL).
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                if adapters:
                    row = list(row)
                    for i, adapt_value in adapters:
                        if row[i] is not None:
                            row[i] = adapt_value(row[i])
                copy.write_row(row)
        return len(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            batch = rows[start : start + INSERT_BATCH]
            if adapters:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, adapt in adapters:
                        if row[i] is not None:
                            row[i] = adapt(row[i])
            cursor.executemany(sql, batch)
    return len(rows)


def reserve_ids(model, count):
    """`count` new primary keys of `model` drawn from its sequence (PostgreSQL), or None elsewhere.

    Rows written with these keys need no reading back: on PostgreSQL a COPY returns nothing.
    The keys are taken as INSERT would take them, so concurrent writers never collide.
    """
    if connection.vendor != "postgresql" or not count:
        return None
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk, count],
        )
        return [row[0] for row in cursor.fetchall()]


def insert_dicts(model, rows, *, ids=False):
    """INSERT `rows` (dicts by field name or attname) into `model`'s table, as ``insert_rows`` does.

    No model instances and no per-value preparation: at 100,000 rows those were most of an
    import's time in ``bulk_create``. A related field may be given its object (its key is taken);
    a field a row leaves out gets its default; auto_now and auto_now_add columns get one timestamp
    for the whole batch. Returns the number of rows; with ``ids=True`` the new primary keys in
    the order of `rows` where the database can give them without reading the rows back
    (PostgreSQL, ``reserve_ids``), else None.
    """
    if not rows:
        return [] if ids else 0
    assert not model._meta.parents, "multi-table models need bulk_create"
    fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)
              and not (f.primary_key and f.get_internal_type().endswith("AutoField"))]  # fmt: skip
    stamp = timezone.now()
    stamped = {
        f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    defaults = {
        f.attname: adapt(model, f.attname, stamp) if f.attname in stamped else f.get_default() for f in fields
    }
    by_name = {f.name: f.attname for f in fields if f.is_relation}
    attnames = [f.attname for f in fields]
    pick = itemgetter(*attnames) if len(attnames) > 1 else (lambda given: (given[attnames[0]],))
    values = []
    for row in rows:
        given = defaults | row
        for key in by_name.keys() & row.keys():
            given[by_name[key]] = getattr(row[key], "pk", row[key])
        values.append(pick(given))
    if not ids:
        return insert_rows(model, attnames, values, adapted=stamped)
    keys = reserve_ids(model, len(values))
    if keys is None:
        insert_rows(model, attnames, values, adapted=stamped)
        return None
    pk = model._meta.pk.attname
    insert_rows(model, [pk, *attnames], [(key, *row) for key, row in zip(keys, values, strict=True)],
                adapted=stamped)  # fmt: skip
    return keys


@cache
def _char_initial(char):
    """The first letter of a character's first reading (pypinyin's choice outside phrases), or None."""
    from pypinyin.pinyin_dict import pinyin_dict

    reading = pinyin_dict.get(ord(char), "").split(",")[0]
    letter = unicodedata.normalize("NFD", reading)[:1].lower()
    return letter if letter.isascii() and letter.isalpha() else None


@cache
def _phrases():
    from pypinyin.phrases_dict import phrases_dict

    return phrases_dict


def fast_initials(name):
    """Pinyin initials exactly as people.pinyin.initials gives them, at a fraction of its cost.

    pypinyin reads a character outside any known phrase by its first reading; only names
    containing a phrase of its dictionary need the full segmentation.
    """
    letters = []
    for char in name or "":
        letter = _char_initial(char)
        if letter is None:
            return initials(name)
        letters.append(letter)
    phrases = _phrases()
    size = len(name)
    for start in range(size - 1):
        for end in range(start + 2, size + 1):
            if name[start:end] in phrases:
                return initials(name)
    return "".join(letters)[:40]
