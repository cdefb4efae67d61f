"""A database filled in bulk plans with statistics of what it holds, not of the empty schema.

SQLite's are in sqlite_stat1; PostgreSQL's row estimate is pg_class.reltuples, which ANALYZE
writes in place (our own uncommitted rows count as live), so the tests read it inside their
transaction.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from gonghui.ledgers import importer
from gonghui.ledgers.registry import get_kind
from gonghui.orgs.management.commands import demo as demo_command
from gonghui.people import demo as people_demo
from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.threecares.models import OutMigrant
from tests.ledgers.files import write_xlsx

pytestmark = [pytest.mark.django_db]


def described_rows(table):
    """The row count the planner believes `table` has, or None (never analysed) or 0."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            (rows,) = cursor.fetchone()
            return None if rows < 0 else int(rows)
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND stat IS NOT NULL", [table])
        rows = [int(stat.split()[0]) for (stat,) in cursor.fetchall()]
    return max(rows) if rows else None


def test_after_the_demo_is_built_the_statistics_describe_the_filled_tables(monkeypatch):
    from gonghui.orgs import demo as org_demo

    # The orgs and people areas stand for the whole demo (the command is what is tested).
    monkeypatch.setattr(
        demo_command, "demo_modules", lambda: iter([("orgs", org_demo), ("people", people_demo)])
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as migrate leaves it: statistics of empty tables
    assert not described_rows("people_person")
    call_command("demo", stdout=open("/dev/null", "w"))
    assert described_rows("people_person") == Person.objects.count() > 1000


def test_after_a_large_import_the_statistics_describe_the_filled_tables(cast, tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "LARGE_IMPORT", 100)  # 5,000 rows in production
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    header = ["姓名", "身份证号", "乡镇", "村(社区)", "务工地点"]
    rows = [[f"测试{chr(0x4E00 + n)}", idnumbers.make_valid("520199", _birth(n), n % 999 + 1), "高桥镇", "高桥村",
             "广东东莞"] for n in range(150)]  # fmt: skip
    path = write_xlsx(tmp_path / "out.xlsx", {"Sheet1": [header, *rows]})
    result = importer.run_import(get_kind("out_migrants"), str(path), organization=cast.township_a)
    assert (result.status, result.rows_imported) == ("committed", 150)
    assert described_rows("threecares_outmigrant") == OutMigrant.objects.count() == 150
    assert described_rows("people_person") == Person.objects.count() == 150
    # The tables the triggers filled while the rows went in (the registry's tallies) too.
    from gonghui.reporting.models import MonthTally

    assert described_rows("reporting_monthtally") == MonthTally.objects.count() > 0


def _birth(n):
    import datetime

    return datetime.date(1970, 1, 1) + datetime.timedelta(days=n * 37)


def test_a_small_import_leaves_the_statistics_alone(cast, tmp_path):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    header = ["姓名", "身份证号", "乡镇", "村(社区)"]
    path = write_xlsx(tmp_path / "o.xlsx", {"Sheet1": [header, ["张三", idnumbers.make_valid("520199", _birth(1), 1),
                                                               "高桥镇", "高桥村"]]})  # fmt: skip
    assert (
        importer.run_import(get_kind("out_migrants"), str(path), organization=cast.township_a).status
        == "committed"
    )
    assert not described_rows("threecares_outmigrant")
