"""The Three Cares service ledgers (waivers, phones, mailboxes, societies, symposiums, trainings,
referrals) through the real engine, with .xlsx files written by xlsxwriter and a GBK .csv."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from gonghui.reporting import indicators
from gonghui.threecares import models as m
from gonghui.threecares import services
from tests.factories import PersonFactory, id_number
from tests.ledgers.files import write_csv, write_xlsx

pytestmark = pytest.mark.django_db
D = datetime.date


def run(cast, kind, path, org=None, **options):
    return run_import(get_kind(kind), str(path), organization=org or cast.township_a, **options)


def errors(result):
    return [(e.row, e.column) for e in result.errors]


def figure(cast, code, org=None):
    return indicators.compute(org or cast.county, indicators.Period.year(2008), codes=[code])[code]


def elder(cast, n, name, village=None):
    village = village or cast.village_a
    who = PersonFactory(name=name, township=village.parent, village=village, id_no=id_number(n))
    services.register_entry(registry="elders", person=who, township=village.parent, village=village,
                            registered_on=D(2008, 1, 1))  # fmt: skip
    return id_number(n)


def assert_reimport_changes_nothing(cast, kind, path, model, rows, **options):
    before = model.objects.count()
    again = run(cast, kind, path, **options)
    assert (again.status, again.rows_imported, again.rows_updated) == ("committed", 0, rows), [
        e.as_dict() for e in again.errors
    ]
    assert again.diff == {"unchanged": rows}
    assert model.objects.count() == before
    assert len(again.warnings) == rows and "already recorded" in again.warnings[0].reason


# ---- 老年人医疗费减免台帐 ---------------------------------------------------------------------------

WAIVER_HEADER = ["序号", "老人姓名", "身份证号码", "减免时间", "减免金额（元）", "医疗单位"]


@pytest.fixture
def elders(cast):
    return {"王奶奶": elder(cast, 31, "王奶奶"), "李爷爷": elder(cast, 32, "李爷爷"),
            "赵奶奶": elder(cast, 33, "赵奶奶", village=cast.village_b)}  # fmt: skip


def test_waivers_file_with_aliases_records_the_waivers_and_the_figure_sums_them(cast, elders, tmp_path):
    rows = [["高桥镇老年人医疗费减免台帐"], WAIVER_HEADER,
            [1, "王奶奶", elders["王奶奶"], "2008年5月20日", "120元", "高桥镇卫生院"],
            [2, "李爷爷", elders["李爷爷"], D(2008, 6, 1), 80.5, "县人民医院"],
            [3, "王奶奶", elders["王奶奶"], "2008-06-01", "0.01万元", "高桥镇卫生院"],
            ["合计", "", "", "", 300.5, ""]]  # fmt: skip
    path = write_xlsx(tmp_path / "w.xlsx", {"高桥村": rows})
    result = run(cast, "medical_waivers", path)
    assert (result.status, result.rows_imported, result.rows_blank) == ("committed", 3, 1), errors(result)
    waiver = m.MedicalWaiver.objects.get(elder__person__name="李爷爷")
    assert (waiver.amount, waiver.provider, waiver.granted_on) == (
        Decimal("80.50"),
        "县人民医院",
        D(2008, 6, 1),
    )
    assert waiver.organization == cast.village_union_a  # the elder's answerable organisation
    assert figure(cast, "three_cares.elders_medical_waivers") == Decimal("300.50")
    assert_reimport_changes_nothing(cast, "medical_waivers", path, m.MedicalWaiver, 3)
    assert figure(cast, "three_cares.elders_medical_waivers") == Decimal("300.50")


def test_a_waiver_already_recorded_on_the_page_is_not_recorded_again(cast, elders, tmp_path):
    entry = m.Elder.objects.get(person__name="王奶奶")
    services.record_medical_waiver(
        elder=entry, granted_on=D(2008, 5, 20), amount=100, provider="高桥镇卫生院"
    )
    rows = [WAIVER_HEADER, [1, "王奶奶", elders["王奶奶"], "2008-05-20", "120", "高桥镇卫生院"]]
    result = run(cast, "medical_waivers", write_xlsx(tmp_path / "w.xlsx", {"S": rows}))
    # The same elder, day and provider with another amount: skipped, the difference shown.
    assert (result.status, result.rows_imported, dict(result.diff)) == ("committed", 0, {"conflict": 1})
    assert result.diff_rows[0]["changes"] == [["减免金额（元）", "100.00", "120.00"]]
    assert "other values" in result.warnings[0].reason and result.warnings[0].column == "医疗单位"
    assert m.MedicalWaiver.objects.get().amount == 100


def test_waiver_rows_the_service_would_refuse_are_refused_naming_row_and_column(cast, elders, tmp_path):
    rows = [WAIVER_HEADER,
            [1, "王奶奶", elders["王奶奶"], "2008-05-20", "120", "高桥镇卫生院"],
            [2, "某人", id_number(99), "2008-05-20", "120", "高桥镇卫生院"],  # not on the elders' registry
            [3, "赵奶奶", elders["赵奶奶"], "2008-05-20", "120", "水坝塘镇卫生院"],  # another township's elder
            [4, "张冠李戴", elders["李爷爷"], "2008-05-20", "120", "高桥镇卫生院"],  # the name of someone else
            [5, "李爷爷", elders["李爷爷"], "2008-05-21", "0", "高桥镇卫生院"],
            [6, "李爷爷", elders["李爷爷"], "2008-05-22", "50", ""],
            [7, "王奶奶", elders["王奶奶"], "2008-05-20", "90", "高桥镇卫生院"]]  # row 2 again  # fmt: skip
    result = run(cast, "medical_waivers", write_xlsx(tmp_path / "w.xlsx", {"S": rows}))
    assert result.status == "rejected" and m.MedicalWaiver.objects.count() == 0
    assert errors(result) == [(3, "身份证号码"), (4, "身份证号码"), (5, "老人姓名"), (6, "减免金额（元）"),
                              (7, "医疗单位"), (8, "身份证号码")]  # fmt: skip
    reasons = [e.reason for e in result.errors]
    assert "import the elders' ledger first" in reasons[0] and "李爷爷" in reasons[2]
    assert "more than 0 yuan" in reasons[3] and "repeats row 2" in reasons[5]


def test_the_other_township_imports_its_own_elders_waiver(cast, elders, tmp_path):
    rows = [WAIVER_HEADER, [1, "赵奶奶", elders["赵奶奶"], "2008-05-20", "120", "水坝塘镇卫生院"]]
    result = run(cast, "medical_waivers", write_xlsx(tmp_path / "w.xlsx", {"S": rows}), org=cast.township_b)
    assert result.rows_imported == 1 and m.MedicalWaiver.objects.get().organization == cast.township_b


# ---- 亲情电话台帐, 亲情信箱台帐 --------------------------------------------------------------------

PHONE_HEADER = ["乡(镇)", "村(居)委会", "安装位置", "号码", "安装日期"]


def test_phones_file_records_the_phones_owned_by_the_answerable_unit(cast, tmp_path):
    rows = [["亲情电话台帐"], PHONE_HEADER,
            ["高桥镇", "高桥村", "高桥村小学", "0851-5221234", "2008-06-01"],
            ["高桥", "", "镇中心学校", "(0851)5221000", D(2008, 7, 1)],
            ["", "高桥村", "村委会办公室", "", "2008.8.1"]]  # the township from the village  # fmt: skip
    path = write_xlsx(tmp_path / "p.xlsx", {"S": rows})
    result = run(cast, "family_phones", path)
    assert (result.status, result.rows_imported) == ("committed", 3), [e.as_dict() for e in result.errors]
    school = m.FamilyPhone.objects.get(location="高桥村小学")
    assert (school.township, school.village, school.number) == (cast.place_a, cast.village_a, "0851-5221234")
    assert school.organization == cast.village_union_a
    assert m.FamilyPhone.objects.get(location="镇中心学校").organization == cast.township_a
    office = m.FamilyPhone.objects.get(location="村委会办公室")
    assert (office.township, office.organization) == (cast.place_a, cast.village_union_a)
    assert figure(cast, "three_cares.family_phones") == 3
    assert figure(cast, "three_cares.family_phones", org=cast.village_union_a) == 2
    assert_reimport_changes_nothing(cast, "family_phones", path, m.FamilyPhone, 3)


def test_a_phone_in_another_township_is_refused_and_nothing_is_written(cast, tmp_path):
    rows = [PHONE_HEADER, ["高桥镇", "高桥村", "高桥村小学", "", "2008-06-01"],
            ["水坝塘镇", "水坝塘村", "村小学", "", "2008-06-01"],
            ["高桥镇", "水坝塘村", "村委会", "", "2008-06-01"],
            ["高桥镇", "", "", "", "2008-06-01"],
            ["", "", "镇政府", "", "2008-06-01"]]  # fmt: skip
    result = run(cast, "family_phones", write_xlsx(tmp_path / "p.xlsx", {"S": rows}))
    assert result.status == "rejected" and m.FamilyPhone.objects.count() == 0
    assert errors(result) == [(3, "村(居)委会"), (4, "村(居)委会"), (5, "安装位置"), (6, "乡(镇)")]
    assert "Give the township" in result.errors[3].reason
    assert "outside 高桥镇工会工委" in result.errors[0].reason
    assert "no village or community named 水坝塘村 in 高桥镇" in result.errors[1].reason


def test_a_village_union_imports_phones_of_its_village_only(cast, tmp_path):
    rows = [
        PHONE_HEADER,
        ["高桥镇", "高桥村", "高桥村小学", "", "2008-06-01"],
        ["高桥镇", "", "镇中心学校", "", "2008-06-01"],
    ]
    result = run(
        cast, "family_phones", write_xlsx(tmp_path / "p.xlsx", {"S": rows}), org=cast.village_union_a
    )
    assert errors(result) == [(3, "乡(镇)")] and "outside 高桥村工会" in result.errors[0].reason


def test_a_phone_recorded_on_the_page_with_another_date_is_a_conflict_not_a_second_phone(cast, tmp_path):
    services.install(model=m.FamilyPhone, township=cast.place_a, village=cast.village_a,
                     installed_on=D(2008, 5, 1), location="高桥村小学")  # fmt: skip
    rows = [PHONE_HEADER, ["高桥镇", "高桥村", "高桥村小学", "", "2008-06-01"]]
    result = run(cast, "family_phones", write_xlsx(tmp_path / "p.xlsx", {"S": rows}))
    assert (result.status, dict(result.diff)) == ("committed", {"conflict": 1})
    assert m.FamilyPhone.objects.get().installed_on == D(2008, 5, 1)


def test_the_same_place_twice_in_one_file_is_an_error(cast, tmp_path):
    rows = [PHONE_HEADER, ["高桥镇", "高桥村", "高桥村小学", "", "2008-06-01"],
            ["", "高桥村", "高桥村小学", "", "2008-07-01"]]  # fmt: skip
    result = run(cast, "family_phones", write_xlsx(tmp_path / "p.xlsx", {"S": rows}))
    assert result.status == "rejected" and errors(result) == [(3, "安装位置")]
    assert "repeats row 2" in result.errors[0].reason


def test_mailboxes_from_a_gbk_csv_are_counted_and_reimported_without_change(cast, tmp_path):
    rows = [["亲情信箱台帐"], ["乡镇", "村(社区)", "设置地点", "安装时间"],
            ["高桥镇", "高桥村", "高桥村小学", "2008年6月1日"],
            ["高桥镇", "", "镇中心学校", "2008/7/1"],
            ["合计", "", "2个", ""]]  # fmt: skip
    path = write_csv(tmp_path / "信箱.csv", rows, encoding="gbk")
    result = run(cast, "family_mailboxes", path)
    assert (result.status, result.rows_imported) == ("committed", 2), [e.as_dict() for e in result.errors]
    assert figure(cast, "three_cares.family_mailboxes") == 2
    assert_reimport_changes_nothing(cast, "family_mailboxes", path, m.FamilyMailbox, 2)
    other = write_csv(tmp_path / "b.csv", [["乡镇", "村(社区)", "安装地点", "安装时间"],
                                           ["水坝塘镇", "", "镇政府", "2008-06-01"]])  # fmt: skip
    refused = run(cast, "family_mailboxes", other)
    assert errors(refused) == [(2, "乡镇")] and figure(cast, "three_cares.family_mailboxes") == 2


# ---- 老年人互助会台帐 -----------------------------------------------------------------------------

SOCIETY_HEADER = ["互助会名称", "乡镇", "村(社区)", "会长", "成立日期", "会员人数"]


def test_societies_file_records_societies_once_per_township_and_name(cast, tmp_path):
    rows = [SOCIETY_HEADER, ["高桥村老年人互助会", "高桥镇", "高桥村", "王五", "2008-04-15", "25人"],
            ["高桥镇老年协会", "高桥镇", "", "", "2008-05-01", ""]]  # fmt: skip
    path = write_xlsx(tmp_path / "s.xlsx", {"S": rows})
    result = run(cast, "mutual_aid_societies", path)
    assert (result.status, result.rows_imported) == ("committed", 2), [e.as_dict() for e in result.errors]
    society = m.MutualAidSociety.objects.get(name="高桥村老年人互助会")
    assert (society.village, society.leader_name, society.organization) == (cast.village_a, "王五",
                                                                            cast.village_union_a)  # fmt: skip
    assert society.memberships.count() == 0  # members are added on the society's page
    assert figure(cast, "three_cares.mutual_aid_societies") == 2
    assert_reimport_changes_nothing(cast, "mutual_aid_societies", path, m.MutualAidSociety, 2)
    # The same name again in the township, in another file: the service's rule, one society.
    twice = [SOCIETY_HEADER, ["高桥镇老年协会", "高桥镇", "高桥村", "", "2008-05-01", ""],
             ["高桥镇老年协会", "高桥镇", "", "", "2008-05-01", ""]]  # fmt: skip
    result = run(cast, "mutual_aid_societies", write_xlsx(tmp_path / "t.xlsx", {"S": twice}))
    assert errors(result) == [(3, "互助会名称")] and m.MutualAidSociety.objects.count() == 2
    assert result.diff == {"conflict": 1} and result.diff_rows[0]["changes"] == [["村(社区)", "", "高桥村"]]


def test_a_society_of_another_township_is_refused(cast, tmp_path):
    rows = [SOCIETY_HEADER, ["水坝塘村互助会", "水坝塘镇", "水坝塘村", "", "2008-04-15", ""]]
    result = run(cast, "mutual_aid_societies", write_xlsx(tmp_path / "s.xlsx", {"S": rows}))
    assert errors(result) == [(2, "村(社区)")] and m.MutualAidSociety.objects.count() == 0


def test_a_society_founded_on_the_page_is_left_as_it_is(cast, tmp_path):
    services.found_society(name="高桥村老年人互助会", township=cast.place_a, village=cast.village_a,
                           founded_on=D(2008, 4, 15), leader_name="王五")  # fmt: skip
    rows = [SOCIETY_HEADER, ["高桥村老年人互助会", "高桥", "高桥村", "王五", "2008-04-15", ""]]
    result = run(cast, "mutual_aid_societies", write_xlsx(tmp_path / "s.xlsx", {"S": rows}))
    assert (result.rows_imported, dict(result.diff)) == (0, {"unchanged": 1})


# ---- 返乡农民工座谈会台帐 -------------------------------------------------------------------------

SYMPOSIUM_HEADER = ["举办单位", "座谈时间", "座谈地点", "参会人数", "座谈内容"]


def test_symposiums_file_from_the_county_records_each_township_s_symposium(cast, tmp_path):
    rows = [SYMPOSIUM_HEADER, ["高桥镇", "2008-02-01", "镇政府会议室", "45人", "就业意愿"],
            ["水坝塘镇工会工委", "2008-02-01", "", 30, ""], ["", "2008-02-03", "县总工会", 60, ""]]  # fmt: skip
    path = write_xlsx(tmp_path / "z.xlsx", {"S": rows})
    result = run(cast, "symposiums", path, org=cast.county)
    assert (result.status, result.rows_imported) == ("committed", 3), [e.as_dict() for e in result.errors]
    owners = set(m.ReturneeSymposium.objects.values_list("organization__name", flat=True))
    assert owners == {"高桥镇工会工委", "水坝塘镇工会工委", "黔山县总工会"}
    assert m.ReturneeSymposium.objects.get(organization=cast.township_a).attendees == 45
    assert_reimport_changes_nothing(cast, "symposiums", path, m.ReturneeSymposium, 3, org=cast.county)


def test_symposium_rows_the_service_would_refuse(cast, tmp_path):
    services.record_symposium(organization=cast.township_a, held_on=D(2008, 2, 1), attendees=40)
    rows = [SYMPOSIUM_HEADER, ["水坝塘镇", "2008-02-01", "", 30, ""],  # another township
            ["高桥镇", "2008-02-02", "", 0, ""],
            ["高桥", "2008-02-05", "", 10, ""], ["高桥镇工会工委", "2008-02-05", "", 10, ""],  # the same one twice
            ["某某公司", "2008-02-06", "", 10, ""],
            ["高桥镇", "2008-02-01", "", 40, ""]]  # already recorded on the page: left as it is  # fmt: skip
    result = run(cast, "symposiums", write_xlsx(tmp_path / "z.xlsx", {"S": rows}))
    assert result.status == "rejected" and m.ReturneeSymposium.objects.count() == 1
    assert errors(result) == [(2, "举办单位"), (3, "参会人数"), (5, "座谈时间"), (6, "举办单位")]
    assert "outside 高桥镇工会工委" in result.errors[0].reason and "repeats row 4" in result.errors[2].reason
    assert result.diff["unchanged"] == 1


# ---- 农民工技能培训台帐, 农民工职业介绍台帐: re-imports ------------------------------------------------


def test_trainings_and_referrals_reimported_are_not_duplicated(cast, tmp_path):
    trainings = write_xlsx(tmp_path / "t.xlsx", {"S": [["培训名称", "培训时间", "培训人数", "培训经费"],
                                                       ["电焊班", "2008-03-01", 60, "3,000元"]]})  # fmt: skip
    assert run(cast, "trainings", trainings).rows_imported == 1
    assert_reimport_changes_nothing(cast, "trainings", trainings, m.Training, 1)
    changed = write_xlsx(tmp_path / "t2.xlsx", {"S": [["培训名称", "培训时间", "培训人数", "培训经费"],
                                                      ["电焊班", "2008-03-01", 70, "3,000元"]]})  # fmt: skip
    result = run(cast, "trainings", changed)
    assert (result.rows_imported, dict(result.diff)) == (0, {"conflict": 1})
    assert m.Training.objects.get().trainee_count == 60
    referrals = write_xlsx(tmp_path / "r.xlsx", {"S": [["活动名称", "举办时间", "介绍人数", "实现就业人数"],
                                                       ["春风行动", "2008-03-01", 10, 8]]})  # fmt: skip
    assert run(cast, "referrals", referrals).rows_imported == 1
    assert_reimport_changes_nothing(cast, "referrals", referrals, m.ReferralEvent, 1)
    assert figure(cast, "three_cares.trainings") == 1


def test_the_command_reports_a_reimport_as_matched_rows(cast, tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", {"S": [["乡镇", "村(社区)", "安装地点", "安装时间"],
                                                  ["高桥镇", "高桥村", "高桥村小学", "2008-06-01"]]})  # fmt: skip
    for expected in ((1, 0), (0, 1)):
        out = io.StringIO()
        call_command("import", "family_mailboxes", str(path), "--org", "高桥镇工会工委", "--json", stdout=out)
        data = json.loads(out.getvalue())
        assert (data["status"], data["rows_imported"], data["rows_updated"]) == ("committed", *expected)
    assert m.FamilyMailbox.objects.count() == 1


@pytest.mark.parametrize("code", ["medical_waivers", "family_phones", "family_mailboxes", "mutual_aid_societies",
                                  "symposiums"])  # fmt: skip
def test_the_ledger_page_lists_the_new_kinds(client, cast, code):
    client.force_login(cast.township_a_officer)
    html = client.get("/ledgers/").content.decode()
    assert f"/ledgers/{code}/" in html and get_kind(code).title in html
