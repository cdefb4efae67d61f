"""The shell of the UI on a phone: the menu folds away behind one button and opens from it."""

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, login

pytestmark = pytest.mark.browser


def test_phone_menu_is_folded_until_the_menu_button_is_tapped(phone_page, live_server, cast):
    page = phone_page
    login(page, live_server, cast.township_a_officer)
    people_link = page.locator(".mainnav a[href='/people/']")
    expect(people_link).to_be_hidden()
    page.click(".navbutton")
    expect(people_link).to_be_visible()
    people_link.click()
    expect(page).to_have_url(f"{live_server.url}/people/")


def test_desktop_shows_the_area_groups_without_a_menu_button_and_a_group_opens_on_a_click(page, live_server, cast):
    page.set_viewport_size(DESKTOP)
    login(page, live_server, cast.township_a_officer)
    expect(page.locator(".navbutton")).to_be_hidden()
    people_link = page.locator(".mainnav a[href='/people/']")
    expect(people_link).to_be_hidden()
    page.locator(".navgrouplabel", has_text="人员与单位").click()
    expect(people_link).to_be_visible()
    people_link.click()
    expect(page).to_have_url(f"{live_server.url}/people/")
