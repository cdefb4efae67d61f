"""On a phone (390 px) a township officer records a new member, a person chosen with the person
picker, finds them in the member search, and the county's figure of new members counts them."""

import pytest
from playwright.sync_api import expect

from gonghui.membership.models import Membership
from tests.factories import PersonFactory, id_number

from .conftest import PHONE, assert_fits_width, login

pytestmark = pytest.mark.browser


def test_officer_records_a_member_on_a_phone_finds_them_and_the_county_counts_them(browser, phone_page,
                                                                                   live_server, cast):  # fmt: skip
    page = phone_page
    PersonFactory(name="赵小梅", township=cast.place_a, village=cast.village_a, id_no=id_number(4321))
    login(page, live_server, cast.township_a_officer)

    page.goto(f"{live_server.url}/membership/members/")
    page.click("text=登记新会员")
    page.fill("input[name=person_search]", "赵小")  # the person picker: a name is enough
    page.locator(".picker-results button.pick", has_text="赵小梅").click()
    page.select_option("select[name=union]", str(cast.village_union_a.pk))
    page.fill("input[name=joined_on]", "2008-05-12")
    page.fill("input[name=card_number]", "GQ-0001")
    assert_fits_width(page)
    with page.expect_navigation():
        page.click("form button.primary")
    assert Membership.objects.get(card_number="GQ-0001").person.name == "赵小梅"

    # The member search finds her by her pinyin initials.
    page.goto(f"{live_server.url}/membership/members/")
    page.fill("input[name=q]", "zxm")
    expect(page.locator("#rows tbody")).to_contain_text("赵小梅")
    expect(page.locator("#rows tbody")).to_contain_text("高桥村工会")
    assert_fits_width(page)

    # The county's overview counts her among 2008's new members, and the figure lists her.
    county = browser.new_context(viewport=PHONE, locale="zh-CN")
    county.set_default_timeout(10_000)
    county_page = county.new_page()
    login(county_page, live_server, cast.county_admin)
    county_page.goto(f"{live_server.url}/membership/?year=2008")
    tile = county_page.locator("[data-code='org.new_members']")
    expect(tile.locator(".tile-value")).to_have_text("1")
    assert_fits_width(county_page)
    tile.click()
    expect(county_page.locator("main")).to_contain_text("赵小梅")
    county.close()
