"""The foundation in a real browser: log in, find a person by pinyin initials, open the page."""

import pytest
from playwright.sync_api import expect

from tests.factories import PersonFactory, id_number

from .conftest import DESKTOP, PHONE, assert_fits_width, login, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def people(cast, person_a):
    # 李四 is in the officer's township but does not match "zs"; 赵四 matches "zs" but lives in
    # another township, so the officer must not see him.
    li_si = PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, id_no=id_number(124))
    zhao_si = PersonFactory(name="赵四", township=cast.place_b, village=cast.village_b, id_no=id_number(125))
    return {"zhang_san": person_a, "li_si": li_si, "zhao_si": zhao_si}


def test_officer_finds_zhang_san_by_pinyin_initials_live_and_opens_his_page(page, live_server, cast, people):
    login(page, live_server, cast.township_a_officer)
    expect(page).to_have_url(f"{live_server.url}/")
    screenshot(page, "home-desktop", DESKTOP)
    screenshot(page, "home-phone", PHONE)
    assert_fits_width(page)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/people/")
    rows = page.locator("#rows")
    expect(rows).to_contain_text("李四")
    # A marker on window survives only if htmx swapped the rows in place (no page load).
    page.evaluate("window.__sameDocument = true")
    page.fill("#person-search", "zs")
    expect(rows).not_to_contain_text("李四")
    expect(rows.get_by_role("link", name="张三")).to_be_visible()
    expect(rows).not_to_contain_text("赵四")
    assert page.evaluate("window.__sameDocument") is True
    expect(page).to_have_url(f"{live_server.url}/people/?q=zs")

    rows.get_by_role("link", name="张三").click()
    expect(page).to_have_url(f"{live_server.url}{people['zhang_san'].get_absolute_url()}")
    expect(page.locator("h1")).to_have_text("张三")
    expect(page.locator("#idno")).to_have_text(people["zhang_san"].id_number_masked)
    assert "*" in people["zhang_san"].id_number_masked
    screenshot(page, "person-desktop", DESKTOP)
    screenshot(page, "person-phone", PHONE)
    assert_fits_width(page)


def test_people_list_fits_a_phone_screen(page, live_server, cast, people):
    page.set_viewport_size(PHONE)
    login(page, live_server, cast.township_a_officer)
    page.goto(f"{live_server.url}/people/")
    expect(page.locator("#rows")).to_contain_text("张三")
    assert_fits_width(page)


def test_officer_gets_not_found_for_a_person_of_another_township(page, live_server, cast, people):
    login(page, live_server, cast.township_a_officer)
    response = page.goto(f"{live_server.url}{people['zhao_si'].get_absolute_url()}")
    assert response.status == 404
