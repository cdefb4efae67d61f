"""Row counts per organisation for the large registries, kept by PostgreSQL triggers.

Counting the county's 1,000,000 out-migrants joins every row to its organisation (45-50 ms on
PostgreSQL); the registry page and the Three Cares overview count them on every view. Statement
triggers with transition tables add and subtract whole statements at once, so a bulk import of
5,000 rows costs one small aggregate, and the tally commits or rolls back with the rows. Each
``migrate`` (re)installs the triggers and rebuilds every tally under a lock, so a table that had
rows before its triggers, or was restored from a backup, starts right.

SQLite keeps the same tally with row triggers (it has no statement triggers): counting a million
rows joined to their organisations cost the county's registry page 75 ms there; one upsert into a
small table per inserted row costs an import a few per cent.
"""

from django.db import connection, transaction

from gonghui.core import triggers

triggers.fills("orgs_tally")

FUNCTIONS = """
CREATE OR REPLACE FUNCTION gonghui_tally_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO orgs_tally (table_name, organization_id, row_count)
    SELECT TG_TABLE_NAME, organization_id, count(*) FROM new_rows GROUP BY organization_id
    ON CONFLICT (table_name, organization_id) DO UPDATE SET row_count = orgs_tally.row_count + EXCLUDED.row_count;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gonghui_tally_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orgs_tally t SET row_count = t.row_count - d.n
    FROM (SELECT organization_id, count(*) AS n FROM old_rows GROUP BY organization_id) d
    WHERE t.table_name = TG_TABLE_NAME AND t.organization_id = d.organization_id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gonghui_tally_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO orgs_tally (table_name, organization_id, row_count)
    SELECT TG_TABLE_NAME, organization_id, sum(d) FROM (
        SELECT organization_id, 1 AS d FROM new_rows
        UNION ALL SELECT organization_id, -1 FROM old_rows
    ) moved GROUP BY organization_id HAVING sum(d) <> 0
    ON CONFLICT (table_name, organization_id) DO UPDATE SET row_count = orgs_tally.row_count + EXCLUDED.row_count;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gonghui_tally_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM orgs_tally WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END $$;
"""

TRIGGERS = """
CREATE OR REPLACE TRIGGER gonghui_tally_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_insert();
CREATE OR REPLACE TRIGGER gonghui_tally_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_delete();
CREATE OR REPLACE TRIGGER gonghui_tally_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_update();
CREATE OR REPLACE TRIGGER gonghui_tally_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION gonghui_tally_truncate();
"""

REBUILD = [
    "LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE",  # no writes between the count and the triggers
    "DELETE FROM orgs_tally WHERE table_name = %(name)s",
    "INSERT INTO orgs_tally (table_name, organization_id, row_count)"
    " SELECT %(name)s, organization_id, count(*) FROM {table} GROUP BY organization_id",
]


SQLITE_TRIGGERS = [
    """CREATE TRIGGER gonghui_tally_insert_{name} AFTER INSERT ON {table} BEGIN
        INSERT INTO orgs_tally (table_name, organization_id, row_count) VALUES ('{name}', NEW.organization_id, 1)
        ON CONFLICT (table_name, organization_id) DO UPDATE SET row_count = row_count + 1;
    END""",
    """CREATE TRIGGER gonghui_tally_delete_{name} AFTER DELETE ON {table} BEGIN
        UPDATE orgs_tally SET row_count = row_count - 1
        WHERE table_name = '{name}' AND organization_id = OLD.organization_id;
    END""",
    """CREATE TRIGGER gonghui_tally_update_{name} AFTER UPDATE OF organization_id ON {table}
    WHEN OLD.organization_id IS NOT NEW.organization_id BEGIN
        UPDATE orgs_tally SET row_count = row_count - 1
        WHERE table_name = '{name}' AND organization_id = OLD.organization_id;
        INSERT INTO orgs_tally (table_name, organization_id, row_count) VALUES ('{name}', NEW.organization_id, 1)
        ON CONFLICT (table_name, organization_id) DO UPDATE SET row_count = row_count + 1;
    END""",
]


def kept(model):
    """Whether counts of `model` may be read from the tally on this database."""
    from . import scoping

    return connection.vendor in ("postgresql", "sqlite") and model in scoping.tallied_models()


def install(using="default", **_kwargs):
    """Create the functions and triggers, and rebuild each table's tally (a post_migrate hook)."""
    from django.db import connections

    from . import scoping

    db = connections[using]
    if db.vendor == "sqlite":
        _install_sqlite(db, using)
        return
    if db.vendor != "postgresql":
        return
    with transaction.atomic(using=using), db.cursor() as cursor:
        cursor.execute(FUNCTIONS)
        for model in scoping.tallied_models():
            table = db.ops.quote_name(model._meta.db_table)
            for statement in REBUILD:
                cursor.execute(statement.format(table=table), {"name": model._meta.db_table})
            cursor.execute(TRIGGERS.format(table=table))


def _install_sqlite(db, using):
    from . import scoping

    with transaction.atomic(using=using), db.cursor() as cursor:
        for model in scoping.tallied_models():
            name = model._meta.db_table
            table = db.ops.quote_name(name)
            for kind in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS gonghui_tally_{kind}_{name}")
            cursor.execute("DELETE FROM orgs_tally WHERE table_name = %s", [name])
            cursor.execute(
                "INSERT INTO orgs_tally (table_name, organization_id, row_count)"
                f" SELECT %s, organization_id, count(*) FROM {table} GROUP BY organization_id",
                [name],
            )
            for statement in SQLITE_TRIGGERS:
                cursor.execute(statement.format(table=table, name=name))


def analyze_sqlite(using="default", **_kwargs):
    """Refresh SQLite's planner statistics after migrating (a post_migrate hook).

    A migration that rebuilds a table (SQLite alters tables by copying them) drops its statistics,
    and without them a county's search at a million people took 0.7-3.5 s instead of 15-30 ms.
    PostgreSQL's autovacuum keeps its own.
    """
    from django.db import connections

    if connections[using].vendor == "sqlite":
        with connections[using].cursor() as cursor:
            cursor.execute("ANALYZE")


def refresh_statistics(tables=None, using="default"):
    """Refresh the planner's statistics after filling tables in bulk (the demo, a large import, a restore).

    ``migrate`` analyses the empty schema; a database filled afterwards keeps those statistics and
    plans badly: on the demo county a county's search took 0.2-0.6 s instead of 15-23 ms until
    someone ran ANALYZE. SQLite: ``ANALYZE`` of the given tables (or of everything), a fraction of a
    second for the demo; PostgreSQL: ``ANALYZE`` of the given tables (autovacuum lags behind a
    100,000-row import), or of the whole database. ``tables``: table names, None for all.
    """
    from django.db import connections

    db = connections[using]
    with db.cursor() as cursor:
        if tables is None:
            cursor.execute("ANALYZE")
            return
        # The tables our triggers filled while the rows were written (links, tallies) changed too.
        for table in sorted(set(tables) | set(triggers.filled_tables())):
            cursor.execute(f"ANALYZE {db.ops.quote_name(table)}")
