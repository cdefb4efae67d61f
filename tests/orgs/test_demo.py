import random

import pytest
from django.db.models import Sum

from gonghui.orgs import demo as org_demo
from gonghui.orgs.models import Enterprise, Organization, Place, Role, User
from gonghui.people import demo as people_demo
from gonghui.people.models import Person
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


def _build():
    org_demo.build(rng=random.Random("gonghui-demo-orgs"))
    people_demo.build(rng=random.Random("gonghui-demo-people"))
    return Organization.objects.get(name="黔山县总工会")


@pytest.fixture(scope="module")
def shared_county(django_db_setup, django_db_blocker):
    """The demo county, built once for this module; tests only read it (or write inside their savepoint)."""
    with built_once(django_db_blocker, _build) as county:
        yield county


@pytest.fixture
def county(shared_county, db):
    return shared_county


def snapshot():
    return {
        "orgs": sorted(Organization.objects.values_list("code", "path", "name")),
        "places": Place.objects.count(),
        "enterprises": sorted(Enterprise.objects.values_list("credit_code", "name")),
        "people": Person.objects.count(),
        "users": User.objects.count(),
    }


def test_demo_county_has_38_committees_of_which_24_townships(county):
    committees = Organization.objects.committees().filter(parent=county)
    assert committees.count() == 38
    assert committees.filter(category="township").count() == 24
    assert committees.filter(category="county_organs").count() == 1
    assert committees.filter(name="教育工会").exists()


def test_demo_has_61_pairs_of_township_coal_mines(county):
    mines = Enterprise.objects.coal_mines()
    assert mines.aggregate(n=Sum("coal_mine_pairs"))["n"] == 61
    assert all(m.township_id for m in mines)


@pytest.mark.parametrize(
    ("township", "village"), [("高桥镇", "高桥村"), ("水坝塘镇", "水坝塘村"), ("风水乡", "风水村")]
)
def test_the_seeds_townships_exist_with_their_villages(county, township, village):
    place = Place.objects.get(name=township, kind="township")
    assert place.children.filter(name=village).exists()
    assert place.organization.name == f"{township}工会工委"


def test_every_role_has_a_demo_user(county):
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_demo_people_are_in_villages_with_valid_id_numbers(county):
    assert Person.objects.count() == people_demo.DEMO_PEOPLE + len(people_demo.NAMED_RESIDENTS)
    assert Person.objects.search("zs").filter(name="张三").exists()
    assert not Person.objects.filter(village__isnull=True).exists()
    assert not Person.objects.filter(id_number_hash__isnull=True).exists()


def test_running_the_demo_twice_gives_the_same_county(county):
    before = snapshot()
    org_demo.build(rng=random.Random("gonghui-demo-orgs"))
    people_demo.build(rng=random.Random("gonghui-demo-people"))
    assert snapshot() == before
