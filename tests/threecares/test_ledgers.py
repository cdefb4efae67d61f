"""The Three Cares ledger kinds through the engine, with small .xlsx files made here."""

import datetime

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.people import idnumbers
from gonghui.threecares import models as m
from tests.ledgers.files import write_xlsx
from tests.threecares.factories import entry as register

OUT_HEADER = ["姓名", "身份证号码", "性别", "联系电话", "乡(镇)", "村(社区)", "外出时间", "务工地", "务工单位", "从事行业",
              "是否会员"]  # fmt: skip


def number(n):
    return idnumbers.make_valid("520199", datetime.date(1980, 1, 1), n)


def migrant(n, township="高桥镇", village="高桥村", where="广东省东莞市"):
    return [f"外出{chr(0x4E00 + n)}", number(n), "男", f"1390000{n:04d}", township, village, "2008年2月20日", where,
            "某电子厂", "电子", "是"]  # fmt: skip


def run(cast, kind, path, org=None, user=None):
    return run_import(get_kind(kind), path, organization=org or cast.township_a, user=user)


def test_out_migrants_file_with_aliases_and_title_row_registers_everyone(cast, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", {"高桥村": [["外出务工人员台帐"], OUT_HEADER, migrant(1), migrant(2)]}
    )
    result = run(cast, "out_migrants", path)
    assert (result.status, result.rows_imported) == ("committed", 2), [e.as_dict() for e in result.errors]
    entry = m.OutMigrant.objects.get(person__id_number_hash=idnumbers.lookup_hash(number(1)))
    assert (entry.destination_province, entry.destination_city, entry.left_on) == (
        "广东", "东莞", datetime.date(2008, 2, 20))  # fmt: skip
    assert entry.organization == cast.village_union_a and entry.is_member


def test_a_person_already_on_the_register_in_another_township_is_not_registered_twice(cast, tmp_path):
    run(cast, "out_migrants", write_xlsx(tmp_path / "a.xlsx", {"S": [OUT_HEADER, migrant(1)]}))
    path = write_xlsx(tmp_path / "b.xlsx", {"S": [OUT_HEADER, migrant(1, "水坝塘镇", "水坝塘村")]})
    result = run(cast, "out_migrants", path, org=cast.township_b)
    assert result.rows_imported == 0 and m.OutMigrant.objects.count() == 1
    assert "高桥村工会" in result.warnings[0].reason  # who keeps the existing row


def test_the_same_person_twice_in_one_file_is_registered_once(cast, tmp_path):
    result = run(
        cast, "out_migrants", write_xlsx(tmp_path / "a.xlsx", {"S": [OUT_HEADER, migrant(1), migrant(1)]})
    )
    assert (result.status, result.rows_imported) == ("committed", 1) and m.OutMigrant.objects.count() == 1
    assert "same as row 2" in result.warnings[-1].reason


