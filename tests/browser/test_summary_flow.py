"""At phone width an officer opens the dashboard, follows a to-do to its records, edits a paragraph
of the annual summary and downloads it as a Word document."""

import datetime

import pytest
from docx import Document
from playwright.sync_api import expect

from gonghui.assistance import services
from tests.assistance.factories import ArchiveFactory, ProgrammeFactory, new_person

from .conftest import assert_fits_width, login

pytestmark = pytest.mark.browser


def test_an_officer_follows_a_to_do_edits_the_summary_and_downloads_it(phone_page, live_server, cast, tmp_path):
    head = new_person(cast.village_a, name="张元飞")
    household = ArchiveFactory(organization=cast.village_union_a, head=head)
    programme = ProgrammeFactory(organization=cast.county)
    services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=head, beneficiary_kind="hardship_worker",
        amount=300, fund_source="higher_union", applied_on=datetime.date(2008, 1, 20), archive=household,
    )  # fmt: skip
    page = phone_page
    login(page, live_server, cast.township_a_officer)
    expect(page.locator("h2", has_text="待办事项")).to_be_visible()
    assert_fits_width(page)
    page.locator(".todolist a", has_text="待决定的帮扶款项").click()
    expect(page).to_have_url(f"{live_server.url}/assistance/payments/")
    expect(page.locator("main")).to_contain_text("张元飞")

    page.goto(f"{live_server.url}/summary/?year=2008")
    expect(page.locator(".doc-title")).to_contain_text("2008年度工作总结")
    assert_fits_width(page)
    page.locator("a", has_text="编辑文字").click()
    section = page.locator("#section-problems")
    section.locator("textarea[name=paragraph]").fill("下步将加强基层工会干部培训。")
    section.locator("button", has_text="保存").click()
    expect(page.locator("#section-problems")).to_contain_text("已保存")
    page.locator("a", has_text="返回工作总结").click()
    expect(page.locator(".document")).to_contain_text("下步将加强基层工会干部培训。")

    with page.expect_download() as download:
        page.locator("a", has_text="下载Word文档").click()
    assert download.value.suggested_filename == "高桥镇工会工委2008年度工作总结.docx"
    path = tmp_path / "总结.docx"
    download.value.save_as(path)
    assert "下步将加强基层工会干部培训。" in [p.text for p in Document(path).paragraphs]
