"""Server time of the member list and member search at 100,000 and 1,000,000 members.

    .venv/bin/python bench/members.py --sizes 100000,1000000 --runs 30
    DATABASE_URL=postgres://... .venv/bin/python bench/members.py --sizes 1000000 --runs 20 --no-peer

Modelled on bench/registry.py (the out-migrant registry, whose p95 is the bar): each size gets its
own database (SQLite file under --dir, or the PostgreSQL database of DATABASE_URL), the demo
county's organisations, and N people who are each a member of a grassroots union (a village's,
or a workplace's), inserted in bulk without their indexes (a million in about 4 minutes on
PostgreSQL, with the triggers of the tally, the outside links and the carried names at work). Every
case is timed through Django's test client (rendered HTML) as a township officer and as the county,
beside the bare SQL of the same queries (p50 and p95 of the wall time, p50 of this process's CPU
time: on a busy machine read the CPU columns), after a machine-speed reference line (a fixed Python
loop).

The people search (the last case) is the peer to read beside. On these members, with the outside
links of main, it takes 0.25-0.5 s on SQLite and over 30 s on PostgreSQL for the county: a third of
the members belong to a workplace's union, each a row of ``people.OutsideLink`` that the county's and
the township's people search read although the person lives in their subtree. The people-search
figures below were taken with those links left out (a change made here and withdrawn for the speed2
branch's equivalent, "each link carries its person's home"); --no-peer leaves the case out.

Measured at 1,000,000 members, 20 runs, on a 2-core machine shared with other work; page p95 / SQL
p50 / SQL p95 in ms, county and township:

- Before (the search read the matching people, then their memberships from the (person, joined_on,
  organization, id) index), SQLite, reference loop 81 ms: name 58 and 46 / 27 and 24 / 32 and 26,
  initials 49 and 33 / 29 and 19 / 33 and 26 (SQL CPU 11-15 ms). PostgreSQL 15, reference loop
  106 ms: name 66 and 85 / 41 and 41 / 44 and 55, initials 67 and 92 / 41 and 38 / 48 and 52.
- After (the member's name and initials carried on the membership, ``people.carried``, read from
  (organization, name or initials, filters, id) indexes; SQLite counts beside the page), with the
  people search in the same run:
  SQLite, reference loop 90 ms: name 33 and 24 / 3.8 and 0.4 / 6.0 and 4.5 (SQL CPU 1.7 and 0.4),
  initials 36 and 28 / 2.7 and 0.4 / 10.6 and 0.4, with a filter (王 among migrant workers, wj
  among current members) 28-34 and 27-28 / 4.4-6.2 and 0.4 / 8.0-8.4 and 0.4-1.5; the people search
  40 and 27 / 6.0 and 0.3 / 9.5 and 3.0 (SQL CPU 3.6 and 0.3). On a quiet moment (reference loop
  50 ms) the member searches were 7-11 ms p95 with 0.3-2.0 ms of SQL p95.
  PostgreSQL, reference loop 93 ms: name 50 and 28 / 13.0 and 2.0 / 15.6 and 7.2, initials 35 and
  35 / 8.2 and 2.3 / 10.8 and 4.8, with a filter 29-30 and 24-29 / 5.0-8.1 and 1.7-2.4 / 8.5-10.5
  and 6.1-6.5; the people search 29 and 23 / 6.7 and 3.1 / 10.6 and 6.0. A county's 王 (9,400
  matches, their count beside the ids is the work) alone, the same moment as the people search's:
  7.1-7.7 ms p50 and 10 p95 against 5.6 and 9.2.
  The whole list, ID number, phone and card number: unchanged (under 1 ms of SQL p50 on SQLite,
  under 4 on PostgreSQL).
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
        os.environ["GONGHUI_SQLITE"] = str(Path(directory) / f"bench-members-{size}.sqlite3")
    os.environ.setdefault("GONGHUI_VAR_DIR", str(directory))
    os.environ.setdefault("DEBUG", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "gonghui.settings"
    import django

    django.setup()


def machine_speed():
    """Milliseconds for a fixed pure-Python loop: compare runs on different machines by it."""
    t = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i % 7
    return (time.perf_counter() - t) * 1000


def populate(size, rng):
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone

    from bench.registry import _drop_indexes, _restore_indexes
    from gonghui.ledgers.bulk import adapt, insert_rows
    from gonghui.membership.demo import MEMBERSHIP_COLUMNS
    from gonghui.membership.models import Membership
    from gonghui.orgs import demo as org_demo
    from gonghui.orgs.models import Organization, Place
    from gonghui.people import idnumbers
    from gonghui.people.demo import GIVEN, SURNAMES
    from gonghui.people.models import Person
    from gonghui.people.pinyin import initials

    call_command("migrate", verbosity=0)
    org_demo.build(random.Random("gonghui-demo-orgs"))
    have = Membership.objects.count()
    if have >= size:
        return have
    villages = list(Place.objects.villages().select_related("parent"))
    # Members join their village's union or a workplace's union in their township.
    workplace_unions = {}
    for union in Organization.objects.grassroots().filter(enterprise__isnull=False).select_related("enterprise"):
        workplace_unions.setdefault(union.enterprise.township_id, []).append(union.pk)
    cache, batch, t0 = {}, 50000, time.perf_counter()
    serial = Person.objects.aggregate(n=Max("pk"))["n"] or 0
    now = adapt(Membership, "created_at", timezone.now())
    stamp = adapt(Person, "created_at", timezone.now())
    person_columns = ["id", "name", "name_initials", "id_number_cipher", "id_number_hash", "id_number_masked",
                      "gender", "ethnicity", "phone", "township_id", "village_id", "address", "birth_date",
                      "created_at", "updated_at"]  # fmt: skip
    # Rows go in without their secondary indexes, built once at the end (as bench/registry.py does);
    # the triggers (tally, outside links, carried names) stay and do their work row by row.
    dropped = _drop_indexes([Person, Membership])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")
    while have < size:
        n = min(batch, size - have)
        people, rows = [], []
        for i in range(n):
            serial += 1
            v = rng.choice(villages)
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
            if name not in cache:
                cache[name] = initials(name)
            birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=serial // 999 % 18000)
            number = idnumbers.make_valid("520199", birth, serial % 999 + 1)
            people.append((serial, name, cache[name], "", idnumbers.lookup_hash(number), idnumbers.mask(number), "",
                           "", f"139{serial:08d}", v.parent_id, v.pk, "", birth, stamp, stamp))  # fmt: skip
            town = workplace_unions.get(v.parent_id)
            org = rng.choice(town) if town and i % 3 == 0 else _village_union(v.pk, villages)
            migrant = i % 4 == 0
            joined = datetime.date(2000 + i % 9, 1 + i % 12, 1 + i % 28)
            rows.append((serial, org, joined, f"M{serial:09d}", migrant, migrant and i % 8 == 0, "joined",
                         None, "", "", now))  # fmt: skip
        with transaction.atomic():
            insert_rows(Person, person_columns, people, adapted={"created_at", "updated_at"})
            insert_rows(Membership, MEMBERSHIP_COLUMNS, rows, adapted=("created_at",))
        have += n
        print(f"  {have:,} members ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    _restore_indexes(dropped)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('people_person', 'id'), %s)", [serial])
    print(f"  indexes built ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    with connection.cursor() as cursor:
        # VACUUM as autovacuum soon would: PostgreSQL reads an index alone only where it is done.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return have


_village_org = {}


def _village_union(village_id, villages):
    if not _village_org:
        _village_org.update({v.pk: v.organization_id for v in villages})
    return _village_org[village_id]


def timed(func, runs):
    """(p50, p95) of the wall time and p50 of this process's CPU time, in ms.

    On a machine shared with other work the wall time also waits for a core; the CPU time does not
    (on SQLite it includes the SQL, which runs in this process; on PostgreSQL the server's is not in it).
    """
    times, cpu = [], []
    func()
    for _i in range(runs):
        t, c = time.perf_counter(), time.process_time()
        func()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], statistics.median(cpu)


def measure(size, runs, *, peer=True):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gonghui.membership.models import Membership
    from gonghui.orgs.models import Organization, Place, Role, User
    from gonghui.people import idnumbers

    county = Organization.objects.get(code="QS")
    township_org = Organization.objects.get(code="QS-T02")
    township = Place.objects.get(organization=township_org, kind="township")
    users = {}
    for username, org, role in (("bench_county", county, Role.FEDERATION_ADMIN),
                                ("bench_township", township_org, Role.COMMITTEE_OFFICER)):  # fmt: skip
        users[username], _c = User.objects.update_or_create(username=username, defaults={"organization": org,
                                                                                          "role": role})  # fmt: skip
    sample = Membership.objects.filter(person__township=township).select_related("person").order_by("pk").first()
    person = sample.person
    number = idnumbers.make_valid("520199", person.birth_date, person.pk % 999 + 1)
    cases = [
        ("member list", "/membership/members/"),
        ("members, migrant filter", "/membership/members/?migrant=1"),
        ("members, current", "/membership/members/?status=current"),
        ("member search name", "/membership/members/?q=王"),
        ("member search initials", "/membership/members/?q=wj"),
        ("name, migrant workers", "/membership/members/?q=王&migrant=1"),
        ("initials, current", "/membership/members/?q=wj&status=current"),
        ("member search ID number", f"/membership/members/?q={number}"),
        ("member search phone tail", f"/membership/members/?q={person.phone[-4:]}"),
        ("member card number", f"/membership/members/?card={sample.card_number}"),
    ]
    if peer:
        cases.append(("people search name (peer)", "/people/?q=王"))
    client = Client()
    print(f"\n{connection.vendor}, {size:,} members; p50 / p95 in ms over {runs} runs; DEBUG={settings.DEBUG}")
    print(f"machine speed reference: {machine_speed():.0f} ms for a 2,000,000-step Python loop")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT version(), current_setting('shared_buffers'), current_setting('work_mem')")
            version, buffers, work_mem = cursor.fetchone()
        print(f"{version.split(' on ')[0]}, shared_buffers {buffers}, work_mem {work_mem}")
    print(f"{'case':<28}{'user':<10}{'page p50':>9}{'p95':>8}{'CPU':>7}{'queries':>9}{'SQL p50':>9}{'p95':>8}{'CPU':>7}")
    for label, url in cases:
        for username, user in users.items():
            client.force_login(user)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            n_queries = len(captured)  # before the timed requests below reset the query log
            sql = [q["sql"] for q in captured.captured_queries if "people_person" in q["sql"]
                   or "membership_" in q["sql"]]  # fmt: skip

            def bare(sql=sql):
                with connection.cursor() as cursor:
                    for statement in sql:
                        cursor.execute(statement)
                        cursor.fetchall()

            page50, page95, page_cpu = timed(lambda url=url: client.get(url), runs)
            sql50, sql95, sql_cpu = timed(bare, runs)
            print(f"{label:<28}{username[6:]:<10}{page50:>9.1f}{page95:>8.1f}{page_cpu:>7.1f}{n_queries:>9}"
                  f"{sql50:>9.1f}{sql95:>8.1f}{sql_cpu:>7.1f}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000", help="comma-separated numbers of members")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--dir", default="/tmp/gonghui-bench")
    parser.add_argument("--no-peer", action="store_true",
                        help="leave out the people search (see the docstring: on these members it is slow)")  # fmt: skip
    args = parser.parse_args()
    Path(args.dir).mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    if len(sizes) > 1:
        import subprocess

        for size in sizes:
            subprocess.run([sys.executable, __file__, "--sizes", str(size), "--runs", str(args.runs),
                            "--dir", args.dir] + (["--no-peer"] if args.no_peer else []), check=True)  # fmt: skip
        return
    setup(sizes[0], args.dir)
    populate(sizes[0], random.Random(sizes[0]))
    measure(sizes[0], args.runs, peer=not args.no_peer)


if __name__ == "__main__":
    main()
