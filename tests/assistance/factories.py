"""Factories for the assistance area, built on the shared ones."""

import datetime
import itertools
from decimal import Decimal

import factory

from gonghui.assistance import services
from gonghui.assistance.defaults import ensure_causes
from gonghui.assistance.models import (
    ArchiveStatus,
    EligibilityLine,
    HardshipArchive,
    HardshipCause,
    PaymentStatus,
    Programme,
)
from gonghui.orgs.models import Role, User
from tests.factories import PersonFactory, UserFactory, id_number

_n = itertools.count(500)


def cause(code="illness"):
    """A default cause; browser tests flush the migration's rows, so make sure they exist."""
    ensure_causes(HardshipCause)
    return HardshipCause.objects.get(code=code)


def new_person(place, name=None, birth=datetime.date(1975, 3, 8)):
    n = next(_n)
    return PersonFactory(
        name=name or f"测试户主{n}",
        township=place.parent if place.kind == "village" else place,
        village=place if place.kind == "village" else None,
        id_no=id_number(n, birth=birth),
    )


class ArchiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HardshipArchive

    code = factory.Sequence(lambda n: f"KN-{n:05d}")
    category = HardshipArchive.Category.DEEP
    main_cause = factory.LazyFunction(cause)
    employment = HardshipArchive.Employment.LAID_OFF
    household_size = 3
    monthly_income_per_head = Decimal("120")
    standard = HardshipArchive.Standard.COUNTY
    status = ArchiveStatus.ARCHIVED
    applied_on = datetime.date(2008, 1, 2)
    status_since = datetime.date(2008, 1, 4)
    last_updated_on = datetime.date(2008, 1, 4)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    year = 2008
    kind = Programme.Kind.LIVING_AID
    name = factory.Sequence(lambda n: f"2008年生活救助{n}")


def eligibility_line(place, *, minimum="170", cap="3000", year=2008):
    return EligibilityLine.objects.create(
        place=place, year=year, monthly_income_per_head=Decimal(minimum),
        household_year_cap=Decimal(cap) if cap else None,
    )  # fmt: skip


def approver_for(programme):
    """An officer of the union that owns the programme: the level that approves its payments."""
    org = programme.organization
    user = User.objects.filter(username=f"approver-{org.pk}").first()
    return user or UserFactory(username=f"approver-{org.pk}", organization=org, role=Role.COMMITTEE_OFFICER)


def paid_payment(*, organization, programme, person, amount="200", archive=None, applied_on=datetime.date(2008, 1, 7),
                 kind=None, by=None, approver=None):  # fmt: skip
    """An application taken through review, a five-working-day notice, approval and payment.

    `by` applies and reviews; `approver` (default: an officer of the programme's union) approves and pays.
    """
    approver = approver or approver_for(programme)
    # Without an archive, a hardship worker cannot be paid: such a row is a migrant worker's.
    kind = kind or ("hardship_worker" if archive is not None else "migrant_worker")
    payment = services.apply_for_payment(
        organization=organization, programme=programme, person=person, archive=archive, beneficiary_kind=kind,
        amount=Decimal(amount), fund_source="own_funds", applied_on=applied_on, by=by,
    )  # fmt: skip
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=applied_on, by=by)
    payment.refresh_from_db()
    notice = services.post_notice(organization=organization, payments=[payment], title="公示", posted_on=applied_on,
                                  by=by)  # fmt: skip
    services.move_payment(
        payment=payment, to=PaymentStatus.APPROVED, on=notice.earliest_approval(), by=approver
    )
    services.move_payment(payment=payment, to=PaymentStatus.PAID, on=notice.earliest_approval(), by=approver)
    payment.refresh_from_db()
    return payment


def crawl_records(cast, side):
    """Records of every scoped assistance model inside one township (the URL-leak crawl's fixture)."""
    from gonghui.assistance.models import HotlineCall, ModelWorker

    head = new_person(side.village, name=f"{side.tag}户主")
    household = ArchiveFactory(organization=side.union, head=head, code=f"KN-{side.tag}")
    eligibility_line(side.place)
    programme = ProgrammeFactory(organization=side.township, name=f"{side.tag}生活救助")
    paid_payment(organization=side.township, programme=programme, person=head, archive=household)
    services.open_case(organization=side.township, code=f"WQ-{side.tag}", title="欠薪", kind="wages",
                       received_on=datetime.date(2008, 3, 1), people=[(head, "claimant", True)])  # fmt: skip
    ModelWorker.objects.create(organization=side.union, person=head, level="county", honour="县劳动模范",
                               year_honoured=2005, situation="retired")  # fmt: skip
    HotlineCall.objects.create(organization=side.township, called_at=datetime.datetime(2008, 3, 1, 9, tzinfo=datetime.UTC),
                               caller_name=f"{side.tag}来电", topic="wages", summary="欠薪", answered_by="王")  # fmt: skip