def test_the_same_person_twice_with_different_details_is_refused(cast, tmp_path):
    rows = [OUT_HEADER, migrant(1), migrant(1, where="浙江省宁波市")]
    result = run(cast, "out_migrants", write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert result.status == "rejected" and m.OutMigrant.objects.count() == 0
    assert "row 2 with different details" in result.errors[0].reason


def test_children_import_is_refused_to_a_role_without_minors_access(cast):
    assert not get_kind("children").can_import(cast.leader)
    assert get_kind("children").can_import(cast.township_a_officer)


def test_children_file_sorts_pupils_and_preschool(cast, tmp_path):
    header = ["姓名", "身份证号", "乡镇", "村(社区)", "类别", "学校", "年级"]
    rows = [header, ["小甲", idnumbers.make_valid("520199", datetime.date(2000, 5, 1), 11), "高桥镇", "高桥村", "留守学生",
                     "高桥小学", "三年级"],
            ["小乙", idnumbers.make_valid("520199", datetime.date(2005, 5, 1), 12), "高桥镇", "高桥村", "学龄前儿童", "", ""]]  # fmt: skip
    result = run(cast, "children", write_xlsx(tmp_path / "c.xlsx", {"S": rows}), user=cast.township_a_officer)
    assert result.rows_imported == 2, [e.as_dict() for e in result.errors]
    assert sorted(m.LeftBehindChild.objects.values_list("kind", flat=True)) == ["preschool", "pupil"]


def test_referral_with_more_employed_than_referred_names_the_row(cast, tmp_path):
    rows = [["活动名称", "举办时间", "介绍人数", "实现就业人数"], ["春风行动", "2008-03-01", 10, 12]]
    result = run(cast, "referrals", write_xlsx(tmp_path / "r.xlsx", {"S": rows}))
    assert result.status == "rejected"
    assert (result.errors[0].row, result.errors[0].column) == (2, "实现就业人数")


def test_visits_file_needs_the_person_on_the_register(cast, tmp_path):
    run(cast, "out_migrants", write_xlsx(tmp_path / "a.xlsx", {"S": [OUT_HEADER, migrant(1)]}))
    rows = [["姓名", "身份证号", "慰问对象类别", "慰问时间", "慰问金"],
            ["外出一", number(1), "外出务工人员", "2008-01-30", "200元"],
            ["某人", number(9), "外出务工人员", "2008-01-30", "100"]]  # fmt: skip
    result = run(cast, "visits", write_xlsx(tmp_path / "v.xlsx", {"S": rows}))
    assert result.status == "rejected" and [e.row for e in result.errors] == [3]


def test_trainings_file_adds_sessions_counted_by_the_figures(cast, tmp_path):
    from gonghui.reporting import indicators

    rows = [["培训名称", "培训时间", "培训人数", "培训经费"], ["电焊班", "2008-03-01", 60, "3,000元"],
            ["厨师班", "2008-04-01", 40, "0.2万元"]]  # fmt: skip
    result = run(cast, "trainings", write_xlsx(tmp_path / "t.xlsx", {"S": rows}))
    assert result.rows_imported == 2, [e.as_dict() for e in result.errors]
    values = indicators.compute(cast.county, indicators.Period.year(2008),
                                codes=["three_cares.trainings", "three_cares.trainees", "three_cares.training_funds"])  # fmt: skip
    assert values == {
        "three_cares.trainings": 2,
        "three_cares.trainees": 100,
        "three_cares.training_funds": 5000,
    }


def test_visits_and_pairings_files_imported_twice_record_nothing_twice(cast, tmp_path):

    elder = register(cast, "elders", name="老人甲")
    number = elder.person.clear_id_number()
    visits = write_xlsx(tmp_path / "v.xlsx", {"S": [["姓名", "身份证号", "慰问对象类别", "慰问时间", "慰问金"],
                                              ["老人甲", number, "空巢老人", "2008-01-28", "100"]]})  # fmt: skip
    pairings = write_xlsx(tmp_path / "p.xlsx", {"S": [["老人姓名", "老人身份证号", "帮扶人", "结对时间"],
                                                ["老人甲", number, "李四", "2008-03-05"]]})  # fmt: skip
    for path in (visits, pairings, visits, pairings):
        result = run(cast, "visits" if path == visits else "pairings", path)
        assert result.status == "committed", result.errors
    assert m.Visit.objects.count() == 1 and m.Pairing.objects.count() == 1
    assert result.rows_imported == 0 and result.rows_updated == 1


def test_a_second_helper_for_a_paired_elder_is_refused_until_the_pairing_ends(cast, tmp_path):

    elder = register(cast, "elders", name="老人乙")
    number = elder.person.clear_id_number()
    head = ["老人姓名", "老人身份证号", "帮扶人", "结对时间"]
    run(
        cast,
        "pairings",
        write_xlsx(tmp_path / "a.xlsx", {"S": [head, ["老人乙", number, "李四", "2008-03-05"]]}),
    )
    result = run(
        cast,
        "pairings",
        write_xlsx(tmp_path / "b.xlsx", {"S": [head, ["老人乙", number, "王五", "2008-06-01"]]}),
    )
    assert result.status == "rejected" and "already has a helper (李四)" in result.errors[0].reason
