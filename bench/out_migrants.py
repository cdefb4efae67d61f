"""Speed of the ledger engine on the county's out-migrant register (外出务工人员台帐), 92,388 rows.

    .venv/bin/python bench/out_migrants.py                  # SQLite, 92,388 rows (the seed's count)
    .venv/bin/python bench/out_migrants.py --rows 20000 --repeat 1
    DATABASE_URL=postgres://... .venv/bin/python bench/out_migrants.py

The file is written as townships keep it: one sheet per township, a title row, the header row
(the kind's headers on some sheets, common aliases such as 身份证号码, 乡(镇), 务工地 and
是否工会会员 on others), valid 18-digit ID numbers, dates as officers type them (2008-03-01,
2008.3, 2008年3月, 2008.3.1 or a real date cell), destinations such as 广东东莞, 是/否 and a 合计 row
closing each sheet. About 2% of the rows are a person listed a second time by another township:
the engine rejects those rows as repeats inside the file, so every phase imports with "skip
invalid rows" and the register must end with one row per distinct ID number. Before the import,
10% of the file's people are already in the people registry (real hashes and ciphertext).

Three phases, each the best of --repeat runs in a forked child (so the peak RSS is the phase's
own) on a register emptied first: the dry run, the commit into an empty register, and the
re-import of the same file onto the committed register (every row already there: 0 imported,
the rows reported as duplicates). Prints rows/s by wall and process CPU time (PostgreSQL's
server time is not in the CPU figure), the peak RSS, rows read / imported / errors / warnings,
and afterwards the register's rows and distinct people against the file's distinct ID numbers.
"""

import argparse
import datetime
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ledgers import clock, in_child, since  # noqa: E402 (needs the path above)

SEED_ROWS = 92388
REPEATED = 0.02  # share of rows that list a person a second time, in another township's sheet
PREREGISTERED = 0.10  # share of the file's people already in the people registry
# Per sheet, the header of each column: the kind's own, or aliases townships use.
HEADERS = [
    ["序号", "姓名", "身份证号", "性别", "联系电话", "乡镇", "村(社区)", "外出时间", "务工地点", "务工单位", "从事行业",
     "是否会员"],
    ["序号", "姓名", "身份证号码", "性别", "手机号码", "乡（镇）", "村（居）委会", "外出年月", "务工地", "工作单位", "行业",
     "是否工会会员"],
    ["序号", "姓名", "公民身份号码", "性别", "联系方式", "所属乡镇", "村", "外出务工时间", "外出务工地点", "务工企业", "从事工种",
     "是否入会"],
]  # fmt: skip
FIRMS = ["宏达", "华强", "富士康", "鸿运", "兴业", "长城", "永安", "金龙", "新世纪", "东方"]
TRADES = {"建筑": "建筑公司", "制造": "机械厂", "电子": "电子厂", "服装": "制衣厂", "餐饮": "酒楼", "运输": "物流公司",
          "家政": "家政服务公司", "采矿": "矿业公司"}  # fmt: skip


def setup(directory):
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGHUI_SQLITE"] = str(Path(directory) / "bench-out-migrants.sqlite3")
    os.environ.setdefault("GONGHUI_VAR_DIR", str(directory))
    os.environ.setdefault("DEBUG", "0")  # DEBUG keeps every query in memory
    os.environ["DJANGO_SETTINGS_MODULE"] = "gonghui.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from gonghui.orgs import demo as org_demo

    call_command("migrate", verbosity=0)
    org_demo.build(random.Random("gonghui-demo-orgs"))


def left_on_cell(rng):
    """外出时间 as officers type it; a datetime is a real date cell."""
    day = datetime.date(1995, 1, 1) + datetime.timedelta(days=rng.randint(0, 14 * 365))
    form = rng.random()
    if form < 0.4:
        return day.isoformat()
    if form < 0.6:
        return f"{day.year}.{day.month}"
    if form < 0.8:
        return f"{day.year}年{day.month}月"
    if form < 0.9:
        return f"{day.year}.{day.month}.{day.day}"
    return datetime.datetime(day.year, day.month, day.day)


