import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gonghui.ledgers import services
from gonghui.ledgers.models import ImportJob
from gonghui.people.models import IdNumberAccess, Person
from tests.factories import EnterpriseFactory, PersonFactory

from .conftest import HEADER, number, person_row
from .files import write_xlsx


def upload(client, tmp_path, rows, *, skip_invalid=False, name="名册.xlsx", org=None):
    path = write_xlsx(tmp_path / name, {"Sheet1": rows})
    data = {"file": SimpleUploadedFile(name, path.read_bytes()), "organization": org.pk}
    if skip_invalid:
        data["skip_invalid"] = "on"
    return client.post(reverse("ledgers:upload", args=["people"]), data)


def rows_of(response):
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.township_a_officer)
    return client


def test_the_index_lists_every_kind_with_its_template(officer):
    page = officer.get(reverse("ledgers:index")).content.decode()
    assert reverse("ledgers:upload", args=["people"]) in page
    assert reverse("ledgers:template", args=["enterprises"]) in page


def test_a_read_only_leader_gets_404_on_the_upload_page(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("ledgers:upload", args=["people"])).status_code == 404


def test_an_unknown_kind_is_404(officer):
    assert officer.get(reverse("ledgers:upload", args=["nope"])).status_code == 404


def test_upload_shows_errors_with_row_column_value_and_reason_and_saves_nothing(officer, cast, tmp_path):
    response = upload(officer, tmp_path, [["名册"], HEADER, person_row(1), person_row(2, id_no="5.20123E+17")],
                      org=cast.township_a)  # fmt: skip
    job = ImportJob.objects.get()
    assert response.url == job.get_absolute_url()
    page = officer.get(job.get_absolute_url()).content.decode()
    assert job.status == "checked" and not job.can_commit
    assert "5.20123E+17" in page and "身份证号" in page and ">4<" in page
    assert Person.objects.count() == 0
    assert 'id="commit-form"' not in page


