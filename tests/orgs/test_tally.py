"""The per-organisation row counts the database keeps for the large registries (PostgreSQL and SQLite)."""

import pytest
from django.db import connection, transaction

from gonghui.orgs import scoping, tally
from gonghui.orgs.models import Tally
from gonghui.threecares.models import OutMigrant
from tests.factories import UserFactory
from tests.threecares import factories as f

pytestmark = [pytest.mark.django_db(transaction=True)]


def _tally():
    return {t.organization_id: t.row_count for t in Tally.objects.filter(table_name="threecares_outmigrant")
            if t.row_count}  # fmt: skip


def _truth():
    rows = OutMigrant.objects.values_list("organization_id", flat=True)
    return {org: list(rows).count(org) for org in set(rows)}


def _users(cast):
    return [cast.county_admin, cast.township_a_officer, cast.township_b_officer, cast.grassroots_officer,
            UserFactory(organization=None), UserFactory(organization=None, is_superuser=True)]  # fmt: skip


def _check(cast):
    assert _tally() == _truth()
    for user in _users(cast):
        assert (
            scoping.count_visible(OutMigrant.objects.all(), user)
            == OutMigrant.objects.visible_to(user).count()
        )


def test_the_tally_follows_every_kind_of_write(cast):
    assert tally.kept(OutMigrant)
    a = f.entry(cast, "out_migrants", name="甲")
    f.entry(cast, "out_migrants", name="乙", village=cast.village_b)
    _check(cast)
    assert scoping.count_visible(OutMigrant.objects.all(), cast.county_admin) == 2

    # A bulk insert (what the ledger engine does) is one statement, one aggregate.
    people = [f.person(cast, name=f"丙{i}") for i in range(5)]
    OutMigrant.objects.bulk_create(
        [OutMigrant(person=p, township=cast.place_a, village=cast.village_a, organization=cast.village_union_a,
                    registered_on=a.registered_on) for p in people]
    )  # fmt: skip
    _check(cast)
    assert scoping.count_visible(OutMigrant.objects.all(), cast.grassroots_officer) == 6

    # Moving rows to another organisation, then deleting some.
    OutMigrant.objects.filter(person__in=people[:2]).update(organization=cast.township_b)
    _check(cast)
    OutMigrant.objects.filter(person__in=people[2:4]).delete()
    a.delete()
    _check(cast)

    # A failed transaction leaves the tally as it was.
    with pytest.raises(RuntimeError), transaction.atomic():
        OutMigrant.objects.all().delete()
        raise RuntimeError
    _check(cast)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE threecares_outmigrant")
        assert _tally() == {}
        _check(cast)


def test_migrate_rebuilds_a_tally_that_went_wrong(cast):
    f.entry(cast, "out_migrants", name="甲")
    Tally.objects.filter(table_name="threecares_outmigrant").update(row_count=99)
    tally.install()
    _check(cast)


def test_a_filtered_count_does_not_use_the_tally(cast):
    f.entry(cast, "out_migrants", name="甲")
    f.entry(cast, "out_migrants", name="乙")
    rows = OutMigrant.objects.filter(person__name="甲")
    assert scoping.count_visible(rows, cast.county_admin) == 1
    assert scoping.count_visible(OutMigrant.objects.none(), cast.county_admin) == 0
