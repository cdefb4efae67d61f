import datetime

import pytest

from gonghui.ledgers.registry import get_kind
from gonghui.people import idnumbers
from gonghui.people.models import Person
from tests.factories import PersonFactory

from .conftest import HEADER, number, person_row
from .files import write_csv, write_xls, write_xlsx


def xlsx(tmp_path, rows, name="a.xlsx", sheet="Sheet1"):
    return write_xlsx(tmp_path / name, {sheet: rows})


def errors_by_row(result):
    return {(e.row, e.column): e.reason for e in result.errors}


def test_a_clean_file_with_title_rows_commits_every_person(do_import, tmp_path):
    path = xlsx(
        tmp_path, [["高桥镇人员名册"], ["填报单位：高桥镇工会工委"], HEADER, person_row(1), person_row(2)]
    )
    result = do_import("people", path)
    assert (result.status, result.rows_read, result.rows_imported) == ("committed", 2, 2)
    assert result.sheets[0].header_row == 3
    person = Person.objects.with_id_number(number(1)).get()
    assert (person.township.name, person.village.name, person.name_initials) == ("高桥镇", "高桥村", "csd")


def test_one_bad_row_rejects_the_whole_file_and_writes_nothing(do_import, tmp_path):
    path = xlsx(tmp_path, [HEADER, person_row(1), person_row(2, id_no=5.20123e17), person_row(3)])
    result = do_import("people", path)
    assert result.status == "rejected"
    assert result.rows_imported == 0
    assert Person.objects.count() == 0
    assert list(errors_by_row(result)) == [(3, "身份证号")]
    assert "Excel" in result.errors[0].reason and result.errors[0].value == "5.20123E+17"


def test_errors_name_the_row_as_excel_shows_it_and_the_header_as_written(do_import, tmp_path):
    header = ["姓名", "公民身份号码", "性别", "民族", "手机号码", "乡（镇）", "村（居）委会", "家庭住址"]
    path = xlsx(tmp_path, [["名册"], [], header, person_row(1), person_row(2, phone="12345")])
    result = do_import("people", path)
    assert errors_by_row(result).keys() == {(5, "手机号码")}
    assert result.errors[0].value == "12345"


def test_skip_invalid_commits_the_valid_rows_and_returns_the_invalid_ones_with_a_reason(do_import, tmp_path):
    path = xlsx(tmp_path, [HEADER, person_row(1), person_row(2, id_no="52019919750308"), person_row(3)])
    result = do_import("people", path, skip_invalid=True)
    assert (result.status, result.rows_imported) == ("committed", 2)
    assert Person.objects.count() == 2
    assert len(result.rejected) == 1
    from python_calamine import CalamineWorkbook

    from gonghui.ledgers.xlsx import write_rejected

    write_rejected(str(tmp_path / "rejected.xlsx"), result)
    rows = CalamineWorkbook.from_path(str(tmp_path / "rejected.xlsx")).get_sheet_by_index(0).to_python()
    assert rows[0][-1] == "错误原因"
    assert rows[1][1] == "52019919750308" and "18" in rows[1][-1]


def test_importing_the_same_file_twice_creates_nothing_new(do_import, tmp_path):
    path = xlsx(
        tmp_path, [HEADER, person_row(1), person_row(2), [None, None, None, None, None, None, None, None]]
    )
    first = do_import("people", path)
    second = do_import("people", path)
    assert (first.rows_imported, second.rows_imported, second.rows_updated) == (2, 0, 2)
    assert Person.objects.count() == 2
    assert second.diff["unchanged"] == 2


def test_a_changed_row_updates_the_registered_person_and_shows_old_and_new(do_import, tmp_path):
    do_import("people", xlsx(tmp_path, [HEADER, person_row(1)]))
    result = do_import("people", xlsx(tmp_path, [HEADER, person_row(1, phone="13912345678")], name="b.xlsx"))
    assert result.diff["changed"] == 1
    assert result.diff_rows[0]["changes"] == [["联系电话", "13800000001", "13912345678"]]
    assert Person.objects.get().phone == "13912345678"


def test_a_person_twice_in_a_file_is_an_error_naming_the_first_row(do_import, tmp_path):
    path = xlsx(tmp_path, [["名册"], HEADER, person_row(1), person_row(2), person_row(1, name="重复")])
    result = do_import("people", path)
    assert result.status == "rejected"
    assert errors_by_row(result) == {
        (5, "身份证号"): "This row repeats row 3 with different details; keep the right one."
    }


