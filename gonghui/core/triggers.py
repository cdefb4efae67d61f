"""The database triggers this project keeps (outside links, carried names, tallies): all named
``gonghui_…``, all dropped before migrations run and put back by their own post_migrate hooks.

SQLite alters a table by copying it, dropping the old one and renaming the copy, and checks every
trigger of the schema at the rename: a trigger naming the dropped table stops the migration
("error in trigger ...: no such table"). On PostgreSQL a trigger holds the columns it names, so a
migration could not drop or alter them. Each family's ``install`` (post_migrate) recreates its
triggers and rebuilds what they keep, so dropping them all first loses nothing.
"""

from django.db import connections, transaction

PREFIX = "gonghui_"
_filled = set()


def fills(*tables):
    """Declare the tables a family of triggers writes (its module, once): a large write to the
    tables they follow refreshes these tables' statistics too (orgs.tally.refresh_statistics)."""
    _filled.update(tables)


def filled_tables():
    return sorted(_filled)


def drop(cursor, vendor, prefix=PREFIX):
    """Drop every trigger whose name starts with `prefix`."""
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [prefix + "%"])
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {name}")
    elif vendor == "postgresql":
        cursor.execute("SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE %s",
                       [prefix + "%"])  # fmt: skip
        for name, table in cursor.fetchall():
            cursor.execute(f"DROP TRIGGER {name} ON {table}")


def drop_before_migrate(using="default", **_kwargs):
    """pre_migrate: no trigger of ours stands while migrations alter tables."""
    db = connections[using]
    with transaction.atomic(using=using), db.cursor() as cursor:
        drop(cursor, db.vendor)
