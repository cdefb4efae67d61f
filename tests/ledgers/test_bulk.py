import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.ledgers.bulk import fast_initials
from gonghui.people.demo import GIVEN, SURNAMES
from gonghui.people.pinyin import initials

common = st.sampled_from(SURNAMES + GIVEN + "长重乐朝行单曾解区·A x")
anything = st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.one_of(common, anything), max_size=6))
def test_fast_initials_are_exactly_those_the_person_form_stores(name):
    assert fast_initials(name) == initials(name)


def _columns(obj):
    skip = {"id", "created_at", "updated_at"}
    return {
        f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields if f.attname not in skip
    }


@pytest.mark.django_db
def test_a_person_written_in_bulk_has_every_column_the_form_would_store(cast):
    from gonghui.ledgers.bulk import insert_dicts
    from gonghui.ledgers.persons import ensure_people, person_values
    from gonghui.people.models import Person
    from tests.factories import id_number

    number = id_number(4242)
    saved = Person(name="  李四 ", village=cast.village_a, phone="13900000000")
    saved.set_id_number(number)
    saved.save()
    expected = _columns(Person.objects.get(pk=saved.pk))
    saved.delete()

    insert_dicts(
        Person, [person_values(name="  李四 ", id_number=number, village=cast.village_a, phone="13900000000")]
    )
    bulk = Person.objects.get(id_number_hash=expected["id_number_hash"])
    assert _columns(bulk) | {"id_number_cipher": ""} == expected | {"id_number_cipher": ""}
    assert bulk.clear_id_number() == number and bulk.created_at and bulk.updated_at

    found = ensure_people(
        [{"id_number": number, "name": "李四"}, {"id_number": id_number(4243), "name": "王五"}]
    )
    assert found[number].pk == bulk.pk
    assert Person.objects.get(pk=found[id_number(4243)].pk).name == "王五"


@pytest.mark.django_db
def test_a_registry_row_written_in_bulk_takes_objects_and_defaults(cast):
    from gonghui.ledgers.bulk import insert_dicts
    from gonghui.threecares.models import OutMigrant
    from tests.factories import PersonFactory

    person = PersonFactory(township=cast.place_a, village=cast.village_a)
    insert_dicts(OutMigrant, [{"person": person, "township_id": cast.place_a.pk, "village": cast.village_a,
                               "organization": cast.village_union_a, "registered_on": datetime.date(2008, 3, 1)}])  # fmt: skip
    row = OutMigrant.objects.get()
    assert (row.person, row.village, row.organization) == (person, cast.village_a, cast.village_union_a)
    assert row.registered_on == datetime.date(2008, 3, 1) and row.employer == "" and row.created_at


@pytest.mark.django_db
def test_people_ensured_by_id_give_the_same_people_as_instances_and_new_keys_are_never_reused(cast):
    from gonghui.ledgers.bulk import insert_dicts
    from gonghui.ledgers.persons import ensure_people, person_values
    from gonghui.people import idnumbers
    from gonghui.people.models import Person
    from tests.factories import PersonFactory, id_number

    registered = PersonFactory(township=cast.place_a, village=cast.village_a, id_no=id_number(4300))
    rows = [{"id_number": id_number(n), "name": f"人{n}", "village": cast.village_a} for n in range(4300, 4306)]
    hashes = {row["id_number"]: idnumbers.lookup_hash(row["id_number"]) for row in rows}
    ids = ensure_people(rows, hashes=hashes, ids_only=True, village="village")
    assert ids[id_number(4300)] == registered.pk and len(set(ids.values())) == 6
    for number, pk in ids.items():
        person = Person.objects.get(pk=pk)
        assert (person.id_number_hash, person.clear_id_number()) == (hashes[number], number)
        assert person.township_id == cast.place_a.pk  # the village's township, as the form sets it
    assert ensure_people(rows)[id_number(4303)].pk == ids[id_number(4303)]  # nothing created twice
    assert Person.objects.count() == 6

    # A number the caller already knows is not registered is created without being looked up again.
    fresh = {"id_number": id_number(4399), "name": "新人"}
    made = ensure_people([fresh], known={id_number(4399): None})
    assert made[id_number(4399)].name == "新人" and made[id_number(4399)].pk not in ids.values()
    # Keys handed out by the sequence (PostgreSQL) are the ones the rows have; later inserts go past them.
    keys = insert_dicts(Person, [person_values(name="后来", id_number=id_number(4398))], ids=True)
    later = Person.objects.create(name="又一个", id_number_masked="")
    assert later.pk > max([*ids.values(), made[id_number(4399)].pk, *(keys or [0])])
