"""Speed of the ledger engine on a realistic 100,000-row people .xlsx.

    .venv/bin/python bench/ledgers.py                       # SQLite, 100,000 rows
    .venv/bin/python bench/ledgers.py --rows 20000 --registered 1000000
    DATABASE_URL=postgres://... .venv/bin/python bench/ledgers.py

Prints rows per second for our dry run and commit (read, normalise, validate, encrypt,
de-duplicate, write), the peak memory (RSS) of each, and in the same run the same file imported
(a) with a straightforward django-import-export resource (plain and ``use_bulk``) and (b) with
the bare floor: python-calamine read plus one ``bulk_create`` of unvalidated rows; our speed is
printed as a multiple of each, so the figures hold on any machine. ``--registered N`` first fills
the registry with N people (inserted in bulk, fake ciphertext) to show that lookups of existing
ID numbers do not slow down with the registry's size.

Every measurement runs in a forked child on a database emptied of people first, so the peak
memory is that phase's own. django-import-export is in the dev extras (bench only).
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEADER = ["序号", "姓名", "身份证号码", "性别", "民族", "联系电话", "乡（镇）", "村（居）委会", "家庭住址"]


def setup(directory):
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGHUI_SQLITE"] = str(Path(directory) / "bench-ledgers.sqlite3")
    os.environ.setdefault("GONGHUI_VAR_DIR", str(directory))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gonghui.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from gonghui.orgs import demo as org_demo

    call_command("migrate", verbosity=0)
    org_demo.build(random.Random("gonghui-demo-orgs"))


def make_file(path, rows, rng):
    """A people ledger as a township keeps it: title rows, one sheet per township, a 合计 row each."""
    import xlsxwriter

    from gonghui.orgs.models import Place
    from gonghui.people import idnumbers
    from gonghui.people.demo import ETHNICITIES, GIVEN, SURNAMES

    villages = list(Place.objects.villages().select_related("parent").order_by("division_code"))
    by_township = {}
    for village in villages:
        by_township.setdefault(village.parent, []).append(village)
    townships = list(by_township)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    per_sheet = -(-rows // len(townships))
    seen = set()
    written = 0
    for township in townships:
        if written >= rows:
            break
        sheet = book.add_worksheet(township.name)
        sheet.write_string(0, 0, f"{township.name}职工花名册")
        sheet.write_string(1, 0, "填报单位：（盖章）")
        for c, h in enumerate(HEADER):
            sheet.write_string(2, c, h)
        r = 3
        for i in range(min(per_sheet, rows - written)):
            village = rng.choice(by_township[township])
            while True:
                birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 55))
                number = idnumbers.make_valid(village.division_code[:6], birth, rng.randint(1, 999))
                if number not in seen:
                    seen.add(number)
                    break
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
            gender = "男" if int(number[16]) % 2 else "女"
            phone = f"1{rng.choice([3, 5, 8])}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
            cells = [i + 1, name, number.lower() if rng.random() < 0.05 else number, gender, rng.choice(ETHNICITIES),
                     phone, township.name, village.name, f"{township.name}{village.name}{rng.randint(1, 12)}组"]  # fmt: skip
            for c, v in enumerate(cells):
                if isinstance(v, int):
                    sheet.write_number(r, c, v)
                else:
                    sheet.write_string(r, c, v)
            r += 1
            written += 1
        sheet.write_string(r, 0, "合计")
        sheet.write_string(r, 1, f"{r - 3}人")
    book.close()
    return written


def empty_people():
    from django.db import connection

    from gonghui.people.models import Person

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Person._meta.db_table} WHERE name_initials <> 'zz-registered'")


def fill_registry(n):
    """N people already registered (fake cipher, unique hashes), inserted in bulk."""
    from gonghui.people.demo import GIVEN, SURNAMES
    from gonghui.people.models import Person

    have = Person.objects.filter(name_initials="zz-registered").count()
    t0 = time.perf_counter()
    rng = random.Random(n)
    batch = []
    for i in range(have, n):
        # Names like the file's, so the look-ups for namesakes without ID numbers have work to do.
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        batch.append(Person(name=name, name_initials="zz-registered", id_number_hash=f"reg{i:061d}",
                            id_number_cipher="x", id_number_masked="520199**********00"))  # fmt: skip
        if len(batch) == 20000:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)
    if n > have:
        print(f"  registry filled to {n:,} people in {time.perf_counter() - t0:.0f} s", flush=True)


def clock():
    return time.perf_counter(), time.process_time()


def since(start):
    """(wall seconds, CPU seconds of this process) since `start`: on a shared machine the CPU time
    is the steadier measure (SQLite works inside the process; PostgreSQL's server time is not in it)."""
    return time.perf_counter() - start[0], time.process_time() - start[1]


def in_child(fn):
    """Run fn() in a forked child; returns (its result, its peak RSS in MB)."""
    from django.db import connections

    connections.close_all()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            out = repr(fn())
        except BaseException as e:  # report, never fall back into the parent's loop
            out = repr(("error", f"{type(e).__name__}: {e}"))
        os.write(write, out.encode())
        os.close(write)
        connections.close_all()
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _pid, _status, usage = os.wait4(pid, 0)
    import ast

    return ast.literal_eval(b"".join(chunks).decode()), usage.ru_maxrss / 1024


def ours(path, dry_run):
    from gonghui.ledgers.importer import run_import
    from gonghui.ledgers.registry import get_kind
    from gonghui.orgs.models import Organization

    empty_people()
    county = Organization.objects.get(code="QS")
    t0 = clock()
    result = run_import(get_kind("people"), path, organization=county, dry_run=dry_run)
    elapsed = since(t0)
    return elapsed, result.status, result.rows_read, result.rows_imported, len(result.errors)


def floor(path):
    """The bare floor: calamine read and one bulk_create of the raw, unvalidated cells."""
    from python_calamine import CalamineWorkbook

    from gonghui.people.models import Person

    empty_people()
    t0 = clock()
    book = CalamineWorkbook.from_path(str(path))
    people = []
    for name in book.sheet_names:
        for cells in book.get_sheet_by_name(name).iter_rows():
            if isinstance(cells[0], float):
                people.append(Person(name=cells[1], id_number_masked=cells[2], ethnicity=cells[4], phone=cells[5],
                                     address=cells[8]))  # fmt: skip
    Person.objects.bulk_create(people, batch_size=2000)
    return since(t0), len(people)


def calamine_only(path):
    from python_calamine import CalamineWorkbook

    t0 = clock()
    book = CalamineWorkbook.from_path(str(path))
    n = sum(sum(1 for _ in book.get_sheet_by_name(name).iter_rows()) for name in book.sheet_names)
    return since(t0), n


def import_export(path, use_bulk):
    """A straightforward django-import-export resource: tablib reads the sheets, the resource saves."""
    import tablib
    from import_export import fields, resources

    from gonghui.people import idnumbers
    from gonghui.people.models import Person
    from gonghui.people.pinyin import initials

    class PersonResource(resources.ModelResource):
        name = fields.Field(attribute="name", column_name="姓名")
        ethnicity = fields.Field(attribute="ethnicity", column_name="民族")
        phone = fields.Field(attribute="phone", column_name="联系电话")
        address = fields.Field(attribute="address", column_name="家庭住址")
        id_number_hash = fields.Field(attribute="id_number_hash", column_name="hash")

        Meta = type(
            "Meta",
            (),
            {"model": Person, "fields": ("name", "ethnicity", "phone", "address", "id_number_hash"),
             "import_id_fields": ("id_number_hash",), "skip_unchanged": True, "use_bulk": use_bulk,
             "batch_size": 2000},
        )  # fmt: skip

        def before_import_row(self, row, **kwargs):
            row["hash"] = idnumbers.lookup_hash(idnumbers.validate(row["身份证号码"]))

        def before_save_instance(self, instance, row, **kwargs):
            instance.set_id_number(row["身份证号码"])
            instance.name_initials = initials(instance.name)

    empty_people()
    t0 = clock()
    from python_calamine import CalamineWorkbook

    total = 0
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        data = tablib.Dataset(headers=[*rows[2], "hash"])  # the hash column is filled per row
        for cells in rows[3:]:
            if isinstance(cells[0], float):
                data.append([*cells, ""])
        result = PersonResource().import_data(data, dry_run=False, raise_errors=True)
        total += result.totals.get("new", 0)
    return since(t0), total


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--registered", type=int, default=0, help="people already in the registry")
    parser.add_argument("--dir", default=tempfile.gettempdir() + "/gonghui-bench-ledgers")
    parser.add_argument("--skip-import-export", action="store_true")
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs (the machine may be shared)")
    parser.add_argument("--ie-rows", type=int, default=10_000,
                        help="rows for django-import-export (it is slow; its rate is per row)")  # fmt: skip
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    setup(args.dir)
    from django.db import connection

    print(f"database: {connection.vendor}; rows: {args.rows:,}; already registered: {args.registered:,}")
    in_child(lambda: fill_registry(args.registered))  # in a child, so this process stays small
    rng = random.Random(20080512)
    path = Path(args.dir) / f"people-{args.rows}.xlsx"
    if not path.exists():
        t0 = time.perf_counter()
        make_file(path, args.rows, rng)
        print(
            f"  file written in {time.perf_counter() - t0:.1f} s: {path} ({path.stat().st_size / 1e6:.1f} MB)"
        )

    def best(fn):
        runs = [in_child(fn) for _ in range(args.repeat)]
        return min(runs, key=lambda run: run[0][0][0] if run[0][0] != "error" else float("inf"))

    def line(label, times, rows, rss=None, extra=""):
        wall, cpu = times
        mem = f"  peak {rss:5.0f} MB" if rss is not None else ""
        print(f"{label:<36} {rows:>8,} rows {wall:7.2f} s {rows / wall:>9,.0f} rows/s "
              f"(CPU {cpu:6.2f} s {rows / cpu:>9,.0f} rows/s){mem} {extra}")  # fmt: skip
        return rows / wall, rows / cpu

    def vs(label, ours_rates, other_rates):
        print(f"  ours (commit) vs {label}: {ours_rates[0] / other_rates[0]:.2f}x wall, "
              f"{ours_rates[1] / other_rates[1]:.2f}x CPU")  # fmt: skip

    (t, n), rss = best(lambda: calamine_only(path))
    line("calamine read alone", t, n, rss)
    (t, n), rss = best(lambda: floor(path))
    floor_rates = line("bare floor (calamine + bulk_create)", t, n, rss)
    (t, status, read, imported, errors), rss = best(lambda: ours(path, True))
    dry_rates = line("ours: dry run", t, read, rss, f"[{status}, {errors} errors]")
    (t, status, read, imported, errors), rss = best(lambda: ours(path, False))
    commit_rates = line("ours: commit", t, imported, rss, f"[{status}]")
    vs("bare floor", commit_rates, floor_rates)
    if not args.skip_import_export:
        small = Path(args.dir) / f"people-{args.ie_rows}.xlsx"
        if not small.exists():
            make_file(small, args.ie_rows, random.Random(1))
        for use_bulk in (False, True):
            result, rss = best(lambda use_bulk=use_bulk: import_export(small, use_bulk))
            if result[0] == "error":
                print(f"django-import-export failed: {result[1]}")
                continue
            t, n = result
            label = f"django-import-export{' (use_bulk)' if use_bulk else ''}"
            vs(label, commit_rates, line(label, t, n, rss))
    dry_rate, commit_rate = dry_rates[0], commit_rates[0]
    print(f"targets: >= 20,000 rows/s end to end (ours: dry run {dry_rate:,.0f}, commit {commit_rate:,.0f}); "
          f">= 0.5x floor; peak < 500 MB")  # fmt: skip


if __name__ == "__main__":
    main()
