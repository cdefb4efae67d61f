import datetime
import random
from decimal import Decimal

from gonghui.assistance import demo as assistance_demo
from gonghui.assistance.models import HardshipArchive, HotlineCall, ModelWorker, Payment, RightsCase
from gonghui.orgs import demo as orgs_demo
from gonghui.orgs.models import Organization, Place
from gonghui.people import demo as people_demo
from gonghui.reporting import indicators
from tests.factories import PersonFactory

CODES = [
    "assistance.amount",
    "assistance.person_times",
    "assistance.spring_festival_committees",
    "rights.cases",
    "rights.people",
    "rights.amount_recovered",
    "three_cares.rights_cases",
    "three_cares.rights_people",
]


def test_demo_county_reproduces_the_seed_figures_of_section_two_one_and_is_idempotent(db):
    orgs_demo.build(random.Random("gonghui-demo-orgs"))
    people_demo.build(random.Random("gonghui-demo-people"))
    assistance_demo.build(random.Random("gonghui-demo-assistance"))
    counts = [model.objects.count() for model in (Payment, HotlineCall, ModelWorker, RightsCase)]
    # The demo village's officer (gaoqiaocun) opens assistance on a year with its own households.
    assert HardshipArchive.objects.filter(organization__code="QS-T02-V01").count() >= 3
    # Later areas add residents of their own; a second run must still draw the same people.
    village = Place.objects.villages().order_by("division_code").first()
    PersonFactory(
        name="后来人", township=village.parent, village=village, birth_date=datetime.date(1960, 1, 1)
    )
    assistance_demo.build(random.Random("gonghui-demo-assistance"))
    assert [model.objects.count() for model in (Payment, HotlineCall, ModelWorker, RightsCase)] == counts

    year = indicators.Period.year(2008)
    county = indicators.compute(Organization.objects.get(name="黔山县总工会"), year, CODES)
    assert county["assistance.amount"] > 150000
    assert county["assistance.person_times"] > 900
    assert county["assistance.spring_festival_committees"] == 24
    assert county["three_cares.rights_cases"] == 98
    assert county["three_cares.rights_people"] == 99
    assert county["rights.cases"] >= 98
    assert county["rights.amount_recovered"] >= 300000
    edu = indicators.compute(Organization.objects.get(name="教育工会"), year, CODES)
    assert edu["assistance.amount"] > 60000
    assert edu["assistance.person_times"] > 500

    # The figures equal the rows, summed independently of the QuerySet helpers.
    paid = [p for p in Payment.objects.all() if p.status == "paid" and p.paid_on.year == 2008]
    assert county["assistance.amount"] == sum((p.amount for p in paid), Decimal(0))
    kinds = {p.beneficiary_kind for p in paid}
    assert {"hardship_worker", "migrant_worker", "model_worker", "child"} <= kinds
    case = RightsCase.objects.get(people__person__name="张元飞")
    assert case.amount_recovered == 300000
    assert case.people.get().is_migrant_worker
