"""Mines for tests of other areas too (the ledger templates' example rows name one)."""

import datetime

from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.safety import services
from tests.factories import EnterpriseFactory, OrganizationFactory

EXAMPLE_MINE = "黔山县高桥一号煤矿"


def coal_mine(cast, name=EXAMPLE_MINE, pairs=2):
    union = OrganizationFactory(
        parent=cast.township_a, name=f"{name}工会", level="grassroots", category="coal_mine"
    )
    enterprise = EnterpriseFactory(name=name, organization=union, township=cast.place_a, is_coal_mine=True,
                                   coal_mine_pairs=pairs)  # fmt: skip
    return services.save_workplace(enterprise=enterprise, kind="coal", status="producing",
                                   status_since=datetime.date(2007, 1, 1))  # fmt: skip


def example_mine(cast):
    """The mine the safety templates' example rows name, with 张三 its supervisor on duty."""
    mine = coal_mine(cast)
    person = Person(name="张三", name_initials="zs", township=cast.place_a)
    person.set_id_number(idnumbers.make_valid("520199", datetime.date(1962, 7, 1), 2))
    person.save()
    services.add_supervisor(workplace=mine, person=person)
    return mine