def destination_cell(rng):
    """(务工地点 as written, the city)."""
    from gonghui.threecares.demo import DESTINATIONS

    province, cities = rng.choice(DESTINATIONS)
    city = rng.choice(cities)
    if province == city:
        return rng.choice([city, f"{city}市"]), city
    return rng.choice([f"{province}{city}", f"{province}省{city}市", f"{province}{city}市"]), city


def make_file(path, rows, rng):
    """Write the register; returns what the file holds (distinct people, the pre-registered)."""
    import xlsxwriter

    from gonghui.orgs.models import Place
    from gonghui.people import idnumbers
    from gonghui.people.demo import GIVEN, SURNAMES
    from gonghui.threecares.demo import INDUSTRIES

    villages = list(Place.objects.villages().select_related("parent").order_by("division_code"))
    by_township = {}
    for village in villages:
        by_township.setdefault(village.parent, []).append(village)
    townships = list(by_township)
    repeats = round(rows * REPEATED)
    people = []  # (number, name, village)
    seen = set()
    for _ in range(rows - repeats):
        village = rng.choice(villages)
        while True:
            birth = datetime.date(1958, 1, 1) + datetime.timedelta(days=rng.randint(0, 32 * 365))
            number = idnumbers.make_valid(village.division_code[:6], birth, rng.randint(1, 999))
            if number not in seen:
                seen.add(number)
                break
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        people.append((number, name, village))
    sheets = {township: [] for township in townships}
    for person in people:
        sheets[person[2].parent].append(person)
    # The second listing: the same person (same name and number) in another township's sheet.
    for number, name, village in rng.sample(people, repeats):
        other = rng.choice([t for t in townships if t != village.parent])
        rows_there = sheets[other]
        rows_there.insert(rng.randint(0, len(rows_there)), (number, name, rng.choice(by_township[other])))

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for s, township in enumerate(townships):
        header = HEADERS[s % len(HEADERS)]
        sheet = book.add_worksheet(township.name)
        sheet.write_string(0, 0, f"{township.name}外出务工人员台帐（2008年）")
        for c, h in enumerate(header):
            sheet.write_string(1, c, h)
        r = 2
        for i, (number, name, village) in enumerate(sheets[township]):
            industry = rng.choice(INDUSTRIES)
            destination, city = destination_cell(rng)
            cells = [
                i + 1,
                name,
                number.lower() if rng.random() < 0.02 else number,
                "男" if int(number[16]) % 2 else "女",
                f"1{rng.choice([3, 5, 8])}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                township.name,
                village.name,
                left_on_cell(rng),
                destination,
                f"{city}{rng.choice(FIRMS)}{TRADES[industry]}" if rng.random() < 0.8 else "",
                industry,
                "是" if rng.random() < 0.35 else "否",
            ]
            for c, v in enumerate(cells):
                if isinstance(v, int):
                    sheet.write_number(r, c, v)
                elif isinstance(v, datetime.datetime):
                    sheet.write_datetime(r, c, v, date_format)
                elif v:
                    sheet.write_string(r, c, v)
            r += 1
        sheet.write_string(r, 0, "合计")
        sheet.write_string(r, 1, f"{r - 2}人")
    book.close()
    pre = rng.sample(people, round(len(people) * PREREGISTERED))
    return {
        "rows": rows,
        "distinct": len(people),
        "repeats": repeats,
        "sheets": len(townships),
        "preregistered": [(number, name, village.pk) for number, name, village in pre],
    }


