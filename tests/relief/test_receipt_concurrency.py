"""Officers entering at the same moment, each on their own connection, never share a receipt number
and never leave a gap: on SQLite and on PostgreSQL (GONGHUI_TEST_DBS=postgresql bash bin/test tests/relief)."""

import contextlib
import sqlite3
import tempfile
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from gonghui.relief import services
from gonghui.relief.models import Campaign, Donation, DonorKind, Receipt

from .conftest import D

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
GIFTS_EACH = 6


def _enter(campaign_id, org_ids, barrier, errors, failing):
    try:
        campaign = Campaign.objects.get(pk=campaign_id)
        from gonghui.orgs.models import Organization

        orgs = list(Organization.objects.filter(pk__in=org_ids).order_by("pk"))
        barrier.wait(timeout=30)
        for i in range(GIFTS_EACH):
            org = orgs[i % len(orgs)]
            amount = "0" if failing and i == 2 else str(100 + i)  # a refused entry rolls its number back
            try:
                services.record_donation(
                    campaign=campaign,
                    organization=org,
                    amount=amount,
                    donor_name=f"捐赠人{i}",
                    donor_kind=DonorKind.PERSON,
                    received_on=D(2008, 5, 16),
                )
            except Exception as e:  # noqa: BLE001
                if not failing or i != 2:
                    errors.append(repr(e))
    except Exception as e:  # noqa: BLE001
        errors.append(repr(e))
    finally:
        connections.close_all()


@contextlib.contextmanager
def own_connections():
    """Threads open their own connections to the test database.

    PostgreSQL: as they are. SQLite: the test database lives in memory with a shared cache, where
    writers fail with "table is locked" instead of waiting; it is copied to a file (SQLite's backup
    API) and new connections, one per thread, open that file with the settings' options
    (BEGIN IMMEDIATE, busy timeout), as the server's do.
    """
    if connection.vendor != "sqlite":
        yield
        return
    folder = tempfile.mkdtemp(prefix="gonghui-race-")
    path = str(Path(folder) / "race.sqlite3")
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    saved = connections.settings["default"]
    connections.settings["default"] = {**saved, "NAME": path}
    try:
        yield
    finally:
        connections.settings["default"] = saved


def _in_thread(func):
    result = []

    def run():
        try:
            result.append(func())
        finally:
            connections.close_all()

    t = threading.Thread(target=run)
    t.start()
    t.join(timeout=60)
    return result[0]


def test_concurrent_entries_get_unique_gap_free_numbers(campaign, cast):
    with own_connections():
        _race(campaign, cast)


def _race(campaign, cast):
    org_ids = [cast.county.pk, cast.township_a.pk]
    barrier = threading.Barrier(THREADS)
    errors = []
    threads = [
        threading.Thread(target=_enter, args=(campaign.pk, org_ids, barrier, errors, n % 3 == 0))
        for n in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    failing = sum(1 for n in range(THREADS) if n % 3 == 0)
    expected = THREADS * GIFTS_EACH - failing

    def read():
        numbers = {
            org_id: sorted(
                Receipt.objects.filter(campaign=campaign, organization_id=org_id).values_list(
                    "number", flat=True
                )
            )
            for org_id in org_ids
        }
        return Donation.objects.filter(campaign=campaign).count(), numbers

    count, numbers = _in_thread(read)
    assert count == expected
    assert sum(len(n) for n in numbers.values()) == expected
    for org_id in org_ids:
        assert numbers[org_id] == list(range(1, len(numbers[org_id]) + 1)), numbers
