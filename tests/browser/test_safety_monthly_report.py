"""A township officer files a mine's monthly report on a phone; the county's board counts it."""

import datetime

import pytest
from playwright.sync_api import expect

from gonghui.safety import services
from gonghui.safety.models import MonthlyReport
from tests.factories import EnterpriseFactory, OrganizationFactory

from .conftest import assert_fits_width, login

pytestmark = pytest.mark.browser


def _mine(cast, name, pairs):
    union = OrganizationFactory(
        parent=cast.township_a, name=f"{name}工会", level="grassroots", category="coal_mine"
    )
    enterprise = EnterpriseFactory(name=name, organization=union, township=cast.place_a, is_coal_mine=True,
                                   coal_mine_pairs=pairs)  # fmt: skip
    return services.save_workplace(enterprise=enterprise, kind="coal", status="producing",
                                   status_since=datetime.date(2007, 1, 1))  # fmt: skip


def test_a_township_officer_files_a_monthly_report_on_a_phone_and_the_county_board_counts_it(
    phone_page, live_server, cast, person_a
):
    page = phone_page
    mine = _mine(cast, "高桥一号煤矿", 2)
    _mine(cast, "高桥二号煤矿", 1)
    supervisor = services.add_supervisor(workplace=mine, person=person_a)
    login(page, live_server, cast.township_a_officer)

    page.goto(f"{live_server.url}/safety/reports/new/")
    assert_fits_width(page)
    page.select_option("select[name=workplace]", str(mine.pk))
    page.wait_for_load_state("networkidle")  # the mine's supervisors are swapped in
    page.fill("input[name=month]", "2008-05")
    page.fill("input[name=output]", "5200")
    page.fill("input[name=people_underground]", "46")
    page.select_option("select[name=supervisor_on_duty]", str(supervisor.pk))
    page.fill("textarea[name=problems]", "个别工作面支护不规范")
    page.fill("textarea[name=measures]", "已责令整改并复查")
    page.click("form.form button.primary")
    expect(page.locator("h1")).to_contain_text("高桥一号煤矿")
    report = MonthlyReport.objects.get()
    assert report.created_by == cast.township_a_officer and report.people_underground == 46

    page.context.clear_cookies()
    login(page, live_server, cast.county_admin)
    page.goto(f"{live_server.url}/safety/board/?month=2008-05")
    assert_fits_width(page)
    expect(page.locator("[data-count=expected]")).to_have_text("2")
    expect(page.locator("[data-count=missing]")).to_have_text("1")
    expect(page.locator("[data-count=in]")).to_have_text("1" if not report.is_late else "0")
    expect(page.locator("tr[data-state=missing]")).to_contain_text("高桥二号煤矿")
    page.locator("tr", has_text="高桥一号煤矿").get_by_role("button").first.click()
    expect(page.locator("[data-count=accepted]")).to_have_text("1")
    report.refresh_from_db()
    assert report.is_locked
