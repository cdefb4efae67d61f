import pytest
from django.test import RequestFactory

from gonghui.querystring import MAX_ID, parse_id, parse_page, parse_year, query_id, query_year
from gonghui.reporting.indicators import year_for


@pytest.mark.parametrize("value", ["", None, "0", "-3", "abc", "1e5", "１２", "99999999999999999999", str(MAX_ID + 1),
                                   "12345678901234567890123", "3\x00"])  # fmt: skip
def test_anything_but_an_id_the_database_holds_is_no_id(value):
    assert parse_id(value) is None


def test_ids_and_years_within_range_are_read():
    assert parse_id(" 42 ") == 42 and parse_id(str(MAX_ID)) == MAX_ID
    assert parse_year("2008") == 2008
    assert parse_year("0") is None and parse_year("99999") is None
    assert parse_page("99999999999999999999") == 1 and parse_page("3") == 3


@pytest.mark.django_db
def test_a_bad_filter_is_ignored_with_one_message(cast):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/", {"year": "99999", "township": "99999999999999999999"})
    request.user = cast.county_admin
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    assert query_id(request, "township") is None
    assert query_id(request, "township") is None
    assert query_year(request) is None
    assert isinstance(year_for(request), int)
    texts = [str(m) for m in get_messages(request)]
    assert len(texts) == 2
    assert any("township=99999999999999999999" in t and "ignored" in t for t in texts)


@pytest.mark.django_db
def test_an_address_with_a_nul_character_is_a_bad_request_not_a_crash(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.get("/people/", {"q": "x\x00"})
    assert response.status_code == 400
    assert 'class="mainnav"' in response.content.decode()
