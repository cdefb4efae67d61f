"""An officer on a phone enters five gifts by keyboard alone, undoes one, and the big screen shows the total."""

import datetime

import pytest
from playwright.sync_api import expect

from gonghui.relief import services
from gonghui.relief.models import Campaign, CollectionEvent, Donation

from .conftest import assert_fits_width, login

pytestmark = pytest.mark.browser

GIFTS = [("黔山县某建材厂", "5000"), ("李四", "200"), ("王五", "1,000"), ("赵六", "300"), ("钱七", "500")]


def test_five_gifts_by_keyboard_one_undone_and_the_total_on_the_big_screen(phone_page, live_server, cast):
    page = phone_page
    campaign = services.save_campaign(campaign=Campaign(
        organization=cast.county, name="抗震救灾献爱心捐款", code="KZ2008", cause="earthquake",
        starts_on=datetime.date(2008, 5, 15), ends_on=datetime.date(2008, 6, 30)))  # fmt: skip
    launch = services.add_event(campaign=campaign, organization=cast.county, name="全县募集启动仪式",
                                kind=CollectionEvent.Kind.LAUNCH, held_on=datetime.date(2008, 5, 16))  # fmt: skip
    login(page, live_server, cast.county_admin)
    page.goto(f"{live_server.url}/relief/campaigns/{campaign.pk}/live/?event={launch.pk}")
    expect(page.locator("#donor")).to_be_focused()
    for count, (donor, amount) in enumerate(GIFTS, start=1):
        page.keyboard.type(donor)
        page.keyboard.press("Enter")
        expect(page.locator("#amount")).to_be_focused()
        page.keyboard.type(amount)
        page.keyboard.press("Enter")
        expect(page.locator("#recorded")).to_contain_text(donor, timeout=15_000)
        expect(page.locator("#running-count")).to_have_text(str(count))
        page.wait_for_timeout(300)  # the new panel settles (htmx) before the officer types on
        expect(page.locator("#donor")).to_be_focused(timeout=10_000)
    expect(page.locator("#running-total")).to_contain_text("7,000")
    assert_fits_width(page)

    # Undo the last one from the keyboard (the donor box is empty and focused).
    page.keyboard.press("Control+z")
    expect(page.locator("#undone")).to_contain_text("钱七")
    expect(page.locator("#running-count")).to_have_text("4")
    expect(page.locator("#running-total")).to_contain_text("6,500")
    assert Donation.objects.counted().count() == 4

    page.goto(f"{live_server.url}/relief/campaigns/{campaign.pk}/screen/?event={launch.pk}")
    expect(page.locator("#screen-total")).to_contain_text("6,500")
    expect(page.locator("#latest li").first).to_contain_text("赵六")
    expect(page.locator("#latest")).not_to_contain_text("钱七")
    assert_fits_width(page)
    # The projector page refreshes by itself: a gift entered elsewhere appears without reloading.
    services.record_donation(campaign=campaign, organization=cast.county, amount="800", donor_kind="person",
                             donor_name="孙八", received_on=datetime.date(2008, 5, 16), event=launch)  # fmt: skip
    expect(page.locator("#screen-total")).to_contain_text("7,300", timeout=10_000)
