"""Large exports run in the background with a progress page and a download; every download is named
in Chinese the same way (title-date.xlsx)."""

import datetime
import io
import os
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from gonghui.ledgers import exports
from gonghui.ledgers.models import ExportJob
from gonghui.ledgers.tasks import run_export_job
from gonghui.people.models import IdNumberAccess
from tests.factories import EnterpriseFactory, PersonFactory, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def _name(response):
    return unquote(response["Content-Disposition"].split("filename*=utf-8''")[-1])


@pytest.fixture
def people(cast):
    return [PersonFactory(name=n, township=cast.place_a, village=cast.village_a, id_no=id_number(i))
            for i, n in enumerate(["张一", "张二", "张三"], start=1)]  # fmt: skip


def test_a_large_export_runs_in_the_background_with_progress_and_a_download_link(client, cast, people,
                                                                                  monkeypatch):  # fmt: skip
    monkeypatch.setattr(exports, "BACKGROUND_ROWS", 2)
    client.force_login(cast.county_admin)
    response = client.get(reverse("ledgers:export-people"), {"ids": "clear", "purpose": "核对参保名单"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page
    assert not IdNumberAccess.objects.exists()  # nothing revealed before the file is written

    run_export_job.call(job.pk)  # what the db_worker does

    page = client.get(job.get_absolute_url()).content.decode()
    assert 'id="export-download"' in page and "<progress" not in page
    download = client.get(reverse("ledgers:export-file", args=[job.pk]))
    assert _name(download).startswith("人员名册-") and _name(download).endswith(".xlsx")
    data = b"".join(download.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert sorted(r[1] for r in rows[3:-1]) == sorted(p.clear_id_number() for p in people)
    log = IdNumberAccess.objects.get()
    assert (log.count, log.purpose) == (3, "核对参保名单")


def test_an_export_job_is_its_users_alone(client, cast, people, monkeypatch):
    monkeypatch.setattr(exports, "BACKGROUND_ROWS", 2)
    client.force_login(cast.county_admin)
    client.get(reverse("ledgers:export-people"))
    job = ExportJob.objects.get()
    run_export_job.call(job.pk)
    client.force_login(cast.auditor)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("ledgers:export-file", args=[job.pk])).status_code == 404


@pytest.mark.parametrize(("url", "title"), [
    ("ledgers:export-people", "人员名册"),
    ("ledgers:export-enterprises", "单位名册"),
    ("assistance:archive-export", "困难职工档案"),
    ("assistance:payment-export", "2008年帮扶资金发放"),
    ("threecares:entry-export", "外出务工人员"),
])  # fmt: skip
def test_every_export_is_named_in_chinese_by_its_title_and_date(client, cast, people, url, title):
    EnterpriseFactory(organization=cast.township_a)
    client.force_login(cast.county_admin)
    args = ["out_migrants"] if url.startswith("threecares") else []
    response = client.get(reverse(url, args=args), {"year": 2008}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    name = _name(response)
    assert name.startswith(title + "-") and name.endswith(".xlsx") and len(name) == len(title) + 14, name


def _written_job(client, cast, monkeypatch):
    monkeypatch.setattr(exports, "BACKGROUND_ROWS", 2)
    client.force_login(cast.county_admin)
    client.get(reverse("ledgers:export-people"), {"ids": "clear", "purpose": "核对参保名单"})
    job = ExportJob.objects.latest("pk")
    run_export_job.call(job.pk)
    job.refresh_from_db()
    assert job.file and default_storage.exists(job.file.name)
    return job


def test_export_files_with_full_id_numbers_are_deleted_after_the_retention_period_by_the_next_export(
    client, cast, people, monkeypatch, settings
):
    settings.EXPORT_RETENTION_HOURS = 24
    old = _written_job(client, cast, monkeypatch)
    old_name = old.file.name
    # A file left behind by a job deleted since (its user's account was removed, say).
    orphan = default_storage.save("exports/2008/01/export-999.xlsx", ContentFile(b"x"))
    day_ago = timezone.now() - datetime.timedelta(hours=25)
    ExportJob.objects.filter(pk=old.pk).update(finished_at=day_ago)
    os.utime(default_storage.path(orphan), (day_ago.timestamp(), day_ago.timestamp()))
    fresh = _written_job(client, cast, monkeypatch)  # a new export cleans up before it starts

    assert not default_storage.exists(old_name) and not default_storage.exists(orphan)
    old.refresh_from_db()
    assert not old.file and old.status == ExportJob.Status.DONE  # the job's record stays
    assert default_storage.exists(fresh.file.name)  # a file within the period stays
    page = client.get(old.get_absolute_url()).content.decode()
    assert 'id="export-deleted"' in page and 'id="export-download"' not in page
    assert client.get(reverse("ledgers:export-file", args=[old.pk])).status_code == 404
    assert client.get(reverse("ledgers:export-file", args=[fresh.pk])).status_code == 200


def test_the_cleanup_command_deletes_old_export_files_without_a_new_export(client, cast, people, monkeypatch,
                                                                           settings):  # fmt: skip
    settings.EXPORT_RETENTION_HOURS = 1
    job = _written_job(client, cast, monkeypatch)
    name = job.file.name
    call_command("delete_old_exports", stdout=io.StringIO())
    assert default_storage.exists(name)  # not an hour old yet
    ExportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(hours=2))
    out = io.StringIO()
    call_command("delete_old_exports", stdout=out)
    assert not default_storage.exists(name) and "1" in out.getvalue()
    job.refresh_from_db()
    assert not job.file
