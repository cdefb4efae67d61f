import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.factories import id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(client, cast, person_a):
    """Township A's officer changes 张三's phone through the form, as a user would."""
    client.force_login(cast.township_a_officer)
    data = {
        "name": "张三",
        "id_number": "",
        "ethnicity": "苗族",
        "phone": "13700009999",
        "township": cast.place_a.pk,
        "village": cast.village_a.pk,
        "address": "",
    }
    assert client.post(reverse("people:person-edit", args=[person_a.pk]), data).status_code == 302
    client.logout()
    return person_a


def test_a_change_is_kept_with_who_and_old_and_new_values(edited, cast):
    entry = LogEntry.objects.filter(object_pk=str(edited.pk), action=LogEntry.Action.UPDATE).latest(
        "timestamp"
    )
    assert entry.actor == cast.township_a_officer
    assert entry.changes_dict["phone"] == ["13800001111", "13700009999"]


def test_the_audit_trail_never_holds_cipher_or_clear_id_numbers(edited):
    clear = edited.clear_id_number()
    for entry in LogEntry.objects.all():
        text = str(entry.changes)
        assert clear not in text
        assert "id_number_cipher" not in text and "id_number_hash" not in text


def test_the_person_page_shows_its_history(client, cast, edited):
    client.force_login(cast.county_admin)
    body = client.get(edited.get_absolute_url()).content.decode()
    assert "13700009999" in body and "13800001111" in body


def test_auditor_filters_the_log_by_user_and_kind_of_record(client, cast, edited):
    client.force_login(cast.auditor)
    page = client.get(reverse("audit:entry-list"), {"actor": "officer_a", "model": "people.person"})
    entries = list(page.context["page"])
    assert entries and all(e.actor == cast.township_a_officer for e in entries)
    none = client.get(reverse("audit:entry-list"), {"actor": "officer_b"})
    assert list(none.context["page"]) == []


def test_auditor_exports_the_log_to_excel(client, cast, edited):
    client.force_login(cast.auditor)
    response = client.get(reverse("audit:entry-export"), {"model": "people.person"})
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Audit log" or rows[0][0] == "操作日志"
    assert any("13700009999" in str(cell) for row in rows for cell in row)


@pytest.mark.parametrize("who", ["township_a_officer", "leader", "grassroots_officer"])
def test_roles_without_audit_access_get_404(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("audit:entry-list")).status_code == 404
    assert client.get(reverse("audit:entry-export")).status_code == 404


def test_creating_a_person_is_audited(client, cast):
    client.force_login(cast.township_a_officer)
    data = {"name": "关羽", "id_number": id_number(777), "township": cast.place_a.pk, "phone": ""}
    client.post(reverse("people:person-create"), data)
    entry = LogEntry.objects.get(action=LogEntry.Action.CREATE, content_type__model="person")
    assert entry.actor == cast.township_a_officer
