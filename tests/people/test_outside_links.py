"""people.OutsideLink: the people an organisation holds records about though they live outside its
subtree, kept by database triggers (gonghui/people/outside.py) on every kind of write."""

import datetime

import pytest
from django.db import connection

from gonghui.people import outside
from gonghui.people.models import OutsideLink, Person
from gonghui.safety.models import Inspection, InspectionLeader
from gonghui.threecares.models import OutMigrant
from tests.factories import OrganizationFactory, PersonFactory


def kept():
    return sorted(OutsideLink.objects.values_list("person_id", "organization_id", "records"))


def homes():
    """Each link's person and the home it carries."""
    return sorted(set(OutsideLink.objects.values_list("person_id", "township_id", "village_id")))


def rebuilt():
    """What counting every record again gives (the rebuild the triggers must agree with)."""
    every = ("person_id", "organization_id", "records", "township_id", "village_id")
    before = sorted(OutsideLink.objects.values_list(*every))
    outside.rebuild()
    assert before == sorted(OutsideLink.objects.values_list(*every)), (
        "the triggers' table differs from a rebuild"
    )
    return kept()


def migrant(person, org, township, village=None):
    return OutMigrant.objects.create(person=person, organization=org, township=township, village=village,
                                     registered_on=datetime.date(2008, 3, 1))  # fmt: skip


def leader(person, org):
    """An inspection leader: a record reaching its organisation through its inspection."""
    inspection = Inspection.objects.create(organization=org, kind="daily", on=datetime.date(2008, 5, 1))
    return InspectionLeader.objects.create(inspection=inspection, person=person)


@pytest.fixture
def from_b(cast):
    return PersonFactory(name="李四", township=cast.place_b, village=cast.village_b)


def test_a_record_about_someone_living_elsewhere_is_kept_and_counted(cast, from_b):
    first = migrant(from_b, cast.township_a, cast.place_a)
    assert kept() == [(from_b.pk, cast.township_a.pk, 1)]
    second = leader(from_b, cast.village_union_a)
    assert kept() == sorted([(from_b.pk, cast.township_a.pk, 1), (from_b.pk, cast.village_union_a.pk, 1)])
    first.delete()
    assert kept() == [(from_b.pk, cast.village_union_a.pk, 1)]
    second.delete()
    assert kept() == rebuilt() == []


def test_records_kept_at_home_or_above_are_not_kept(cast, person_a):
    migrant(person_a, cast.township_a, cast.place_a, cast.village_a)
    leader(person_a, cast.county)
    leader(person_a, cast.village_union_a)
    assert kept() == rebuilt() == []


def test_two_records_of_one_organisation_count_twice_and_leave_one_at_a_time(cast, from_b):
    first = leader(from_b, cast.township_a)
    row = migrant(from_b, cast.township_a, cast.place_a)
    assert kept() == rebuilt() == [(from_b.pk, cast.township_a.pk, 2)]
    first.delete()
    assert kept() == [(from_b.pk, cast.township_a.pk, 1)]
    row.delete()
    assert kept() == []


def test_a_person_moving_home_is_counted_again(cast, from_b):
    migrant(from_b, cast.township_a, cast.place_a)
    from_b.township, from_b.village = cast.place_a, cast.village_a
    from_b.save()
    assert kept() == rebuilt() == []  # now living where the record is kept
    from_b.township, from_b.village = cast.place_b, cast.village_b
    from_b.save()
    assert kept() == rebuilt() == [(from_b.pk, cast.township_a.pk, 1)]


def test_a_record_moved_to_another_organisation_or_person_moves_its_link(cast, from_b, person_a):
    row = migrant(from_b, cast.township_a, cast.place_a)
    row.organization = cast.county  # above the person's home: answered by the home half
    row.save()
    assert kept() == []
    row.organization = cast.village_union_a
    row.save()
    assert kept() == [(from_b.pk, cast.village_union_a.pk, 1)]
    OutMigrant.objects.filter(pk=row.pk).update(organization=cast.township_b)  # from_b lives there
    assert kept() == []
    row.delete()
    other = migrant(person_a, cast.township_b, cast.place_b)
    assert kept() == [(person_a.pk, cast.township_b.pk, 1)]
    OutMigrant.objects.filter(pk=other.pk).update(person=from_b)
    assert kept() == rebuilt() == []


