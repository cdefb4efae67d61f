"""One household from application to payment to the public notice, through the pages."""

import pytest
from playwright.sync_api import expect

from gonghui.assistance.models import HardshipArchive, Payment
from tests.assistance.factories import ProgrammeFactory, cause, new_person

from .conftest import login

pytestmark = pytest.mark.browser


def test_officer_takes_a_household_from_application_to_payment_and_public_notice(page, live_server, cast):
    cause()
    head = new_person(cast.village_a, name="张元飞")
    number = head.clear_id_number()
    ProgrammeFactory(organization=cast.county, name="2008年春节送温暖", kind="holiday_warmth",
                     festival="spring_festival", per_payment_cap=500)  # fmt: skip
    login(page, live_server, cast.township_a_officer)

    # File the archive.
    page.goto(f"{live_server.url}/assistance/archives/new/")
    page.select_option("select[name=organization]", str(cast.village_union_a.pk))
    page.fill("input[name=code]", "GQ-2008-001")
    page.fill("input[name=head_search]", number.lower())  # typed into the person picker
    page.select_option("select[name=category]", "deep")
    page.select_option("select[name=main_cause]", label="因病")
    page.select_option("select[name=employment]", "laid_off")
    page.fill("input[name=household_size]", "3")
    page.fill("input[name=monthly_income_per_head]", "150")
    page.fill("input[name=bank_account]", "6223 5123 4567 8901")
    page.select_option("select[name=standard]", "county")
    page.fill("input[name=applied_on]", "2008-01-02")
    page.click("form.form button.primary")
    expect(page.locator("h1")).to_contain_text("GQ-2008-001")
    expect(page.locator("#bank")).to_contain_text("8901")
    expect(page.locator("#bank")).not_to_contain_text("4567")

    # Archive it after the three-level review.
    page.select_option("select#id_to", "archived")
    page.fill("input[name=on]", "2008-01-04")
    page.fill("textarea[name=reason]", "经入户核实，同意建档。")
    page.click("form[action$='/move/'] button")
    archive = HardshipArchive.objects.get(code="GQ-2008-001")
    expect(page.locator("#archive-status")).to_contain_text("2008")
    assert HardshipArchive.objects.get(pk=archive.pk).status == "archived"

    # Apply for the Spring Festival visit, for this household.
    page.goto(f"{live_server.url}/assistance/payments/new/?archive={archive.pk}")
    page.select_option("select[name=programme]", label="2008 2008年春节送温暖")
    page.fill("input[name=person_search]", number)
    page.fill("input[name=amount]", "300")
    page.select_option("select[name=fund_source]", "higher_union")
    page.fill("input[name=applied_on]", "2008-01-07")
    page.click("form.form button.primary")
    expect(page.locator("#payment-status")).to_be_visible()
    payment = Payment.objects.get()

    # Review, then post on the public notice.
    page.select_option("select#id_to", "reviewed")
    page.fill("input[name=on]", "2008-01-07")
    page.click("form[action$='/move/'] button")
    expect(page.locator("a[href$='/notices/new/']").first).to_be_visible()
    page.goto(f"{live_server.url}/assistance/notices/new/")
    page.fill("input[name=title]", "高桥镇2008年春节送温暖公示")
    page.fill("input[name=posted_on]", "2008-01-08")
    page.check(f"input[name=payments][value='{payment.pk}']")
    page.click("form.form button.primary")
    notice = page.locator("section.notice")
    expect(notice).to_contain_text("张*飞")
    expect(notice).to_contain_text(f"{number[:4]}**********{number[-4:]}")
    expect(notice).not_to_contain_text("张元飞")
    expect(notice).not_to_contain_text(number)
    notice_url = page.url

    # The officer applied and reviewed: the page says another person approves. The county, which owns
    # the programme, approves and pays; approval is refused while the notice runs.
    page.goto(f"{live_server.url}{payment.get_absolute_url()}")
    expect(page.locator("#approval-refused")).to_be_visible()
    page.context.clear_cookies()  # log out
    login(page, live_server, cast.county_admin)
    page.goto(f"{live_server.url}{payment.get_absolute_url()}")
    page.select_option("select#id_to", "approved")
    page.fill("input[name=on]", "2008-01-10")
    page.click("form[action$='/move/'] button")
    expect(page.locator(".has-error .error, div.error").first).to_contain_text("2008年1月15日")
    page.goto(f"{live_server.url}{payment.get_absolute_url()}")
    page.select_option("select#id_to", "approved")
    page.fill("input[name=on]", "2008-01-15")
    page.click("form[action$='/move/'] button")
    page.select_option("select#id_to", "paid")
    page.fill("input[name=on]", "2008-01-16")
    page.click("form[action$='/move/'] button")
    expect(page.locator("select#id_to")).to_have_count(0)
    payment.refresh_from_db()
    assert payment.status == "paid" and payment.is_locked

    # The notice still masks the household after payment.
    page.goto(notice_url)
    expect(page.locator("section.notice")).to_contain_text("300")
    expect(page.locator("section.notice")).not_to_contain_text("张元飞")


def test_archive_payment_and_notice_pages_fit_a_phone(phone_page, live_server, cast):
    from tests.assistance.factories import ArchiveFactory, paid_payment

    from .conftest import assert_fits_width

    programme = ProgrammeFactory(organization=cast.county, name="2008年春节送温暖")
    archive = ArchiveFactory(
        organization=cast.village_union_a, head=new_person(cast.village_a, name="李小红")
    )
    payment = paid_payment(
        organization=cast.township_a, programme=programme, person=archive.head, archive=archive
    )
    login(phone_page, live_server, cast.township_a_officer)
    for url in ["/assistance/", "/assistance/archives/", archive.get_absolute_url(), "/assistance/payments/?year=2008",
                payment.get_absolute_url(), payment.notice.get_absolute_url(), "/assistance/cases/"]:  # fmt: skip
        phone_page.goto(live_server.url + url)
        assert_fits_width(phone_page)
