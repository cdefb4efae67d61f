"""A township officer adds elders to a mutual-aid society from its record page, on a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from gonghui.threecares import models as m
from gonghui.threecares import services
from tests.threecares.factories import entry

from .conftest import assert_fits_width, login

pytestmark = pytest.mark.browser


def test_officer_adds_members_to_a_society_and_ends_a_pairing(phone_page, live_server, cast):
    page = phone_page
    founder = entry(cast, "elders", name="王奶奶")
    entry(cast, "elders", name="李爷爷")
    entry(cast, "elders", name="周奶奶")
    society = services.found_society(name="高桥村老年人互助会", township=cast.place_a,
                                     founded_on=datetime.date(2008, 4, 1), members=[founder])  # fmt: skip
    pairing = services.pair_elder(elder=founder, helper_name="赵干部", paired_on=datetime.date(2008, 3, 1))
    login(page, live_server, cast.township_a_officer)

    # From the list of societies to the society's page.
    page.goto(f"{live_server.url}/threecares/services/societies/")
    page.get_by_role("link", name="高桥村老年人互助会").click()
    expect(page.locator("h1")).to_contain_text("高桥村老年人互助会")
    expect(page.locator("#members")).to_contain_text("王奶奶")
    assert_fits_width(page)

    # An unknown name is refused beside the list, nothing is added.
    page.fill("#add-members textarea[name=members]", "李爷爷\n无名氏")
    page.fill("#add-members input[name=joined_on]", "2008-08-01")
    page.click("#add-members button.primary")
    expect(page.locator("#add-members .error")).to_contain_text("无名氏")
    assert society.memberships.count() == 1

    # Two elders of the township join.
    page.fill("#add-members textarea[name=members]", "李爷爷\n周奶奶")
    page.fill("#add-members input[name=joined_on]", "2008-08-01")
    page.click("#add-members button.primary")
    expect(page.locator("#members tbody tr")).to_have_count(3)
    expect(page.locator("#members")).to_contain_text("周奶奶")
    assert sorted(ms.elder.person.name for ms in society.memberships.all()) == ["周奶奶", "李爷爷", "王奶奶"]

    # On the elder's page, the pairing is ended with its date (结束结对).
    page.goto(f"{live_server.url}{founder.get_absolute_url()}")
    page.fill("#pairings input[name=ended_on]", "2008-06-30")
    page.get_by_role("button", name="结束结对").click()
    expect(page.locator("#pairings")).to_contain_text("2008")
    expect(page.get_by_role("button", name="结束结对")).to_have_count(0)
    assert m.Pairing.objects.get(pk=pairing.pk).ended_on == datetime.date(2008, 6, 30)
