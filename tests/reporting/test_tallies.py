"""The monthly tallies (reporting.tallies) stay right after every kind of change to their rows:
created one by one and in bulk, moved to another month or organisation, changed so that they
no longer count (a payment no longer paid, a child no longer a pupil), deleted one by one and in
bulk, rolled back. After each change the tally equals a rebuild from the rows, and every tallied
figure equals its own function (the records counted), for the county, a township and periods
that cover months in part."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from gonghui.assistance import models as am
from gonghui.reporting import indicators, tallies
from gonghui.reporting.indicators import Period
from gonghui.reporting.models import MonthTally
from gonghui.threecares import models as tm

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date
PERIODS = (
    Period.year(2008),
    Period.year(2007),
    Period.quarter(2008, 2),
    Period.month(2008, 5),
    Period.custom(D(2008, 1, 15), D(2008, 5, 20)),  # parts of two months around whole ones
    Period.custom(D(2008, 5, 3), D(2008, 5, 12)),  # days within one month
)
TALLIED = [ind.code for ind in indicators.all_indicators() if ind.tally is not None]


def tally_rows():
    return {
        (t.series, t.organization_id, t.month, t.key): (t.n, t.fen)
        for t in MonthTally.objects.all()
        if t.n or t.fen
    }


def assert_right(cast):
    """The tally as the triggers left it is what a rebuild from the rows gives, and every tallied
    figure is what its function counts from the records."""
    kept = tally_rows()
    tallies.install()  # rebuilds every series from its table
    assert kept == tally_rows()
    for code in TALLIED:
        ind = indicators.get(code)
        for org in (cast.county, cast.township_a, cast.township_b):
            for period in PERIODS:
                assert ind.value(org, period) == (ind.compute(org, period) or 0), (code, org.code, period)
        by_child = indicators.compute_children(cast.county, PERIODS[0], [code],
                                               children=[cast.township_a, cast.township_b])  # fmt: skip
        for child in (cast.township_a, cast.township_b):
            assert by_child[child.pk][code] == (ind.compute(child, PERIODS[0]) or 0), (code, child.code)


def test_the_large_figures_are_tallied():
    assert {"three_cares.out_migrants", "three_cares.children_pupils", "assistance.amount",
            "assistance.person_times"} <= set(TALLIED)  # fmt: skip
    assert tallies.kept()


def _person(cast, n):
    return PersonFactory(name=f"测试{n}", township=cast.place_a, village=cast.village_a)


def _migrant(cast, person, day, org=None):
    return tm.OutMigrant(person=person, township=cast.place_a, village=cast.village_a,
                         organization=org or cast.township_a, registered_on=day)  # fmt: skip


def test_a_registry_stock_stays_right_after_every_kind_of_change(cast):
    people = [_person(cast, i) for i in range(8)]
    one = tm.OutMigrant.objects.create(person=people[0], township=cast.place_a, village=cast.village_a,
                                       organization=cast.township_a, registered_on=D(2008, 5, 10))  # fmt: skip
    tm.OutMigrant.objects.bulk_create([_migrant(cast, p, D(2007 + i % 2, 1 + i, 1 + 3 * i)) for i, p in
                                       enumerate(people[1:6], start=1)])  # fmt: skip
    assert MonthTally.objects.filter(series="three_cares.out_migrants").exists()
    assert indicators.value("three_cares.out_migrants", cast.county, Period.year(2008)) == 6
    assert_right(cast)

    one.registered_on = D(2008, 5, 25)  # later in the same month: in the month, out of 5 May-12 May
    one.save()
    assert_right(cast)
    one.registered_on = D(2009, 2, 1)  # out of 2008 altogether
    one.save()
    assert indicators.value("three_cares.out_migrants", cast.county, Period.year(2008)) == 5
    assert_right(cast)
    one.organization = cast.township_b  # to another township's committee
    one.registered_on = D(2008, 3, 31)
    one.save()
    assert indicators.value("three_cares.out_migrants", cast.township_b, Period.year(2008)) == 1
    assert_right(cast)
    tm.OutMigrant.objects.filter(registered_on__year=2007).update(registered_on=D(2008, 2, 29),
                                                                   organization=cast.village_union_a)  # fmt: skip
    assert_right(cast)
    one.delete()
    assert_right(cast)
    with transaction.atomic():  # rolled back: nothing of it stays in the tally
        sid = transaction.savepoint()
        tm.OutMigrant.objects.bulk_create([_migrant(cast, p, D(2008, 6, 1)) for p in people[6:]])
        transaction.savepoint_rollback(sid)
    assert_right(cast)
    tm.OutMigrant.objects.all().delete()
    assert not tally_rows()
    assert_right(cast)


def test_a_stock_with_a_condition_follows_its_rows_in_and_out_of_it(cast):
    people = [_person(cast, i) for i in range(4)]
    children = tm.LeftBehindChild.objects.bulk_create([
        tm.LeftBehindChild(person=p, township=cast.place_a, village=cast.village_a, organization=cast.township_a,
                           registered_on=D(2008, 1 + i, 2), kind="pupil" if i % 2 else "preschool")
        for i, p in enumerate(people)
    ])  # fmt: skip
    assert indicators.value("three_cares.children_pupils", cast.county, Period.year(2008)) == 2
    assert_right(cast)
    tm.LeftBehindChild.objects.filter(pk=children[0].pk).update(kind="pupil")  # a preschool child starts school
    assert indicators.value("three_cares.children_pupils", cast.county, Period.year(2008)) == 3
    assert indicators.value("three_cares.children_preschool", cast.county, Period.year(2008)) == 1
    assert_right(cast)


def _payment(cast, programme, person, day, amount, org=None, **extra):
    return am.Payment.objects.create(organization=org or cast.township_a, programme=programme, person=person,
                                     beneficiary_kind="hardship_worker", amount=Decimal(amount),
                                     fund_source="higher_union", status="paid", applied_on=day, paid_on=day,
                                     **extra)  # fmt: skip


def test_payments_paid_reversed_moved_and_deleted_keep_the_tally_right(cast):
    programme = am.Programme.objects.create(organization=cast.county, year=2008, kind="living_aid", name="2008年帮扶")
    other = am.Programme.objects.create(organization=cast.county, year=2008, kind="living_aid", name="2008年助学")
    people = [_person(cast, i) for i in range(5)]
    first = _payment(cast, programme, people[0], D(2008, 5, 10), "300.50")
    am.Payment.objects.bulk_create([
        am.Payment(organization=cast.township_b, programme=other, person=p, beneficiary_kind="hardship_worker",
                   amount=Decimal(100 + i), fund_source="higher_union", status="paid", applied_on=D(2008, 1 + 2 * i, 20),
                   paid_on=D(2008, 1 + 2 * i, 20))
        for i, p in enumerate(people[1:])
    ])  # fmt: skip
    assert indicators.value("assistance.amount", cast.county, Period.year(2008)) == Decimal("706.50")
    assert_right(cast)
    _payment(cast, programme, people[0], D(2008, 6, 2), "-300.50", reverses=first, reversal_reason="重复发放")
    assert indicators.value("assistance.person_times", cast.county, Period.year(2008)) == 4
    assert_right(cast)
    am.Payment.objects.filter(programme=other).update(programme=programme)  # put on another programme
    assert_right(cast)
    unpaid = am.Payment.objects.filter(reverses__isnull=True, programme=programme).order_by("pk").last()
    am.Payment.objects.filter(pk=unpaid.pk).update(status="approved", paid_on=None)  # no longer paid
    assert_right(cast)
    am.Payment.objects.filter(pk=unpaid.pk).update(status="paid", paid_on=D(2008, 12, 31), amount=Decimal("88.88"))
    assert_right(cast)
    am.Payment.objects.filter(reverses__isnull=False).delete()
    assert_right(cast)


def test_a_programme_kept_apart_counts_only_its_payments(cast):
    """relief.amount reads the payments of relief programmes only (the tally's key)."""
    from gonghui.relief.models import Campaign

    relief = am.Programme.objects.create(organization=cast.county, year=2008, kind="living_aid", name="冰灾救助")
    plain = am.Programme.objects.create(organization=cast.county, year=2008, kind="living_aid", name="2008年帮扶")
    Campaign.objects.create(organization=cast.county, name="抗冰救灾", code="ice2008", cause=Campaign.Cause.values[0],
                            starts_on=D(2008, 1, 20), relief_programme=relief)  # fmt: skip
    people = [_person(cast, i) for i in range(3)]
    _payment(cast, relief, people[0], D(2008, 2, 5), "300")
    _payment(cast, relief, people[1], D(2008, 2, 6), "200", org=cast.township_b)
    _payment(cast, plain, people[2], D(2008, 2, 7), "1000")
    assert indicators.value("relief.amount", cast.county, Period.year(2008)) == Decimal("500")
    assert indicators.value("relief.amount", cast.township_b, Period.year(2008)) == Decimal("200")
    assert indicators.value("assistance.amount", cast.county, Period.year(2008)) == Decimal("1500")
    assert_right(cast)


def test_a_county_figure_reads_a_few_tally_rows_not_the_registry(cast):
    people = [_person(cast, i) for i in range(3)]
    tm.OutMigrant.objects.bulk_create([_migrant(cast, p, D(2008, 3, 1)) for p in people])
    with CaptureQueriesContext(connection) as queries:
        assert indicators.value("three_cares.out_migrants", cast.county, Period.year(2008)) == 3
    assert len(queries) == 1
    assert "reporting_monthtally" in queries[0]["sql"] and "threecares_outmigrant" not in queries[0]["sql"]


def assert_people_right(cast):
    from gonghui.orgs import scoping
    from gonghui.people.models import Person
    from gonghui.reporting.models import PeopleTally

    kept = {(t.township_id, t.village_id): t.n for t in PeopleTally.objects.all() if t.n}
    assert bool(kept) == tallies.people_kept()  # PostgreSQL keeps it; SQLite counts the people
    tallies.install()
    assert kept == {(t.township_id, t.village_id): t.n for t in PeopleTally.objects.all() if t.n}
    for org in (cast.county, cast.township_a, cast.township_b, cast.village_union_a):
        expected = scoping.restrict_people(Person.objects.all(), org).count()
        assert indicators.value("people.registered", org, Period.year(2008)) == expected, org.code
        assert scoping.count_people(org) == expected, org.code  # counted along the township index


def test_people_registered_counts_the_tally_of_homes_and_the_people_linked_from_outside(cast):
    from gonghui.people.models import Person

    people = [_person(cast, i) for i in range(4)]
    away = PersonFactory(name="外乡人", township=cast.place_b, village=cast.village_b)
    homeless = PersonFactory(name="无籍人")
    assert_people_right(cast)
    assert indicators.value("people.registered", cast.township_a, Period.year(2008)) == 4
    tm.OutMigrant.objects.create(person=homeless, township=cast.place_a, organization=cast.township_a,
                                 registered_on=D(2008, 1, 5))  # a record kept by township A: linked from there
    tm.Elder.objects.create(person=away, township=cast.place_b, village=cast.village_b,
                            organization=cast.township_a, registered_on=D(2008, 1, 5))  # fmt: skip
    assert indicators.value("people.registered", cast.township_a, Period.year(2008)) == 6
    assert_people_right(cast)
    Person.objects.filter(pk=people[0].pk).update(township=cast.place_b, village=cast.village_b)  # moved house
    people[1].village = None
    people[1].save()
    assert_people_right(cast)
    Person.objects.bulk_create([Person(name=f"批量{i}", township=cast.place_b) for i in range(3)])
    assert_people_right(cast)
    people[2].delete()
    assert_people_right(cast)
