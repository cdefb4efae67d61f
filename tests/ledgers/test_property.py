"""Random cells and random files: the importer never crashes and never commits part of a file."""

import datetime
import tempfile
from pathlib import Path

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.people.models import Person

from .conftest import HEADER, number, person_row
from .files import write_csv, write_xlsx

text = st.text(
    alphabet=st.sampled_from("0123456789０１２xX张王李高桥镇村合计是否元万.-/年月日 　,\t\"'"), max_size=20
)
cell = st.one_of(
    st.none(),
    text,
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e19, max_value=1e19),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1)),
    st.sampled_from(["合计", "高桥镇", "高桥村", "女", "男", "5.20123E+17", number(3), number(4).lower()]),
)
good_row = st.integers(min_value=1, max_value=400).map(person_row)
row = st.one_of(good_row, st.lists(cell, max_size=10))
sheet = st.lists(row, max_size=12)

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _check(cast, path, skip_invalid):
    with transaction.atomic():
        before = Person.objects.count()
        result = run_import(get_kind("people"), path, organization=cast.township_a, skip_invalid=skip_invalid)
        after = Person.objects.count()
        assert result.status in {"committed", "rejected"}
        if result.status == "rejected":
            assert after == before
        else:
            assert after == before + result.rows_imported
            assert skip_invalid or not result.errors
        transaction.set_rollback(True)


@SETTINGS
@given(title=st.lists(st.lists(cell, max_size=4), max_size=2), rows=sheet, skip_invalid=st.booleans())
def test_random_xlsx_cells_never_crash_nor_commit_part_of_a_file(cast, title, rows, skip_invalid):
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx(Path(tmp) / "r.xlsx", {"S": [*title, HEADER, *rows]})
        _check(cast, path, skip_invalid)


csv_cell = st.one_of(st.none(), text, st.sampled_from(["高桥镇", "合计", number(5), "2008年5月12日"]))


@SETTINGS
@given(rows=st.lists(st.one_of(good_row, st.lists(csv_cell, max_size=9)), max_size=12),
       encoding=st.sampled_from(["gbk", "utf-8", "utf-8-sig"]), skip_invalid=st.booleans())  # fmt: skip
def test_random_csv_files_never_crash_nor_commit_part_of_a_file(cast, rows, encoding, skip_invalid):
    with tempfile.TemporaryDirectory() as tmp:
        clean = [
            [("" if c is None else str(c)).encode(encoding, "ignore").decode(encoding) for c in r]
            for r in rows
        ]
        path = write_csv(Path(tmp) / "r.csv", [HEADER, *clean], encoding=encoding)
        _check(cast, path, skip_invalid)


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".xls", ".csv"]))
def test_random_bytes_are_rejected_not_crashed_on(cast, data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"r{suffix}"
        path.write_bytes(data)
        _check(cast, path, False)
