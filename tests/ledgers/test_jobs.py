"""An import's lifecycle is data (JOB_MOVES) with one door; refusals are shown; every import is a job."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.ledgers import services
from gonghui.ledgers.models import JOB_MOVES, ImportJob

from .conftest import HEADER, person_row
from .files import write_xlsx
from .test_command import run
from .test_views import upload

S = ImportJob.Status
FORBIDDEN = [(a, b) for a, b in itertools.product(S.values, S.values) if (a, b) not in JOB_MOVES]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.mark.parametrize(
    ("current", "to"), FORBIDDEN[:: max(1, len(FORBIDDEN) // 12)] + [(S.COMMITTED, S.CHECKING)]
)
def test_a_move_outside_the_table_is_refused_and_changes_nothing(cast, current, to):
    job = ImportJob.objects.create(
        kind="people", organization=cast.township_a, filename="a.xlsx", status=current
    )
    with pytest.raises(ValidationError) as e:
        services.move_job(job=job, to=to)
    assert e.value.code == "illegal_move"
    job.refresh_from_db()
    assert job.status == current


def test_every_status_is_reached_by_some_move_and_nothing_leaves_an_import_that_is_done():
    reached = {to for _from, to in JOB_MOVES}
    assert reached | {S.CHECKING} == set(S.values)
    assert not [move for move in JOB_MOVES if move[0] in (S.COMMITTED, S.REJECTED)]


def test_committing_a_file_with_errors_shows_why_instead_of_saying_nothing(client, cast, tmp_path):
    client.force_login(cast.township_a_officer)
    upload(client, tmp_path, [HEADER, person_row(1, id_no="x")], org=cast.township_a)
    job = ImportJob.objects.get()
    response = client.post(reverse("ledgers:job-commit", args=[job.pk]), follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["This file has errors; correct them or choose to skip invalid rows."]
    job.refresh_from_db()
    assert job.status == "checked"


def test_checking_an_imported_file_again_is_refused_with_the_reason(client, cast, tmp_path):
    client.force_login(cast.township_a_officer)
    upload(client, tmp_path, [HEADER, person_row(1)], org=cast.township_a)
    job = ImportJob.objects.get()
    client.post(reverse("ledgers:job-commit", args=[job.pk]))
    response = client.post(reverse("ledgers:job-remap", args=[job.pk]), follow=True)
    assert "no longer kept" in " ".join(str(m) for m in response.context["messages"])
    job.refresh_from_db()
    assert job.status == "committed"


def test_a_command_line_import_is_a_job_in_the_office_list(client, cast, tmp_path):
    path = write_xlsx(tmp_path / "名册.xlsx", {"S": [HEADER, person_row(1)]})
    assert run("people", str(path), "--org", "QS-T02")[0] == 0
    assert run("people", str(path), "--org", "QS-T02", "--dry-run")[0] == 0
    jobs = list(ImportJob.objects.order_by("pk"))
    assert [(j.status, j.filename, j.user) for j in jobs] == [("committed", "名册.xlsx", None),
                                                              ("checked", "名册.xlsx", None)]  # fmt: skip
    assert not jobs[1].can_commit  # nothing uploaded to commit from the page
    client.force_login(cast.township_a_officer)
    assert jobs[0].get_absolute_url() in client.get(reverse("ledgers:index")).content.decode()