def test_a_person_twice_across_sheets_word_for_word_is_imported_once_naming_the_sheet(do_import, tmp_path):
    path = write_xlsx(
        tmp_path / "v.xlsx", {"高桥村": [HEADER, person_row(1)], "二村": [HEADER, person_row(1)]}
    )
    result = do_import("people", path)
    assert result.status == "committed" and Person.objects.count() == 1
    assert result.warnings[0].sheet == "二村" and "高桥村" in result.warnings[0].reason
    assert result.diff["duplicate"] == 1


def test_every_sheet_of_a_workbook_is_read(do_import, tmp_path, cast):
    path = write_xlsx(tmp_path / "v.xlsx", {"一村": [HEADER, person_row(1)], "二村": [["二村"], HEADER, person_row(2)],
                                            "说明": [["本表由村填报"]]})  # fmt: skip
    result = do_import("people", path)
    assert (result.status, result.rows_imported) == ("committed", 2)
    assert [s.name for s in result.sheets] == ["一村", "二村"]


def test_blank_rows_and_the_total_row_are_skipped(do_import, tmp_path):
    rows = [
        HEADER,
        person_row(1),
        [],
        [" ", "", None],
        person_row(2),
        ["合计", "2人"],
        ["总 计"],
        ["填表人：王五"],
    ]
    result = do_import("people", xlsx(tmp_path, rows))
    assert (result.status, result.rows_read, result.rows_blank) == ("committed", 2, 5)


def test_a_person_registered_by_another_township_is_linked_not_copied(do_import, tmp_path, cast):
    other = PersonFactory(name="张三", township=cast.place_b, village=cast.village_b, id_no=number(9))
    result = do_import("people", xlsx(tmp_path, [HEADER, person_row(9, name="张三")]))
    assert result.status == "committed"
    assert Person.objects.count() == 1
    other.refresh_from_db()
    assert other.township == cast.place_b  # another unit's record is not moved
    assert result.diff["conflict"] == 1 and "another unit" in result.warnings[0].reason


def test_a_village_outside_the_importing_township_is_a_row_error(do_import, tmp_path):
    result = do_import(
        "people", xlsx(tmp_path, [HEADER, person_row(1, township="水坝塘镇", village="水坝塘村")])
    )
    assert result.status == "rejected"
    assert list(errors_by_row(result)) == [(2, "村(社区)")]
    assert "outside" in result.errors[0].reason


def test_a_place_unknown_in_the_county_is_a_row_error(do_import, tmp_path):
    result = do_import("people", xlsx(tmp_path, [HEADER, person_row(1, township="火星镇", village="")]))
    assert list(errors_by_row(result)) == [(2, "乡镇")]


def test_a_village_union_may_name_its_own_township(do_import, tmp_path, cast):
    result = do_import("people", xlsx(tmp_path, [HEADER, person_row(1)]), org=cast.village_union_a)
    assert result.status == "committed"
    other = do_import("people", xlsx(tmp_path, [HEADER, person_row(2, village="")], name="b.xlsx"),
                      org=cast.village_union_a)  # fmt: skip
    assert other.status == "rejected"  # the whole township is not the village union's


def test_short_place_names_are_understood(do_import, tmp_path):
    result = do_import("people", xlsx(tmp_path, [HEADER, person_row(1, township="高桥", village="高桥")]))
    assert result.status == "committed"


def test_a_gender_that_contradicts_the_id_number_is_a_warning_and_the_id_number_wins(do_import, tmp_path):
    row = person_row(1)
    wrong = "女" if idnumbers.facts(row[1]).gender == "M" else "男"
    row[2] = wrong
    result = do_import("people", xlsx(tmp_path, [HEADER, row]))
    assert result.status == "committed"
    assert [(w.row, w.column) for w in result.warnings] == [(2, "性别")]
    assert Person.objects.get().gender == idnumbers.facts(row[1]).gender


def test_likely_duplicates_without_id_numbers_are_warnings(do_import, tmp_path, cast):
    registered = PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, id_no=number(7))
    row = person_row(2, name="李四", id_no="")
    result = do_import("people", xlsx(tmp_path, [HEADER, row, person_row(3, name="李四", id_no="")]))
    assert result.status == "committed"
    assert result.diff["duplicate"] == 2
    assert f"record {registered.pk}" in result.warnings[0].reason
    assert any("row 2" in w.reason for w in result.warnings)


def test_rows_without_id_numbers_are_found_again_on_reimport(do_import, tmp_path):
    path = xlsx(tmp_path, [HEADER, person_row(2, name="王五", id_no="")])
    do_import("people", path)
    second = do_import("people", path)
    assert (second.rows_imported, Person.objects.count()) == (0, 1)


def test_headers_with_aliases_full_width_brackets_and_required_marks_are_recognised(do_import, tmp_path):
    header = ["姓名*", "身份证号码", "性 别", "民族", "联系电话", "乡（镇）", "村（居）委会", "住址"]
    result = do_import("people", xlsx(tmp_path, [header, person_row(1)]))
    assert result.status == "committed"
    assert set(result.sheets[0].mapping.values()) == {"name", "id_number", "gender", "ethnicity", "phone",
                                                      "township", "village", "address"}  # fmt: skip


