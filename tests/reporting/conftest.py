"""A small demo county built once per module: organisations, people, Three Cares at 1%, and a
few assistance payments and rights cases written directly (these tests need a few rows, not the
assistance demo's thousand payments and their lifecycle)."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import transaction


def add_assistance_rows(county):
    from gonghui.assistance import models as am
    from gonghui.orgs.models import Organization
    from gonghui.people.models import Person

    committees = list(
        Organization.objects.committees().filter(parent=county, category="township").order_by("path")
    )
    people = list(Person.objects.order_by("pk")[:60])
    programme = am.Programme.objects.create(organization=county, year=2008, kind="holiday_warmth",
                                            name="2008年春节送温暖", festival="spring_festival")  # fmt: skip
    payments = []
    for i, person in enumerate(people[:40]):
        org = committees[i % 5]
        day = datetime.date(2008, 1 + i % 12, 10)
        payments.append(am.Payment(organization=org, programme=programme, person=person, beneficiary_kind="hardship_worker",
                                   amount=Decimal(200 + 10 * i), fund_source="higher_union", status="paid",
                                   applied_on=day, paid_on=day))  # fmt: skip
    am.Payment.objects.bulk_create(payments)
    first = payments[0]
    am.Payment.objects.create(organization=first.organization, programme=programme, person=first.person,
                              beneficiary_kind="hardship_worker", amount=-first.amount, fund_source="higher_union",
                              status="paid", applied_on=first.paid_on, paid_on=datetime.date(2008, 3, 1),
                              reverses=first, reversal_reason="重复发放")  # fmt: skip
    for i in range(6):
        case = am.RightsCase.objects.create(organization=committees[i % 3], code=f"T-2008-{i}", title=f"欠薪案{i}",
                                            kind=am.RightsCase.Kind.values[0], received_on=datetime.date(2008, 2 + i, 5),
                                            amount_claimed=Decimal(20000 + i), amount_recovered=Decimal(10000 + i))  # fmt: skip
        for person in people[40 + 2 * i : 42 + 2 * i]:
            am.CasePerson.objects.create(case=case, person=person, is_migrant_worker=i % 2 == 0)


def build_small_county(scale=0.01):
    from gonghui.orgs import demo as orgs_demo
    from gonghui.orgs.models import Organization
    from gonghui.people import demo as people_demo
    from gonghui.threecares import demo as threecares_demo

    orgs_demo.build(random.Random("gonghui-demo-orgs"))
    people_demo.build(random.Random("gonghui-demo-people"))
    threecares_demo.build(random.Random("gonghui-demo-threecares"), scale=scale)
    county = Organization.objects.get(code="QS")
    add_assistance_rows(county)
    return county


@pytest.fixture(scope="module")
def small_county(django_db_setup, django_db_blocker):
    """The small demo county; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        county = build_small_county()
        yield county
        transaction.set_rollback(True)
