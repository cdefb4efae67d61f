"""People's names carried on large record tables, kept by the database, so that a registry's search
by name reads one index of its own.

A registry searched by its people's names (the member list: 王, wj) first read the matching people
of the whole people table, then each one's records with their organisation: 9,000 people for 王
at 1,000,000 members, 25-35 ms of SQL on SQLite whatever the user's scope. A table registered here
with ``register`` carries each record's person's name and pinyin initials in two columns of its own,
so that an index led by the organisation (what ``scoping.restrict`` filters on) and then the name or
the initials answers a search in a subtree from the index alone, the way the people search reads
(township, name). ``search`` is the search box of such a registry: the same reading of the text as
the people search (``people.models._search_kind``); an ID number or a phone still goes through the
people it finds, as those are not carried.

Nothing but the database writes the columns, in the same transaction as the rows (the ledger
engine, bulk inserts, merges and the demo write records without the services):

- a record inserted, or pointed at another person (a merge), or written with other values (a form
  saving a record read before its person was renamed): the person's name and initials are copied
  (PostgreSQL: a BEFORE row trigger that sets them on the row being written, which costs a
  5,000-row import one index lookup per row and no second write; SQLite, which cannot change the
  row being written: an AFTER row trigger that corrects the row when it differs);
- a person renamed: the records of the person are rewritten (a row trigger on ``people_person``).

Every ``migrate`` reinstalls the triggers for the tables registered then and puts right every row
that differs from its person (the first migrate fills the columns of the existing rows).
"""

from dataclasses import dataclass

from django.db import connection, connections, models, transaction
from django.db.models import F, Func, Subquery
from django.utils.translation import gettext_lazy as _

from gonghui.core import triggers
from gonghui.text import prefix_q

PEOPLE = "people_person"
_registered = []  # (model, person_field, name_field, initials_field)


def register(model, *, person_field="person", name_field="person_name", initials_field="person_initials"):
    """Declare that `model` carries its person's name and initials in `name_field` and `initials_field`.

    Declare the two as ``carried_name_field()`` and ``carried_initials_field()``, and index each after
    the organisation (``Index(fields=["organization", name_field, ..., "id"])``, the name with the
    ``varchar_pattern_ops`` operator class on PostgreSQL: see membership.Membership).
    """
    entry = (model, person_field, name_field, initials_field)
    if entry not in _registered:
        _registered.append(entry)


def carried_name_field():
    """The column carrying a person's name (people.Person.name): written by the triggers only."""
    return models.CharField(_("name"), max_length=50, editable=False, db_default="")


def carried_initials_field():
    """The column carrying a person's pinyin initials (people.Person.name_initials)."""
    return models.CharField(_("pinyin initials"), max_length=40, editable=False, db_default="")


@dataclass(frozen=True)
class Carried:
    table: str
    pk: str
    person: str  # the record's person column
    name: str
    initials: str

    @property
    def differs(self):
        """SQL: the row `t` differs from its person `p`."""
        return f"(t.{self.name} IS DISTINCT FROM p.name OR t.{self.initials} IS DISTINCT FROM p.name_initials)"


def carried(cursor=None):
    """The registered tables; with a `cursor`, only those whose columns are there (not before their migration)."""
    found = []
    for model, person_field, name_field, initials_field in _registered:
        column = model._meta.get_field
        found.append(Carried(model._meta.db_table, model._meta.pk.column, column(person_field).column,
                             column(name_field).column, column(initials_field).column))  # fmt: skip
    if cursor is not None:
        introspection = cursor.db.introspection
        tables = set(introspection.table_names(cursor))
        found = [c for c in found if c.table in tables and {c.name, c.initials} <= {
            col.name for col in introspection.get_table_description(cursor, c.table)}]  # fmt: skip
    return found


def _fields(model):
    for entry in _registered:
        if entry[0] is model:
            return entry[1:]
    raise LookupError(f"{model.__name__} carries no person names (people.carried.register)")


class _AnyOf(Func):
    """``column = ANY(ARRAY(subquery))``, for PostgreSQL.

    With ``column IN (subquery)`` PostgreSQL's planner hashed the matching people and read every
    record to find theirs (50-70 ms at 100,000 members, a tenth of a second more per 100,000);
    an array it takes for a few values and probes the (person, …) index once for each (7-11 ms).
    """

    output_field = models.BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        column, subquery = self.get_source_expressions()
        lhs, lhs_params = compiler.compile(column)
        rhs, rhs_params = compiler.compile(subquery)  # "(SELECT ...)"
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def by_person(text):
    """Whether `text` searches through the people (an ID number or a phone) rather than the carried names."""
    from .models import _search_kind

    return _search_kind(text)[0] in ("id", "phone")


def search(queryset, text):
    """The records of `queryset` (a registered model) whose person the search box's `text` finds,
    the text read as the people search reads it (``people.models._search_kind``).

    A name or initials is a prefix of the carried column; an ID number or a phone finds the people
    first (``Person.objects.search``) and then their records, through the (person, …) index.
    """
    from .models import Person, _codepoint_collation, _search_kind

    person_field, name_field, initials_field = _fields(queryset.model)
    kind, value = _search_kind(text)
    if not kind:
        return queryset
    if kind == "initials":
        return queryset.filter(prefix_q(initials_field, value))
    if kind == "name":
        rows = queryset.filter(prefix_q(name_field, value))
        if connection.vendor == "postgresql" and not _codepoint_collation():
            # As Person.search: LIKE cannot bound a collation-ordered index; this bound changes no result.
            rows = rows.filter(**{f"{name_field}__gte": value})
        return rows
    people = Person.objects.search(value).order_by().values("pk")
    column = queryset.model._meta.get_field(person_field).attname
    if connection.vendor == "postgresql":
        return queryset.filter(_AnyOf(F(column), Subquery(people)))
    return queryset.filter(**{f"{column}__in": people})