def test_a_parent_record_moved_to_another_organisation_moves_its_peoples_links(cast, from_b, person_a):
    inspection = Inspection.objects.create(
        organization=cast.township_a, kind="daily", on=datetime.date(2008, 5, 1)
    )
    InspectionLeader.objects.create(inspection=inspection, person=from_b)
    InspectionLeader.objects.create(inspection=inspection, person=person_a)
    assert kept() == [(from_b.pk, cast.township_a.pk, 1)]
    inspection.organization = cast.township_b
    inspection.save()
    assert kept() == rebuilt() == [(person_a.pk, cast.township_b.pk, 1)]
    inspection.delete()  # the leaders go with it
    assert kept() == []


def test_bulk_writes_are_counted(cast, from_b, person_a):
    union = OrganizationFactory(parent=cast.township_a)
    inspections = {o: Inspection.objects.create(organization=o, kind="daily", on=datetime.date(2008, 5, 1))
                   for o in (union, cast.township_b, cast.township_a)}  # fmt: skip
    InspectionLeader.objects.bulk_create([
        InspectionLeader(person=p, inspection=inspection) for p in (from_b, person_a) for inspection in inspections.values()
    ])  # fmt: skip
    OutMigrant.objects.bulk_create([
        OutMigrant(person=from_b, organization=union, township=cast.place_a, registered_on=datetime.date(2008, 3, 1))
    ])  # fmt: skip
    assert kept() == rebuilt() == sorted([
        (from_b.pk, union.pk, 2), (from_b.pk, cast.township_a.pk, 1), (person_a.pk, cast.township_b.pk, 1),
        (person_a.pk, union.pk, 1),
    ])  # fmt: skip
    InspectionLeader.objects.filter(inspection__organization=union).delete()
    assert kept() == sorted([
        (from_b.pk, union.pk, 1), (from_b.pk, cast.township_a.pk, 1), (person_a.pk, cast.township_b.pk, 1)
    ])  # fmt: skip


def test_a_place_answered_for_by_another_organisation_counts_everything_again(cast, from_b):
    migrant(from_b, cast.village_union_a, cast.place_a)
    assert kept() == [(from_b.pk, cast.village_union_a.pk, 1)]
    cast.village_b.organization = cast.village_union_a
    cast.village_b.save()  # from_b's village is now the union's
    assert kept() == rebuilt() == []


def test_the_scope_follows_the_table(cast, from_b):
    officer = cast.township_a_officer
    assert from_b not in Person.objects.visible_to(officer)
    row = leader(from_b, cast.village_union_a)
    assert from_b in Person.objects.visible_to(officer)  # a record in the township's subtree
    assert from_b in Person.objects.visible_to(cast.grassroots_officer)
    assert from_b in Person.objects.visible_to(cast.township_b_officer)  # at home
    row.delete()
    assert from_b not in Person.objects.visible_to(officer)


def test_the_scope_takes_many_outside_people_by_subquery(cast, monkeypatch):
    from gonghui.orgs import scoping

    people = [PersonFactory(name=f"外{i}", township=cast.place_b) for i in range(3)]
    for person in people:
        migrant(person, cast.township_a, cast.place_a)
    monkeypatch.setattr(scoping, "OUTSIDE_LITERALS", 2)
    seen = Person.objects.visible_to(cast.township_a_officer)
    assert "people_outsidelink" in str(seen.query)
    assert set(people) <= set(seen)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TRUNCATE trigger")
def test_truncating_a_record_table_counts_everything_again(cast, from_b):
    migrant(from_b, cast.township_a, cast.place_a)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending: TRUNCATE refuses them
        cursor.execute(f"TRUNCATE {OutMigrant._meta.db_table} CASCADE")
    assert kept() == []


