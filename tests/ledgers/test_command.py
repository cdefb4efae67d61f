import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from gonghui.people.models import Person

from .conftest import HEADER, person_row
from .files import write_xlsx


def run(*args):
    out = io.StringIO()
    try:
        call_command("import", *args, stdout=out)
        code = 0
    except CommandError as e:
        code = e.returncode
    return code, out.getvalue()


def test_json_output_has_the_documented_shape_and_exit_0_on_commit(cast, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [HEADER, person_row(1)]})
    code, out = run("people", str(path), "--org", "高桥镇工会工委", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["kind", "status", "rows_read", "rows_imported", "rows_updated", "rows_blank", "errors",
                          "warnings"]  # fmt: skip
    assert (data["kind"], data["status"], data["rows_imported"]) == ("people", "committed", 1)


def test_a_rejected_file_exits_1_with_every_error(cast, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", {"S": [HEADER, person_row(1, id_no="x"), person_row(2, phone="1")]}
    )
    code, out = run("people", str(path), "--org", "QS-T02", "--json")
    data = json.loads(out)
    assert (code, data["status"], Person.objects.count()) == (1, "rejected", 0)
    assert [(e["sheet"], e["row"], e["column"]) for e in data["errors"]] == [
        ("S", 2, "身份证号"),
        ("S", 3, "联系电话"),
    ]
    assert set(data["errors"][0]) == {"sheet", "row", "column", "value", "reason"}


def test_a_clean_dry_run_exits_0_and_a_dirty_one_1(cast, tmp_path):
    clean = write_xlsx(tmp_path / "a.xlsx", {"S": [HEADER, person_row(1)]})
    dirty = write_xlsx(tmp_path / "b.xlsx", {"S": [HEADER, person_row(1, id_no="x")]})
    assert run("people", str(clean), "--org", "QS-T02", "--dry-run", "--json")[0] == 0
    code, out = run("people", str(dirty), "--org", "QS-T02", "--dry-run", "--json")
    assert (code, json.loads(out)["status"]) == (1, "dry_run")
    assert Person.objects.count() == 0


def test_skip_invalid_writes_the_rejected_rows_file(cast, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [HEADER, person_row(1, id_no="x"), person_row(2)]})
    code, out = run("people", str(path), "--org", "QS-T02", "--skip-invalid", "--json",
                    "--rejected", str(tmp_path / "r.xlsx"))  # fmt: skip
    assert (code, json.loads(out)["rows_imported"]) == (0, 1)
    assert (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize(
    "args",
    [("nope", "{file}", "--org", "QS"), ("people", "/no/such/file.xlsx", "--org", "QS"),
     ("people", "{file}", "--org", "无此单位"), ("people", "{file}", "--org", "QS", "--sheet", "无此表")],
)  # fmt: skip
def test_usage_errors_exit_2(cast, tmp_path, args):
    path = write_xlsx(tmp_path / "a.xlsx", {"S": [HEADER, person_row(1)]})
    assert run(*[a.format(file=path) for a in args])[0] == 2


def test_the_console_script_exits_2_without_org():
    done = subprocess.run(
        [sys.executable, "-m", "gonghui.cli", "import", "people", "x.xlsx"], capture_output=True
    )
    assert done.returncode == 2


def test_sheet_option_reads_only_that_sheet(cast, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", {"一村": [HEADER, person_row(1)], "二村": [HEADER, person_row(2, id_no="x")]}
    )
    code, out = run("people", str(path), "--org", "QS-T02", "--sheet", "一村", "--json")
    assert (code, json.loads(out)["rows_imported"]) == (0, 1)
