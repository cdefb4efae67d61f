"""Server time of the out-migrant registry page and of person search at 100,000 and 1,000,000 people.

    .venv/bin/python bench/registry.py --sizes 100000,1000000 --runs 30
    .venv/bin/python bench/registry.py --demo --runs 20     # a fresh demo county, no manual ANALYZE
    DATABASE_URL=postgres://... .venv/bin/python bench/registry.py --sizes 100000

Each size gets its own database (SQLite file under --dir, or the PostgreSQL database of
DATABASE_URL, emptied first), the demo county's organisations, and N people who are all on the
out-migrant registry, inserted in bulk (not through the demo). Every case is timed through
Django's test client (rendered HTML) as a township officer and as the county, beside the bare SQL
of the same queries; p50 and p95 in milliseconds, the number of queries per request, and the page's
CPU time in this process (p50; on SQLite it includes the SQL, on PostgreSQL the server's time is
not in it): on a shared machine the wall time waits for the CPU, the CPU time does not. A first
line gives the machine's speed (python-calamine's read rate of a generated file) to read the
figures against. ``--demo`` measures the same cases on a freshly built demo county instead.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(size, directory):
    if not os.environ.get("DATABASE_URL"):
        name = "bench-demo" if size == "demo" else f"bench-registry-{size}"
        path = Path(directory) / f"{name}.sqlite3"
        os.environ["GONGHUI_SQLITE"] = str(path)
    os.environ.setdefault("GONGHUI_VAR_DIR", str(directory))
    # As in production: DEBUG off (no query log, no debug toolbar of errors). DEBUG=1 overrides.
    os.environ.setdefault("DEBUG", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gonghui.settings"
    import django

    django.setup()


def populate(size, rng):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from gonghui.ledgers.bulk import adapt, insert_dicts, insert_rows
    from gonghui.orgs import demo as org_demo
    from gonghui.orgs.models import Place
    from gonghui.people import idnumbers
    from gonghui.people.demo import GIVEN, SURNAMES
    from gonghui.people.models import Person
    from gonghui.people.pinyin import initials
    from gonghui.threecares.demo import DESTINATIONS
    from gonghui.threecares.models import OutMigrant

    call_command("migrate", verbosity=0)
    org_demo.build(random.Random("gonghui-demo-orgs"))
    have = OutMigrant.objects.count()
    if have >= size:
        return have
    villages = list(Place.objects.villages().select_related("parent"))
    cache = {}
    t0 = time.perf_counter()
    batch = 50000
    serial = Person.objects.aggregate(n=Max("pk"))["n"] or 0
    stamp = adapt(Person, "created_at", timezone.now())
    person_columns = ["id", "name", "name_initials", "id_number_cipher", "id_number_hash", "id_number_masked",
                      "gender", "ethnicity", "phone", "township_id", "village_id", "address", "created_at",
                      "updated_at"]  # fmt: skip
    # Rows go in without their secondary indexes, which are built once at the end: maintaining
    # eight indexes row by row is most of the time of a million-row fill.
    dropped = _drop_indexes([Person, OutMigrant])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    while have < size:
        n = min(batch, size - have)
        people, rows = [], []
        for _i in range(n):
            serial += 1
            v = rng.choice(villages)
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
            if name not in cache:
                cache[name] = initials(name)
            birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=serial // 999 % 20000)
            number = idnumbers.make_valid("520199", birth, serial % 999 + 1)
            people.append((serial, name, cache[name], "", idnumbers.lookup_hash(number), idnumbers.mask(number), "",
                           "", f"139{serial:08d}", v.parent_id, v.pk, f"{v.parent.name}{v.name}", stamp, stamp))  # fmt: skip
            province, cities = rng.choice(DESTINATIONS)
            rows.append(dict(
                person_id=serial, township_id=v.parent_id, village_id=v.pk,
                organization_id=_org_of(v.pk, villages), registered_on=datetime.date(2008, 3, 1),
                destination_province=province, destination_city=rng.choice(cities), employer="某电子厂",
                industry="制造",
            ))  # fmt: skip
        with transaction.atomic():
            insert_rows(Person, person_columns, people, adapted={"created_at", "updated_at"})
            insert_dicts(OutMigrant, rows)
        have += n
        print(f"  {have:,} people ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    _restore_indexes(dropped)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s)", [serial])
    print(f"  indexes built ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return have


def build_demo(directory):
    """A fresh demo county as a newcomer gets it (bin/serve): migrate, then `gonghui demo`."""
    if not os.environ.get("DATABASE_URL"):
        path = Path(directory) / "bench-demo.sqlite3"
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
    setup("demo", directory)
    from django.core.management import call_command

    t0 = time.perf_counter()
    if os.environ.get("DATABASE_URL"):
        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)  # emptied, as migrate leaves a new database
    else:
        call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))
    print(f"  demo built ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)


def _drop_indexes(models):
    """Drop the secondary (non-unique) indexes of `models`' tables; returns the SQL that recreates them."""
    from django.db import connection

    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            marks = ",".join(["%s"] * len(tables))
            cursor.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
                tables,
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
                " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [tables],
            )
        found = [(name, sql) for name, sql in cursor.fetchall() if "UNIQUE" not in sql.upper()]
        for name, _sql in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def _restore_indexes(statements):
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


_village_org = {}


def _org_of(village_id, villages):
    if not _village_org:
        _village_org.update({v.pk: v.organization_id for v in villages})
    return _village_org[village_id]


