"""On a phone: a report returned, corrected and accepted, then an edit refused because it is locked."""

import pytest
from playwright.sync_api import expect

from gonghui.reporting.models import ReportForm, Submission

from .conftest import assert_fits_width, login

pytestmark = pytest.mark.browser


def test_a_report_is_returned_corrected_accepted_and_then_locked(phone_page, live_server, cast):
    page = phone_page
    form = ReportForm.objects.create(
        organization=cast.county, code="info", name="三关工程信息报送", frequency="month", respondents="townships",
        fields=[{"key": "trainings", "label": "本月培训次数", "indicator": "three_cares.trainings"}],
    )  # fmt: skip
    submit_url = f"{live_server.url}/figures/reports/{form.pk}/submit/?year=2008&n=5"

    login(page, live_server, cast.township_a_officer)
    page.goto(submit_url)
    expect(page.locator("#f-trainings")).to_have_value("0")  # prefilled from the records
    page.fill("#f-content", "五月开展农民工培训。")
    page.click("form.form button.primary")
    expect(page.locator("#status")).to_contain_text("已报送")
    assert_fits_width(page)

    page.context.clear_cookies()
    login(page, live_server, cast.county_admin)
    page.goto(f"{live_server.url}/figures/reports/{form.pk}/?year=2008&n=5")
    expect(page.locator("#reporting-rate")).to_contain_text("50")
    expect(page.locator("#late")).to_contain_text("水坝塘镇工会工委")  # not reported, on a phone
    assert_fits_width(page)
    page.locator("table a", has_text="已报送").click()
    page.fill("#comment", "请补充培训人数。")
    page.click("button[value=return]")
    expect(page.locator("#status")).to_contain_text("退回")

    page.context.clear_cookies()
    login(page, live_server, cast.township_a_officer)
    page.goto(submit_url)
    expect(page.locator("#return-comment")).to_contain_text("请补充培训人数")
    page.fill("#f-content", "五月开展农民工培训两期，共35人。")
    page.click("form.form button.primary")
    expect(page.locator("#status")).to_contain_text("已报送")

    page.context.clear_cookies()
    login(page, live_server, cast.county_admin)
    submission = Submission.objects.get(form=form)
    page.goto(f"{live_server.url}{submission.get_absolute_url()}")
    page.click("button[value=accept]")
    expect(page.locator("#status")).to_contain_text("已审核")

    page.context.clear_cookies()
    login(page, live_server, cast.township_a_officer)
    page.goto(submit_url)
    expect(page.locator("#f-content")).to_be_disabled()
    page.click("form.form button.primary")
    expect(page.locator(".error").first).to_contain_text("锁定")
    submission.refresh_from_db()
    assert submission.content == "五月开展农民工培训两期，共35人。" and submission.status == "accepted"
    assert [m.to_status for m in submission.moves.all()] == ["submitted", "returned", "submitted", "accepted"]
