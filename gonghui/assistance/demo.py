"""The demo county's 2008 assistance work (seed section 二.1): archives and cases built through the
services users run; the thousand payments written in bulk, each first checked by the rules the
payment services apply (``_pay``), with the rows those services would write.

Figures come out of these rows: the county's subtree pays a little over 150,000 yuan in a little
over 900 person-times (hardship workers, migrant workers, model workers, children); the education
union's schools give 62,000 yuan to 512 teaching staff at the Spring Festival; all 24 township
committees hold Spring Festival visits; 98 migrant workers' rights cases cover 99 migrant workers,
one of them the legal-aid case that won 300,000 yuan for the family of 张元飞, killed in a traffic
accident, handled by 彭志炳, chair of a village union in 高桥镇.

Idempotent: archives, cases and programmes are keyed on their codes and names, and a programme's
payments are made only when it has none yet.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.core.calendar import add_working_days, is_working_day
from gonghui.core.models import Holiday
from gonghui.orgs.models import Organization, Place, User
from gonghui.people import idnumbers
from gonghui.people.demo import DEMO_PEOPLE
from gonghui.people.models import Person
from gonghui.reporting import closing

from . import services
from .defaults import ensure_causes, ensure_holidays
from .models import (
    ArchiveCheck,
    ArchiveStatus,
    ArchiveTransition,
    BeneficiaryKind,
    CaseStatus,
    EligibilityLine,
    FundSource,
    HardshipArchive,
    HardshipCause,
    HotlineCall,
    HouseholdMember,
    ModelWorker,
    Payment,
    PaymentStatus,
    PaymentStep,
    Programme,
    PublicNotice,
    RightsCase,
)

YEAR = 2008
D = datetime.date
CHILD_BORN_AFTER = D(1990, 9, 1)
DEMO_VILLAGE_UNION = "QS-T02-V01"  # 高桥村工会
EMPLOYERS = ["县水泥厂", "县酒厂", "县运输公司", "县茶叶公司", "县食品厂", "县建材厂", "县木材加工厂"]


def _d(month, day):
    return D(YEAR, month, day)


@transaction.atomic
def build(rng=None):
    rng = rng or random.Random("gonghui-demo-assistance")
    county = Organization.objects.get(code="QS")
    ensure_causes(HardshipCause)
    ensure_holidays(Holiday)  # the five-working-day notices run around them
    # Two people for money: the assistance centre's officer applies and reviews (基层初审, 入户调查,
    # 中心审核), the federation's administrator approves (审批) what the county's programmes pay.
    admin = User.objects.filter(username="county_admin").first()
    centre = User.objects.filter(username="bangfu").first() or admin
    users = {u.organization_id: u for u in User.objects.filter(username__in=["education", "gaoqiao", "shuibatang",
                                                                              "fengshui"])}  # fmt: skip
    county_place = Place.objects.get(organization=county, kind=Place.Kind.COUNTY)
    EligibilityLine.objects.update_or_create(
        place=county_place, year=YEAR,
        defaults={"monthly_income_per_head": Decimal("170"), "household_year_cap": Decimal("3000")},
    )  # fmt: skip

    # The people demo's residents (the first ones registered), not those later areas add, so a
    # second run draws the very same people.
    residents = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:DEMO_PEOPLE])
    people = list(
        Person.objects.filter(pk__in=residents, village__isnull=False, birth_date__isnull=False)
        .select_related("village__organization", "township")
        .order_by("birth_date", "name", "pk")
    )
    adults = [p for p in people if p.birth_date <= D(1988, 1, 1)]
    children = [p for p in people if p.birth_date > CHILD_BORN_AFTER]
    rng.shuffle(adults)
    rng.shuffle(children)
    # The demo village 高桥村 (login gaoqiaocun) keeps hardship archives too: three of its adults
    # trade places with the first households drawn, so the counts stay what the seed says.
    ours = [n for n, p in enumerate(adults) if p.village.organization.code == DEMO_VILLAGE_UNION][:3]
    for first, n in enumerate(ours):
        adults[first], adults[n] = adults[n], adults[first]
    pool = iter(adults)

    def take(n):
        return [next(pool) for _ in range(n)]

    archives = _archives(rng, take(166), children[:30], admin)
    books = _Books()
    active = [a for a in archives if a.status == ArchiveStatus.ARCHIVED]
    paid_households = active[:150]
    model_workers = _model_workers(active[:12], take(8))

    county_sf = _programme(county, "holiday_warmth", "2008年元旦春节送温暖", festival="spring_festival",
                           per_payment_cap=500, per_person_year_cap=500)  # fmt: skip
    _pay(county_sf, centre, admin, D(2008, 1, 7),
         [(county, a.head, a, BeneficiaryKind.HARDSHIP_WORKER, 200, FundSource.HIGHER_UNION)
          for a in paid_households], books=books)  # fmt: skip
    migrant_sf = _programme(county, "holiday_warmth", "2008年春节慰问特困农民工", festival="spring_festival",
                            per_payment_cap=300, per_person_year_cap=300)  # fmt: skip
    _pay(migrant_sf, centre, admin, D(2008, 1, 7),
         [(county, p, None, BeneficiaryKind.MIGRANT_WORKER, 150, FundSource.OWN_FUNDS) for p in take(40)], books=books)  # fmt: skip
    model_prog = _programme(county, "model_worker", "2008年特困劳模生活补贴", per_payment_cap=600,
                            per_person_year_cap=1200)  # fmt: skip
    _pay(model_prog, centre, admin, D(2008, 4, 14),
         [(county, a.head, a, BeneficiaryKind.MODEL_WORKER, 600, FundSource.GOVERNMENT)
          for a in active[:12]], books=books)  # fmt: skip
    student = _programme(
        county, "student_aid", "2008年金秋助学", per_payment_cap=1000, per_person_year_cap=1000
    )
    # Archived on the parent, paid for the child.
    _pay(student, centre, admin, D(2008, 8, 18),
         [(county, m.person, a, BeneficiaryKind.CHILD, 500, FundSource.DONATIONS)
          for a in active[:30] for m in a.members.filter(relation="child")[:1]], books=books)  # fmt: skip
    medical = _programme(county, "medical_aid", "2008年困难职工医疗救助", per_payment_cap=2000)
    _pay(medical, centre, admin, D(2008, 6, 2),
         [(county, a.head, a, BeneficiaryKind.HARDSHIP_WORKER, 400, FundSource.HIGHER_UNION)
          for a in active[30:50]], books=books)  # fmt: skip
    living = _programme(
        county, "living_aid", "2008年困难职工生活救助", per_payment_cap=300, per_person_year_cap=300
    )
    _pay(living, centre, admin, D(2008, 10, 6),
         [(county, a.head, a, BeneficiaryKind.HARDSHIP_WORKER, 150, FundSource.OWN_FUNDS)
          for a in active[50:90]], duplicate_then_reverse=True, books=books)  # fmt: skip
    training = _programme(county, "skills_training", "2008年农民工就业技能培训补贴", per_payment_cap=200)
    _pay(training, centre, admin, D(2008, 3, 3),
         [(county, p, None, BeneficiaryKind.MIGRANT_WORKER, 100, FundSource.GOVERNMENT) for p in take(30)], books=books)  # fmt: skip

    # The education union: 512 teaching staff visited at the Spring Festival through the schools.
    edu = Organization.objects.get(code="QS-EDU")
    schools = list(Organization.objects.filter(parent=edu).order_by("code"))
    edu_prog = _programme(edu, "holiday_warmth", "2008年春节慰问特困教职工", festival="spring_festival",
                          per_payment_cap=200, per_person_year_cap=200)  # fmt: skip
    teachers = take(512)
    # 特困教职工: hardship workers, so each household is archived by its school's union first.
    school_of = {t.pk: schools[i % len(schools)] for i, t in enumerate(teachers)}
    teacher_archives = _quick_archives(rng, teachers, school_of, admin, first=1001)
    _pay(edu_prog, users.get(edu.pk, centre), admin, D(2008, 1, 14),
         [(school_of[t.pk], t, teacher_archives[t.pk], BeneficiaryKind.HARDSHIP_WORKER, 120 if i < 400 else 125,
           FundSource.OWN_FUNDS) for i, t in enumerate(teachers)], books=books)  # fmt: skip

    # Every township committee held Spring Festival visits from its own funds.
    by_township = {}
    for p in adults[1000:]:
        by_township.setdefault(p.township_id, []).append(p)
    township_archives = []
    for committee in Organization.objects.filter(category="township", level="committee").order_by("code"):
        place = Place.objects.filter(organization=committee, kind=Place.Kind.TOWNSHIP).first()
        prog = _programme(committee, "holiday_warmth", f"2008年春节送温暖（{committee.short_name or committee.name}）",
                          festival="spring_festival", per_payment_cap=300)  # fmt: skip
        locals_ = by_township.get(place.pk if place else None, [])[:5]
        local_archives = _quick_archives(rng, locals_, dict.fromkeys([p.pk for p in locals_], committee), admin,
                                         first=2001 + 10 * len(township_archives))  # fmt: skip
        township_archives.append(local_archives)
        _pay(prog, users.get(committee.pk, centre), admin, D(2008, 1, 21),
             [(committee, p, local_archives[p.pk], BeneficiaryKind.HARDSHIP_WORKER, 200, FundSource.OWN_FUNDS)
              for p in locals_], books=books)  # fmt: skip

    cases = _cases(rng, take(120), admin)
    _recheck(active, admin)
    return {
        "archives": len(archives),
        "model_workers": model_workers,
        "programmes": Programme.objects.filter(year=YEAR).count(),
        "cases": cases,
    }


def _programme(org, kind, name, *, festival="", per_payment_cap=None, per_person_year_cap=None):
    prog, _created = Programme.objects.update_or_create(
        organization=org, year=YEAR, name=name,
        defaults={"kind": kind, "festival": festival, "per_payment_cap": per_payment_cap,
                  "per_person_year_cap": per_person_year_cap},
    )  # fmt: skip
    return prog


class _Books:
    """What each household has counted against its yearly cap so far in this build: the payments are
    written in bulk and not asked for again after each write. A household's total starts from the
    database (``services.household_year_total``, other areas' payments included) when first paid."""

    def __init__(self):
        self.households = {}
        self.lines = {}

    def with_line_cached(self, archive):
        """The archive, its eligibility line (asked for by the cap check) looked up once per place and year."""
        if archive is None or getattr(archive, "_line_cached", False):
            return archive
        lookup = archive.eligibility_line

        def eligibility_line(year):
            key = (archive.head.village_id, archive.head.township_id, year)  # what the line depends on
            if key not in self.lines:
                self.lines[key] = lookup(year)
            return self.lines[key]

        archive.eligibility_line = eligibility_line
        archive._line_cached = True
        return archive

    def household(self, archive, year):
        if archive.pk not in self.households:
            self.households[archive.pk] = services.household_year_total(archive, year)
        return self.households[archive.pk]

    def add(self, archive, amount):
        if archive is not None:
            self.households[archive.pk] += amount


def _pay(programme, by, approver, applied_on, rows, *, duplicate_then_reverse=False, books=None):
    """Apply → review → public notice → approve → pay, per paying union; only for a fresh programme.

    `by` applies, reviews and posts the notice; `approver` (another person, at the programme's level or
    above) approves and pays. The rows are those the payment services write (a payment, its five dated
    steps, one notice per paying union), written in bulk: the demo pays a thousand people, which
    through the services one by one took half a minute. Each payment is first checked by the rules
    the services apply (closed years, the amount, the programme's year, the household, the caps, the
    approver), so the demo holds no payment the services would refuse. `books` carries the households'
    totals from one call to the next (the membership demo pays through here too).
    """
    if programme.payments.exists() or not rows:
        return
    books = books or _Books()
    reviewed_on = applied_on + datetime.timedelta(days=2)
    posted_on = reviewed_on + datetime.timedelta(days=1)
    members = _member_ids([archive for _org, _person, archive, *_rest in rows])
    person_totals = {}
    payments, notices = [], {}
    for org, person, archive, kind, amount, fund in rows:
        amount = Decimal(amount)
        _check_payment(books, org, programme, person, archive, kind, amount, applied_on, members, person_totals)
        payments.append(Payment(organization=org, programme=programme, person=person, archive=archive,
                                beneficiary_kind=kind, amount=amount, fund_source=fund, applied_on=applied_on,
                                created_by=by, status=PaymentStatus.PAID))  # fmt: skip
        if org not in notices:
            notices[org] = PublicNotice(organization=org, title=f"{programme.name}公示", posted_on=posted_on,
                                        ends_on=_notice_ends_on(posted_on), place_posted=f"{org.name}公开栏",
                                        created_by=by)  # fmt: skip
    PublicNotice.objects.bulk_create(notices.values())
    for org, notice in notices.items():
        for day in (reviewed_on, notice.earliest_approval(), notice.earliest_approval() + datetime.timedelta(days=2)):
            closing.ensure_open(organization=org, day=day, field="on")
    steps = []
    for p in payments:
        p.notice = notices[p.organization]
        approve_on = p.notice.earliest_approval()
        p.paid_on = approve_on + datetime.timedelta(days=2)
        steps.append([(PaymentStatus.APPLIED, applied_on, by), (PaymentStatus.REVIEWED, reviewed_on, by),
                      (PaymentStatus.NOTICED, posted_on, by), (PaymentStatus.APPROVED, approve_on, approver),
                      (PaymentStatus.PAID, p.paid_on, approver)])  # fmt: skip
    Payment.objects.bulk_create(payments)
    PaymentStep.objects.bulk_create(
        [PaymentStep(payment=p, status=status, on=on, by=who) for p, trail in zip(payments, steps, strict=True)
         for status, on, who in trail]  # fmt: skip
    )
    # One applicant, reviewer and approver for the whole programme: checking one payment checks them all.
    services.check_approver(payment=payments[0], by=approver)
    if duplicate_then_reverse:
        # A payment entered twice by mistake, paid, then reversed by a new entry: figures net it out.
        first = payments[0]
        day = applied_on + datetime.timedelta(days=20)
        _check_payment(books, first.organization, programme, first.person, first.archive, first.beneficiary_kind,
                       first.amount, applied_on, members, person_totals)  # fmt: skip
        notice = PublicNotice.objects.create(organization=first.organization, title=f"{programme.name}补充公示",
                                             posted_on=day, ends_on=_notice_ends_on(day), created_by=by)  # fmt: skip
        paid_on = notice.earliest_approval()
        twice = Payment.objects.create(
            organization=first.organization, programme=programme, person=first.person, archive=first.archive,
            beneficiary_kind=first.beneficiary_kind, amount=first.amount, fund_source=first.fund_source,
            applied_on=applied_on, created_by=by, status=PaymentStatus.PAID, paid_on=paid_on, notice=notice,
        )  # fmt: skip
        reason = "重复录入，同一户已于本批次发放，冲销。"
        on = paid_on + datetime.timedelta(days=3)
        reversal = Payment.objects.create(
            organization=twice.organization, programme=programme, person=twice.person, archive=twice.archive,
            beneficiary_kind=twice.beneficiary_kind, amount=-twice.amount, fund_source=twice.fund_source,
            status=PaymentStatus.PAID, applied_on=on, paid_on=on, reverses=twice, reversal_reason=reason, created_by=by,
        )  # fmt: skip
        books.add(twice.archive, reversal.amount)
        PaymentStep.objects.bulk_create([
            PaymentStep(payment=twice, status=PaymentStatus.APPLIED, on=applied_on, by=by),
            PaymentStep(payment=twice, status=PaymentStatus.REVIEWED, on=day, by=by),
            PaymentStep(payment=twice, status=PaymentStatus.NOTICED, on=day, by=by),
            PaymentStep(payment=twice, status=PaymentStatus.APPROVED, on=paid_on, by=approver),
            PaymentStep(payment=twice, status=PaymentStatus.PAID, on=paid_on, by=approver),
            PaymentStep(payment=reversal, status=PaymentStatus.PAID, on=on, by=by, note=reason[:200]),
        ])  # fmt: skip


def _notice_ends_on(posted_on):
    """The last day of a public notice posted on `posted_on`, as ``services.post_notice`` sets it: five
    working days counting the day of posting when that is a working day."""
    first_day_counts = is_working_day(posted_on)
    return add_working_days(posted_on, PublicNotice.MIN_WORKING_DAYS - (1 if first_day_counts else 0))


def _member_ids(archives):
    """{archive pk: the ids of its head and members}, in one query."""
    archives = {a.pk: a for a in archives if a is not None}
    members = {pk: {a.head_id} for pk, a in archives.items()}
    for archive_id, person_id in HouseholdMember.objects.filter(archive__in=list(archives)).values_list(
        "archive_id", "person_id"
    ):
        members[archive_id].add(person_id)
    return members


def _check_payment(books, org, programme, person, archive, kind, amount, applied_on, members, person_totals):
    """The checks of ``services.apply_for_payment`` (and again at payment), with the totals kept here."""
    closing.ensure_open(organization=org, day=applied_on, field="applied_on")
    services.check_amount(amount)
    if programme.year != applied_on.year:
        raise ValueError(f"{programme.name} is not a programme of {applied_on.year}")
    services.check_payable(archive=archive, person=person, beneficiary_kind=kind,
                           member_ids=members[archive.pk] if archive is not None else None)  # fmt: skip
    recorded = {"person": person_totals.get(person.pk, Decimal(0))}
    archive = books.with_line_cached(archive)
    if archive is not None:
        recorded["household"] = books.household(archive, applied_on.year)
    services.check_caps(programme=programme, person=person, archive=archive, amount=amount, year=applied_on.year,
                        recorded=recorded)  # fmt: skip
    person_totals[person.pk] = recorded["person"] + amount
    books.add(archive, amount)


def _quick_archives(rng, heads, union_of, by, *, first):
    """Archived households for `heads` filed by `union_of[head.pk]`, written in bulk: {head pk: archive}.

    The rows are those the archive ledger import writes (archived on filing, one transition each).
    """
    existing = {a.head_id: a for a in HardshipArchive.objects.filter(head__in=heads)}
    fresh = [h for h in heads if h.pk not in existing]
    causes = list(HardshipCause.objects.filter(is_active=True, needs_disability=False))
    on = D(2007, 12, 20)
    archives = [
        HardshipArchive(
            organization=union_of[h.pk], code=f"QS-KN-{YEAR}-{first + i:04d}", head=h,
            category=rng.choice(["deep", "relative"]), is_extreme=True, main_cause=rng.choice(causes),
            employment=rng.choice(["employed", "retired", "sick_leave"]), household_size=rng.randint(2, 5),
            monthly_income_per_head=Decimal(rng.randint(80, 160)), standard="county",
            opinion_grassroots="情况属实，同意建档。", opinion_committee="经入户核实，同意上报。",
            status=ArchiveStatus.ARCHIVED, status_since=on, applied_on=on, last_updated_on=on, created_by=by,
            reviewed_by=by,
        )
        for i, h in enumerate(fresh)
    ]  # fmt: skip
    HardshipArchive.objects.bulk_create(archives)
    saved = list(HardshipArchive.objects.filter(head__in=fresh))
    ArchiveTransition.objects.bulk_create(
        [ArchiveTransition(archive=a, from_status="", to_status=ArchiveStatus.ARCHIVED, on=on, by=by,
                           reason="摸底排查，经三级审核建档。") for a in saved]  # fmt: skip
    )
    existing.update({a.head_id: a for a in saved})
    return existing


def _archives(rng, heads, children, by):
    causes = list(HardshipCause.objects.filter(is_active=True))
    disability = HardshipCause.objects.get(code="disability")
    created = []
    for i, head in enumerate(heads, start=1):
        code = f"QS-KN-{YEAR}-{i:04d}"
        existing = HardshipArchive.objects.filter(code=code).first()
        main = rng.choice(causes)
        secondary = rng.sample([c for c in causes if c != main], rng.choice([0, 1, 1, 2]))
        size = rng.randint(2, 6)
        income = Decimal(rng.randint(60, 240))
        account = f"6223 5{rng.randint(100, 999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {i:03d}"
        if existing is not None:
            created.append(existing)
            continue
        fields = {
            "organization": head.village.organization,
            "code": code,
            "head": head,
            "category": rng.choice(["deep", "deep", "relative", "accident"]),
            "is_extreme": rng.random() < 0.4,
            "main_cause": main,
            "disability_kind": "肢体残疾" if main == disability else "",
            "disability_grade": rng.choice(["二级", "三级", "四级"]) if main == disability else "",
            "employment": rng.choice(
                ["employed", "laid_off", "unemployed", "sick_leave", "migrant", "retired"]
            ),
            "model_worker_level": "county" if i <= 12 else "",
            "employer_name": rng.choice(EMPLOYERS),
            "employer_type": rng.choice(["state", "collective", "private"]),
            "household_size": size,
            "monthly_income_per_head": income,
            "housing": rng.choice(["own", "own", "rented", "dangerous"]),
            "medical_insurance": rng.choice(["employee", "rural", "resident", "none"]),
            "bank_name": "黔山县农村信用合作联社",
            "standard": "county",
            "opinion_grassroots": "情况属实，同意建档。",
            "opinion_committee": "经入户核实，同意上报。",
            "opinion_county": "同意建档。",
            "applied_on": D(2007, 12, 3) + datetime.timedelta(days=i % 20),
        }
        members = []
        if i <= 30 and i - 1 < len(children):
            members.append((children[i - 1], "child", "黔山县第一中学"))
        archive = services.create_archive(
            fields=fields, secondary_causes=secondary, members=members, by=by,
            bank_account=account,
        )  # fmt: skip
        archive = services.move_archive(archive=archive, to=ArchiveStatus.ARCHIVED, on=D(2008, 1, 4), by=by,
                                        reason="摸底排查，经三级审核建档。")  # fmt: skip
        if i > 160:
            # Households that left the archive during the year, one for each way out.
            to, why, cancel = [
                (ArchiveStatus.LIFTED_OUT, "家庭人均收入连续六个月高于当地最低生活保障标准。", ""),
                (ArchiveStatus.LIFTED_OUT, "子女就业，家庭收入稳定，脱困。", ""),
                (ArchiveStatus.SAFETY_NET, "纳入城镇居民最低生活保障，转民政救助。", ""),
                (ArchiveStatus.SAFETY_NET, "纳入农村低保。", ""),
                (ArchiveStatus.CANCELLED, "户主病故。", "died"),
                (ArchiveStatus.CANCELLED, "复查不符合建档条件。", "rescreened"),
            ][i - 161]
            if to == ArchiveStatus.LIFTED_OUT:
                # Six months of income above the line, recorded at the re-visit; lifting out checks them.
                for month in range(5, 11):
                    services.record_income(archive=archive, month=_d(month, 1), income_per_head=Decimal("320"),
                                           source="入户核实工资单", on=D(2008, 11, 18), by=by)  # fmt: skip
                archive.refresh_from_db()
            archive = services.move_archive(archive=archive, to=to, on=D(2008, 11, 20), by=by, reason=why,
                                            cancel_reason=cancel)  # fmt: skip
        created.append(archive)
    return created


def _model_workers(hardship_archives, others):
    honours = [("national", "全国劳动模范", 1989), ("provincial", "省劳动模范", 1995),
               ("city", "市劳动模范", 2001), ("county", "县劳动模范", 2005)]  # fmt: skip
    n = 0
    for archive in hardship_archives:
        level, honour, year = honours[n % 4]
        ModelWorker.objects.get_or_create(
            person=archive.head, level=level, year_honoured=year,
            defaults={"organization": archive.organization, "honour": honour, "situation": "retired",
                      "in_hardship": True, "in_countryside_survey": False},
        )  # fmt: skip
        n += 1
    for person in others:
        level, honour, year = honours[n % 4]
        ModelWorker.objects.get_or_create(
            person=person, level=level, year_honoured=year,
            defaults={"organization": person.village.organization, "honour": honour, "situation": "farming",
                      "in_countryside_survey": True, "note": "带领村民发展茶叶种植，参加“新农村建设劳模在行动”。"},
        )  # fmt: skip
        n += 1
    return n


def _cases(rng, people, by):
    """98 migrant workers' rights cases with 99 migrant workers, and 14 other cases."""
    gaoqiao = Organization.objects.get(code="QS-T02")
    village_union = Organization.objects.get(code="QS-T02-V01")
    zhang = _zhang_yuanfei()
    tz = timezone.get_current_timezone()
    pool = iter(people)
    specs = [("QS-WQ-2008-001", "农民工张元飞因车祸丧生维权索赔案", "death", [(zhang, "deceased", True)],
              Decimal("450000"), Decimal("300000"), village_union, "彭志炳", True, D(2008, 3, 10))]  # fmt: skip
    two = [next(pool), next(pool)]
    specs.append(("QS-WQ-2008-002", "两名农民工追讨拖欠工资案", "wages",
                  [(two[0], "claimant", True), (two[1], "claimant", True)], Decimal("16800"), Decimal("16800"),
                  gaoqiao, "陈高桥", False, D(2008, 2, 18)))  # fmt: skip
    committees = list(Organization.objects.filter(category="township", level="committee").order_by("code"))
    for n in range(3, 99):
        claimed = Decimal(rng.randint(8, 120) * 100)
        recovered = claimed if rng.random() < 0.8 else (claimed * Decimal("0.6")).quantize(Decimal("1"))
        specs.append((f"QS-WQ-2008-{n:03d}", "农民工追讨劳动报酬", rng.choice(["wages", "wages", "wages", "injury"]),
                      [(next(pool), "claimant", True)], claimed, recovered, committees[n % len(committees)], "",
                      False, _d(1 + n % 12, 1 + n % 27)))  # fmt: skip
    for n in range(99, 113):
        claimed = Decimal(rng.randint(20, 200) * 100)
        specs.append((f"QS-WQ-2008-{n:03d}", "职工劳动争议", rng.choice(["contract", "insurance", "injury"]),
                      [(next(pool), "claimant", False)], claimed, (claimed / 2).quantize(Decimal("1")),
                      committees[n % len(committees)], "", n % 3 == 0, _d(1 + n % 12, 2 + n % 25)))  # fmt: skip
    made = 0
    for code, title, kind, members, claimed, recovered, org, officer, legal_aid, received in specs:
        if RightsCase.objects.filter(code=code).exists():
            continue
        call = None
        if made % 3 == 0:
            first = members[0][0]
            call, _created = HotlineCall.objects.get_or_create(
                organization=org, caller_name=first.name,
                called_at=datetime.datetime.combine(received, datetime.time(9 + made % 8, 15), tzinfo=tz),
                defaults={"caller_phone": first.phone, "person": first, "topic": "wages" if kind == "wages" else "injury",
                          "summary": title, "answered_by": "县总工会维权热线"},
            )  # fmt: skip
        case = services.open_case(
            organization=org, code=code, title=title, kind=kind, received_on=received, by=by, call=call,
            people=members, amount_claimed=claimed, is_legal_aid=legal_aid, officer_name=officer,
            opposing_party="用工单位" if kind != "death" else "肇事方及用工单位",
        )  # fmt: skip
        step = received
        for to in (CaseStatus.ACCEPTED, CaseStatus.MEDIATING):
            step += datetime.timedelta(days=3)
            services.move_case(case=case, to=to, on=step, by=by)
        final = CaseStatus.CLOSED_WON if recovered else CaseStatus.CLOSED_LOST
        services.move_case(case=case, to=final, on=step + datetime.timedelta(days=20), by=by,
                           amount_recovered=recovered, note="调解达成协议，款项已兑现。")  # fmt: skip
        made += 1
    _advice_calls(rng, people, tz)
    return RightsCase.objects.filter(received_on__year=YEAR).count()


def _zhang_yuanfei():
    """The migrant worker of the seed's legal-aid case, from a village of 高桥镇."""
    for sequence in range(317, 999, 2):
        number = idnumbers.make_valid("520199", D(1979, 6, 18), sequence)
        person = Person.objects.with_id_number(number).first()
        if person is None or person.name == "张元飞":
            break
    if person is None:
        village = Place.objects.filter(parent__name="高桥镇").order_by("division_code").first()
        person = Person(
            name="张元飞", township=village.parent, village=village, address=f"高桥镇{village.name}"
        )
        person.set_id_number(number)
        person.save()
    return person


def _advice_calls(rng, people, tz):
    county = Organization.objects.get(code="QS")
    topics = ["wages", "contract", "insurance", "hardship", "other"]
    for n in range(60):
        person = people[n % len(people)]
        HotlineCall.objects.get_or_create(
            organization=county, caller_name=person.name,
            called_at=datetime.datetime.combine(_d(1 + n % 12, 1 + (n * 7) % 28), datetime.time(14, n % 60), tzinfo=tz),
            defaults={"caller_phone": person.phone, "person": person, "topic": topics[n % len(topics)],
                      "summary": "咨询劳动合同法有关规定及维权途径。", "answered_by": "县总工会维权热线",
                      "outcome": "advised" if n % 4 else "referred"},
        )  # fmt: skip


def _recheck(active, by):
    archives = HardshipArchive.objects.filter(pk__in=[a.pk for a in active])
    services.start_yearly_recheck(archives=archives, year=YEAR, seed=YEAR)
    for n, check in enumerate(
        ArchiveCheck.objects.filter(year=YEAR, checked_on__isnull=True).select_related("archive")
    ):
        services.record_check(check=check, checked_on=_d(12, 1 + n % 20), visited=check.must_visit,
                              still_eligible=True, finding="家庭情况无明显变化，继续帮扶。", by=by)  # fmt: skip
