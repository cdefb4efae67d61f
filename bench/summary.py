"""The annual summary and the work dashboard at the demo county's scale, and with a million people.

    .venv/bin/python bench/summary.py                       # the demo county (built once into --db)
    .venv/bin/python bench/summary.py --people 1000000      # plus out-migrants up to 1,000,000 people
    DATABASE_URL=postgres://... .venv/bin/python bench/summary.py

Targets (issue 16): the county's summary (every figure, checked, woven and written as .docx) under
3 s; the dashboard under 300 ms server time. Printed beside two peers measured in the same run:
computing every registered figure once for the county (the floor under the summary: it cannot
be cheaper than its figures), and a machine-speed reference (a fixed pure-Python workload), so a
figure from a slower or faster machine can be read against it.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(db):
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGHUI_SQLITE"] = str(db)
    os.environ.setdefault("GONGHUI_VAR_DIR", str(Path(db).parent))
    os.environ.setdefault("DEBUG", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gonghui.settings"
    import django

    django.setup()


def machine_reference():
    """Seconds for a fixed pure-Python workload (2,000,000 dict updates): about 0.2-0.4 s on the reference machines."""
    t0 = time.perf_counter()
    counts = {}
    for i in range(2_000_000):
        counts[i % 1013] = counts.get(i % 1013, 0) + i
    return time.perf_counter() - t0


def timed(func, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/bench-summary-demo.sqlite3", help="SQLite file (kept between runs)")
    parser.add_argument("--people", type=int, default=0, help="fill the out-migrant registry up to this many people")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    setup(args.db)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from gonghui.orgs.models import Organization, User
    from gonghui.reporting import indicators
    from gonghui.summary import services

    call_command("migrate", verbosity=0)
    if not Organization.objects.filter(name="黔山县总工会").exists():
        print("building the demo county once (gonghui demo) ...", flush=True)
        call_command("demo", verbosity=0)
    if args.people:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import registry  # bench/registry.py: bulk out-migrants

        registry.populate(args.people, random.Random("bench-summary"))
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    county = Organization.objects.get(name="黔山县总工会")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM people_person")
        people = cursor.fetchone()[0]
    print(f"database: {connection.vendor}, {people:,} people; runs: {args.runs}")
    print(f"machine reference: {machine_reference():.2f} s for the fixed Python workload")

    year = indicators.Period.year(2008)
    p50, p95 = timed(lambda: indicators.compute(county, year), args.runs)
    print(f"{'peer: every figure of the county once':<52} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms")
    p50, p95 = timed(lambda: services.build_summary(org=county, year=2008), args.runs)
    print(f"{'summary built (figures, last year, checks, text)':<52} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  target < 3000")

    def docx():
        services.write_docx(services.build_summary(org=county, year=2008)).to_bytes()

    p50, p95 = timed(docx, max(3, args.runs // 2))
    print(f"{'summary as .docx (the download)':<52} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  target < 3000")

    with override_settings(ALLOWED_HOSTS=["*"]):
        for username in ("county_admin", "gaoqiao"):
            client = Client()
            client.force_login(User.objects.get(username=username))
            client.get("/?year=2008")  # warm

            def dashboard(client=client):
                response = client.get("/?year=2008")
                assert response.status_code == 200, response.status_code

            p50, p95 = timed(dashboard, args.runs)
            label = f"dashboard as {username}"
            print(f"{label:<52} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  target < 300")


if __name__ == "__main__":
    main()
