"""The people each organisation holds records about although they live outside its subtree.

``people.OutsideLink`` is kept by the database, in the same transaction as the records, so the
scope of ``scoping.restrict_people`` reads a small table instead of every record table:

- on each table registered with ``scoping.register_person_link``: a row added, removed, or moved to
  another person or organisation adds or subtracts one record (PostgreSQL: statement triggers with
  transition tables for inserts and deletes, so a 5,000-row import costs one statement; a row
  trigger for the rare update of the person or the organisation; SQLite: row triggers);
- on the table between a record and its organisation (a household member's archive, a case
  person's case, an inspection leader's inspection): the parent moved to another organisation;
- on people: a person moved to another township or village (their links are counted again);
- on places: a place answered for by another organisation (everything is counted again).

A link counts only when the record's organisation is not the person's home organisation or one
above it (the home half of the scope already answers those), so the table holds a few rows per
thousand records. Each row carries the person's home township and village (counted again when
the person moves): a scope drops the links of people living inside it, whom its home half finds
anyway (a county's own unions hold thousands of links about people of its townships). Every ``migrate`` reinstalls the triggers for the links registered then and
rebuilds the table.
"""

from dataclasses import dataclass

from django.db import connections, transaction

from gonghui.core import triggers

triggers.fills("people_outsidelink")

TABLE = "people_outsidelink"


@dataclass(frozen=True)
class Link:
    table: str  # the record table
    person: str  # its person column
    hop: str | None  # the column leading to the table that holds the organisation, or None
    parent: str | None  # that table
    parent_pk: str | None
    organization: str  # the organisation column (of the record, or of the parent)

    def organization_of(self, row):
        """SQL for the organisation of a record `row` ("NEW.", "OLD.", "s.")."""
        if self.hop is None:
            return f"{row}{self.organization}"
        return (
            f"(SELECT j.{self.organization} FROM {self.parent} j WHERE j.{self.parent_pk} = {row}{self.hop})"
        )

    def select(self, source, alias="s", where=""):
        """(person_id, organization_id) of every record of `source` (the table or a transition table)."""
        return (
            f"SELECT {alias}.{self.person} AS person_id, {self.organization_of(alias + '.')} AS organization_id"
            f" FROM {source} {alias} WHERE {alias}.{self.person} IS NOT NULL{where}"
        )

    def row(self, row):
        """(person_id, organization_id) of one record (a trigger's NEW or OLD)."""
        return (
            f"SELECT {row}.{self.person} AS person_id, {self.organization_of(row + '.')} AS organization_id"
            f" WHERE {row}.{self.person} IS NOT NULL"
        )

    @property
    def name(self):
        return f"{self.table}_{self.person}"


def links():
    from gonghui.orgs import scoping

    found = []
    for model, person_field, via in scoping.person_links():
        steps = via.split("__")
        if len(steps) > 2:
            raise NotImplementedError(
                f"{model.__name__}: person links reach their organisation in at most one step"
            )
        person = model._meta.get_field(person_field).column
        if len(steps) == 1:
            found.append(
                Link(model._meta.db_table, person, None, None, None, model._meta.get_field(via).column)
            )
            continue
        hop = model._meta.get_field(steps[0])
        parent = hop.related_model
        found.append(Link(model._meta.db_table, person, hop.column, parent._meta.db_table, parent._meta.pk.column,
                          parent._meta.get_field(steps[1]).column))  # fmt: skip
    return found


def add(select):
    """Count the records of `select` (person_id, organization_id) that lie outside their person's home."""
    return f"""INSERT INTO {TABLE} (person_id, organization_id, records, township_id, village_id)
        SELECT l.person_id, l.organization_id, count(*), p.township_id, p.village_id FROM ({select}) l
        JOIN orgs_organization o ON o.id = l.organization_id
        LEFT JOIN people_person p ON p.id = l.person_id
        WHERE NOT EXISTS (
            SELECT 1 FROM orgs_place pl
            JOIN orgs_organization h ON h.id = pl.organization_id
            WHERE pl.id IN (p.township_id, p.village_id) AND substr(h.path, 1, length(o.path)) = o.path
        )
        GROUP BY l.person_id, l.organization_id, p.township_id, p.village_id
        ON CONFLICT (person_id, organization_id) DO UPDATE SET records = {TABLE}.records + excluded.records"""


