"""A template's example row is never imported; the commit button says what the import will do."""

import datetime

import pytest
from django.urls import reverse

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.ledgers.xlsx import EXAMPLE_MARKER
from gonghui.people import idnumbers
from gonghui.people.models import Person
from tests.ledgers.files import write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_a_row_carrying_the_example_marker_is_skipped_with_a_note_and_the_others_imported(cast, tmp_path):
    kind = get_kind("people")
    example = [c.example for c in kind.columns] + [EXAMPLE_MARKER + "导入时自动跳过"]
    real = idnumbers.make_valid("520199", datetime.date(1981, 2, 3), 7)
    other = ["李四", real, "", "", "", "高桥镇", "高桥村", "", ""]
    path = write_xlsx(tmp_path / "old.xlsx", {"Sheet1": [[c.header for c in kind.columns], example, other]})
    result = run_import(kind, path, organization=cast.township_a)
    assert (result.status, result.rows_imported) == ("committed", 1), [e.as_dict() for e in result.errors]
    assert list(Person.objects.values_list("name", flat=True)) == ["李四"]
    assert result.example_rows == [{"sheet": "Sheet1", "row": 2}]
    assert [(w.row, w.column) for w in result.warnings] == [(2, "")]


def test_the_commit_button_counts_new_updated_and_unchanged_rows(client, cast, tmp_path, settings):
    kind = get_kind("people")
    header = ["姓名", "身份证号", "乡镇", "村(社区)", "联系电话"]
    numbers = [idnumbers.make_valid("520199", datetime.date(1980, 1, 1), n) for n in range(1, 5)]
    first = [["甲乙丙"[i] + "某", n, "高桥镇", "高桥村", "13800000000"] for i, n in enumerate(numbers[:3])]
    run_import(kind, write_xlsx(tmp_path / "a.xlsx", {"S": [header, *first]}), organization=cast.township_a)
    second = [first[0], [first[1][0], numbers[1], "高桥镇", "高桥村", "13900000000"], first[2],
              ["乙", numbers[3], "高桥镇", "高桥村", ""]]  # fmt: skip
    path = write_xlsx(tmp_path / "b.xlsx", {"S": [header, *second]})
    client.force_login(cast.township_a_officer)
    with open(path, "rb") as handle:
        response = client.post(reverse("ledgers:upload", args=["people"]),
                               {"organization": cast.township_a.pk, "file": handle}, follow=True)  # fmt: skip
    counts = response.context["commit_counts"]
    assert counts == {"new": 1, "updated": 1, "unchanged": 2}
    assert 'id="commit-button"' in response.content.decode()


def test_the_rejected_rows_file_is_named_after_the_uploaded_file_without_its_extension(client, cast, tmp_path):
    header = ["姓名", "身份证号", "乡镇", "村(社区)"]
    good = ["李四", idnumbers.make_valid("520199", datetime.date(1980, 1, 1), 3), "高桥镇", "高桥村"]
    bad = ["王五", "123", "高桥镇", "高桥村"]
    path = write_xlsx(tmp_path / "bad_elders.xlsx", {"S": [header, good, bad]})
    client.force_login(cast.township_a_officer)
    with open(path, "rb") as handle:
        response = client.post(reverse("ledgers:upload", args=["people"]),
                               {"organization": cast.township_a.pk, "file": handle, "skip_invalid": "on"},
                               follow=True)  # fmt: skip
    job = response.context["job"]
    client.post(reverse("ledgers:job-commit", args=[job.pk]))
    download = client.get(reverse("ledgers:job-rejected", args=[job.pk]))
    assert download.status_code == 200
    assert "错误行-bad_elders.xlsx" in download["Content-Disposition"].encode("latin-1").decode("utf-8") or (
        "%E9%94%99%E8%AF%AF%E8%A1%8C-bad_elders.xlsx" in download["Content-Disposition"]
    )
    assert ".xlsx.xlsx" not in download["Content-Disposition"]