def test_a_file_without_the_required_name_column_is_rejected_saying_so(do_import, tmp_path):
    result = do_import("people", xlsx(tmp_path, [["身份证号", "联系电话"], [number(1), "13800001111"]]),
                       skip_invalid=True)  # fmt: skip
    assert result.status == "rejected"
    assert "姓名" in result.errors[0].reason


def test_a_file_with_no_header_row_is_rejected(do_import, tmp_path):
    result = do_import("people", xlsx(tmp_path, [["a", "b"], ["c", "d"]]))
    assert result.status == "rejected" and "header" in result.errors[0].reason


def test_the_officer_may_remap_a_column(do_import, tmp_path):
    header = ["姓名", "证件", "手机"]
    path = xlsx(tmp_path, [header, ["张三", number(1), "13800001111"]])
    mapping = {"*": {"1": "id_number", "2": "phone"}}
    result = do_import("people", path, mapping=mapping)
    assert result.status == "committed"
    assert Person.objects.with_id_number(number(1)).get().phone == "13800001111"


def test_dry_run_writes_nothing_and_reports_what_would_happen(do_import, tmp_path):
    result = do_import("people", xlsx(tmp_path, [HEADER, person_row(1), person_row(2)]), dry_run=True)
    assert (result.status, result.rows_imported, Person.objects.count()) == ("dry_run", 2, 0)


def test_a_failure_halfway_leaves_nothing_written(do_import, tmp_path, monkeypatch):
    kind = get_kind("people")
    monkeypatch.setattr(kind, "batch_size", 2)
    calls = []
    original = type(kind).write

    def write(self, rows, ctx):
        calls.append(len(rows))
        if len(calls) == 2:
            raise KeyboardInterrupt  # as if the process were killed
        return original(self, rows, ctx)

    monkeypatch.setattr(type(kind), "write", write)
    with pytest.raises(KeyboardInterrupt):
        do_import(kind, xlsx(tmp_path, [HEADER, *[person_row(i) for i in range(1, 6)]]))
    assert calls == [2, 2]
    assert Person.objects.count() == 0


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_in_every_encoding_offices_save(do_import, tmp_path, encoding):
    path = write_csv(tmp_path / "a.csv", [["人员名册"], HEADER, person_row(1), person_row(2, id_no="bad")],
                     encoding=encoding)  # fmt: skip
    result = do_import("people", path)
    assert [(e.row, e.column) for e in result.errors] == [(4, "身份证号")]
    assert result.sheets[0].header_row == 2


def test_xls_files_are_read(do_import, tmp_path):
    path = write_xls(tmp_path / "a.xls", {"高桥村": [["名册"], HEADER, person_row(1), person_row(2)]})
    result = do_import("people", path)
    assert (result.status, result.rows_imported) == ("committed", 2)


def test_a_damaged_file_is_rejected_with_a_reason(do_import, tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result = do_import("people", path)
    assert result.status == "rejected" and result.errors


def test_birth_date_column_contradicting_the_id_number_warns(do_import, tmp_path):
    header = [*HEADER, "出生日期"]
    row = [*person_row(1), datetime.date(1990, 1, 1)]
    result = do_import("people", xlsx(tmp_path, [header, row]))
    assert [w.column for w in result.warnings] == ["出生日期"]
    assert Person.objects.get().birth_date == datetime.date(1975, 3, 8)


def test_rows_without_a_place_take_the_importing_townships_own(do_import, tmp_path, cast):
    result = do_import("people", xlsx(tmp_path, [HEADER, person_row(1, township="", village="")]))
    assert (result.status, result.warnings) == ("committed", [])
    assert Person.objects.get().township == cast.place_a
    assert Person.objects.visible_to(cast.township_a_officer).count() == 1


def test_rows_without_a_place_imported_by_the_county_are_warned_about(do_import, tmp_path, cast):
    result = do_import(
        "people", xlsx(tmp_path, [HEADER, person_row(1, township="", village="")]), org=cast.county
    )
    assert result.status == "committed"
    assert [w.column for w in result.warnings] == ["乡镇"]


def test_the_preview_shows_normalised_values_and_choice_labels(do_import, tmp_path):
    row = person_row(1, phone="138 0000 1111")
    row[1] = row[1].lower()
    result = do_import("people", xlsx(tmp_path, [HEADER, row]), dry_run=True)
    values = result.preview[0]["values"]
    assert values[1] == idnumbers.mask(number(1)) and values[4] == "13800001111"  # kept on the job: masked
    assert values[2] in {"男", "女"}
