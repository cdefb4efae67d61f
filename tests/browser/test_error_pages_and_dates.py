"""In a real browser: an officer who opens a missing record or a page not for them sees the
platform's Chinese page inside the layout, with the menu and a way back; every date field of
every form shows its value (a browser blanks a date it cannot read)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.test_bad_filters import list_urls

from .conftest import login

pytestmark = pytest.mark.browser

DATE_INPUT = re.compile(r'<input type="(date|month|datetime-local)" name="([^"]+)" value="([^"]+)"')


def test_an_officer_sees_the_chinese_error_page_with_the_menu(page, live_server, cast, person_a):
    login(page, live_server, cast.township_b_officer)
    for url in ["/people/999999/", person_a.get_absolute_url(), "/audit/"]:
        response = page.goto(live_server.url + url)
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("页面不存在")
        expect(page.locator("nav.mainnav")).to_contain_text("人员")
        back = page.get_by_role("link", name="返回首页")
        expect(back).to_be_visible()
    back.click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_every_date_field_shows_its_initial_value(page, live_server, cast, client):
    client.force_login(cast.township_a_officer)
    fields = []
    for url in list_urls():
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            fields += [
                (url, name, value) for _kind, name, value in DATE_INPUT.findall(response.content.decode())
            ]
    urls = {url for url, _name, _value in fields}
    assert {"/assistance/payments/new/", "/assistance/archives/new/", "/assistance/notices/new/"} <= urls
    login(page, live_server, cast.township_a_officer)
    for url in sorted(urls):
        page.goto(live_server.url + url)
        for field_url, name, value in fields:
            if field_url == url:
                shown = page.locator(f'input[name="{name}"]').first.input_value()
                assert shown == value or _a_minute_later(value, shown), (
                    f"{url} {name}: the browser shows {shown!r} for {value!r}"
                )


def _a_minute_later(value, shown):
    """A "now" default (a call's time) read again a minute later: the clock moved on, the field is right."""
    try:
        seconds = (datetime.datetime.fromisoformat(shown) - datetime.datetime.fromisoformat(value)).total_seconds()
    except ValueError:
        return False
    return "T" in value and 0 < seconds <= 120
