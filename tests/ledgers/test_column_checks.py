"""One check for every kind: a column's checks come with its type, wherever the column appears."""

import datetime

import pytest

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import all_kinds, get_kind
from gonghui.people import idnumbers
from gonghui.people.models import Person
from tests.ledgers.files import write_xlsx

WOMAN = idnumbers.make_valid("520199", datetime.date(1980, 1, 1), 2)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_every_kind_with_a_gender_column_reads_it_with_the_gender_type():
    genders = [(k.code, c.type) for k in all_kinds() for c in k.columns if "性别" in c.headers]
    assert len(genders) >= 2
    assert {t for _code, t in genders} == {"gender"}, genders


@pytest.mark.parametrize("kind", ["people", "out_migrants", "elders"])
def test_a_gender_contradicting_the_id_number_is_a_warning_in_every_kind_and_the_number_wins(cast, tmp_path, kind):
    assert idnumbers.facts(WOMAN).gender == "F"
    header = ["姓名", "身份证号", "性别", "乡镇", "村(社区)"]
    path = write_xlsx(tmp_path / f"{kind}.xlsx", {"Sheet1": [header, ["李四", WOMAN, "男", "高桥镇", "高桥村"]]})
    result = run_import(get_kind(kind), path, organization=cast.township_a)
    assert result.status == "committed", [e.as_dict() for e in result.errors]
    warned = [(w.row, w.column) for w in result.warnings if "性别" == w.column]
    assert warned == [(2, "性别")]
    assert Person.objects.get(id_number_hash=idnumbers.lookup_hash(WOMAN)).gender == "F"