def prepare(path, rows):
    """The file (written once, kept with its facts beside it) and its pre-registered people."""
    from gonghui.ledgers.bulk import insert_dicts
    from gonghui.ledgers.persons import person_values
    from gonghui.orgs.models import Place
    from gonghui.people import idnumbers
    from gonghui.people.models import Person

    facts_path = path.with_suffix(".json")
    if path.exists() and facts_path.exists():
        facts = json.loads(facts_path.read_text())
    else:
        t0 = time.perf_counter()
        facts = make_file(path, rows, random.Random(20080512))
        facts_path.write_text(json.dumps(facts))
        print(f"  file written in {time.perf_counter() - t0:.1f} s: {path} ({path.stat().st_size / 1e6:.1f} MB, "
              f"{facts['sheets']} sheets)", flush=True)  # fmt: skip
    wanted = {idnumbers.lookup_hash(number) for number, _name, _village in facts["preregistered"]}
    have = set(Person.objects.filter(id_number_hash__in=wanted).values_list("id_number_hash", flat=True))
    if have != wanted:
        # This is the bench's own database: start the registry over, the registered first.
        empty(0)
        places = Place.objects.select_related("parent").in_bulk()
        batch = [
            person_values(name=name, id_number=number, township=places[village].parent, village=places[village],
                          phone=f"139{int(number[-8:-1]):08d}",
                          address=f"{places[village].parent.name}{places[village].name}{int(number[-4:-1]) % 12 + 1}组")
            for number, name, village in facts["preregistered"]
        ]  # fmt: skip
        insert_dicts(Person, batch)
    boundary = (
        Person.objects.filter(id_number_hash__in=wanted).order_by("-pk").values_list("pk", flat=True)[0]
    )
    return {k: v for k, v in facts.items() if k != "preregistered"} | {
        "registered": len(wanted),
        "boundary": boundary,
    }


def empty(boundary):
    """No out-migrants, and no people but the pre-registered (ids up to `boundary`)."""
    from django.db import connection, transaction

    from gonghui.people.models import Person
    from gonghui.threecares.models import OutMigrant

    with transaction.atomic(), connection.cursor() as cursor:
        # DELETE, not TRUNCATE: on PostgreSQL the statement triggers keep orgs_tally right.
        cursor.execute(f"DELETE FROM {OutMigrant._meta.db_table}")
        cursor.execute(f"DELETE FROM {Person._meta.db_table} WHERE id > %s", [boundary])


def phase(path, boundary, *, dry_run, fresh):
    from gonghui.ledgers.importer import run_import
    from gonghui.ledgers.registry import get_kind
    from gonghui.orgs.models import Organization

    if fresh:
        empty(boundary)
    county = Organization.objects.get(code="QS")
    t0 = clock()
    result = run_import(
        get_kind("out_migrants"), path, organization=county, dry_run=dry_run, skip_invalid=True
    )
    elapsed = since(t0)
    return (elapsed, result.status, result.rows_read, result.rows_imported, result.rows_updated,
            len(result.errors), len(result.warnings), dict(result.diff), reasons(result.errors),
            reasons(result.warnings))  # fmt: skip


def floor(path, boundary):
    """The bare floor: calamine reads the file, then one bulk_create of people and one of register
    rows from the raw cells, unvalidated (places looked up by name, nothing else)."""
    from python_calamine import CalamineWorkbook

    from gonghui.orgs.models import Place
    from gonghui.people.models import Person
    from gonghui.threecares.models import OutMigrant

    empty(boundary)
    villages = {(v.parent.name, v.name): v for v in Place.objects.villages().select_related("parent")}
    t0 = clock()
    book = CalamineWorkbook.from_path(str(path))
    cells = []
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).iter_rows():
            if isinstance(row[0], float | int) and not isinstance(row[0], bool) and len(row) > 6:
                cells.append(row)
    people = [Person(name=c[1], id_number_masked=str(c[2])[:18], phone=str(c[4])) for c in cells]
    Person.objects.bulk_create(people, batch_size=2000)
    rows = []
    for person, c in zip(people, cells, strict=True):
        village = villages.get((c[5], c[6]))
        if village is None:
            continue
        rows.append(OutMigrant(person=person, township_id=village.parent_id, village=village,
                               organization_id=village.organization_id, registered_on=datetime.date(2008, 3, 1),
                               employer=str(c[9])[:100], industry=str(c[10])[:40]))  # fmt: skip
    OutMigrant.objects.bulk_create(rows, batch_size=2000)
    elapsed = since(t0)
    return (elapsed, "floor", len(cells), len(rows), 0, 0, 0, {}, [], [])


