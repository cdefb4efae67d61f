import datetime
import itertools
import random
from collections import Counter
from decimal import Decimal

from gonghui.assistance import demo as assistance_demo
from gonghui.assistance import services
from gonghui.assistance.models import (
    PAYMENT_MOVES,
    HardshipArchive,
    HotlineCall,
    HouseholdMember,
    ModelWorker,
    Payment,
    PaymentStatus,
    PaymentStep,
    PublicNotice,
    RightsCase,
)
from gonghui.core.calendar import is_working_day, working_days_between
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

    # The demo writes its payments in bulk: every row is one the services would have written.
    _the_demo_payments_pass_the_payment_rules()


def _the_demo_payments_pass_the_payment_rules():
    steps = {}
    for step in PaymentStep.objects.order_by("payment", "on", "pk"):
        steps.setdefault(step.payment_id, []).append(step)
    payments = list(Payment.objects.select_related("programme__organization", "notice", "archive__head", "person"))
    person_totals = Counter()
    household_totals = Counter()
    for p in payments:
        person_totals[p.programme_id, p.person_id] += p.amount
        if p.archive_id:
            household_totals[p.archive_id] += p.amount
    members = {}
    for archive_id, person_id in HouseholdMember.objects.values_list("archive_id", "person_id"):
        members.setdefault(archive_id, set()).add(person_id)
    lines = {}
    for p in payments:
        trail = steps[p.pk]
        assert p.status == PaymentStatus.PAID and p.paid_on == trail[-1].on
        if p.is_reversal:
            assert [s.status for s in trail] == [PaymentStatus.PAID] and trail[0].note
            continue
        assert [s.status for s in trail] == ["applied", "reviewed", "noticed", "approved", "paid"]
        for before, after in itertools.pairwise(trail):
            assert (before.status, after.status) in PAYMENT_MOVES and before.on <= after.on
        assert trail[0].on == p.applied_on and trail[0].by_id == p.created_by_id
        # The notice ran five working days (the day of posting counts when it is one) before approval.
        notice = p.notice
        assert trail[2].on == notice.posted_on and trail[3].on >= notice.earliest_approval()
        days = working_days_between(notice.posted_on, notice.ends_on) + is_working_day(notice.posted_on)
        assert days == PublicNotice.MIN_WORKING_DAYS and is_working_day(notice.ends_on)
        services.check_approver(payment=p, by=trail[3].by)
        services.check_payable(archive=p.archive, person=p.person, beneficiary_kind=p.beneficiary_kind,
                               member_ids={p.archive.head_id, *members.get(p.archive_id, ())} if p.archive else None)  # fmt: skip
        if p.archive is not None:
            key = (p.archive.head.village_id, p.archive.head.township_id)
            line = lines.setdefault(key, p.archive.eligibility_line(2008))
            p.archive.eligibility_line = lambda year, line=line: line
        services.check_caps(programme=p.programme, person=p.person, archive=p.archive, amount=p.amount, year=2008,
                            recorded={"person": person_totals[p.programme_id, p.person_id] - p.amount,
                                      "household": household_totals[p.archive_id] - p.amount})  # fmt: skip
