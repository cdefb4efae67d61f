"""Bulk ID numbers: exports are masked unless asked for with a purpose; auditors see every reveal."""

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gonghui.people.models import IdNumberAccess
from tests.factories import PersonFactory, id_number

pytestmark = pytest.mark.django_db


def _rows(response):
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.fixture
def people(cast):
    return [PersonFactory(name=n, township=cast.place_a, village=cast.village_a, id_no=id_number(i))
            for i, n in enumerate(["张一", "张二", "张三"], start=1)]  # fmt: skip


def test_the_federation_administrators_people_export_is_masked_unless_numbers_are_asked_for(client, cast, people):
    client.force_login(cast.county_admin)
    url = reverse("ledgers:export-people")
    masked = _rows(client.get(url))
    numbers = sorted(r[1] for r in masked[3:-1])
    assert len(numbers) == 3 and all("********" in n for n in numbers)
    assert not IdNumberAccess.objects.exists()

    asked = client.get(url, {"ids": "clear"})
    assert asked.status_code == 200 and 'id="reveal-form"' in asked.content.decode()
    assert not IdNumberAccess.objects.exists()

    clear = _rows(client.get(url, {"ids": "clear", "purpose": "与社保局核对参保名单"}))
    assert sorted(r[1] for r in clear[3:-1]) == sorted(p.clear_id_number() for p in people)
    assert "filename*=utf-8''%E4%BA%BA%E5%91%98%E5%90%8D%E5%86%8C-" in client.get(url)["Content-Disposition"]


def test_the_audit_page_lists_a_bulk_export_with_its_count_and_a_single_reveal(client, cast, people):
    client.force_login(cast.county_admin)
    client.get(reverse("ledgers:export-people"), {"ids": "clear", "purpose": "与社保局核对参保名单"})
    client.post(reverse("people:person-reveal-id", args=[people[0].pk]))
    client.force_login(cast.auditor)
    response = client.get(reverse("audit:entry-list"))
    reveals = list(response.context["reveals"])
    assert [(r.user, r.count, r.is_bulk) for r in reveals] == [(cast.county_admin, 1, False),
                                                               (cast.county_admin, 3, True)]  # fmt: skip
    html = response.content.decode()
    assert "与社保局核对参保名单" in html and "人员名册" in html and 'class="bulk-reveal"' in html


def test_the_reveal_log_is_not_shown_to_roles_that_do_not_read_the_audit(client, cast, people):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("audit:entry-list")).status_code == 404
