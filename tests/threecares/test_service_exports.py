"""Every service ledger exports to .xlsx as the offices keep it: scope, columns and the 合计 row."""

import datetime
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gonghui.threecares import services
from gonghui.threecares.services_lists import SERVICE_LISTS

from .factories import entry

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.fixture
def visits(cast):
    ours = entry(cast, "elders", name="高桥老人")
    theirs = entry(cast, "elders", name="水坝塘老人", village=cast.village_b)
    for who, day, amount in ((ours, 9, 200), (ours, 10, 150), (theirs, 9, 99)):
        services.record_visit(
            kind="elder", person=who.person, visited_on=datetime.date(2008, 9, day), amount=amount
        )


@pytest.mark.parametrize("what", list(SERVICE_LISTS))
def test_every_service_ledger_exports_its_columns(client, cast, what):
    client.force_login(cast.county_admin)
    rows = _sheet(client.get(reverse("threecares:service-export", args=[what])))
    assert rows[0][0] == str(SERVICE_LISTS[what].title)
    assert rows[2] == [str(h) for h, _g in SERVICE_LISTS[what].columns]


def test_the_visits_ledger_of_a_township_has_its_own_visits_and_their_total(client, cast, visits):
    client.force_login(cast.township_a_officer)
    rows = _sheet(client.get(reverse("threecares:service-export", args=["visits"])))
    data, total = rows[3:-1], rows[-1]
    assert sorted(r[4] for r in data) == [150, 200]
    assert {r[1] for r in data} == {"高桥老人"}
    assert total[0] == "Total" and total[4] == 350  # 合计 in Chinese


def test_the_list_page_links_to_the_export(client, cast, visits):
    client.force_login(cast.leader)
    page = client.get(reverse("threecares:service-list", args=["visits"])).content.decode()
    assert reverse("threecares:service-export", args=["visits"]) in page