def test_a_clean_file_is_previewed_then_imported(officer, cast, tmp_path):
    PersonFactory(name="测试丁", township=cast.place_a, village=cast.village_a, id_no=number(1), phone="1")
    upload(officer, tmp_path, [HEADER, person_row(1), person_row(2)], org=cast.township_a)
    job = ImportJob.objects.get()
    page = officer.get(job.get_absolute_url()).content.decode()
    assert 'id="preview"' in page and 'id="commit-form"' in page
    assert job.summary["diff"] == {"changed": 1, "new": 1}
    assert "13800000001" in page  # the new phone beside the old one
    assert Person.objects.count() == 1
    officer.post(reverse("ledgers:job-commit", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.summary["rows_imported"], Person.objects.count()) == ("committed", 1, 2)


def test_skip_invalid_imports_the_valid_rows_and_offers_the_rejected_ones(officer, cast, tmp_path):
    upload(officer, tmp_path, [HEADER, person_row(1), person_row(2, phone="12")], org=cast.township_a,
           skip_invalid=True)  # fmt: skip
    job = ImportJob.objects.get()
    officer.post(reverse("ledgers:job-commit", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, Person.objects.count()) == ("committed", 1)
    rows = rows_of(officer.get(reverse("ledgers:job-rejected", args=[job.pk])))
    assert rows[0][-1] == "错误原因" and rows[1][4] == "12"
    assert not job.file  # the uploaded ledger (clear ID numbers) is not kept once imported


def test_rejected_rows_with_clear_id_numbers_are_not_for_read_only_roles(client, cast, tmp_path):
    client.force_login(cast.township_a_officer)
    upload(client, tmp_path, [HEADER, person_row(1), person_row(2, phone="12")], org=cast.township_a,
           skip_invalid=True)  # fmt: skip
    job = ImportJob.objects.get()
    client.post(reverse("ledgers:job-commit", args=[job.pk]))
    client.force_login(cast.leader)
    assert client.get(job.get_absolute_url()).status_code == 200
    assert client.get(reverse("ledgers:job-rejected", args=[job.pk])).status_code == 404


def test_the_officer_may_change_the_column_mapping(officer, cast, tmp_path):
    upload(
        officer, tmp_path, [["姓名", "证件", "手机"], ["张三", number(1), "13800001111"]], org=cast.township_a
    )
    job = ImportJob.objects.get()
    assert job.summary["sheets"][0]["columns"][1]["key"] == ""
    officer.post(reverse("ledgers:job-remap", args=[job.pk]),
                 {"map-Sheet1-0": "name", "map-Sheet1-1": "id_number", "map-Sheet1-2": "phone"})  # fmt: skip
    job.refresh_from_db()
    assert job.can_commit
    officer.post(reverse("ledgers:job-commit", args=[job.pk]))
    assert Person.objects.with_id_number(number(1)).get().phone == "13800001111"


def test_another_townships_officer_gets_404_for_the_job(client, cast, tmp_path):
    client.force_login(cast.township_a_officer)
    upload(client, tmp_path, [HEADER, person_row(1)], org=cast.township_a)
    job = ImportJob.objects.get()
    client.force_login(cast.township_b_officer)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(reverse("ledgers:job-commit", args=[job.pk])).status_code == 404


def test_an_officer_cannot_import_for_an_organisation_outside_their_subtree(officer, cast, tmp_path):
    response = upload(officer, tmp_path, [HEADER, person_row(1)], org=cast.township_b)
    assert response.status_code == 200 and ImportJob.objects.count() == 0


def test_large_files_are_checked_in_the_background_with_progress(officer, cast, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "BACKGROUND_BYTES", 10)
    upload(officer, tmp_path, [HEADER, *[person_row(i) for i in range(1, 30)]], org=cast.township_a)
    job = ImportJob.objects.get()
    assert job.status == "checking"
    partial = officer.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "<progress" in partial and 'hx-trigger="every 1s"' in partial
    from gonghui.ledgers.tasks import run_import_job

    run_import_job.call(job.pk, False)  # what the db_worker does
    job.refresh_from_db()
    assert job.status == "checked" and job.summary["rows_read"] == 29
    officer.post(reverse("ledgers:job-commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "importing"
    run_import_job.call(job.pk, True)
    assert Person.objects.count() == 29


def test_the_template_has_header_example_validation_lists_and_instructions(officer):
    response = officer.get(reverse("ledgers:template", args=["enterprises"]))
    data = b"".join(response.streaming_content)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["单位名册", "填表说明"]
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][:3] == ["单位名称*", "统一社会信用代码", "经济类型"] and rows[1][0] == "高桥建材厂"
    import zipfile

    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "dataValidation" in sheet_xml and "国有" in sheet_xml


def test_the_template_imports_cleanly_once_filled(do_import, officer, tmp_path):
    data = b"".join(officer.get(reverse("ledgers:template", args=["people"])).streaming_content)
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    result = do_import("people", path, dry_run=True)
    assert result.sheets[0].header_row == 1
    assert [(e.column, e.reason) for e in result.errors] == []


def test_people_export_masks_id_numbers_for_roles_that_may_not_see_them(client, cast):
    PersonFactory(name="张三", township=cast.place_a, village=cast.village_a, id_no=number(1))
    client.force_login(cast.grassroots_officer)
    rows = rows_of(client.get(reverse("ledgers:export-people")))
    assert rows[2][:2] == ["姓名", "身份证号"]
    assert rows[3][1] == number(1)[:6] + "********" + number(1)[-4:]
    assert IdNumberAccess.objects.count() == 0


def test_people_export_is_masked_by_default_even_for_roles_that_may_see_numbers(client, cast):
    PersonFactory(name="张三", township=cast.place_a, village=cast.village_a, id_no=number(1))
    client.force_login(cast.township_a_officer)
    rows = rows_of(client.get(reverse("ledgers:export-people")))
    assert rows[3][1] == number(1)[:6] + "********" + number(1)[-4:]
    assert IdNumberAccess.objects.count() == 0


def test_people_export_shows_clear_numbers_asked_for_with_a_purpose_and_logs_one_bulk_reveal(client, cast):
    PersonFactory(name="张三", township=cast.place_a, village=cast.village_a, id_no=number(1))
    PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, id_no=number(2))
    client.force_login(cast.township_a_officer)
    url = reverse("ledgers:export-people")
    form = client.get(url, {"ids": "clear"})
    assert form.status_code == 200 and "purpose" in form.context["form"].fields
    assert client.get(url, {"ids": "clear", "purpose": "x"}).context["form"].errors["purpose"]
    rows = rows_of(client.get(url, {"ids": "clear", "purpose": "核对医保参保名单"}))
    assert sorted(r[1] for r in rows[3:-1]) == sorted([number(1), number(2)])
    log = IdNumberAccess.objects.get()
    assert (log.user, log.person, log.count, log.purpose) == (cast.township_a_officer, None, 2, "核对医保参保名单")


def test_a_role_that_may_not_see_numbers_cannot_ask_for_them(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("ledgers:export-people"), {"ids": "clear", "purpose": "核对名单"}).status_code == 404


def test_people_export_keeps_the_list_filters_and_scope(client, cast):
    PersonFactory(name="张三", township=cast.place_a, village=cast.village_a, id_no=number(1))
    PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, id_no=number(2))
    PersonFactory(name="王五", township=cast.place_b, village=cast.village_b, id_no=number(3))
    client.force_login(cast.township_a_officer)
    names = [r[0] for r in rows_of(client.get(reverse("ledgers:export-people") + "?q=张"))[3:-1]]
    assert names == ["张三"]
    names = [r[0] for r in rows_of(client.get(reverse("ledgers:export-people")))[3:-1]]
    assert sorted(names) == ["张三", "李四"]


def test_enterprise_export_has_title_unit_header_and_a_total_row(client, cast):
    EnterpriseFactory(organization=cast.township_a, staff_count=50, women_staff_count=20)
    EnterpriseFactory(organization=cast.township_a, staff_count=30, women_staff_count=10)
    EnterpriseFactory(organization=cast.township_b, staff_count=99, women_staff_count=9)
    client.force_login(cast.township_a_officer)
    rows = rows_of(client.get(reverse("ledgers:export-enterprises")))
    assert rows[0][0] == "单位名册" and cast.township_a.name in rows[1][0]
    assert rows[2][0] == "单位名称"
    assert rows[-1][4:6] == [80.0, 30.0]


def test_organisation_export_keeps_the_level_filter(client, cast):
    client.force_login(cast.county_admin)
    rows = rows_of(client.get(reverse("ledgers:export-organizations") + "?level=committee"))
    assert sorted(r[0] for r in rows[3:-1]) == sorted([cast.township_a.name, cast.township_b.name])


def test_list_pages_link_to_their_export_with_the_same_filters(client, cast):
    client.force_login(cast.county_admin)
    page = client.get(reverse("people:person-list") + "?q=张").content.decode()
    assert reverse("ledgers:export-people") + "?q=%E5%BC%A0" in page
    page = client.get(reverse("orgs:enterprise-list") + "?coal=1").content.decode()
    assert reverse("ledgers:export-enterprises") + "?coal=1" in page
    assert (
        reverse("ledgers:export-organizations")
        in client.get(reverse("orgs:organization-list")).content.decode()
    )


def test_a_job_whose_worker_died_is_shown_as_interrupted_with_nothing_saved(
    officer, cast, tmp_path, monkeypatch
):
    monkeypatch.setattr(services, "BACKGROUND_BYTES", 10)
    upload(officer, tmp_path, [HEADER, person_row(1)], org=cast.township_a)
    job = ImportJob.objects.get()
    assert 'id="job-waiting"' in officer.get(job.get_absolute_url()).content.decode()
    path = services.progress_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"done": 1, "total": 2}')
    os.utime(path, (0, 0))  # no progress for a long time
    page = officer.get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == "checking" and 'id="job-interrupted"' in page  # reading the page writes nothing
    officer.post(
        reverse("ledgers:job-remap", args=[job.pk])
    )  # checking the file again gives the job up first
    job.refresh_from_db()
    assert job.status in ("checking", "checked")  # failed, then checked again (in the background or now)


def test_an_exported_ledger_imports_again_without_changes(client, cast, do_import, tmp_path):
    PersonFactory(
        name="张三", township=cast.place_a, village=cast.village_a, id_no=number(1), phone="13800001111"
    )
    EnterpriseFactory(organization=cast.township_a, township=cast.place_a)
    client.force_login(cast.county_admin)
    for kind, url in [("people", "ledgers:export-people"), ("enterprises", "ledgers:export-enterprises")]:
        path = tmp_path / f"{kind}.xlsx"
        # Correcting and re-importing needs the numbers in full: asked for, with the purpose.
        response = client.get(reverse(url), {"ids": "clear", "purpose": "更正后重新导入"} if kind == "people" else {})
        path.write_bytes(b"".join(response.streaming_content))
        result = do_import(kind, path, org=cast.county)
        assert (result.status, result.errors, dict(result.diff)) == ("committed", [], {"unchanged": 1}), kind


def test_the_people_export_needs_the_same_few_queries_for_many_rows(
    client, cast, django_assert_max_num_queries
):
    for i in range(40):
        PersonFactory(township=cast.place_a, village=cast.village_a, id_no=number(i))
    client.force_login(cast.township_a_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("ledgers:export-people"))
        b"".join(response.streaming_content)
