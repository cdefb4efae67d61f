"""A ledger never reads or changes a person outside the importer's subtree (every kind that takes people).

Township A imports rows naming a person who lives in township B: with a wrong name the row is
refused without naming the person or their unit; with the right name the record is linked (and
the link audited) while the person stays as township B keeps them; a row without an ID number
never matches anyone of township B by name.
"""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from gonghui.assistance.models import Programme
from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import all_kinds, get_kind
from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.people.services import NAME_MISMATCH
from tests.factories import PersonFactory

from .files import write_xlsx

pytestmark = pytest.mark.django_db

PERSON_KINDS = [kind for kind in all_kinds() if kind.person_keys()]
# Kinds whose rows need a record first (the example row of FIRST's kind, imported by township A).
FIRST = {
    "pairings": "elders",
    "visits": "elders",
    "medical_waivers": "elders",
    "assistance_payments": "hardship_archives",
    "safety_exam_results": "safety_supervisors",
}
# Kinds whose example row names records of their own area that the tests here do not build (a
# campaign, a coal mine): with the right name their rows pass the person rule and stop later.
OWN_NAME = "王乙某"
PHONE, ADDRESS = "13900009999", "水坝塘村5组"


def example_file(kind, tmp_path, *, name, id_number=None, tag=""):
    """The kind's template example row, with the person's name (and ID number) replaced."""
    header = [c.header for c in kind.columns]
    id_key, name_key = kind.person_keys()
    row = []
    for column in kind.columns:
        value = column.example
        if column.key == name_key:
            value = name
        elif column.key == id_key:
            value = example_id(kind) if id_number is None else id_number
        row.append(value if value != "" else None)
    path = tmp_path / f"{kind.code}{tag}.xlsx"
    return str(write_xlsx(path, {"Sheet1": [header, row]}))


def example_id(kind):
    example = next(c.example for c in kind.columns if c.key == kind.person_keys()[0])
    try:
        return idnumbers.validate(example)
    except ValidationError:  # no example (an optional column), or one to be fixed in the template
        return idnumbers.make_valid("520199", datetime.date(1975, 3, 8), 16)


@pytest.fixture
def other_township_person(cast):
    def make(kind):
        # The person of township B bears the ID number of the kind's example row.
        return PersonFactory(name=OWN_NAME, township=cast.place_b, village=cast.village_b, phone=PHONE,
                             address=ADDRESS, id_no=example_id(kind))  # fmt: skip

    return make


def run(kind, path, cast, **options):
    return run_import(kind, path, organization=cast.township_a, user=cast.township_a_officer, **options)


def named_records(kind, cast):
    """The campaign or coal mine an example row names."""
    from tests.ledgers.test_every_template import NEEDS_A_CAMPAIGN, NEEDS_A_COAL_MINE, example_campaign

    if kind.code in NEEDS_A_CAMPAIGN:
        example_campaign(cast)
    if kind.code in NEEDS_A_COAL_MINE:
        from tests.safety.factories import example_mine

        example_mine(cast)


def prepare(kind, cast, tmp_path):
    """What an example row names must exist: a programme, a campaign, a coal mine, a first ledger."""
    named_records(kind, cast)
    if kind.code in ("assistance_payments", "hardship_archives"):
        Programme.objects.get_or_create(organization=cast.county, year=2008, kind=Programme.Kind.HOLIDAY_WARMTH,
                                        name="2008年元旦春节送温暖")  # fmt: skip
    first = FIRST.get(kind.code)
    if first:
        first_kind = get_kind(first)
        result = run(first_kind, example_file(first_kind, tmp_path, name=OWN_NAME, tag="-first"), cast)
        assert result.status == "committed", [e.as_dict() for e in result.errors]


def said(result, kind):
    return json.dumps(result.as_summary(kind), ensure_ascii=False, default=str)


@pytest.mark.parametrize("kind", PERSON_KINDS, ids=lambda k: k.code)
def test_another_townships_id_number_with_a_wrong_name_is_refused_naming_nobody(kind, cast, tmp_path,
                                                                                other_township_person):  # fmt: skip
    person = other_township_person(kind)
    named_records(kind, cast)
    result = run(kind, example_file(kind, tmp_path, name="张冒名"), cast)
    assert result.status == "rejected"
    id_header = next(c.header for c in kind.columns if c.key == kind.person_keys()[0])
    assert [(e.column, e.reason) for e in result.errors] == [(id_header, str(NAME_MISMATCH))]
    text = said(result, kind)
    for secret in (OWN_NAME, "水坝塘", cast.township_b.name, PHONE):
        assert secret not in text
    person.refresh_from_db()
    assert (person.name, person.phone, person.address) == (OWN_NAME, PHONE, ADDRESS)
    assert not Person.objects.visible_to(cast.township_a_officer).filter(pk=person.pk).exists()


