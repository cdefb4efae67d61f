"""The demo county's union building, members, democratic management and women's work in 2008.

Seed sections 一 and 二.5: 68 new unions, 2,970 new members, 16,200 migrant workers joined at
source (people of the out-migrant registry, built by the Three Cares demo before this one), 24
unions reorganised, 220 + 121 workplaces practising open factory affairs, 135 women's special
contracts covering 1,091 women (80% of those due), 15,000 yuan to women workers, 1,500 leaflets,
23 women commended, 15 / 3 / 2 workers' homes, the seed's events, 17 documents, the plenary and
38 follow-up meetings, the county committee's term that ended in October and the congress in
preparation. Every figure comes from these records through the indicators users run.

Deterministic. A second run removes this area's rows and builds them again (organisations and
workplaces it adds are kept, keyed on their codes; people are keyed on their ID numbers), so the
county never holds two copies. Rows are bulk-inserted, but each satisfies the rules of rules.py.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from gonghui.ledgers.bulk import adapt, insert_rows
from gonghui.orgs.demo import COUNTY_DIVISION, credit_code
from gonghui.orgs.models import Enterprise, Organization, Place, User
from gonghui.people import idnumbers
from gonghui.people.demo import GIVEN, SURNAMES

from . import models as m

YEAR = 2008
TARGETS = {
    "new_unions": 68,
    "new_members": 2970,
    "joined_at_source": 16200,
    "reorganised": 24,
    "open_affairs_public": 220,
    "open_affairs_private": 121,
    "special_contracts": 135,
    "special_contracts_women": 1091,
    "women_assistance": 15000,
    "leaflets": 1500,
    "commended": 23,
    "documents": 17,
}
# 135 of 169 due is 79.9%, which the coverage indicator shows as 80 (the seed's 占应签合同数的80%).
DUE = 169
MEMBERSHIP_COLUMNS = ("person_id", "organization_id", "joined_on", "card_number", "is_migrant_worker",
                      "joined_at_source", "origin", "left_on", "leave_reason", "leave_note", "created_at")  # fmt: skip
# Workplaces this area adds get credit codes from here on (the orgs demo uses the first few hundred).
FIRST_SERIAL = 5001
PUBLIC_UNITS = [("财政所", "institution"), ("国土资源所", "institution"), ("卫生院", "institution"),
                ("中心小学", "institution"), ("粮站", "state"), ("供电所", "state"), ("林业站", "institution"),
                ("水利站", "institution"), ("畜牧兽医站", "institution"), ("农村信用社", "collective"),
                ("计生服务站", "institution")]  # fmt: skip
PRIVATE_KINDS = ["商贸有限公司", "建筑有限公司", "石材厂", "砖厂", "农产品开发有限公司", "茶厂", "服装加工厂"]
DOCUMENTS = [
    "黔山县工会十届七次全会工作报告", "黔山县总工会2008年工会工作意见", "关于2008年组建工会和发展会员工作任务的通知",
    "关于开展“党建带工建、工建促党建”工作的意见", "关于深入开展农民工源头入会工作的通知",
    "关于全面推行集体合同制度的实施意见", "关于推进厂务公开民主管理工作的通知", "关于开展“工人先锋号”创建活动的通知",
    "关于深入开展“六大”活动的实施方案", "关于开展“节能减排”职工小发明小革新活动的通知",
    "关于开展“关爱女工、帮扶姐妹”活动的通知", "关于签订女职工专项集体合同的通知",
    "关于开展“职工之家”建设活动的意见", "关于做好2008年困难职工帮扶工作的通知",
    "关于深入开展群众安全生产监督工作的意见", "关于实施“三关”工程的意见", "黔山县总工会机关2008年度工作量化考核方案（试行）",
]  # fmt: skip


def _d(month, day, year=YEAR):
    return datetime.date(year, month, day)


def _day_in(rng, start, end):
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _years_after(day, years):
    return day.replace(year=day.year + years, day=min(day.day, 28))


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def split(total, caps, rng):
    """Integers, each between 1 and its cap, adding up to `total` exactly."""
    values = [1] * len(caps)
    left = total - len(caps)
    order = list(range(len(caps)))
    while left > 0:
        rng.shuffle(order)
        for i in order:
            if left and values[i] < caps[i]:
                step = min(left, caps[i] - values[i], rng.randint(1, 6))
                values[i] += step
                left -= step
    return values


def _wipe(queryset):
    # Straight DELETE: the rows were bulk-inserted without audit entries, and are removed the same way.
    queryset._raw_delete(queryset.db)


def _clear():
    """This area's rows only: the demo is rebuilt in place."""
    from gonghui.assistance.models import Payment, PaymentStep, Programme, PublicNotice

    programmes = list(m.WomenCampaign.objects.exclude(programme=None).values_list("programme", flat=True))
    payments = Payment.objects.filter(programme__in=programmes)
    notices = list(payments.exclude(notice=None).values_list("notice", flat=True))
    for queryset in (
        m.AssignmentVisit.objects.all(), m.Assignment.objects.all(), m.Meeting.objects.filter(kind="follow_up"),
        m.Meeting.objects.all(), m.Document.objects.all(), m.DocumentVolume.objects.all(),
        m.HomeRating.objects.all(), m.Honour.objects.all(), m.Event.objects.all(), m.SpecialContractRule.objects.all(),
        m.WomenCommittee.objects.all(), m.OpenAffairsCheck.objects.all(), m.WorkersCongress.objects.all(),
        m.LabourContractReturn.objects.all(), m.CollectiveContract.objects.all(), m.DemocracyInspection.objects.all(),
        m.WomenCampaign.objects.all(), PaymentStep.objects.filter(payment__in=payments),
        Payment.objects.filter(programme__in=programmes, reverses__isnull=False),
        Payment.objects.filter(programme__in=programmes), PublicNotice.objects.filter(pk__in=notices),
        Programme.objects.filter(pk__in=programmes), m.Membership.objects.exclude(transferred_from=None),
        m.Membership.objects.all(), m.Congress.objects.all(), m.CommitteeTerm.objects.all(),
        m.LegalRegistration.objects.all(), m.UnionEvent.objects.all(),
    ):  # fmt: skip
        _wipe(queryset)


