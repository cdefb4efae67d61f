import pytest

from gonghui.people.models import Person
from tests.factories import PersonFactory, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast, person_a):
    PersonFactory(name="张小燕", township=cast.place_a, village=cast.village_a, id_no=id_number(222))
    PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, phone="13912345678")
    PersonFactory(name="王张", township=cast.place_b, village=cast.village_b)
    return Person.objects.all()


def names(qs):
    return sorted(qs.values_list("name", flat=True))


def test_pinyin_initials_zs_find_zhang_san(people):
    assert names(people.search("zs")) == ["张三"]


def test_initials_are_case_insensitive_and_prefix(people):
    assert names(people.search("Z")) == ["张三", "张小燕"]


def test_name_search_is_by_prefix_as_officers_type_the_surname_first(people):
    assert names(people.search("张")) == ["张三", "张小燕"]


def test_full_id_number_finds_exactly_one_person_even_typed_messily(people, person_a):
    messy = " " + person_a.clear_id_number().lower() + " "
    assert list(people.search(messy)) == [person_a]


def test_phone_digits_find_the_person(people):
    assert names(people.search("13912345678")) == ["李四"]
    assert names(people.search("5678")) == ["李四"]  # the last four (尾号)


@pytest.mark.parametrize("digits, found", [("1391234", True), ("345678", True), ("12345678", True),
                                            ("1234", False), ("139", False), ("9123", False)])  # fmt: skip
def test_phone_digits_are_its_start_or_its_end(people, digits, found):
    assert names(people.search(digits)) == (["李四"] if found else [])


def test_the_last_four_digits_follow_a_changed_phone(people):
    li = Person.objects.get(name="李四")
    li.phone = "13800009999"
    li.save()
    assert names(Person.objects.search("9999")) == ["李四"] and not Person.objects.search("5678").exists()


def test_empty_search_returns_everyone(people):
    assert people.search("").count() == 4


def test_initials_are_kept_up_to_date_when_the_name_changes(people, person_a):
    person_a.name = "赵六"
    person_a.save()
    assert names(Person.objects.search("zl")) == ["赵六"]


@pytest.mark.parametrize("text", ["张", "zs", "13912345678", ""])
def test_a_page_in_name_order_holds_what_the_search_finds(people, text):
    from django.db import connection

    from gonghui.people import models

    found = people.search(text)
    page = found.in_name_order(text)
    assert list(page) == list(found.order_by("name", "pk"))
    bound = '"people_person"."name" >='
    bounded = str(page.query).count(bound) > str(found.query).count(bound)
    # PostgreSQL's page of a name search starts its walk at the text, a page of initials sorts
    # every match (see in_name_order).
    postgresql = connection.vendor == "postgresql"
    assert bounded == (text == "张" and postgresql and models._codepoint_collation())
    assert ("* 0" in str(page.query)) == (text == "zs" and postgresql)
