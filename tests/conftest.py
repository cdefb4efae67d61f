"""One standard cast for every test: a county, two townships, their officers, a leader, an auditor."""

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import transaction

from gonghui.orgs.models import Organization, Place, Role

from .factories import OrganizationFactory, PersonFactory, PlaceFactory, UserFactory, id_number

PASSWORD = "Test#Pass2008"


@dataclass
class Cast:
    county: Organization
    township_a: Organization
    township_b: Organization
    village_union_a: Organization
    place_a: Place
    place_b: Place
    village_a: Place
    village_b: Place
    county_admin: object
    township_a_officer: object
    township_b_officer: object
    grassroots_officer: object
    leader: object
    auditor: object


@pytest.fixture
def cast(db):
    county = OrganizationFactory(name="黔山县总工会", code="QS", level="county", category="federation")
    township_a = OrganizationFactory(name="高桥镇工会工委", code="QS-T02", level="committee", category="township",
                                     parent=county)  # fmt: skip
    township_b = OrganizationFactory(name="水坝塘镇工会工委", code="QS-T03", level="committee", category="township",
                                     parent=county)  # fmt: skip
    village_union_a = OrganizationFactory(name="高桥村工会", code="QS-T02-V01", level="grassroots",
                                          category="village", parent=township_a)  # fmt: skip
    county_place = PlaceFactory(
        name="黔山县", kind="county", organization=county, division_code="520199000000"
    )
    place_a = PlaceFactory(name="高桥镇", kind="township", parent=county_place, organization=township_a)
    place_b = PlaceFactory(name="水坝塘镇", kind="township", parent=county_place, organization=township_b)
    village_a = PlaceFactory(name="高桥村", parent=place_a, organization=village_union_a)
    village_b = PlaceFactory(name="水坝塘村", parent=place_b, organization=township_b)
    return Cast(
        county=county,
        township_a=township_a,
        township_b=township_b,
        village_union_a=village_union_a,
        place_a=place_a,
        place_b=place_b,
        village_a=village_a,
        village_b=village_b,
        county_admin=UserFactory(username="county_admin", organization=county, role=Role.FEDERATION_ADMIN),
        township_a_officer=UserFactory(
            username="officer_a", organization=township_a, role=Role.COMMITTEE_OFFICER
        ),
        township_b_officer=UserFactory(
            username="officer_b", organization=township_b, role=Role.COMMITTEE_OFFICER
        ),
        grassroots_officer=UserFactory(
            username="village_a", organization=village_union_a, role=Role.GRASSROOTS_OFFICER
        ),  # fmt: skip
        leader=UserFactory(username="leader", organization=county, role=Role.LEADER),
        auditor=UserFactory(username="auditor", organization=county, role=Role.AUDITOR),
    )


@pytest.fixture
def person_a(cast):
    return PersonFactory(name="张三", township=cast.place_a, village=cast.village_a, phone="13800001111",
                         id_no=id_number(123))  # fmt: skip


def pytest_configure(config):
    from django.conf import settings

    # PBKDF2 at full strength costs ~0.3 s a user; tests make many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests assert messages in their English source; the zh_Hans catalog has tests of its own
    # (tests/i18n), and browser tests ask for Chinese as an officer's browser does.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


@contextmanager
def built_once(django_db_blocker, build):
    """Data built once for a module (the demo county: 5-10 s) and shared read-only by its tests.

    Use in a module-scoped fixture that depends on ``django_db_setup``: the data lives in a
    transaction around the module's tests, each test runs in a savepoint inside it (the ``db``
    fixture), and everything is rolled back when the module ends, so no other test sees it.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build()
            transaction.set_rollback(True)