def sync_statements(vendor, found=None):
    """Put right every row that differs from its person (and fill a new column)."""
    made = []
    for c in carried() if found is None else found:
        differs = c.differs if vendor == "postgresql" else c.differs.replace("IS DISTINCT FROM", "IS NOT")
        made.append(
            f"UPDATE {c.table} AS t SET {c.name} = p.name, {c.initials} = p.name_initials"
            f" FROM {PEOPLE} p WHERE p.id = t.{c.person} AND {differs}"
        )
    return made


# -- SQLite: row triggers that correct the row after it is written -----------------------------------


def _person(column, person):
    return f"(SELECT {column} FROM {PEOPLE} WHERE id = NEW.{person})"


def sqlite_triggers(found=None):
    found = carried() if found is None else found
    made = []
    for c in found:
        name, initials = _person("name", c.person), _person("name_initials", c.person)
        # No person yet (foreign keys are checked at commit): nothing to copy until it comes.
        wrong = f"{name} IS NOT NULL AND (NEW.{c.name} IS NOT {name} OR NEW.{c.initials} IS NOT {initials})"
        copy = f"UPDATE {c.table} SET {c.name} = {name}, {c.initials} = {initials} WHERE {c.pk} = NEW.{c.pk}"
        made += [
            f"CREATE TRIGGER gonghui_carried_ins_{c.table} AFTER INSERT ON {c.table} WHEN {wrong} BEGIN {copy}; END",
            f"CREATE TRIGGER gonghui_carried_upd_{c.table} AFTER UPDATE OF {c.person}, {c.name}, {c.initials}"
            f" ON {c.table} WHEN {wrong} BEGIN {copy}; END",
        ]
    if made:
        renamed = "; ".join(
            f"UPDATE {c.table} SET {c.name} = NEW.name, {c.initials} = NEW.name_initials WHERE {c.person} = NEW.id"
            for c in found
        )
        made.append(
            f"CREATE TRIGGER gonghui_carried_person AFTER UPDATE OF name, name_initials ON {PEOPLE}"
            " WHEN OLD.name IS NOT NEW.name OR OLD.name_initials IS NOT NEW.name_initials"
            f" BEGIN {renamed}; END"
        )
    return made


# -- PostgreSQL: a BEFORE row trigger sets the columns on the row being written ----------------------


def _function(name, body, *, returns):
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n    {body};\n    RETURN {returns};\nEND $$"
    )


def postgresql_statements(found=None):
    found = carried() if found is None else found
    made = []
    for c in found:
        fn = f"gonghui_carried_{c.table}"
        made += [
            # No person yet (foreign keys are checked at commit): the row keeps what it has.
            _function(fn, f"SELECT coalesce(p.name, NEW.{c.name}), coalesce(p.name_initials, NEW.{c.initials})"
                          f" INTO NEW.{c.name}, NEW.{c.initials} FROM (SELECT 1) one"
                          f" LEFT JOIN {PEOPLE} p ON p.id = NEW.{c.person}", returns="NEW"),  # fmt: skip
            f"CREATE OR REPLACE TRIGGER gonghui_carried_{c.table} BEFORE INSERT OR UPDATE OF"
            f" {c.person}, {c.name}, {c.initials} ON {c.table} FOR EACH ROW EXECUTE FUNCTION {fn}()",
        ]
    if made:
        renamed = ";\n    ".join(
            f"UPDATE {c.table} SET {c.name} = NEW.name, {c.initials} = NEW.name_initials WHERE {c.person} = NEW.id"
            for c in found
        )
        made += [
            _function("gonghui_carried_person", renamed, returns="NULL"),
            f"CREATE OR REPLACE TRIGGER gonghui_carried_person AFTER UPDATE OF name, name_initials ON {PEOPLE}"
            " FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_initials IS DISTINCT FROM"
            " NEW.name_initials) EXECUTE FUNCTION gonghui_carried_person()",
        ]
    return made


def drop_triggers(cursor, vendor):
    """Drop every trigger of this module (before a registered column is dropped: a migration's reverse)."""
    triggers.drop(cursor, vendor, "gonghui_carried_")


def install(using="default", **_kwargs):
    """Install the triggers for the tables registered now and put every row right (a post_migrate hook)."""
    db = connections[using]
    if db.vendor not in ("sqlite", "postgresql"):
        return
    with transaction.atomic(using=using), db.cursor() as cursor:
        drop_triggers(cursor, db.vendor)
        found = carried(cursor)
        statements = sqlite_triggers(found) if db.vendor == "sqlite" else postgresql_statements(found)
        for statement in statements + sync_statements(db.vendor, found):
            cursor.execute(statement)


def sync(using="default"):
    """Put right every row that differs from its person (the triggers keep them right; for a restore)."""
    db = connections[using]
    with transaction.atomic(using=using), db.cursor() as cursor:
        for statement in sync_statements(db.vendor):
            cursor.execute(statement)
