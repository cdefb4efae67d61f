"""A file of several batches is checked and written in a second thread while the next batch is parsed.

The claim: nothing an import reports or writes depends on it. The batches are made tiny here so
that a file of a few dozen rows takes that path.
"""

import datetime
import threading

import pytest

from gonghui.ledgers.importer import UsageError, run_import
from gonghui.ledgers.registry import get_kind
from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.threecares.models import OutMigrant
from tests.ledgers.files import write_xlsx

HEADER = ["序号", "姓名", "身份证号码", "性别", "联系电话", "乡(镇)", "村(社区)", "外出时间", "务工地", "务工单位", "是否会员"]


def number(n):
    return idnumbers.make_valid("520199", datetime.date(1981, 2, 3), n)


def migrant(n, left="2008年2月20日", where="广东省东莞市", id_no=None, township="高桥镇", village="高桥村"):
    return [n, f"外出{chr(0x4E00 + n)}", id_no or number(n), "男", f"1390000{n:04d}", township, village, left, where,
            "某电子厂", "是"]  # fmt: skip


def ledger(tmp_path):
    first = [["外出务工人员台帐"], HEADER] + [migrant(n, left="2008.3" if n % 5 == 0 else "2008年2月20日")
                                          for n in range(1, 20)]  # fmt: skip
    wrong = number(100)[:17] + ("1" if number(100)[17] == "0" else "0")
    first.insert(9, migrant(100, id_no=wrong))  # a mistyped check digit: refused while parsing
    first.insert(12, migrant(101, township="", village=""))  # no place: refused by the kind's check
    first.append(["合计", "19人"])
    second = [HEADER] + [migrant(n) for n in range(20, 31)] + [migrant(3), migrant(4, where="浙江省宁波市")]
    return write_xlsx(tmp_path / "外出务工.xlsx", {"第一页": first, "第二页": second})


@pytest.fixture
def kind():
    return get_kind("out_migrants")


@pytest.fixture
def writers(kind, monkeypatch):
    """The names of the threads the kind's batches were written in."""
    names = []
    write = kind.write

    def recording(rows, ctx):
        names.append(threading.current_thread().name)
        return write(rows, ctx)

    monkeypatch.setattr(kind, "write", recording)
    return names


def test_a_file_written_beside_its_parsing_reports_and_writes_what_one_batch_does(cast, kind, writers, tmp_path,
                                                                                monkeypatch):  # fmt: skip
    path = ledger(tmp_path)
    one_batch = run_import(kind, path, organization=cast.township_a, dry_run=True, skip_invalid=True)
    monkeypatch.setattr(kind, "batch_size", 4)
    result = run_import(kind, path, organization=cast.township_a, skip_invalid=True)

    assert set(writers) == {"ledger-steps"} and len(writers) > 5
    assert result.status == "committed"
    # Every message in the file's order, in the importer's language (English here), as in line.
    assert [e.as_dict() for e in result.errors] == [e.as_dict() for e in one_batch.errors]
    assert [w.as_dict() for w in result.warnings] == [w.as_dict() for w in one_batch.warnings]
    reasons = [e.reason for e in result.errors]
    assert "should be" in reasons[0] and "Give the township" in reasons[1]  # in English, as the importer reads
    assert (result.rows_read, result.rows_blank, result.rows_imported) == (
        one_batch.rows_read, one_batch.rows_blank, one_batch.rows_imported)  # fmt: skip
    assert result.rows_imported == OutMigrant.objects.count() == 30  # the second, different listing of 4 refused
    person = Person.objects.get(id_number_hash=idnumbers.lookup_hash(number(3)))  # listed twice, registered once
    assert person.clear_id_number() == number(3)  # hashed and encrypted while parsing, in the other thread


def test_a_batch_that_fails_to_write_takes_every_batch_with_it(cast, kind, tmp_path, monkeypatch):
    monkeypatch.setattr(kind, "batch_size", 4)
    write, calls = kind.write, []

    def failing(rows, ctx):
        calls.append(len(rows))
        if len(calls) == 3:
            raise RuntimeError("the disk is full")
        return write(rows, ctx)

    monkeypatch.setattr(kind, "write", failing)
    with pytest.raises(RuntimeError, match="disk is full"):
        run_import(kind, ledger(tmp_path), organization=cast.township_a, skip_invalid=True)
    assert len(calls) == 3  # the batches after it are not written
    assert not OutMigrant.objects.exists() and not Person.objects.filter(name__startswith="外出").exists()
    assert not any(t.name == "ledger-steps" for t in threading.enumerate())


def test_a_sheet_that_cannot_be_read_stops_the_writing_and_writes_nothing(cast, kind, writers, tmp_path,
                                                                         monkeypatch):  # fmt: skip
    monkeypatch.setattr(kind, "batch_size", 4)
    with pytest.raises(UsageError):
        # The officer's mapping names a column the ledger does not have, on the second sheet only.
        run_import(kind, ledger(tmp_path), organization=cast.township_a, mapping={"第二页": {"0": "shoe_size"}})
    assert not OutMigrant.objects.exists() and not Person.objects.filter(name__startswith="外出").exists()
    assert not any(t.name == "ledger-steps" for t in threading.enumerate())
