"""Speed of the figures: every indicator for the county, the figures page by township and the
drill-down list, at 1,000,000 registry people and 200,000 assistance payments.

    .venv/bin/python bench/figures.py                       # 1,000,000 people (a few minutes to build)
    .venv/bin/python bench/figures.py --people 100000       # a quick run (payments: people / 5)
    DATABASE_URL=postgres://... .venv/bin/python bench/figures.py --people 100000

The database (a SQLite file under --dir, or DATABASE_URL's PostgreSQL database) gets the demo
county's organisations, then people in bulk on the Three Cares registries (70% out-migrants, 15%
children, 10% elders, 5% incoming workers) and paid assistance payments spread over 2008 and the
committees, with bulk inserts (not the demo). Targets: every indicator for the county under 1 s;
the figures page by township (38 committees x every indicator, rendered) under 2 s; a drill-down
list page p95 under 50 ms. A machine-speed reference line (a fixed Python loop and a bare full
scan of the out-migrant table) lets the figures be read on another machine.

Each case prints its CPU time beside its wall time: this process's, and on PostgreSQL its server
process's too (read from /proc; parallel workers are not counted). On a machine shared with other
jobs the wall time is longer; the CPU time is what the work costs.

Measured on 2026-11-30 at 1,000,000 people (2 shared cores, p50 wall / CPU in ms, 10 runs), after the
monthly tallies (gonghui/reporting/tallies.py): SQLite (reference loop 118 ms): county 115 / 89,
by committee 85 / 83, page by township 133 / 102, county page with last year 289 / 185, drill-down
7-17. PostgreSQL (reference loop 228 ms): county 222 / 95, by committee 294 / 119, page by township
371 / 151, county page 428 / 195, drill-down 14-27. Before them, on the same databases the same
day: SQLite (loop 219 ms) county 9,880 / 2,990, page by township 4,242 / 2,746; PostgreSQL (loop
328 ms) county 2,117 / 484, page by township 1,694 / 382, county page 3,184 / 802. The slowest
indicator left is safety.monthly_report_rate (12-28 ms).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(people, directory):
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGHUI_SQLITE"] = str(Path(directory) / f"bench-figures-{people}.sqlite3")
    os.environ.setdefault("GONGHUI_VAR_DIR", str(directory))
    os.environ.setdefault("DEBUG", "0")  # as in production: no query log
    os.environ["DJANGO_SETTINGS_MODULE"] = "gonghui.settings"
    import django

    django.setup()


def populate(size, payments, rng):
    from django.core.management import call_command
    from django.db import connection

    from gonghui.assistance.models import Payment, Programme
    from gonghui.orgs import demo as org_demo
    from gonghui.orgs.models import Organization, Place
    from gonghui.people import idnumbers
    from gonghui.people.models import Person
    from gonghui.threecares import models as tm

    call_command("migrate", verbosity=0)
    org_demo.build(random.Random("gonghui-demo-orgs"))
    have = Person.objects.count()
    villages = list(Place.objects.villages().values_list("pk", "parent_id", "organization_id"))
    t0 = time.perf_counter()
    serial = have
    day0 = datetime.date(2005, 1, 1)
    while have < size:
        n = min(20000, size - have)
        people = []
        for _i in range(n):
            serial += 1
            village, township, _org = villages[serial % len(villages)]
            number = idnumbers.make_valid("520199", datetime.date(1950, 1, 1) + datetime.timedelta(days=serial % 20000),
                                          serial % 999 + 1)  # fmt: skip
            people.append(Person(name=f"王{serial % 97}{serial % 89}", name_initials="wx", township_id=township,
                                 village_id=village, id_number_hash=idnumbers.lookup_hash(number),
                                 id_number_masked=idnumbers.mask(number), phone=f"139{serial:08d}"))  # fmt: skip
        Person.objects.bulk_create(people, batch_size=5000)
        if people[0].pk is None:
            ids = dict(Person.objects.filter(id_number_hash__in=[p.id_number_hash for p in people])
                       .values_list("id_number_hash", "pk"))  # fmt: skip
            for p in people:
                p.pk = ids[p.id_number_hash]
        rows = {tm.OutMigrant: [], tm.LeftBehindChild: [], tm.Elder: [], tm.IncomingWorker: []}
        org_of = {v: o for v, _t, o in villages}
        for p in people:
            r = p.pk % 20
            model = (
                tm.OutMigrant
                if r < 14
                else tm.LeftBehindChild
                if r < 17
                else tm.Elder
                if r < 19
                else tm.IncomingWorker
            )
            extra = {"kind": "pupil" if p.pk % 3 else "preschool"} if model is tm.LeftBehindChild else {}
            rows[model].append(model(person_id=p.pk, township_id=p.township_id, village_id=p.village_id,
                                     organization_id=org_of[p.village_id],
                                     registered_on=day0 + datetime.timedelta(days=p.pk % 1460), **extra))  # fmt: skip
        for model, batch in rows.items():
            model.objects.bulk_create(batch, batch_size=5000)
        have += n
        print(f"  {have:,} people ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    county = Organization.objects.get(code="QS")
    committees = list(
        Organization.objects.filter(parent=county, level="committee").values_list("pk", flat=True)
    )
    programme, _c = Programme.objects.get_or_create(organization=county, year=2008, name="2008年帮扶",
                                                    defaults={"kind": "living_aid"})  # fmt: skip
    done = Payment.objects.count()
    person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True)[: max(payments, 1)])
    while done < payments:
        n = min(20000, payments - done)
        batch = []
        for i in range(done, done + n):
            day = datetime.date(2008, 1, 1) + datetime.timedelta(days=i % 366)
            batch.append(Payment(organization_id=committees[i % len(committees)], programme=programme,
                                 person_id=person_ids[i % len(person_ids)], beneficiary_kind="hardship_worker",
                                 amount=Decimal(200 + i % 800), fund_source="higher_union", status="paid",
                                 applied_on=day, paid_on=day))  # fmt: skip
        Payment.objects.bulk_create(batch, batch_size=5000)
        done += n
        print(f"  {done:,} payments ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def cpu_seconds():
    """CPU time of this process and, on PostgreSQL, of its server process (same machine; parallel
    workers not counted): what a run costs, whatever the other programs on a shared machine do."""
    from django.db import connection

    used = time.process_time()
    if connection.vendor == "postgresql" and connection.connection is not None:
        try:
            stat = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            pass
    return used


def timed(func, runs, cpu=None):
    """(p50, p95) wall time in ms; the median CPU ms of a run goes into `cpu` (a list) when given."""
    func()  # warm the caches once
    times, cpus = [], []
    for _i in range(runs):
        c = cpu_seconds()
        t = time.perf_counter()
        func()
        times.append((time.perf_counter() - t) * 1000)
        cpus.append((cpu_seconds() - c) * 1000)
    times.sort()
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def reference():
    """A fixed amount of Python work and a bare count, to compare machines (ms)."""
    from django.db import connection

    def loop():
        total = 0
        for i in range(2_000_000):
            total += i * i % 7
        return total

    def count():
        with connection.cursor() as cursor:
            cursor.execute("SELECT SUM(LENGTH(note)), COUNT(registered_on) FROM threecares_outmigrant")
            cursor.fetchone()

    return timed(loop, 3)[0], timed(count, 5)[0]


def measure(runs):
    from django.db import connection
    from django.test import Client

    from gonghui.assistance.models import Payment
    from gonghui.orgs.models import Organization, Role, User
    from gonghui.people.models import Person
    from gonghui.reporting import indicators
    from gonghui.reporting.indicators import Period

    county = Organization.objects.get(code="QS")
    township = Organization.objects.get(code="QS-T02")
    users = {}
    for username, org, role in (("bench_county", county, Role.FEDERATION_ADMIN),
                                ("bench_township", township, Role.COMMITTEE_OFFICER)):  # fmt: skip
        users[username], _c = User.objects.update_or_create(username=username,
                                                            defaults={"organization": org, "role": role})  # fmt: skip
    year = Period.year(2008)
    loop_ms, count_ms = reference()
    print(f"\n{connection.vendor}: {Person.objects.count():,} people, {Payment.objects.count():,} payments; "
          f"{len(indicators.all_indicators())} indicators; p50 / p95 in ms over {runs} runs")  # fmt: skip
    print(f"machine reference: 2,000,000-step Python loop {loop_ms:.0f} ms; "
          f"a full scan of the out-migrant registry {count_ms:.1f} ms")  # fmt: skip
    print(f"{'case':<44}{'p50':>9}{'p95':>9}{'target':>10}{'CPU p50':>14}")

    def line(label, func, target):
        cpu = []
        p50, p95 = timed(func, runs, cpu)
        verdict = "ok" if p95 <= target else "SLOW"
        print(f"{label:<44}{p50:>9.1f}{p95:>9.1f}{target:>9.0f}  {verdict:<4}{cpu[0]:>9.1f}")

    line("every indicator, county, 2008", lambda: indicators.compute(county, year), 1000)
    line("every indicator x 38 committees (grouped)", lambda: indicators.compute_children(county, year), 2000)
    client = Client()
    client.force_login(users["bench_county"])
    page = client.get("/figures/", {"year": "2008", "by": "children"})
    assert page.status_code == 200 and page.content.decode().count("<tr><td><a href=") == 38
    line("figures page by township, rendered", lambda: client.get("/figures/", {"year": "2008", "by": "children"}),
         2000)  # fmt: skip
    line("figures page, county (with last year)", lambda: client.get("/figures/", {"year": "2008"}), 2000)
    slowest(county, year)
    for username, user in users.items():
        client.force_login(user)
        for code in ("assistance.amount", "three_cares.out_migrants", "three_cares.children"):
            url = f"/figures/records/{code}/"
            assert client.get(url, {"year": "2008"}).status_code == 200
            line(f"drill-down {code} ({username[6:]})",
                 lambda url=url: client.get(url, {"year": "2008", "page": "3"}), 50)  # fmt: skip


def slowest(county, year, shown=12):
    """The indicators that cost the breakdown by committee most, and how each is computed: grouped
    (one query, the indicator declares records= and via=) or one committee at a time."""
    from gonghui.orgs.models import Organization
    from gonghui.reporting import indicators

    children = list(Organization.objects.filter(parent=county, is_active=True).order_by("path"))
    costs = []
    for ind in indicators.all_indicators():
        t = time.perf_counter()
        indicators.compute(county, year, [ind.code])
        alone = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        indicators.compute_children(county, year, [ind.code], children=children)
        grouped = (time.perf_counter() - t) * 1000
        how = "grouped" if ind.records is not None and ind.via is not None else (
            "no breakdown" if ind.records is not None else "one committee at a time (no records=)")
        costs.append((grouped, alone, ind.code, how))
    costs.sort(reverse=True)
    print(f"by county, the slowest: {', '.join(f'{c[2]} {c[1]:.1f}' for c in sorted(costs, key=lambda c: -c[1])[:4])}")
    one_by_one = sum(c[0] for c in costs if c[3].startswith("one"))
    print(f"by committee: {sum(c[0] for c in costs):.0f} ms in all, {one_by_one:.0f} ms in the "
          f"{sum(1 for c in costs if c[3].startswith('one'))} indicators computed one committee at a time")  # fmt: skip
    print(f"{'slowest by committee':<44}{'county':>9}{'x 38':>9}  how")
    for grouped, alone, code, how in costs[:shown]:
        print(f"{code:<44}{alone:>9.1f}{grouped:>9.1f}  {how}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument(
        "--payments", type=int, default=None, help="default: 200,000 at 1,000,000 people (people / 5)"
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--dir", default="/tmp/gonghui-bench")
    parser.add_argument("--build-only", action="store_true", help="fill the database, measure nothing")
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    setup(args.people, args.dir)
    populate(
        args.people, args.payments if args.payments is not None else args.people // 5, random.Random(2008)
    )
    if not args.build_only:
        measure(args.runs)


if __name__ == "__main__":
    main()