def subtract_row(link, row):
    """Uncount one record (a trigger's OLD): only a counted record has a row to take from."""
    where = f"person_id = {row}.{link.person} AND organization_id = {link.organization_of(row + '.')}"
    return [
        f"UPDATE {TABLE} SET records = records - 1 WHERE {where}",
        f"DELETE FROM {TABLE} WHERE {where} AND records <= 0",
    ]


def subtract_set(select):
    return [
        f"""UPDATE {TABLE} t SET records = t.records - d.n
        FROM (SELECT person_id, organization_id, count(*) AS n FROM ({select}) l GROUP BY 1, 2) d
        WHERE t.person_id = d.person_id AND t.organization_id = d.organization_id""",
        f"DELETE FROM {TABLE} WHERE records <= 0",
    ]


def recount(people):
    """Count the records of the people of `people` (SQL for a set of person ids) again."""
    every = " UNION ALL ".join(
        link.select(link.table, where=f" AND s.{link.person} IN ({people})") for link in links()
    )
    return [f"DELETE FROM {TABLE} WHERE person_id IN ({people})", add(every)]


def rebuild_statements():
    every = " UNION ALL ".join(link.select(link.table) for link in links())
    return [f"DELETE FROM {TABLE}"] + ([add(every)] if every else [])


def _by_parent(found):
    parents = {}
    for link in found:
        if link.parent:
            parents.setdefault((link.parent, link.parent_pk, link.organization), []).append(link)
    return parents


def _parent_people(parent_pk, children):
    return " UNION ".join(
        f"SELECT {c.person} FROM {c.table} WHERE {c.hop} = NEW.{parent_pk}" for c in children
    )


# -- SQLite: row triggers -------------------------------------------------------------------------


def sqlite_triggers():
    found = links()
    made = []
    for link in found:
        n = link.name
        moved = f"OLD.{link.person} IS NOT NEW.{link.person}"
        column = link.hop or link.organization
        moved += f" OR OLD.{column} IS NOT NEW.{column}"
        made += [
            f"CREATE TRIGGER gonghui_outside_ins_{n} AFTER INSERT ON {link.table} WHEN NEW.{link.person} IS NOT NULL"
            f" BEGIN {add(link.row('NEW'))}; END",
            f"CREATE TRIGGER gonghui_outside_del_{n} AFTER DELETE ON {link.table} WHEN OLD.{link.person} IS NOT NULL"
            f" BEGIN {'; '.join(subtract_row(link, 'OLD'))}; END",
            f"CREATE TRIGGER gonghui_outside_upd_{n} AFTER UPDATE OF {link.person}, {column} ON {link.table}"
            f" WHEN {moved} BEGIN {'; '.join(subtract_row(link, 'OLD'))}; {add(link.row('NEW'))}; END",
        ]
    for (parent, pk, organization), children in _by_parent(found).items():
        made.append(
            f"CREATE TRIGGER gonghui_outside_par_{parent}_{organization} AFTER UPDATE OF {organization} ON {parent}"
            f" WHEN OLD.{organization} IS NOT NEW.{organization}"
            f" BEGIN {'; '.join(recount(_parent_people(pk, children)))}; END"
        )
    if found:
        made.append(
            "CREATE TRIGGER gonghui_outside_person AFTER UPDATE OF township_id, village_id ON people_person"
            " WHEN OLD.township_id IS NOT NEW.township_id OR OLD.village_id IS NOT NEW.village_id"
            f" BEGIN {'; '.join(recount('NEW.id'))}; END"
        )
        made.append(
            "CREATE TRIGGER gonghui_outside_place AFTER UPDATE OF organization_id ON orgs_place"
            " WHEN OLD.organization_id IS NOT NEW.organization_id"
            f" BEGIN {'; '.join(rebuild_statements())}; END"
        )
    return made


def _install_sqlite(db):
    with db.cursor() as cursor:
        triggers.drop(cursor, "sqlite", "gonghui_outside_")
        for statement in sqlite_triggers():
            cursor.execute(statement)


