"""An officer uploads a ledger with errors, sees them, fixes the file, imports it, exports the list."""

import io

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from gonghui.people.models import Person
from tests.ledgers.conftest import HEADER, number, person_row
from tests.ledgers.files import write_xlsx

from .conftest import PHONE, assert_fits_width, login

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def upload(page, live_server, path):
    page.goto(f"{live_server.url}/ledgers/people/")
    page.set_input_files("input[name=file]", str(path))
    with page.expect_navigation():
        page.click("#upload-form button.primary")


def test_officer_fixes_a_rejected_ledger_imports_it_and_exports_the_list(
    page, live_server, cast, media, tmp_path
):
    login(page, live_server, cast.township_a_officer)
    bad = write_xlsx(tmp_path / "高桥村名册.xlsx", {"高桥村": [["高桥村人员名册"], HEADER, person_row(1),
                                                          person_row(2, id_no="5.20123E+17"), ["合计", "2人"]]})  # fmt: skip
    upload(page, live_server, bad)
    errors = page.locator("#errors")
    expect(errors).to_contain_text("5.20123E+17")
    expect(errors).to_contain_text("身份证号")
    expect(errors.locator("td.num").first).to_have_text("4")
    expect(page.locator("#commit-form")).to_have_count(0)
    assert Person.objects.count() == 0

    good = write_xlsx(tmp_path / "高桥村名册2.xlsx", {"高桥村": [["高桥村人员名册"], HEADER, person_row(1),
                                                            person_row(2), ["合计", "2人"]]})  # fmt: skip
    upload(page, live_server, good)
    expect(page.locator("#preview")).to_contain_text(number(2)[-4:])
    expect(page.locator("#preview")).not_to_contain_text(number(2))  # masked
    with page.expect_navigation():
        page.click("#commit-form button")
    expect(page.locator("#job-state")).to_have_attribute("data-status", "committed")
    expect(page.locator("#rows-imported")).to_have_text("2")
    assert Person.objects.count() == 2

    page.goto(f"{live_server.url}/people/")
    with page.expect_download() as download:
        page.click("#export-link")
    data = open(download.value.path(), "rb").read()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    # Exports are masked unless full numbers are asked for with a purpose (tests/audit/test_reveals.py).
    shown = sorted(r[1] for r in rows[3:-1])
    assert [n[-4:] for n in shown] == sorted(n[-4:] for n in [number(1), number(2)]) and all("*" in n for n in shown)


def test_the_upload_and_check_pages_fit_a_phone(page, live_server, cast, media, tmp_path):
    login(page, live_server, cast.grassroots_officer)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/ledgers/people/")
    assert_fits_width(page)
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [HEADER, person_row(1, phone="123")]})
    upload(page, live_server, path)
    expect(page.locator("#errors")).to_contain_text("123")
    assert_fits_width(page)