def rule_floor(path, boundary):
    """The floor again, writing what the rules require of each row and the bare floor leaves out: the
    ID number hashed, encrypted and masked, the pinyin initials, gender and birth date from the
    number, the person's home township and village, the destination split into province and city.
    Still unvalidated and through bulk_create: what the rule's columns cost, not the checking."""
    from python_calamine import CalamineWorkbook

    from gonghui.ledgers.bulk import fast_initials
    from gonghui.orgs.models import Place
    from gonghui.people import idnumbers
    from gonghui.people.models import Person
    from gonghui.threecares.ledgers.registries import split_destination
    from gonghui.threecares.models import OutMigrant

    empty(boundary)
    villages = {(v.parent.name, v.name): v for v in Place.objects.villages().select_related("parent")}
    t0 = clock()
    book = CalamineWorkbook.from_path(str(path))
    cells = []
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).iter_rows():
            if isinstance(row[0], float | int) and not isinstance(row[0], bool) and len(row) > 6:
                village = villages.get((row[5], row[6]))
                if village is not None:
                    cells.append((row, village))
    people, rows = [], []
    for c, village in cells:
        number = str(c[2]).upper()[:18]
        fact = idnumbers.facts(number)
        people.append(Person(name=c[1], name_initials=fast_initials(c[1]), id_number_cipher=idnumbers.encrypt(number),
                             id_number_hash=idnumbers.lookup_hash(number), id_number_masked=idnumbers.mask(number),
                             gender=fact.gender, birth_date=fact.birth_date, phone=str(c[4]),
                             township_id=village.parent_id, village=village))  # fmt: skip
    Person.objects.bulk_create(people, batch_size=2000, ignore_conflicts=True)  # a person listed twice: once
    ids = dict(Person.objects.values_list("id_number_hash", "id"))
    seen = set()
    for person, (c, village) in zip(people, cells, strict=True):
        pk = ids.get(person.id_number_hash)
        if pk is None or pk in seen:
            continue
        seen.add(pk)
        province, city = split_destination(str(c[8]))
        rows.append(OutMigrant(person_id=pk, township_id=village.parent_id, village=village,
                               organization_id=village.organization_id, registered_on=datetime.date(2008, 3, 1),
                               destination_province=province, destination_city=city, employer=str(c[9])[:100],
                               industry=str(c[10])[:40], is_member=c[11] == "是"))  # fmt: skip
    OutMigrant.objects.bulk_create(rows, batch_size=2000)
    elapsed = since(t0)
    return (elapsed, "rule floor", len(cells), len(rows), 0, 0, 0, {}, [], [])


def reasons(issues):
    """The commonest reasons, with rows, sheets, names and values blurred: [(reason, how many)]."""
    return Counter(blur(issue.reason) for issue in issues).most_common(3)


def blur(reason):
    reason = re.sub(r"\d+", "N", reason)
    reason = re.sub(r"工作表 \S+ ", "工作表 S ", reason)
    reason = re.sub(r"（[^）]*）", "（…）", reason)
    return re.sub(r"^\w+?已在本名册中", "X已在本名册中", reason)