def machine_speed(directory, rows=20000):
    """python-calamine's read rate of a generated 9-column ledger: how fast this machine is now.

    The issue's figures came from a machine reading 86,000 rows/s; read figures against it.
    """
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    path = Path(directory) / f"machine-speed-{rows}.xlsx"
    if not path.exists():
        rng = random.Random(rows)
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        sheet = book.add_worksheet("人员")
        for r in range(rows):
            cells = [r + 1, f"张{rng.randint(100, 999)}", f"520199{rng.randint(10**11, 10**12 - 1)}", "男", "汉族",
                     f"139{rng.randint(10**7, 10**8 - 1)}", "高桥镇", "高桥村", f"高桥镇高桥村{rng.randint(1, 12)}组"]  # fmt: skip
            for c, value in enumerate(cells):
                sheet.write(r, c, value)
        book.close()
    best = None
    for _i in range(3):
        t0 = time.perf_counter()
        book = CalamineWorkbook.from_path(str(path))
        n = sum(1 for _row in book.get_sheet_by_name(book.sheet_names[0]).iter_rows())
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return n / best


def timed(func, runs, cpu=None):
    """p50 and p95 of wall time in ms; with a list `cpu`, this process's CPU ms per run go in it."""
    times = []
    func()  # warm the caches once
    for _i in range(runs):
        t, c = time.perf_counter(), time.process_time()
        func()
        times.append((time.perf_counter() - t) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def measure(size, runs, *, speed, demo=False):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from gonghui.orgs.models import Organization, Place, Role, User
    from gonghui.people.models import Person

    county = Organization.objects.get(code="QS")
    township_org = Organization.objects.get(code="QS-T02")
    township = Place.objects.get(organization=township_org, kind="township")
    users = {}
    for username, org, role in (("bench_county", county, Role.FEDERATION_ADMIN),
                                ("bench_township", township_org, Role.COMMITTEE_OFFICER)):  # fmt: skip
        users[username], _c = User.objects.update_or_create(
            username=username, defaults={"organization": org, "role": role}
        )
    sample = Person.objects.filter(township=township).exclude(phone="").order_by("pk").first()
    from gonghui.people import idnumbers

    # populate() numbers people by serial (the pk) and stores no cipher; the demo does store it.
    serial_birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=(sample.pk) // 999 % 20000)
    number = sample.clear_id_number() or idnumbers.make_valid("520199", serial_birth, sample.pk % 999 + 1)
    label_of_size = (
        f"the demo county as built ({size:,} people, no manual ANALYZE)" if demo else f"{size:,} people"
    )
    registry = reverse("threecares:entry-list", args=["out_migrants"])
    cases = [
        ("registry page", registry),
        ("registry filtered", f"{registry}?township={township.pk}&destination=广东"),
        ("people list, no search", "/people/"),
        ("search name prefix", "/people/?q=王"),
        ("search pinyin initials", "/people/?q=wj"),
        ("search ID number", f"/people/?q={number}"),
        ("search phone, whole", f"/people/?q={sample.phone}"),
        ("search phone, last four", f"/people/?q={sample.phone[-4:]}"),
    ]
    client = Client()
    print(f"\n{connection.vendor}, {label_of_size}; p50 / p95 in ms over {runs} runs; DEBUG={settings.DEBUG}")
    print(f"machine speed: python-calamine reads {speed:,.0f} rows/s (the issue's machine: 86,000 rows/s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT version(), current_setting('shared_buffers'), current_setting('work_mem')")
            version, buffers, work_mem = cursor.fetchone()
        print(f"{version.split(' on ')[0]}, shared_buffers {buffers}, work_mem {work_mem}")
    print(
        f"{'case':<26}{'user':<16}{'page p50':>9}{'p95':>8}{'queries':>9}{'SQL p50':>9}{'p95':>8}{'CPU p50':>9}"
    )
    for label, url in cases:
        for username, user in users.items():
            client.force_login(user)
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            n_queries = len(captured)  # now: the timed requests below reset the query log
            # The bare SQL: the queries of the request that read the registry or people tables.
            sql = [
                q["sql"]
                for q in captured.captured_queries
                if "people_person" in q["sql"] or "threecares_" in q["sql"]
            ]

            def bare(sql=sql):
                with connection.cursor() as cursor:
                    for statement in sql:
                        cursor.execute(statement)
                        cursor.fetchall()

            cpu = []
            page50, page95 = timed(lambda url=url: client.get(url), runs, cpu)
            sql50, sql95 = timed(bare, runs)
            print(
                f"{label:<26}{username[6:]:<16}{page50:>9.1f}{page95:>8.1f}{n_queries:>9}{sql50:>9.1f}{sql95:>8.1f}"
                f"{statistics.median(cpu):>9.1f}"
            )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100000", help="comma-separated numbers of people")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--dir", default="/tmp/gonghui-bench")
    parser.add_argument("--size-index", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--demo", action="store_true",
                        help="the same cases on a freshly built demo county (migrate + gonghui demo, nothing else)")  # fmt: skip
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    speed = machine_speed(args.dir)
    if args.demo:
        build_demo(args.dir)
        from gonghui.people.models import Person

        measure(Person.objects.count(), args.runs, speed=speed, demo=True)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if len(sizes) > 1:
        # One process per size: Django binds its database once per process.
        import subprocess

        for size in sizes:
            subprocess.run([sys.executable, __file__, "--sizes", str(size), "--runs", str(args.runs),
                            "--dir", args.dir], check=True)  # fmt: skip
        return
    size = sizes[0]
    setup(size, args.dir)
    populate(size, random.Random(size))
    measure(size, args.runs, speed=speed)


if __name__ == "__main__":
    main()