# -- PostgreSQL: statement triggers for inserts and deletes, row triggers for moves ------------------


def _function(name, statements, *, returns="NULL"):
    body = ";\n    ".join(statements)
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n    {body};\n    RETURN {returns};\nEND $$"
    )


def postgresql_statements():
    found = links()
    made = []
    for link in found:
        n = link.name
        column = link.hop or link.organization
        fn = f"gonghui_outside_{n}"
        made += [
            _function(f"{fn}_ins", [add(link.select("new_rows"))]),
            _function(f"{fn}_del", subtract_set(link.select("old_rows"))),
            _function(f"{fn}_upd", subtract_row(link, "OLD") + [add(link.row("NEW"))]),
            f"CREATE OR REPLACE TRIGGER gonghui_outside_ins_{n} AFTER INSERT ON {link.table}"
            f" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {fn}_ins()",
            f"CREATE OR REPLACE TRIGGER gonghui_outside_del_{n} AFTER DELETE ON {link.table}"
            f" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {fn}_del()",
            f"CREATE OR REPLACE TRIGGER gonghui_outside_upd_{n} AFTER UPDATE OF {link.person}, {column}"
            f" ON {link.table} FOR EACH ROW WHEN (OLD.{link.person} IS DISTINCT FROM NEW.{link.person}"
            f" OR OLD.{column} IS DISTINCT FROM NEW.{column}) EXECUTE FUNCTION {fn}_upd()",
            f"CREATE OR REPLACE TRIGGER gonghui_outside_trunc_{n} AFTER TRUNCATE ON {link.table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION gonghui_outside_rebuild()",
        ]
    for (parent, pk, organization), children in _by_parent(found).items():
        fn = f"gonghui_outside_par_{parent}_{organization}"
        made += [
            _function(fn, recount(_parent_people(pk, children))),
            f"CREATE OR REPLACE TRIGGER {fn} AFTER UPDATE OF {organization} ON {parent} FOR EACH ROW"
            f" WHEN (OLD.{organization} IS DISTINCT FROM NEW.{organization}) EXECUTE FUNCTION {fn}()",
        ]
    made += [
        _function("gonghui_outside_person", recount("NEW.id")),
        "CREATE OR REPLACE TRIGGER gonghui_outside_person AFTER UPDATE OF township_id, village_id ON people_person"
        " FOR EACH ROW WHEN (OLD.township_id IS DISTINCT FROM NEW.township_id"
        " OR OLD.village_id IS DISTINCT FROM NEW.village_id) EXECUTE FUNCTION gonghui_outside_person()",
        # A row trigger with its condition: a statement trigger fired on every save of a place
        # (Django writes every column) and counted a million records again each time.
        "CREATE OR REPLACE TRIGGER gonghui_outside_place AFTER UPDATE OF organization_id ON orgs_place"
        " FOR EACH ROW WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id)"
        " EXECUTE FUNCTION gonghui_outside_rebuild()",
    ]
    # The rebuild function first: the truncate and place triggers call it.
    return [_function("gonghui_outside_rebuild", rebuild_statements())] + made


def uninstall(using="default", **_kwargs):
    """Drop the triggers (migrate drops every trigger of ours first: gonghui.core.triggers)."""
    db = connections[using]
    with transaction.atomic(using=using), db.cursor() as cursor:
        triggers.drop(cursor, db.vendor, "gonghui_outside_")


def install(using="default", **_kwargs):
    """Install the triggers for the links registered now and rebuild the table (a post_migrate hook)."""
    db = connections[using]
    if db.vendor not in ("sqlite", "postgresql"):
        return
    with transaction.atomic(using=using):
        if db.vendor == "sqlite":
            _install_sqlite(db)
        else:
            with db.cursor() as cursor:
                triggers.drop(cursor, db.vendor, "gonghui_outside_")
                for statement in postgresql_statements():
                    cursor.execute(statement)
        with db.cursor() as cursor:
            for statement in rebuild_statements():
                cursor.execute(statement)


def rebuild(using="default"):
    """Count every record again (the triggers keep the table right; this is for a restore)."""
    db = connections[using]
    with transaction.atomic(using=using), db.cursor() as cursor:
        for statement in rebuild_statements():
            cursor.execute(statement)