@pytest.mark.parametrize("kind", PERSON_KINDS, ids=lambda k: k.code)
def test_with_the_right_name_the_record_is_linked_and_the_person_left_as_kept(kind, cast, tmp_path,
                                                                             other_township_person):  # fmt: skip
    person = other_township_person(kind)
    prepare(kind, cast, tmp_path)
    result = run(kind, example_file(kind, tmp_path, name=OWN_NAME), cast)
    assert result.status == "committed", [e.as_dict() for e in result.errors]
    assert Person.objects.filter(name=OWN_NAME).count() == 1  # linked, not copied
    person.refresh_from_db()
    assert (person.name, person.phone, person.address, person.township_id, person.village_id) == (
        OWN_NAME, PHONE, ADDRESS, cast.place_b.pk, cast.village_b.pk)  # fmt: skip
    links = LogEntry.objects.filter(object_pk=str(person.pk), action=LogEntry.Action.ACCESS)
    if kind.code == "people":
        assert result.diff["conflict"] == 1  # the register of people links nothing
    else:
        assert result.rows_imported == 1
        assert links.exists(), "the link to a person of another township is audited"
        assert cast.township_a.name in json.dumps(links.first().changes, ensure_ascii=False)


@pytest.mark.parametrize("kind", PERSON_KINDS, ids=lambda k: k.code)
def test_a_row_without_an_id_number_never_matches_a_person_of_another_township(kind, cast, tmp_path,
                                                                               other_township_person):  # fmt: skip
    person = other_township_person(kind)
    result = run(kind, example_file(kind, tmp_path, name=OWN_NAME, id_number=""), cast)
    person.refresh_from_db()
    assert (person.phone, person.address, person.township_id) == (PHONE, ADDRESS, cast.place_b.pk)
    assert not Person.objects.visible_to(cast.township_a_officer).filter(pk=person.pk).exists()
    if kind.code == "people":
        # A new person of township A, not township B's person by name.
        assert result.status == "committed" and result.diff["new"] == 1
        assert Person.objects.filter(name=OWN_NAME).count() == 2
    else:
        assert result.status == "rejected"  # the ID number is required


def test_a_name_only_row_matching_a_person_of_the_subtree_is_reported_naming_the_row(cast, tmp_path):
    kind = get_kind("people")
    mine = PersonFactory(name="李甲", township=cast.place_a, village=cast.village_a, phone="13800000001")
    header = ["姓名", "联系电话", "乡镇", "村(社区)"]
    path = str(
        write_xlsx(tmp_path / "p.xlsx", {"Sheet1": [header, ["李甲", "13800000002", "高桥镇", "高桥村"]]})
    )
    result = run(kind, path, cast)
    assert result.status == "committed"
    mine.refresh_from_db()
    assert mine.phone == "13800000002"
    assert [w.row for w in result.warnings] == [2] and "Row 2" in result.warnings[0].reason


def test_the_owning_township_sees_which_units_hold_records_about_its_person(cast, tmp_path, client,
                                                                          other_township_person):  # fmt: skip
    kind = get_kind("elders")
    person = other_township_person(kind)
    assert run(kind, example_file(kind, tmp_path, name=OWN_NAME), cast).status == "committed"
    client.force_login(cast.township_b_officer)
    page = client.get(person.get_absolute_url()).content.decode()
    assert 'id="held-elsewhere"' in page and cast.township_a.name in page
    client.force_login(cast.township_a_officer)
    page = client.get(person.get_absolute_url())
    assert page.status_code == 200 and 'id="held-elsewhere"' not in page.content.decode()
    # Township A sees the person through its record but may not change them.
    assert client.get(f"/people/{person.pk}/edit/").status_code == 404


def test_a_person_of_another_township_seen_through_a_record_is_not_merged_away(
    cast, tmp_path, other_township_person
):
    from django.core.exceptions import ValidationError

    from gonghui.people.services import merge_people

    kind = get_kind("elders")
    person = other_township_person(kind)
    assert run(kind, example_file(kind, tmp_path, name=OWN_NAME), cast).status == "committed"
    mine = PersonFactory(name=OWN_NAME, township=cast.place_a, village=cast.village_a)
    with pytest.raises(ValidationError) as refused:
        merge_people(keep=mine, remove=person, by=cast.township_a_officer)
    assert refused.value.code == "outside"
    assert Person.objects.filter(pk=person.pk).exists()


def test_what_a_people_file_says_differently_is_a_suggestion_for_the_owning_unit(cast, tmp_path, client,
                                                                                 other_township_person):  # fmt: skip
    kind = get_kind("people")
    person = other_township_person(kind)
    result = run(kind, example_file(kind, tmp_path, name=OWN_NAME), cast)  # the example's phone is another
    assert result.status == "committed" and PHONE not in said(result, kind)
    person.refresh_from_db()
    assert person.phone == PHONE
    client.force_login(cast.township_b_officer)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "13800001111" in page and cast.township_a.name in page
    client.force_login(cast.township_a_officer)
    assert client.get(person.get_absolute_url()).status_code == 404  # the people register links nothing
