"""The demo county's 2008 disaster relief (seed section 二.2), as records.

The ice storm: 12,000 yuan to 40 worker households, paid through the assistance machinery (apply →
review → notice → approve → pay) under the campaign's relief programme. The 5·12 earthquake: the
appeal issued on 15 May jointly with the county-organs committee, the civil affairs bureau and the
Red Cross; 1,500,000 yuan in the two-hour launch on 16 May; the federation's office and staff
giving twice (over 10,000 yuan in all) and its chairman 3,000 yuan in several gifts; from 20 May,
30,320 yuan door to door from 6 workplaces and 7 workers, handed over at the city federation's
gala on 23 May; 水坝塘镇's market-day drives on 15 and 21 May, 118,600 yuan in all; three gifts of
5,000 yuan (张平, deputy manager of 全能建安公司; the teacher 黄学芬; and 黄学芬 for her son 扬阳 in
Canada); every committee's drive; gifts the civil affairs bureau and the Red Cross received
directly. The county total comes out above 5 million yuan, more than 60% through the unions.

Gifts are written in bulk (receipts take blocks of numbers from the same counters the live page
uses); every row satisfies the services' rules, and ``through_unions`` is the one rule's answer.
Idempotent: a campaign that already exists is left as it is.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.assistance import services as assistance
from gonghui.assistance.models import (
    ArchiveStatus,
    BeneficiaryKind,
    FundSource,
    HardshipArchive,
    Payment,
    PaymentStatus,
    PaymentStep,
    Programme,
)
from gonghui.orgs.models import Enterprise, Organization, Place, User
from gonghui.people.demo import DEMO_PEOPLE
from gonghui.people.models import Person

from . import ledgers, services
from .models import Campaign, Channel, CollectionEvent, Donation, DonorKind, HandOver, Receipt, through_unions

D = datetime.date
LAUNCH_TOTAL = Decimal("1500000")
DOOR_TO_DOOR = ([8000, 6000, 5000, 3000, 2000, 2000], [1000, 800, 700, 600, 500, 420, 300])  # 30,320
MARKET_DAYS = {D(2008, 5, 15): Decimal("62400"), D(2008, 5, 21): Decimal("56200")}  # 118,600
OTHER_ORGANISATIONS = ["县个体劳动者协会", "县工商业联合会", "县宗教界人士联谊会", "县老年协会", "县商会",
                       "县书画家协会", "县驾驶员协会", "县餐饮行业协会"]  # fmt: skip
PARTNER_DONORS = ["县城建开发公司", "黔山宾馆", "县农村信用合作联社营业部", "县移动营业厅", "县电信营业厅", "县烟草专卖局",
                  "县国土资源局", "县交通运输局", "县公安局", "县人民法院", "县人民检察院", "县林业局", "县水务局",
                  "县工商局", "县国税局", "县地税局"]  # fmt: skip


def _d(month, day):
    return D(2008, month, day)


@transaction.atomic
def build(rng=None):
    rng = rng or random.Random("gonghui-demo-relief")
    county = Organization.objects.get(code="QS")
    admin = User.objects.filter(username="county_admin").first()
    summary = {"ice_storm_households": _ice_storm(county, admin)}
    if Campaign.objects.filter(code="KZ2008").exists():
        summary["earthquake"] = "kept"
        return summary
    summary["earthquake_gifts"] = _earthquake(rng, county, admin)
    return summary


# The ice storm --------------------------------------------------------------------------------------------


def _ice_storm(county, admin):
    programme, _created = Programme.objects.update_or_create(
        organization=county, year=2008, name="2008年雪凝灾害受灾职工慰问",
        defaults={"kind": Programme.Kind.LIVING_AID, "per_payment_cap": Decimal("300")},
    )  # fmt: skip
    campaign, _created = Campaign.objects.update_or_create(
        code="XN2008",
        defaults={"organization": county, "name": "2008年抗击雪凝灾害", "cause": Campaign.Cause.ICE_STORM,
                  "starts_on": _d(1, 12), "ends_on": _d(3, 31), "relief_programme": programme,
                  "joint_organisers": "", "appeal_title": "关于组织干部职工捐款捐物支援抗灾救灾的通知",
                  "appeal_issued_on": _d(1, 28), "created_by": admin},
    )  # fmt: skip
    if programme.payments.exists():
        return programme.payments.filter(status=PaymentStatus.PAID).count()
    # 40 households hit hardest (风水乡 and the other mountain townships), 300 yuan each.
    archives = list(
        HardshipArchive.objects.filter(status=ArchiveStatus.ARCHIVED, organization__path__startswith=county.path)
        .select_related("head").order_by("-code")[:40]
    )  # fmt: skip
    # Applications in bulk, each checked as apply_for_payment checks it (payable household, caps); the
    # county's assistance centre applies and reviews, the notice is posted by the service (five
    # working days), and another person at the county approves and pays, as move_payment requires.
    clerk = User.objects.filter(username="bangfu").first() or admin
    payments = []
    for archive in archives:
        assistance.check_payable(archive=archive, person=archive.head, beneficiary_kind=BeneficiaryKind.HARDSHIP_WORKER)
        assistance.check_caps(programme=programme, person=archive.head, archive=archive, amount=Decimal("300"),
                              year=2008)  # fmt: skip
        payments.append(Payment(organization=county, programme=programme, person=archive.head, archive=archive,
                                beneficiary_kind=BeneficiaryKind.HARDSHIP_WORKER, amount=Decimal("300"),
                                fund_source=FundSource.OWN_FUNDS, applied_on=_d(1, 30), note="雪凝灾损严重",
                                status=PaymentStatus.REVIEWED, created_by=clerk))  # fmt: skip
    if not payments:
        return 0
    Payment.objects.bulk_create(payments)
    PaymentStep.objects.bulk_create(
        [PaymentStep(payment=p, status=status, on=on, by=clerk)
         for p in payments for status, on in ((PaymentStatus.APPLIED, _d(1, 30)), (PaymentStatus.REVIEWED, _d(1, 31)))]
    )  # fmt: skip
    notice = assistance.post_notice(organization=county, payments=payments, posted_on=_d(2, 1), by=clerk,
                                    title="雪凝灾害受灾职工慰问公示", place_posted="县总工会公开栏")  # fmt: skip
    for payment in payments:
        assistance.check_approver(payment=payment, by=admin)
    approve_on = notice.earliest_approval()
    Payment.objects.filter(pk__in=[p.pk for p in payments]).update(status=PaymentStatus.PAID, paid_on=approve_on)
    PaymentStep.objects.bulk_create(
        [PaymentStep(payment=p, status=status, on=approve_on, by=admin)
         for p in payments for status in (PaymentStatus.APPROVED, PaymentStatus.PAID)]
    )  # fmt: skip
    return len(payments)


# The earthquake ---------------------------------------------------------------------------------------------


class _Gifts:
    """Collects Donation rows (not saved) that satisfy the services' rules."""

    def __init__(self, campaign, admin):
        self.campaign = campaign
        self.admin = admin
        self.rows = []

    def add(self, org, amount, received_on, *, donor_kind, name, event=None, channel=Channel.ON_SITE, union=None,
            enterprise=None, person=None, on_behalf_of="", anonymous=False, display_name="", kind="cash", item="",
            quantity=None, unit=""):  # fmt: skip
        amount = Decimal(amount)
        assert amount > 0 and (kind == "cash" or item)
        display = display_name or services.default_display_name(name, on_behalf_of)
        self.rows.append(Donation(
            organization=org, campaign=self.campaign, event=event, kind=kind, item=item, quantity=quantity, unit=unit,
            amount=amount, donor_kind=donor_kind, donor_union=union, donor_enterprise=enterprise, donor_person=person,
            donor_name=name, on_behalf_of=on_behalf_of, display_name=display, anonymous=anonymous,
            received_on=received_on, channel=channel,
            through_unions=through_unions(donor_kind=donor_kind, channel=channel,
                                          donor_person_id=person.pk if person else None),
            entered_by=self.admin,
        ))  # fmt: skip
        return self.rows[-1]

    def total(self, rows=None):
        return sum((r.amount for r in (self.rows if rows is None else rows)), Decimal("0"))