@transaction.atomic
def build(rng=None):
    rng = rng or random.Random(2008)
    county = Organization.objects.filter(code="QS").first()
    if county is None:
        return {"skipped": "no demo county"}
    _clear()
    committees = list(Organization.objects.committees().filter(parent=county).order_by("path"))
    townships = {p.organization_id: p for p in Place.objects.townships().filter(organization__in=committees)}
    workplaces = _workplaces(rng, county, committees, townships)
    unions = list(Organization.objects.grassroots().filter(path__startswith=county.path).order_by("path"))
    founded_2008 = _union_events(rng, unions, workplaces)
    _terms_and_congress(rng, county, unions)
    members = _members(rng, county, unions, founded_2008)
    _democracy(rng, county, committees, townships, workplaces)
    _women(rng, county, unions, members)
    _events_and_honours(rng, county, unions, members)
    _documents_and_meetings(rng, county, committees, townships)
    return {
        "unions_founded_2008": len(founded_2008),
        "memberships": m.Membership.objects.count(),
        "workplaces": len(workplaces["all"]),
    }


def _workplaces(rng, county, committees, townships):
    """The county's workplaces, adding public units and private firms until the seed's counts fit.

    Existing enterprises all have a union and women staff, so they all owe a women's special
    contract; new private firms get a union (founded in 2008) until 169 workplaces are due.
    Public stations (站、所) have no union of their own.
    """
    ours = [credit_code(serial) for serial in range(FIRST_SERIAL, FIRST_SERIAL + 1000)]
    existing = list(Enterprise.objects.filter(organization__path__startswith=county.path).exclude(credit_code__in=ours)
                    .order_by("pk"))  # fmt: skip
    public = [e for e in existing if e.ownership in m.democracy.PUBLIC_OWNERSHIPS]
    private = [e for e in existing if e.ownership not in m.democracy.PUBLIC_OWNERSHIPS]
    towns = [c for c in committees if c.pk in townships]
    new, serial = [], FIRST_SERIAL
    plan = [("public", n) for n in range(max(0, TARGETS["open_affairs_public"] + 12 - len(public)))]
    plan += [("private", n) for n in range(max(0, TARGETS["open_affairs_private"] + 14 - len(private)))]
    for kind, n in plan:
        committee = towns[n % len(towns)]
        place = townships[committee.pk]
        stem = place.name[:-1]
        if kind == "public":
            unit, ownership = PUBLIC_UNITS[n // len(towns) % len(PUBLIC_UNITS)]
            name, staff = f"{place.name}{unit}", rng.randint(6, 45)
        else:
            ownership = rng.choice(["private", "private", "joint_stock", "individual"])
            name, staff = (
                f"黔山县{stem}{PRIVATE_KINDS[n // len(towns) % len(PRIVATE_KINDS)]}",
                rng.randint(10, 90),
            )
        new.append(Enterprise(name=name, credit_code=credit_code(serial), ownership=ownership, township=place,
                              organization=committee, staff_count=staff,
                              women_staff_count=rng.randint(1, max(1, staff // 2))))  # fmt: skip
        serial += 1
    have = set(Enterprise.objects.filter(credit_code__in=[e.credit_code for e in new]).values_list("credit_code",
                                                                                                    flat=True))  # fmt: skip
    Enterprise.objects.bulk_create([e for e in new if e.credit_code not in have])
    new = list(Enterprise.objects.filter(credit_code__in=[e.credit_code for e in new]).order_by("pk"))
    # New unions in new private firms until DUE workplaces have a union and women staff.
    with_union = {
        o.enterprise_id for o in Organization.objects.filter(enterprise__isnull=False, is_active=True)
    }
    due_now = sum(1 for e in existing if e.pk in with_union and e.women_staff_count)
    to_unionise = [e for e in new if e.ownership not in m.democracy.PUBLIC_OWNERSHIPS]
    to_unionise = to_unionise[: max(0, DUE - due_now)]
    for i, ent in enumerate(to_unionise, start=1):
        committee = Organization.objects.get(pk=ent.organization_id) if ent.organization.level == "committee" else (
            ent.organization.parent)  # fmt: skip
        union, _created = Organization.objects.get_or_create(
            code=f"{committee.code}-W{i:02d}",
            defaults={"name": f"{ent.name}工会", "level": "grassroots", "category": "enterprise",
                      "parent": committee, "enterprise": ent, "place": ent.township},
        )  # fmt: skip
        if ent.organization_id != union.pk:
            ent.organization = union
            ent.save(update_fields=["organization"])
    everything = existing + new
    return {"all": everything, "new_unionised": {e.pk for e in to_unionise}}


def _union_events(rng, unions, workplaces):
    """Founding of every union (68 in 2008), 24 reorganised in 2008, legal-person registration begun."""
    new_firm_unions = [u for u in unions if u.enterprise_id in workplaces["new_unionised"]]
    villages = [u for u in unions if u.category in ("village", "community") and u not in new_firm_unions]
    founded = list(new_firm_unions)
    founded += rng.sample(villages, TARGETS["new_unions"] - len(founded))
    founded_ids = {u.pk for u in founded}
    events = []
    for union in unions:
        joint = union.category in ("village", "community", "street")
        if union.pk in founded_ids:
            on = _day_in(rng, _d(2, 1), _d(12, 15))
            size = rng.randint(8, 25) if joint else rng.randint(10, 40)
        else:
            on = _day_in(rng, datetime.date(1985, 1, 1), datetime.date(2007, 12, 20))
            size = rng.randint(15, 80)
        union.established_on, union.chair = on, _name(rng)
        events.append(m.UnionEvent(organization=union, kind="founded", on=on, workplace_id=union.enterprise_id,
                                   area_id=union.place_id, form="joint" if joint else "single", chair=union.chair,
                                   members_at_founding=size))  # fmt: skip
    older = [u for u in unions if u.pk not in founded_ids]
    for union in rng.sample(older, TARGETS["reorganised"]):
        events.append(m.UnionEvent(organization=union, kind="reorganised", on=_day_in(rng, _d(3, 1), _d(11, 30)),
                                   chair=_name(rng), note="调整充实工会委员会"))  # fmt: skip
    m.UnionEvent.objects.bulk_create(events)
    Organization.objects.bulk_update(unions, ["established_on", "chair"])
    registrations = []
    for i, union in enumerate(rng.sample(older, 30)):
        if i < 8:
            registrations.append(m.LegalRegistration(organization=union, status="registered",
                                                     applied_on=_d(9, 10 + i), registered_on=_d(11, 10 + i),
                                                     certificate_number=f"工法证字第{COUNTY_DIVISION}{i + 1:04d}号"))  # fmt: skip
        else:
            registrations.append(m.LegalRegistration(organization=union, status="applied" if i < 20 else "preparing",
                                                     applied_on=_d(10, i) if i < 20 else None))  # fmt: skip
    m.LegalRegistration.objects.bulk_create(registrations)
    return founded


def _terms_and_congress(rng, county, unions):
    """The county committee's 10th term ended in October; its 11th congress is in preparation."""
    tenth = m.CommitteeTerm.objects.create(organization=county, number=10, starts_on=_d(10, 18, 2003),
                                           ends_on=_d(10, 17))  # fmt: skip
    m.Congress.objects.create(organization=county, ends_term=tenth, title="黔山县工会第十一次代表大会",
                              preparation_from=_d(11, 15), delegates=186)  # fmt: skip
    terms = []
    for i, union in enumerate(unions):
        # Three-year terms from the founding; a few unions whose term ended in 2008 have not re-elected.
        number = 1 + (YEAR - union.established_on.year) // 3
        start = _years_after(union.established_on, 3 * (number - 1))
        if start.year == YEAR and number > 1 and i % 6 == 0:
            number, start = number - 1, _years_after(start, -3)
        terms.append(m.CommitteeTerm(organization=union, number=number, starts_on=start,
                                     ends_on=_years_after(start, 3) - datetime.timedelta(days=1)))  # fmt: skip
    m.CommitteeTerm.objects.bulk_create(terms)


def _members(rng, county, unions, founded_2008):
    """Members before 2008, the 2,970 new members of 2008, and 16,200 migrant workers joined at source."""
    from gonghui.threecares.demo import _People
    from gonghui.threecares.models import OutMigrant

    people = _People(rng)
    villages = {p.pk: p for p in Place.objects.villages()}
    any_village = next(iter(villages.values()))
    rows = []  # (Membership without person, Person)

    def village_of(union):
        return villages.get(union.place_id) or any_village

    def add(union, joined_on, *, gender=None, **fields):
        person = people.add("incoming", village_of(union), gender=gender)
        rows.append((m.Membership(organization=union, joined_on=joined_on, **fields), person))

    founded_ids = {u.pk for u in founded_2008}
    founding = {e.organization_id: e for e in m.UnionEvent.objects.founded()}
    older = [u for u in unions if u.pk not in founded_ids]
    for union in older:  # members from before 2008
        for _i in range(rng.randint(3, 10)):
            add(union, _day_in(rng, founding[union.pk].on, _d(12, 31, 2007)))
    n_new = TARGETS["new_members"]
    at_founding = 0
    for union in founded_2008:  # the founding members: new members on the founding day
        event = founding[union.pk]
        for _i in range(event.members_at_founding):
            add(union, event.on)
        at_founding += event.members_at_founding
    rest = max(0, n_new - at_founding)
    for i in range(rest):
        union = older[i % len(older)]
        add(union, _day_in(rng, _d(1, 5), _d(12, 20)), gender="F" if i % 3 == 0 else None)
    people.save()
    memberships = []
    for membership, person in rows:
        membership.person_id = person.pk
        memberships.append(membership)
    # Joined at source: people already on the out-migrant registry, in their home village's union.
    # As many as the registry holds, up to the seed's 16,200 (tests build a small registry).
    n_source = TARGETS["joined_at_source"]
    source = list(OutMigrant.objects.filter(organization__level="grassroots").order_by("-is_member", "pk")
                  .values_list("person_id", "organization_id", "person__birth_date")[:n_source])  # fmt: skip
    for person_id, org_id, birth in source:
        joined = _day_in(rng, _d(1, 10), _d(11, 30))
        if birth and joined < birth:  # never before birth (rules.joining_errors): cannot happen in 2008
            continue
        memberships.append(m.Membership(person_id=person_id, organization_id=org_id, joined_on=joined,
                                        is_migrant_worker=True, joined_at_source=True))  # fmt: skip
    for i, membership in enumerate(memberships, start=1):
        membership.card_number = f"{COUNTY_DIVISION}{membership.joined_on.year}{i:06d}"
        membership.is_migrant_worker = membership.is_migrant_worker or i % 7 == 0
    # A few leave in 2008 (retired, changed jobs), and a few transfer between unions.
    leavers = [ms for ms in memberships if ms.joined_on.year < YEAR][:: max(1, len(memberships) // 40)][:30]
    for i, ms in enumerate(leavers):
        ms.left_on = _day_in(rng, _d(3, 1), _d(12, 1))
        ms.leave_reason = "transferred" if i < 6 else rng.choice(["retired", "changed_job"])
    # 20,000 rows: one executemany (COPY on PostgreSQL) instead of bulk_create's per-field preparation.
    now = adapt(m.Membership, "created_at", timezone.now())
    insert_rows(m.Membership, MEMBERSHIP_COLUMNS, [
        (ms.person_id, ms.organization_id, ms.joined_on, ms.card_number, ms.is_migrant_worker, ms.joined_at_source,
         ms.origin, ms.left_on, ms.leave_reason, "", now) for ms in memberships
    ], adapted=("created_at",))  # fmt: skip
    by_person = {ms.person_id: ms for ms in leavers[:6]}
    saved = m.Membership.objects.filter(person_id__in=by_person, left_on__isnull=False)
    transfers = []
    for ms in saved:
        target = older[(older.index(next(u for u in older if u.pk == ms.organization_id)) + 1) % len(older)]
        transfers.append(m.Membership(person_id=ms.person_id, organization=target, joined_on=ms.left_on,
                                      card_number=ms.card_number, origin="transferred", transferred_from=ms,
                                      is_migrant_worker=ms.is_migrant_worker))  # fmt: skip
    m.Membership.objects.bulk_create(transfers)
    # By the ID number: people found from an earlier build carry no gender on these instances.
    women = [p for ms, p in rows if ms.joined_on.year == YEAR and idnumbers.facts(p._number).gender == "F"]
    return {"women": women}


def _democracy(rng, county, committees, townships, workplaces):
    everything = workplaces["all"]
    union_of = {
        o.enterprise_id: o for o in Organization.objects.filter(enterprise__isnull=False, is_active=True)
    }
    ents = {e.pk: e for e in Enterprise.objects.filter(pk__in=[e.pk for e in everything])}
    with_union = [ents[pk] for pk in sorted(union_of) if pk in ents]
    due = [e for e in with_union if e.women_staff_count > 0]
    contracts = []
    # 135 women's special contracts in force at the end of 2008: 1,091 women, each within the women staff.
    special = sorted(rng.sample(due, TARGETS["special_contracts"]), key=lambda e: e.pk)
    women = split(TARGETS["special_contracts_women"], [min(e.women_staff_count, 20) for e in special], rng)
    for i, (ent, n) in enumerate(zip(special, women, strict=True)):
        signed = (
            _day_in(rng, _d(3, 1), _d(11, 30)) if i % 9 < 5 else _day_in(rng, _d(3, 1, 2006), _d(12, 1, 2007))
        )
        contracts.append(m.CollectiveContract(organization_id=ent.organization_id, workplace=ent, kind="women_special",
                                              signed_on=signed, starts_on=signed,
                                              ends_on=_years_after(signed, 3),
                                              workers_covered=max(n, ent.staff_count), women_covered=n))  # fmt: skip
    for i, ent in enumerate(with_union):
        if i % 5 == 4:
            continue
        signed = _day_in(rng, _d(1, 10, 2006), _d(12, 10))
        contracts.append(m.CollectiveContract(organization_id=ent.organization_id, workplace=ent, kind="comprehensive",
                                              signed_on=signed, starts_on=signed,
                                              ends_on=_years_after(signed, 3),
                                              workers_covered=ent.staff_count,
                                              women_covered=ent.women_staff_count))  # fmt: skip
        if i % 4 == 0:
            on = _day_in(rng, _d(2, 1), _d(6, 30))
            contracts.append(m.CollectiveContract(organization_id=ent.organization_id, workplace=ent, kind="wage",
                                                  signed_on=on, starts_on=on, ends_on=_years_after(on, 1),
                                                  workers_covered=ent.staff_count))  # fmt: skip
    coal = Organization.objects.filter(code="QS-COAL").first()
    for committee, kind, scope in [(committees[1], "regional", f"{townships.get(committees[1].pk, '')}区域性集体合同"),
                                   (coal or county, "sectoral", "煤炭行业工资集体协议")]:  # fmt: skip
        contracts.append(m.CollectiveContract(organization=committee, kind=kind, scope=scope, signed_on=_d(7, 8),
                                              starts_on=_d(7, 8), ends_on=_d(7, 7, YEAR + 3),
                                              workers_covered=rng.randint(800, 2000)))  # fmt: skip
    m.CollectiveContract.objects.bulk_create(contracts)
    # Labour contract counts for 2008; a few workplaces have not sent theirs (the office chases them).
    returns, congresses = [], []
    for i, ent in enumerate(with_union):
        if i % 23 == 7:
            continue
        having = rng.randint(int(ent.staff_count * 0.75), ent.staff_count)
        returns.append(m.LabourContractReturn(organization_id=ent.organization_id, workplace=ent, year=YEAR,
                                              signed=rng.randint(having // 3, having),
                                              workers_with_contract=having))  # fmt: skip
        if ent.staff_count >= 40 and i % 6:
            since = _day_in(rng, datetime.date(1995, 1, 1), _d(6, 30))
            last = _day_in(rng, max(since, _d(1, 5)), _d(12, 20)) if i % 10 else None
            congresses.append(m.WorkersCongress(organization_id=ent.organization_id, workplace=ent,
                                                established_on=since, last_session_on=last,
                                                delegates=max(10, ent.staff_count // 5)))  # fmt: skip
    m.LabourContractReturn.objects.bulk_create(returns)
    m.WorkersCongress.objects.bulk_create(congresses)
    # Two working groups inspected open factory affairs in 2008 (全年两次组派工作组).
    spring = m.DemocracyInspection.objects.create(organization=county, title="2008年上半年厂务公开民主管理专项检查",
                                                  started_on=_d(5, 12), ended_on=_d(5, 30), team="县总工会工作组")  # fmt: skip
    autumn = m.DemocracyInspection.objects.create(organization=county, title="2008年下半年厂务公开民主管理专项检查",
                                                  started_on=_d(10, 13), ended_on=_d(10, 31), team="县总工会工作组")  # fmt: skip
    public = [e for e in everything if e.ownership in m.democracy.PUBLIC_OWNERSHIPS]
    private = [e for e in everything if e.ownership not in m.democracy.PUBLIC_OWNERSHIPS]
    checks = []
    for group, practising in (
        (public, TARGETS["open_affairs_public"]),
        (private, TARGETS["open_affairs_private"]),
    ):
        for i, ent in enumerate(group):
            inspection = spring if i % 2 else autumn
            checks.append(m.OpenAffairsCheck(organization_id=ents[ent.pk].organization_id, inspection=inspection,
                                             workplace=ent, practised=i < practising,
                                             checked_on=_day_in(rng, inspection.started_on, inspection.ended_on)))  # fmt: skip
    m.OpenAffairsCheck.objects.bulk_create(checks)


def _women(rng, county, unions, members):
    """Committees, the county's due rule, the 3·8 and 5·29 campaigns (1,500 leaflets), 15,000 yuan."""
    from gonghui.assistance import demo as assistance_demo

    m.SpecialContractRule.objects.create(organization=county, needs_union=True, min_women_staff=1)
    m.WomenCommittee.objects.bulk_create([
        m.WomenCommittee(organization=u, established_on=max(u.established_on, _d(1, 1, 2000)), chair=_name(rng),
                         members=rng.randint(3, 7))
        for u in unions if u.category in ("enterprise", "school", "hospital", "organ")
    ])  # fmt: skip
    m.WomenCampaign.objects.create(organization=county, kind="publicity", title="“3·8”妇女节法律宣传咨询活动",
                                   held_on=_d(3, 8), place="县城大街", leaflets=800, consultations=260)  # fmt: skip
    m.WomenCampaign.objects.create(organization=county, kind="publicity", title="“5·29”计生协会活动日宣传咨询",
                                   held_on=_d(5, 29), place="县城大街", leaflets=700, consultations=190)  # fmt: skip
    programme = assistance_demo._programme(county, "other", "2008年“关爱女工、帮扶姐妹”慰问")
    m.WomenCampaign.objects.create(organization=county, kind="assistance", title="“关爱女工、帮扶姐妹”活动",
                                   held_on=_d(5, 20), programme=programme)  # fmt: skip
    admin = User.objects.filter(username="county_admin").first()
    centre = User.objects.filter(username="bangfu").first() or admin
    women = members["women"][:30]
    amount = TARGETS["women_assistance"] // max(1, len(women))
    # Women in hardship are paid through their household's archive, as every hardship payment is.
    archives = assistance_demo._quick_archives(rng, women, {p.pk: county for p in women}, centre, first=5001)
    rows = [(county, p, archives[p.pk], "hardship_worker", amount, "own_funds") for p in women]
    assistance_demo._pay(programme, centre, admin, _d(5, 20), rows)


def _events_and_honours(rng, county, unions, members):
    organs = Organization.objects.filter(code="QS-ZS").first() or county
    events = [
        ("skills", "attended", "黔东市职工采茶技能比赛", _d(4, 10), "黔东市", "黔东市总工会", 12, "获团体三等奖"),
        ("sport", "organised", "黔山县职工象棋赛", _d(6, 15), "县职工活动中心", "黔山县总工会", 64, "决出个人前八名"),
        ("campaign", "hosted", "“公民道德建设宣传月——满意在黔山”活动启动仪式", _d(9, 1), "县城广场",
         "县委宣传部、县文明办、县总工会", 1500, ""),
        ("sport", "co_organised", "黔山县第五届“广电网络杯”职工篮球赛", _d(10, 20), "县体育馆", "县广电网络公司、县总工会",
         240, "16支代表队参赛"),
        ("sport", "co_organised", "“奥运会倒计时100天”“全民健身与奥运同行”万人健步行", _d(4, 30), "县城",
         "县总工会、县直属工委、县体育局", 10000, ""),
        ("sport", "organised", "“巾帼与奥运同行”拔河赛", _d(3, 7), "县体育馆", "县总工会女职工委员会", 320, "12支女子代表队参赛"),
    ]  # fmt: skip
    m.Event.objects.bulk_create([
        m.Event(organization=county if role != "co_organised" or "直属" not in orgs else organs, kind=kind, role=role,
                title=title, held_on=on, place=place, organisers=orgs, participants=n, results=results)
        for kind, role, title, on, place, orgs, n, results in events
    ])  # fmt: skip
    honours = [m.Honour(organization=county, kind="advanced_woman", person=p, awarded_on=_d(3, 8),
                        awarded_by="黔山县总工会") for p in members["women"][30 : 30 + TARGETS["commended"]]]  # fmt: skip
    firms = [u for u in unions if u.category in ("enterprise", "coal_mine")]
    honours += [m.Honour(organization=u, kind="pioneer_post", team=f"{u.name[:-2]}生产班组", awarded_on=_d(12, 1),
                         awarded_by="黔东市总工会") for u in firms[:3]]  # fmt: skip
    honours += [m.Honour(organization=county, kind="model_action", team=f"新农村建设劳模在行动（{name}）",
                         awarded_on=_d(12, 10), awarded_by="黔山县总工会") for name in ("高桥镇", "风水乡")]  # fmt: skip
    m.Honour.objects.bulk_create(honours)
    rated = rng.sample([u for u in unions if u.established_on.year < YEAR], 20)
    ratings = (
        [("qualified", "黔山县总工会")] * 15
        + [("excellent", "黔东市总工会")] * 3
        + [("model_small", "黔东市总工会")] * 2
    )
    m.HomeRating.objects.bulk_create([
        m.HomeRating(organization=u, rating=r, rated_on=_d(12, 5), rated_by=body)
        for u, (r, body) in zip(rated, ratings, strict=True)
    ])  # fmt: skip


def _documents_and_meetings(rng, county, committees, townships):
    volume = m.DocumentVolume.objects.create(organization=county, title="黔山县总工会2008年文件汇编",
                                             compiled_on=_d(2, 15))  # fmt: skip
    m.Document.objects.bulk_create([
        m.Document(organization=county, number=f"县工发〔{YEAR}〕{i}号", title=title, issued_on=_d(1, 20 + i // 2),
                   recipients="各乡镇工会工委、县直属工委、各产业工会", volume=volume)
        for i, title in enumerate(DOCUMENTS, start=1)
    ])  # fmt: skip
    plenary = m.Meeting.objects.create(
        organization=county, kind="plenary", title="黔山县工会十届七次全委（扩大）会议", held_on=_d(2, 20),
        place="县委大会议室", attendees=120, report="黔山县工会十届七次全会工作报告",
        resolutions="总结2007年工会工作，表彰先进，安排部署2008年工会工作，下发《文件汇编》贯彻执行。",
    )  # fmt: skip
    m.Meeting.objects.bulk_create([
        m.Meeting(organization=c, kind="follow_up", title=f"{c.short_name or c.name}基层工会负责人会议",
                  held_on=_day_in(rng, _d(2, 22), _d(3, 20)), attendees=rng.randint(12, 40), follows=plenary,
                  report="传达学习县工会十届七次全委会精神")
        for c in committees
    ])  # fmt: skip
    towns = list(townships.values())
    for assignee, town, task in [("县总工会主席", towns[3], "“四在农家”创建和困难党员帮扶"),
                                 ("县总工会副主席", towns[3], "计划生育和社会治安综合治理"),
                                 ("县总工会机关（抽调一人）", towns[0], "火电办常年挂帮")]:  # fmt: skip
        assignment = m.Assignment.objects.create(organization=county, township=town, assignee=assignee, task=task,
                                                 starts_on=_d(1, 15))  # fmt: skip
        m.AssignmentVisit.objects.bulk_create([
            m.AssignmentVisit(organization=county, assignment=assignment, visited_on=_d(month, 12),
                              note="深入挂帮乡检查督导") for month in (3, 6, 9, 11)
        ])  # fmt: skip
