import datetime

import pytest

from gonghui.membership import services
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number


@pytest.fixture
def workplace_a(cast):
    """A workplace of 50 staff (20 women) with its own union under township A."""
    ent = EnterpriseFactory(name="高桥茶厂", organization=cast.township_a, township=cast.place_a, staff_count=50,
                            women_staff_count=20)  # fmt: skip
    union = OrganizationFactory(name="高桥茶厂工会", code="QS-T02-E01", level="grassroots", category="enterprise",
                                parent=cast.township_a, enterprise=ent)  # fmt: skip
    ent.organization = union
    ent.save()
    return ent


@pytest.fixture
def union_a(workplace_a):
    return workplace_a.organization


@pytest.fixture
def union_b(cast):
    return OrganizationFactory(name="水坝塘煤矿工会", code="QS-T03-M01", level="grassroots", category="coal_mine",
                               parent=cast.township_b)  # fmt: skip


@pytest.fixture
def worker(cast):
    """Born on 8 March 1975 (from the ID number)."""
    return PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, id_no=id_number(321))


@pytest.fixture
def member_a(worker, union_a):
    return services.join_member(
        person=worker, union=union_a, joined_on=datetime.date(2008, 5, 1), card_number="K1"
    )


@pytest.fixture
def member_b(cast, union_b):
    person = PersonFactory(name="王五", township=cast.place_b, village=cast.village_b, id_no=id_number(654))
    return services.join_member(person=person, union=union_b, joined_on=datetime.date(2008, 6, 1))