def _person(name, township, address):
    person = Person.objects.filter(name=name, address=address).first()
    if person is None:
        person = Person(name=name, township=township, address=address)
        person.save()
    return person


def _round(value, step=10):
    return Decimal(int(value) // step * step)


def _earthquake(rng, county, admin):
    city = Organization.objects.get(code="GZ-QD")
    committees = list(Organization.objects.filter(parent=county, level=Organization.Level.COMMITTEE).order_by("code"))
    campaign = Campaign.objects.create(
        organization=county, code="KZ2008", name="抗震救灾献爱心捐款", cause=Campaign.Cause.EARTHQUAKE,
        starts_on=_d(5, 15), ends_on=_d(6, 30), joint_organisers="县直属工委、县民政局、县红十字会",
        appeal_title="黔山县“抗震救灾献爱心”捐款捐物倡议书", appeal_issued_on=_d(5, 15),
        appeal_text="全县共产党员、共青团员、国家公务员、行政企事业单位、社会团体和社会各界人士：四川汶川发生特大地震，"
                    "灾区人民生命财产遭受重大损失。一方有难，八方支援，我们倡议大家伸出援助之手，捐款捐物，"
                    "支援灾区人民抗震救灾、重建家园。",
        created_by=admin,
    )  # fmt: skip
    campaign.asked_unions.set(committees)
    shuibatang = Organization.objects.get(code="QS-T03")
    events = {
        "market_1": CollectionEvent.objects.create(
            organization=shuibatang, campaign=campaign, name="5月15日赶场天“献爱心”捐赠", held_on=_d(5, 15),
            kind=CollectionEvent.Kind.MARKET_DAY, place="水坝塘镇集市"),
        "launch": CollectionEvent.objects.create(
            organization=county, campaign=campaign, name="全县抗震救灾募集启动仪式", held_on=_d(5, 16),
            kind=CollectionEvent.Kind.LAUNCH, place="县人民广场"),
        "door": CollectionEvent.objects.create(
            organization=county, campaign=campaign, name="登门募集（5月20日起）", held_on=_d(5, 20),
            kind=CollectionEvent.Kind.DOOR_TO_DOOR, place="县城各企业"),
        "market_2": CollectionEvent.objects.create(
            organization=shuibatang, campaign=campaign, name="5月21日赶场天“献爱心”捐赠", held_on=_d(5, 21),
            kind=CollectionEvent.Kind.MARKET_DAY, place="水坝塘镇集市"),
    }  # fmt: skip
    gifts = _Gifts(campaign, admin)
    chengguan = Place.objects.get(name="城关镇", kind=Place.Kind.TOWNSHIP)
    office = "黔山县总工会机关"
    chairman = _person("李国强", chengguan, office)
    staff = [_person(n, chengguan, office) for n in ("王建国", "赵审计", "孙丽萍", "钱志明", "周红梅")]
    residents = list(
        Person.objects.filter(pk__in=list(Person.objects.order_by("pk").values_list("pk", flat=True)[:DEMO_PEOPLE]),
                              township__isnull=False).order_by("pk")
    )  # fmt: skip
    rng.shuffle(residents)
    by_township = {}
    for p in residents:
        by_township.setdefault(p.township_id, []).append(p)
    pool = iter(residents)
    enterprises = list(Enterprise.objects.select_related("organization").order_by("pk"))
    by_committee = {}
    for e in enterprises:
        committee = next((c for c in committees if e.organization.path.startswith(c.path)), None)
        by_committee.setdefault(committee.pk if committee else None, []).append(e)
    grassroots = {}
    for union in Organization.objects.filter(level=Organization.Level.GRASSROOTS, path__startswith=county.path):
        committee = next((c for c in committees if union.path.startswith(c.path)), None)
        if committee is not None:
            grassroots.setdefault(committee.pk, []).append(union)

    # The federation's office and staff, twice, and its chairman in several gifts (11,000 yuan).
    launch = events["launch"]
    gifts.add(county, 3000, _d(5, 16), donor_kind=DonorKind.UNION, union=county, name=county.name, event=launch)
    for p in staff:
        gifts.add(county, 200, _d(5, 16), donor_kind=DonorKind.PERSON, person=p, name=p.name, event=launch)
    gifts.add(county, 1000, _d(5, 16), donor_kind=DonorKind.PERSON, person=chairman, name=chairman.name, event=launch)
    gifts.add(county, 1000, _d(5, 20), donor_kind=DonorKind.PERSON, person=chairman, name=chairman.name)
    gifts.add(county, 3000, _d(5, 23), donor_kind=DonorKind.UNION, union=county, name=county.name)
    for p in staff:
        gifts.add(county, 200, _d(5, 23), donor_kind=DonorKind.PERSON, person=p, name=p.name)
    gifts.add(county, 1000, _d(5, 23), donor_kind=DonorKind.PERSON, person=chairman, name=chairman.name)

    # The two-hour launch: every committee brings its workplaces' and workers' gifts; others give
    # on the spot; the last gift of the list makes it the 1,500,000 yuan the county announced.
    launch_rows = [r for r in gifts.rows if r.event_id == launch.pk]
    for committee in committees:
        for e in rng.sample(by_committee.get(committee.pk, []), min(3, len(by_committee.get(committee.pk, [])))):
            launch_rows.append(gifts.add(committee, _round(rng.uniform(2000, 10000), 500), _d(5, 16), event=launch,
                                         donor_kind=DonorKind.WORKPLACE, enterprise=e, name=e.name))  # fmt: skip
        for union in rng.sample(grassroots.get(committee.pk, []), min(2, len(grassroots.get(committee.pk, [])))):
            launch_rows.append(gifts.add(committee, _round(rng.uniform(1000, 5000), 100), _d(5, 16), event=launch,
                                         donor_kind=DonorKind.UNION, union=union, name=union.name))  # fmt: skip
        for _i in range(4):
            p = next(pool)
            launch_rows.append(gifts.add(committee, _round(rng.uniform(100, 2000), 50), _d(5, 16), event=launch,
                                         donor_kind=DonorKind.PERSON, person=p, name=p.name,
                                         anonymous=rng.random() < 0.1))  # fmt: skip
    for name in OTHER_ORGANISATIONS:
        launch_rows.append(gifts.add(county, _round(rng.uniform(5000, 20000), 1000), _d(5, 16), event=launch,
                                     donor_kind=DonorKind.ORGANISATION, name=name))  # fmt: skip
    for i in range(40):
        launch_rows.append(gifts.add(county, _round(rng.uniform(50, 1000), 10), _d(5, 16), event=launch,
                                     donor_kind=DonorKind.PERSON, name=f"群众{i + 1:02d}", anonymous=i % 3 == 0,
                                     channel=Channel.ON_SITE))  # fmt: skip
    gifts.add(county, 1200, _d(5, 16), event=launch, donor_kind=DonorKind.ORGANISATION, name="县个体劳动者协会",
              kind="in_kind", item="矿泉水", quantity=Decimal(100), unit="箱")  # fmt: skip
    launch_rows.append(gifts.rows[-1])
    rest = LAUNCH_TOTAL - gifts.total(launch_rows)
    assert rest > 0, rest
    big = by_committee.get(None) or enterprises
    for e, share in zip(rng.sample(enterprises, 6), (Decimal("0.3"), Decimal("0.2"), Decimal("0.15"), Decimal("0.15"),
                                                     Decimal("0.1")), strict=False):  # fmt: skip
        amount = _round(rest * share, 1000)
        launch_rows.append(gifts.add(county, amount, _d(5, 16), event=launch, donor_kind=DonorKind.WORKPLACE,
                                     enterprise=e, name=e.name))  # fmt: skip
    last = big[0]
    gifts.add(county, LAUNCH_TOTAL - gifts.total(launch_rows), _d(5, 16), event=launch,
              donor_kind=DonorKind.WORKPLACE, enterprise=last, name=last.name)  # fmt: skip

    # Door to door from 20 May: 6 workplaces and 7 workers, 30,320 yuan.
    door = events["door"]
    for e, amount in zip(rng.sample(enterprises, 6), DOOR_TO_DOOR[0], strict=True):
        gifts.add(county, amount, _d(5, 20), event=door, channel=Channel.DOOR_TO_DOOR, donor_kind=DonorKind.WORKPLACE,
                  enterprise=e, name=e.name)  # fmt: skip
    for day, amount in enumerate(DOOR_TO_DOOR[1]):
        p = next(pool)
        gifts.add(county, amount, _d(5, 20 + day % 3), event=door, channel=Channel.DOOR_TO_DOOR,
                  donor_kind=DonorKind.PERSON, person=p, name=p.name)  # fmt: skip

    # Three gifts of 5,000 yuan the chairman's visits brought in.
    zhang = _person("张平", chengguan, "全能建安公司")
    huang = _person("黄学芬", chengguan, "黔山县第一中学")
    gifts.add(county, 5000, _d(5, 22), donor_kind=DonorKind.PERSON, person=zhang, name=zhang.name,
              display_name="全能建安公司副经理张平")  # fmt: skip
    gifts.add(county, 5000, _d(5, 22), donor_kind=DonorKind.PERSON, person=huang, name=huang.name,
              display_name="省级优秀教师黄学芬")  # fmt: skip
    gifts.add(county, 5000, _d(5, 22), donor_kind=DonorKind.ON_BEHALF, person=huang, name=huang.name,
              on_behalf_of="扬阳（其子，在加拿大）", display_name="黄学芬代其子扬阳（加拿大）")  # fmt: skip

    # 水坝塘镇's market days: 118,600 yuan.
    place = shuibatang.place
    locals_ = by_township.get(place.pk if place else None, [])
    local_workplaces = by_committee.get(shuibatang.pk, [])
    for key, day in (("market_1", _d(5, 15)), ("market_2", _d(5, 21))):
        event, target = events[key], MARKET_DAYS[day]
        # Planned before anything is written, and trimmed to leave a remainder for the last gift, so
        # the day's total is exact however many workplaces and residents other areas' demos added.
        planned = [dict(donor_kind=DonorKind.WORKPLACE, enterprise=e, name=e.name,
                        amount=_round(rng.uniform(2000, 6000), 500)) for e in local_workplaces]  # fmt: skip
        planned += [dict(donor_kind=DonorKind.PERSON, person=p, name=p.name, anonymous=rng.random() < 0.15,
                         amount=_round(rng.uniform(20, 600), 10))
                    for p in rng.sample(locals_, min(60, len(locals_)))]  # fmt: skip
        planned += [dict(donor_kind=DonorKind.PERSON, name=f"赶场群众{day.day}-{i + 1:02d}", anonymous=i % 4 == 0,
                         amount=_round(rng.uniform(10, 300), 10)) for i in range(30)]  # fmt: skip
        while planned and sum(g["amount"] for g in planned) > target * Decimal("0.9"):
            planned.pop(0)
        rows = [gifts.add(shuibatang, g.pop("amount"), day, event=event, **g) for g in planned]
        rest = target - gifts.total(rows)
        assert rest > 0, rest
        gifts.add(shuibatang, rest, day, event=event, donor_kind=DonorKind.ORGANISATION, name="水坝塘镇个体工商户（集体）")

    # Every other committee's own drive (workplaces collect through their unions).
    for committee in committees:
        if committee.pk == shuibatang.pk:
            continue
        for e in by_committee.get(committee.pk, [])[:6]:
            gifts.add(committee, _round(rng.uniform(2000, 15000), 500), _d(5, rng.randint(17, 28)),
                      channel=Channel.WORKPLACE, donor_kind=DonorKind.WORKPLACE, enterprise=e, name=e.name)  # fmt: skip
        for union in grassroots.get(committee.pk, [])[:8]:
            gifts.add(committee, _round(rng.uniform(1500, 9000), 100), _d(5, rng.randint(17, 28)),
                      channel=Channel.WORKPLACE, donor_kind=DonorKind.UNION, union=union, name=union.name)  # fmt: skip
        for _i in range(8):
            p = next(pool)
            gifts.add(committee, _round(rng.uniform(50, 800), 10), _d(5, rng.randint(17, 28)),
                      donor_kind=DonorKind.PERSON, person=p, name=p.name)  # fmt: skip
        for i in range(3):
            gifts.add(committee, _round(rng.uniform(50, 500), 10), _d(5, rng.randint(17, 28)),
                      donor_kind=DonorKind.PERSON, name=f"{committee.short_name or committee.name[:3]}群众{i + 1}",
                      anonymous=True)  # fmt: skip
        gifts.add(committee, _round(rng.uniform(800, 3000), 100), _d(5, rng.randint(17, 28)),
                  donor_kind=DonorKind.UNION, union=committee, name=committee.name, kind="in_kind", item="棉被",
                  quantity=Decimal(rng.randint(10, 30)), unit="床")  # fmt: skip

    # What the civil affairs bureau and the Red Cross received directly (not through the unions),
    # counted in the county total the joint organisers reported together.
    union_amount = sum((r.amount for r in gifts.rows if r.through_unions), Decimal("0"))
    target_total = max(Decimal("5128600"), _round(gifts.total() * Decimal("1.05"), 100))
    partner_amount = target_total - gifts.total()
    assert partner_amount > 0 and union_amount / target_total > Decimal("0.6"), (union_amount, target_total)
    weights = [rng.uniform(1, 5) for _ in PARTNER_DONORS]
    given = Decimal("0")
    for i, (name, weight) in enumerate(zip(PARTNER_DONORS, weights, strict=True)):
        amount = (partner_amount - given if i == len(PARTNER_DONORS) - 1
                  else _round(partner_amount * Decimal(weight / sum(weights)), 100))  # fmt: skip
        given += amount
        gifts.add(county, amount, _d(5, rng.randint(16, 31)), channel=Channel.PARTNER,
                  donor_kind=DonorKind.ORGANISATION, name=name)  # fmt: skip

    gifts.rows.sort(key=lambda r: (r.received_on, r.organization_id))
    Donation.objects.bulk_create(gifts.rows, batch_size=500)
    receipts = ledgers.write_receipts(gifts.rows)
    # Receipts of the launch were printed on the day; one was written for the wrong amount and reissued.
    printed_at = timezone.make_aware(datetime.datetime(2008, 5, 16, 20, 0))
    Receipt.objects.filter(campaign=campaign, issued_on__lte=_d(5, 16)).update(printed_at=printed_at)
    wrong = next(r for r in receipts if r.organization_id == county.pk and r.donation.donor_kind == DonorKind.ORGANISATION)
    services.reissue_receipt(receipt=wrong, reason="收据金额大写填错，作废重开", by=admin, on=_d(5, 17))
    # A gift entered twice at the launch, undone by the officer: its receipt stays in the sequence, void.
    twice = services.record_donation(campaign=campaign, organization=county, amount=Decimal("500"), event=launch,
                                     donor_kind=DonorKind.PERSON, donor_name="群众01", received_on=_d(5, 16),
                                     by=admin)  # fmt: skip
    services.void_donation(donation=twice, reason="重复录入", by=admin)

    # Hand-overs: each committee passes its collection up; the county gives the door-to-door money at
    # the city federation's gala on 23 May and the rest to the civil affairs bureau's relief account.
    services.record_handover(organization=county, campaign=campaign, amount=Decimal("30320"), handed_on=_d(5, 23),
                             recipient_kind=HandOver.Recipient.UNION, recipient_union=city,
                             their_receipt="市总赈灾晚会-0117", note="市总工会赈灾晚会现场捐赠")  # fmt: skip
    # Each committee hands over exactly what it holds (what reconcile() reports for it), in one write.
    held = {}
    for row in services.reconciliation(campaign=campaign, root=county):
        if row["organization"].parent_id == county.pk and row["held"] > 0:
            held[row["organization"]] = row["held"]
    HandOver.objects.bulk_create([
        HandOver(organization=committee, campaign=campaign, amount=amount, handed_on=_d(5, 30),
                 recipient_kind=HandOver.Recipient.UNION, recipient_union=county, recipient_name=county.name,
                 their_receipt=f"县总收〔2008〕{i + 1:03d}", entered_by=admin)
        for i, (committee, amount) in enumerate(held.items())
    ])  # fmt: skip
    held = services.reconcile(organization=county, campaign=campaign)["held"]
    services.record_handover(organization=county, campaign=campaign, amount=held, handed_on=_d(6, 5),
                             recipient_kind=HandOver.Recipient.CIVIL_AFFAIRS, recipient_name="黔山县民政局救灾专户",
                             their_receipt="民救〔2008〕0231")  # fmt: skip
    return len(gifts.rows) + 1