def test_merging_two_records_of_one_person_moves_their_links_once(cast, from_b):
    from gonghui.people.services import merge_people

    twin = PersonFactory(name="李四", township=cast.place_b, village=cast.village_b)
    leader(from_b, cast.township_a)
    leader(twin, cast.township_a)
    migrant(twin, cast.village_union_a, cast.place_a)
    assert kept() == sorted([
        (from_b.pk, cast.township_a.pk, 1), (twin.pk, cast.township_a.pk, 1), (twin.pk, cast.village_union_a.pk, 1)
    ])  # fmt: skip
    merge_people(keep=from_b, remove=twin, by=cast.township_b_officer)
    assert (
        kept()
        == rebuilt()
        == sorted([(from_b.pk, cast.township_a.pk, 2), (from_b.pk, cast.village_union_a.pk, 1)])
    )


def test_saving_a_place_without_moving_it_counts_nothing_again(cast, from_b):
    """A rebuild reads every record: it runs only when a place changes its organisation."""
    OutsideLink.objects.create(
        person=from_b, organization=cast.township_a, records=7
    )  # not what a rebuild gives
    cast.place_b.name = "水坝塘"
    cast.place_b.save()  # Django writes every column, the organisation's too
    assert kept() == [(from_b.pk, cast.township_a.pk, 7)]
    cast.place_b.organization = cast.county
    cast.place_b.save()
    assert kept() == []


def test_each_link_carries_its_persons_home_and_a_move_updates_it(cast, from_b):
    migrant(from_b, cast.township_a, cast.place_a)
    leader(from_b, cast.village_union_a)
    assert homes() == [(from_b.pk, cast.place_b.pk, cast.village_b.pk)]
    from_b.village = None
    from_b.save()
    assert homes() == [(from_b.pk, cast.place_b.pk, None)]
    assert rebuilt() == sorted([(from_b.pk, cast.township_a.pk, 1), (from_b.pk, cast.village_union_a.pk, 1)])


def test_a_scope_leaves_out_the_links_of_people_living_inside_it(cast, from_b, person_a):
    """A county's own union keeps records about the county's people: the county finds them at home."""
    county_union = OrganizationFactory(parent=cast.county, category="industry")
    union_in_a = OrganizationFactory(parent=cast.township_a)
    migrant(person_a, county_union, cast.place_a)
    migrant(from_b, union_in_a, cast.place_a)
    assert kept() == sorted([(person_a.pk, county_union.pk, 1), (from_b.pk, union_in_a.pk, 1)])
    county = str(Person.objects.visible_to(cast.county_admin).query)
    township = str(Person.objects.visible_to(cast.township_a_officer).query)
    assert '"people_person"."id" IN' not in county  # both live in the county's townships
    assert f'"people_person"."id" IN ({from_b.pk})' in township  # from_b lives in another township
    assert {person_a, from_b} <= set(Person.objects.visible_to(cast.county_admin))
    assert {person_a, from_b} <= set(Person.objects.visible_to(cast.township_a_officer))


def _rebuild_as_sqlite_migrates(table):
    """What SQLite's schema editor does to alter a table: copy it, drop it, rename the copy."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        cursor.execute(cursor.fetchone()[0].replace(f'"{table}"', f'"new__{table}"', 1))
        cursor.execute(f"INSERT INTO new__{table} SELECT * FROM {table}")
        cursor.execute(f"DROP TABLE {table}")
        cursor.execute(f"ALTER TABLE new__{table} RENAME TO {table}")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite alters a table by copying it")
def test_a_migration_that_copies_a_table_the_triggers_name_goes_through(cast):
    """Migrate drops the triggers first (pre_migrate) and puts them back after (post_migrate)."""
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError, match="no such table"), transaction.atomic():
        _rebuild_as_sqlite_migrates("relief_donation")  # the triggers on other tables name it
    outside.uninstall()  # what gonghui.core.triggers does before migrate, for every family of ours
    _rebuild_as_sqlite_migrates("relief_donation")
    outside.install()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gonghui_outside_%'")
        assert cursor.fetchone()[0] == len(outside.sqlite_triggers())


def test_migrate_drops_our_triggers_before_it_runs():
    from django.db.models.signals import pre_migrate

    from gonghui.core import triggers

    assert any(entry[1]() is triggers.drop_before_migrate for entry in pre_migrate.receivers)