def counts():
    from gonghui.people.models import Person
    from gonghui.threecares.models import OutMigrant

    return (
        OutMigrant.objects.count(),
        OutMigrant.objects.values("person").distinct().count(),
        Person.objects.count(),
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=SEED_ROWS)
    parser.add_argument("--dir", default=tempfile.gettempdir() + "/gonghui-bench-out-migrants")
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs (the machine may be shared)")
    parser.add_argument("--rule-floor", action="store_true",
                        help="also the floor writing the columns the rules require (hashes, ciphertext, home places)")  # fmt: skip
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    setup(args.dir)
    from django.db import connection

    vendor = connection.vendor
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            vendor += " " + cursor.fetchone()[0]
    else:
        import sqlite3

        vendor += " " + sqlite3.sqlite_version
    print(f"database: {vendor}; rows: {args.rows:,}; best of {args.repeat}")
    from bench.registry import machine_speed

    speed, _rss = in_child(lambda: machine_speed(args.dir))
    print(f"machine speed: python-calamine reads {speed:,.0f} rows/s (the issue's machine: 86,000 rows/s)")
    path = Path(args.dir) / f"out-migrants-{args.rows}.xlsx"
    facts, _rss = in_child(lambda: prepare(path, args.rows))  # in a child: this process stays small
    if isinstance(facts, tuple):
        sys.exit(f"preparing failed: {facts[1]}")
    print(f"  file: {facts['rows']:,} rows in {facts['sheets']} sheets, {facts['distinct']:,} distinct ID numbers "
          f"({facts['repeats']:,} listed again by another township); {facts['registered']:,} of them already "
          f"registered as people")  # fmt: skip
    boundary = facts["boundary"]

    def best(fn):
        runs = [in_child(fn) for _ in range(args.repeat)]
        for result, _rss in runs:
            if result[0] == "error":
                sys.exit(f"import failed: {result[1]}")
        return min(runs, key=lambda run: run[0][0][0])

    def line(label, run):
        (times, status, read, imported, updated, errors, warnings, diff, why_errors, why_warnings), rss = run
        wall, cpu = times
        print(f"{label:<28} {read:>7,} rows {wall:7.2f} s {read / wall:>7,.0f} rows/s (CPU {cpu:6.2f} s "
              f"{read / cpu:>7,.0f} rows/s)  peak {rss:4.0f} MB\n{'':<28} [{status}] read {read:,}, imported "
              f"{imported:,}, updated {updated:,}, errors {errors:,}, warnings {warnings:,}; rows by status "
              f"{diff}")  # fmt: skip
        for label, why in (("error", why_errors), ("warning", why_warnings)):
            for reason, n in why:
                print(f"{'':<28} {n:>7,} × {label}: {reason}")

    dry = best(lambda: phase(path, boundary, dry_run=True, fresh=True))
    line("dry run", dry)
    if dry[0][5]:
        print(f"  without 'skip invalid rows' a commit of this file is rejected: {dry[0][5]:,} rows repeat a row "
              f"of another sheet (the engine's key: one row per ID number per file)")  # fmt: skip
    bare = best(lambda: floor(path, boundary))
    line("bare floor (calamine + bulk_create)", bare)
    if args.rule_floor:
        ruled = best(lambda: rule_floor(path, boundary))
        line("rule floor (+ rule columns)", ruled)
        (rule_wall, rule_cpu), rule_read = ruled[0][0], ruled[0][2]
        (floor_wall, floor_cpu), floor_read = bare[0][0], bare[0][2]
        print(f"  rule floor against the bare floor: {(rule_read / rule_wall) / (floor_read / floor_wall):.2f}× by wall, "
              f"{(rule_read / rule_cpu) / (floor_read / floor_cpu):.2f}× by CPU (rows/s; what the rule's columns cost)")  # fmt: skip
    commit = best(lambda: phase(path, boundary, dry_run=False, fresh=True))
    line("commit (empty register)", commit)
    (floor_wall, floor_cpu), floor_read = bare[0][0], bare[0][2]
    (wall, cpu), read = commit[0][0], commit[0][2]
    print(f"  commit against the bare floor: {(read / wall) / (floor_read / floor_wall):.2f}× by wall, "
          f"{(read / cpu) / (floor_read / floor_cpu):.2f}× by CPU (1.00 = as fast as the floor)")  # fmt: skip
    rows, people, persons = in_child(counts)[0]
    print(f"  after the commit: {rows:,} out-migrant rows, {people:,} distinct people on the register "
          f"(file: {facts['distinct']:,} distinct ID numbers) -> {'OK' if rows == people == facts['distinct'] else 'MISMATCH'}; "
          f"{persons:,} people in the registry ({facts['registered']:,} registered before)")  # fmt: skip
    line("re-import (all there)", best(lambda: phase(path, boundary, dry_run=False, fresh=False)))
    rows, people, persons = in_child(counts)[0]
    print(f"  after the re-import: {rows:,} out-migrant rows, {people:,} distinct people on the register, "
          f"{persons:,} people in the registry")  # fmt: skip


if __name__ == "__main__":
    main()
