"""The demo county's mass safety supervision in 2008 (seed section 二.3), from records.

61 pairs of township coal mines (the orgs demo's 45 mines) with their monthly reports for every
month (a few late, a few returned), one training batch of 108 supervisors all certified, nine
inspection trips to the mines (the chairman's seven or eight visits to key mines, five or six to
the others), three hundred-day drives through 37 non-coal workplaces with 213 hazards (201
rectified, 12 open, five of them overdue at the year's end), 8 accidents with 12 deaths.

Bulk writes, no per-row services; every row satisfies the rules the services check. Idempotent:
a county that already has the demo's training batch is left as it is.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from gonghui.assistance.defaults import ensure_holidays
from gonghui.core.models import Holiday
from gonghui.orgs.demo import credit_code
from gonghui.orgs.models import Enterprise, Organization, Place
from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.people.pinyin import initials

from .models import (
    Accident,
    Certificate,
    ExamResult,
    Hazard,
    HazardGrade,
    HazardSource,
    Inspection,
    InspectionKind,
    InspectionLeader,
    InspectionVisit,
    MechanismDocument,
    MonthlyReport,
    MonthlyReportStep,
    ReportStatus,
    Supervisor,
    TrainingBatch,
    Workplace,
    WorkplaceKind,
    WorkplaceStatus,
    month_end,
)
from .rules import report_deadline

D = datetime.date
YEAR = 2008
BATCH_NAME = "2008年乡镇煤矿群监员培训班"
# New non-coal workplaces the hundred-day drives went through (the orgs demo has the others).
NON_COAL = [
    ("高桥镇", "采石场", WorkplaceKind.MINING), ("龙场镇", "采石场", WorkplaceKind.MINING),
    ("石门乡", "铅锌矿", WorkplaceKind.MINING), ("白岩镇", "重晶石矿", WorkplaceKind.MINING),
    ("城关镇", "烟花爆竹厂", WorkplaceKind.FIREWORKS), ("马场镇", "烟花爆竹销售点", WorkplaceKind.FIREWORKS),
    ("城关镇", "加油站", WorkplaceKind.CHEMICALS), ("青山镇", "加油站", WorkplaceKind.CHEMICALS),
    ("水坝塘镇", "液化气站", WorkplaceKind.CHEMICALS), ("桃源镇", "铁合金厂", WorkplaceKind.METALLURGY),
    ("新店镇", "电解锰厂", WorkplaceKind.METALLURGY), ("云雾镇", "硅铁厂", WorkplaceKind.METALLURGY),
]  # fmt: skip
INSPECTED_NON_COAL = 37
SUPERVISED_NON_COAL = 60
HAZARDS = 213
OPEN_HAZARDS = 12
OVERDUE_AT_YEAR_END = 5
# (date, kind) of the trips to the coal mines; the chairman went on every one.
MINE_TRIPS = [
    (D(2008, 3, 11), InspectionKind.QUARTERLY), (D(2008, 4, 22), InspectionKind.HUNDRED_DAY_CAMPAIGN),
    (D(2008, 5, 27), InspectionKind.HUNDRED_DAY_CAMPAIGN), (D(2008, 6, 17), InspectionKind.SAFETY_MONTH),
    (D(2008, 6, 24), InspectionKind.QUARTERLY), (D(2008, 7, 15), InspectionKind.HUNDRED_DAY_CAMPAIGN),
    (D(2008, 9, 9), InspectionKind.QUARTERLY), (D(2008, 10, 21), InspectionKind.ANKANG_CUP),
    (D(2008, 12, 9), InspectionKind.QUARTERLY),
]  # fmt: skip
DRIVES = [D(2008, 8, 5), D(2008, 9, 2), D(2008, 10, 14)]
# (month, day, deaths, serious, minor, kind, cause): 8 accidents, 12 deaths.
ACCIDENTS = [
    (1, 17, 1, 0, 1, "roof", "回采工作面顶板管理不到位，冒顶伤人"),
    (3, 5, 1, 1, 0, "transport", "斜巷运输跑车"),
    (4, 28, 2, 0, 2, "gas", "局部通风机停风后违章进入，瓦斯窒息"),
    (6, 3, 1, 0, 0, "electrical", "违章带电检修"),
    (7, 19, 3, 2, 1, "water", "探放水措施不落实，老空区透水"),
    (8, 30, 1, 0, 1, "roof", "掘进工作面空顶作业"),
    (10, 11, 2, 1, 0, "blasting", "放炮警戒不到位"),
    (11, 26, 1, 0, 0, "roof", "巷道支护失效片帮"),
]  # fmt: skip
PROBLEMS = ["个别工作面支护不规范", "瓦斯检查记录不全", "局部通风机未挂牌管理", "井下电缆吊挂不规范",
            "探放水记录不完整", "入井人员未全部携带自救器", "未发现问题"]  # fmt: skip
MEASURES = ["已责令当班整改并复查", "群监员跟班督促整改", "煤矿工会下发整改通知书", "已整改到位"]
HAZARD_TEXT = ["消防器材过期未更换", "安全警示标志缺失", "电气线路私拉乱接", "特种作业人员无证上岗",
               "危险品储存超量", "安全出口堵塞", "设备防护罩缺失", "安全生产责任制未落实到岗", "应急预案未演练"]  # fmt: skip
LEADERS = [("罗永福", "县总工会主席", 1), ("王建国", "县总工会副主席", 2), ("李国强", "县总工会副主席", 3)]


@transaction.atomic
def build(rng=None):
    rng = rng or random.Random("gonghui-demo-safety")
    county = Organization.objects.get(code="QS")
    if TrainingBatch.objects.filter(organization=county, name=BATCH_NAME).exists():
        return {"workplaces": Workplace.objects.count(), "created": 0}
    ensure_holidays(Holiday)  # report deadlines count working days around the holidays
    mines = _mines(rng)
    non_coal = _non_coal(county)
    supervisors = _supervisors(rng, county, mines)
    reports = _reports(rng, mines, supervisors)
    leaders = _leaders()
    _mine_trips(rng, county, mines, leaders)
    inspected = non_coal[:INSPECTED_NON_COAL]
    _drives(rng, county, inspected, leaders)
    _coal_hazards(rng, mines, reports)
    _accidents(rng, mines)
    MechanismDocument.objects.bulk_create([
        MechanismDocument(organization=county, kind="mechanism", title="黔山县总工会乡镇煤矿群众安全生产长效机制",
                          number="县工发〔2008〕8号", year=YEAR, issued_on=D(2008, 2, 25),
                          body="补充修订完善乡镇煤矿群众安全生产长效机制：月督查、季度督导检查、群监员培训履职和待遇落实。"),
        MechanismDocument(organization=county, kind="annual_plan", title="2008年全县乡镇煤矿群众安全生产工作安排",
                          number="县工发〔2008〕11号", year=YEAR, issued_on=D(2008, 3, 3),
                          body="召开产煤乡镇工委主任、煤矿业主和工会主席会议，安排部署全年群众安全生产工作。"),
    ])  # fmt: skip
    return {"mines": len(mines), "supervisors": len(supervisors), "reports": len(reports),
            "non_coal": len(non_coal)}  # fmt: skip


def _status_rows(workplaces, on):
    WorkplaceStatus.objects.bulk_create(
        [WorkplaceStatus(workplace=w, status=w.status, on=on) for w in workplaces]
    )


def _mines(rng):
    enterprises = list(
        Enterprise.objects.filter(is_coal_mine=True).select_related("township").order_by("credit_code")
    )
    unions = {
        o.enterprise_id: o for o in Organization.objects.filter(enterprise__in=enterprises).order_by("pk")
    }
    chairs = []
    mines = []
    for ent in enterprises:
        union = unions.get(ent.pk)
        if union is not None and not union.chair:
            union.chair = _name(rng)
            chairs.append(union)
        output = Decimal(rng.randint(30, 90) * 1000 * ent.coal_mine_pairs)
        mines.append(Workplace(enterprise=ent, organization_id=ent.organization_id, kind=WorkplaceKind.COAL,
                               owner=_name(rng), union=union, is_key=ent.coal_mine_pairs >= 2, status="producing",
                               status_since=D(2006, 1, 1), annual_output=output))  # fmt: skip
    Organization.objects.bulk_update(chairs, ["chair"])
    Workplace.objects.bulk_create(mines)
    _status_rows(mines, D(2006, 1, 1))
    return mines


def _non_coal(county):
    townships = {p.name: p for p in Place.objects.townships().select_related("organization")}
    new = []
    for i, (township, kind_name, _kind) in enumerate(NON_COAL):
        place = townships[township]
        code = credit_code(900 + i)
        ent = Enterprise.objects.filter(credit_code=code).first()
        if ent is None:
            new.append(Enterprise(name=f"黔山县{township[:-1]}{kind_name}", credit_code=code, township=place,
                                  organization=place.organization, staff_count=30 + 7 * i,
                                  women_staff_count=5 + i))  # fmt: skip
    Enterprise.objects.bulk_create(new)
    kinds = {credit_code(900 + i): kind for i, (_t, _n, kind) in enumerate(NON_COAL)}
    ours = list(Enterprise.objects.filter(credit_code__in=list(kinds)).order_by("credit_code"))
    # The orgs demo's township enterprises come first by credit code; workplaces other areas' demos
    # add later in the list do not change which are supervised.
    others = list(
        Enterprise.objects.filter(is_coal_mine=False, township__isnull=False)
        .exclude(credit_code__in=list(kinds))
        .order_by("credit_code")[: SUPERVISED_NON_COAL - len(ours)]
    )
    workplaces = [
        Workplace(enterprise=e, organization_id=e.organization_id, kind=kinds.get(e.credit_code, WorkplaceKind.OTHER),
                  status="producing", status_since=D(2006, 1, 1))
        for e in ours + others
    ]  # fmt: skip
    Workplace.objects.bulk_create(workplaces)
    _status_rows(workplaces, D(2006, 1, 1))
    return workplaces


def _name(rng):
    from gonghui.people.demo import GIVEN, SURNAMES

    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2))


def _supervisors(rng, county, mines):
    """108 supervisors (three at each key mine, two elsewhere), all trained and certified in 2008,
    and three earlier supervisors whose 2005 certificates run out early in 2009."""
    townships = {m.enterprise.township_id for m in mines}
    pool = {}
    for person in Person.objects.filter(township_id__in=townships, birth_date__lte=D(1985, 1, 1)).order_by(
        "pk"
    ):
        pool.setdefault(person.township_id, []).append(person)
    rows = []
    for mine in mines:
        people = pool[mine.enterprise.township_id]
        for _ in range(3 if mine.is_key else 2):
            rows.append(Supervisor(organization_id=mine.organization_id, workplace=mine, person=people.pop(0),
                                   appointed_on=D(2007, rng.randint(1, 12), rng.randint(1, 28))))  # fmt: skip
    trained = list(rows)
    older = [Supervisor(organization_id=m.organization_id, workplace=m, person=pool[m.enterprise.township_id].pop(0),
                        appointed_on=D(2005, 9, 1)) for m in mines[:3]]  # fmt: skip
    Supervisor.objects.bulk_create(rows + older)
    batch = TrainingBatch.objects.create(organization=county, name=BATCH_NAME, started_on=D(2008, 3, 17),
                                         ended_on=D(2008, 3, 21), hours=40, trainer="县安监局、县总工会",
                                         place="县委党校")  # fmt: skip
    ExamResult.objects.bulk_create([
        ExamResult(organization_id=s.organization_id, batch=batch, supervisor=s,
                   score=Decimal(rng.randint(70, 98)), passed=True, examined_on=batch.ended_on)
        for s in trained
    ])  # fmt: skip
    certificates = [
        Certificate(organization_id=s.organization_id, supervisor=s, number=f"黔山群监2008-{i:03d}",
                    issued_on=D(2008, 4, 1), expires_on=D(2011, 3, 31), batch=batch)
        for i, s in enumerate(trained, start=1)
    ]  # fmt: skip
    certificates += [
        Certificate(organization_id=s.organization_id, supervisor=s, number=f"黔山群监2005-{i:03d}",
                    issued_on=D(2005, 12, 20), expires_on=D(2009, 1, 1) + datetime.timedelta(days=10 + 12 * i))
        for i, s in enumerate(older, start=1)
    ]  # fmt: skip
    Certificate.objects.bulk_create(certificates)
    return rows + older


def _reports(rng, mines, supervisors):
    on_duty = {}
    for s in supervisors:
        on_duty.setdefault(s.workplace_id, []).append(s)
    months = [D(YEAR, m, 1) for m in range(1, 13)]
    deadlines = {m: report_deadline(m) for m in months}
    cells = [(mine, month) for mine in mines for month in months]
    late = set(rng.sample(range(len(cells)), 9))
    returned = rng.sample(sorted(set(range(len(cells))) - late), 8)
    still_returned = set(returned[:2])
    returned = set(returned)
    reports, steps = [], []
    for i, (mine, month) in enumerate(cells):
        deadline = deadlines[month]
        first = month_end(month) + datetime.timedelta(days=1)
        submitted = deadline + datetime.timedelta(days=rng.randint(1, 6)) if i in late else min(
            first + datetime.timedelta(days=rng.randint(0, 4)), deadline)  # fmt: skip
        status = ReportStatus.ACCEPTED
        if i in still_returned:
            status = ReportStatus.RETURNED
        report = MonthlyReport(
            organization_id=mine.organization_id, workplace=mine, month=month,
            output=(mine.annual_output / 12 * Decimal(rng.randint(85, 115)) / 100).quantize(Decimal("1")),
            people_underground=rng.randint(20, 40) * mine.enterprise.coal_mine_pairs,
            supervisor_on_duty=rng.choice(on_duty[mine.pk]), problems=rng.choice(PROBLEMS),
            measures=rng.choice(MEASURES), status=status, deadline=deadline, submitted_on=submitted,
            is_late=submitted > deadline,
        )  # fmt: skip
        trail = [(ReportStatus.SUBMITTED, submitted, "")]
        day = submitted
        if i in returned:
            day += datetime.timedelta(days=2)
            report.return_comment = "井下人数与考勤不符，请核实后重报"
            trail.append((ReportStatus.RETURNED, day, report.return_comment))
            if i not in still_returned:
                day += datetime.timedelta(days=3)
                trail.append((ReportStatus.RESUBMITTED, day, ""))
        if status == ReportStatus.ACCEPTED:
            day += datetime.timedelta(days=2)
            report.accepted_on = day
            trail.append((ReportStatus.ACCEPTED, day, ""))
        reports.append(report)
        steps.append(trail)
    MonthlyReport.objects.bulk_create(reports, batch_size=500)
    MonthlyReportStep.objects.bulk_create(
        [MonthlyReportStep(report=r, status=s, on=on, comment=c) for r, trail in zip(reports, steps, strict=True)
         for s, on, c in trail], batch_size=1000,
    )  # fmt: skip
    return reports


def _leaders():
    county_place = Place.objects.get(kind=Place.Kind.COUNTY, organization__code="QS")
    people = []
    for name, _title, sequence in LEADERS:
        number = idnumbers.make_valid(
            county_place.division_code[:6], D(1958 + sequence, 5, sequence), 900 + sequence
        )
        person = Person.objects.with_id_number(number).first()
        if person is None:
            person = Person(name=name, name_initials=initials(name), ethnicity="汉族")
            person.set_id_number(number)
            person.save()
        people.append(person)
    return people


def _mine_trips(rng, county, mines, leaders):
    chairman, vice, other = leaders
    trips = [Inspection(organization=county, kind=kind, on=on, team="县总工会督导组",
                        findings="督查煤矿安全生产和群监员履职情况，查阅月督查台账")
             for on, kind in MINE_TRIPS]  # fmt: skip
    Inspection.objects.bulk_create(trips)
    visits = []
    for mine in mines:
        count = rng.choice([7, 8]) if mine.is_key else rng.choice([5, 6])
        for trip in rng.sample(trips, count):
            visits.append(InspectionVisit(inspection=trip, workplace=mine))
    InspectionVisit.objects.bulk_create(visits)
    present = []
    for trip in trips:
        present.append(InspectionLeader(inspection=trip, person=chairman, title=LEADERS[0][1]))
        if trip.kind == InspectionKind.QUARTERLY:
            present.append(InspectionLeader(inspection=trip, person=vice, title=LEADERS[1][1]))
        elif trip.kind in (InspectionKind.HUNDRED_DAY_CAMPAIGN, InspectionKind.SAFETY_MONTH):
            present.append(InspectionLeader(inspection=trip, person=other, title=LEADERS[2][1]))
    InspectionLeader.objects.bulk_create(present)


def _drives(rng, county, inspected, leaders):
    drives = [Inspection(organization=county, kind=InspectionKind.HUNDRED_DAY_DRIVE, on=on,
                         team="县安监局工会及涉企工会", findings="安全生产百日督查：非煤企业隐患排查治理")
              for on in DRIVES]  # fmt: skip
    Inspection.objects.bulk_create(drives)
    InspectionLeader.objects.bulk_create(
        [InspectionLeader(inspection=d, person=leaders[2], title=LEADERS[2][1]) for d in drives]
    )
    visits = [
        InspectionVisit(inspection=drives[i % len(drives)], workplace=w) for i, w in enumerate(inspected)
    ]
    InspectionVisit.objects.bulk_create(visits)
    hazards = []
    for i in range(HAZARDS):
        visit = visits[i % len(visits)]
        found = visit.inspection.on
        deadline = found + datetime.timedelta(days=rng.randint(15, 45))
        grade = HazardGrade.MAJOR if i % 17 == 0 else HazardGrade.ORDINARY
        hazard = Hazard(organization_id=visit.workplace.organization_id, workplace=visit.workplace, found_on=found,
                        source=HazardSource.INSPECTION, inspection=visit.inspection, grade=grade,
                        description=rng.choice(HAZARD_TEXT), deadline=deadline, responsible=_name(rng))  # fmt: skip
        open_index = i - (HAZARDS - OPEN_HAZARDS)
        if open_index < 0:
            hazard.rectified_on = found + datetime.timedelta(days=rng.randint(3, (deadline - found).days))
            hazard.rechecked_on = hazard.rectified_on + datetime.timedelta(days=rng.randint(1, 5))
            hazard.rechecked_by = "县安监局工会"
        elif open_index < OVERDUE_AT_YEAR_END:
            hazard.deadline = D(2008, 12, 1) + datetime.timedelta(days=3 * open_index)
            hazard.grade = HazardGrade.MAJOR if open_index < 2 else HazardGrade.ORDINARY
        else:
            hazard.deadline = D(2009, 1, 15) + datetime.timedelta(days=10 * open_index)
        hazards.append(hazard)
    Hazard.objects.bulk_create(hazards)


def _coal_hazards(rng, mines, reports):
    """Hazards the supervisors and the monthly reports raised at the mines: all rectified."""
    hazards = []
    with_problems = [r for r in reports if r.problems != "未发现问题"][:24]
    for i, report in enumerate(with_problems):
        found = month_end(report.month)
        rectified = found + datetime.timedelta(days=rng.randint(2, 10))
        source = HazardSource.MONTHLY_REPORT if i % 2 else HazardSource.SUPERVISOR
        hazards.append(Hazard(organization_id=report.organization_id, workplace=report.workplace, found_on=found,
                              source=source, report=report if i % 2 else None, description=report.problems,
                              supervisor=None if i % 2 else report.supervisor_on_duty,
                              deadline=found + datetime.timedelta(days=15), responsible=report.workplace.owner,
                              rectified_on=rectified, rechecked_on=rectified + datetime.timedelta(days=1),
                              rechecked_by=report.supervisor_on_duty.person.name))  # fmt: skip
    Hazard.objects.bulk_create(hazards)


def _accidents(rng, mines):
    chosen = rng.sample(mines, len(ACCIDENTS))
    Accident.objects.bulk_create([
        Accident(organization_id=mine.organization_id, workplace=mine, occurred_on=D(YEAR, month, day), kind=kind,
                 deaths=deaths, serious_injuries=serious, minor_injuries=minor, cause=cause,
                 report="事故发生后煤矿及时上报乡镇政府和县安监局，县总工会派员参加事故调查。",
                 follow_up="煤矿停产整顿，落实整改措施，对死者家属依法赔偿")
        for mine, (month, day, deaths, serious, minor, kind, cause) in zip(chosen, ACCIDENTS, strict=True)
    ])  # fmt: skip
