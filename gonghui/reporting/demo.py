"""The demo county's 2008 targets, periodic reports, assessment, quality rules and closed year.

Runs after every area's demo (reporting is last in INSTALLED_APPS): the city's targets for the
county split among the 38 committees; a quarterly work report beside the Three Cares monthly
information reports (built by the threecares demo, some late and one returned); the city's
scheme for the county, the county's scheme for its committees, with scores (the Three Cares
standard, a scheme of the same machinery, is built by the threecares demo); the county office's
assessment of its own staff (机关量化考核); the quality rules; and 2008 closed. Idempotent and
deterministic.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from gonghui.orgs.models import Organization

from . import closing, indicators, reports
from .indicators import Period
from .models import (
    ManualScore,
    QualityRule,
    ReportForm,
    Scheme,
    SchemeItem,
    Submission,
    SubmissionMove,
    Target,
    YearClose,
)

YEAR = 2008
# The city's 2008 targets for the county (seed: 新建工会 64 个, 发展会员 2835 名, …). Codes of areas
# not landed yet are kept as targets all the same; their figures join when the area lands.
CITY_TARGETS = {
    "org.new_unions": 64,
    "org.new_members": 2835,
    "org.joined_at_source": 15000,
    "assistance.person_times": 900,
    "three_cares.trainings": 45,
    "three_cares.trainees": 25000,
    "three_cares.elders_paired": 3200,
    "three_cares.family_phones": 200,
    "safety.supervisors_trained": 100,
}
QUALITY_RULES = [
    ("children-parts", "留守儿童 = 留守学生 + 学龄前儿童", "parts",
     {"total": "three_cares.children", "parts": ["three_cares.children_pupils", "three_cares.children_preschool"]}),
    ("employed-referred", "实现就业人数不超过介绍就业人数", "relation",
     {"left": "three_cares.employed", "op": "<=", "right": "three_cares.referred"}),
    ("rectified-found", "隐患整改数不超过发现数", "relation",
     {"left": "safety.hazards_rectified", "op": "<=", "right": "safety.hazards_found"}),
    ("certified-trained", "持证群监员不超过培训人数", "relation",
     {"left": "safety.supervisors_certified", "op": "<=", "right": "safety.supervisors_trained"}),
    ("coverage-100", "女职工专项集体合同覆盖率不超过100%", "relation",
     {"left": "women.special_contracts_coverage", "op": "<=", "right": 100}),
    ("proxy-children", "代理家长不多于留守儿童", "relation",
     {"left": "three_cares.proxy_parents", "op": "<=", "right": "three_cares.children"}),
    ("wage-case-average", "农民工欠薪案件涉及金额（每案平均不超过100万元）", "average",
     {"code": "three_cares.rights_cases", "field": "amount_claimed", "limit": 1000000, "filter": {"kind": "wages"}}),
    ("collective-contracts", "集体合同签订数必须有台账", "required", {"code": "democracy.collective_contracts"}),
    ("labour-contracts", "劳动合同签订数必须有台账", "required", {"code": "democracy.labour_contracts"}),
    ("workers-congresses", "职代会建制数必须有台账", "required", {"code": "democracy.workers_congresses"}),
    ("assistance-yoy", "帮扶资金与上年相比变化不超过一半", "yoy", {"code": "assistance.amount", "ratio": 0.5}),
]  # fmt: skip
QUARTERLY_FIELDS = [
    {"key": "person_times", "label": "本季度帮扶人次", "indicator": "assistance.person_times"},
    {"key": "amount", "label": "本季度帮扶金额（元）", "indicator": "assistance.amount"},
    {"key": "new_unions", "label": "本季度新建工会（个）", "indicator": "org.new_unions"},
    {"key": "new_members", "label": "本季度发展会员（名）", "indicator": "org.new_members"},
]


def _split(total, weights):
    """Whole parts of `total` in proportion to `weights`, adding up to at least the total."""
    whole = sum(weights) or 1
    parts = [int(Decimal(total) * w / whole) for w in weights]
    for i in range(total - sum(parts)):
        parts[i % len(parts)] += 1
    return parts


@transaction.atomic
def prepare():
    """Before the areas rebuild the demo in place: reopen the year this demo closed (every write
    into a closed year is refused); ``build`` closes it again at the end, with a new snapshot."""
    YearClose.objects.filter(organization__code="QS", year=YEAR).delete()


@transaction.atomic
def build(rng=None):
    rng = rng or random.Random(YEAR)
    county = Organization.objects.filter(code="QS").first()
    if county is None or county.parent is None:
        return {"skipped": "no demo county"}
    city = county.parent
    year = Period.year(YEAR)
    committees = list(Organization.objects.filter(parent=county, level="committee").order_by("path"))
    created = {}

    # Targets: the city's for the county, split among the committees (townships weigh double).
    have = set(
        Target.objects.filter(organization=county, period_start=year.start).values_list("code", flat=True)
    )
    new = [Target(organization=county, code=code, period_start=year.start, period_end=year.end, value=value,
                  assigned_by=city) for code, value in CITY_TARGETS.items() if code not in have]  # fmt: skip
    Target.objects.bulk_create(new)
    created["targets"] = len(new)
    weights = [2 if c.category == "township" else 1 for c in committees]
    parts = []
    done = set(Target.objects.filter(organization__parent=county, period_start=year.start)
               .values_list("organization_id", "code"))  # fmt: skip
    for target in Target.objects.filter(organization=county, period_start=year.start):
        for committee, value in zip(committees, _split(int(target.value), weights), strict=True):
            if (committee.pk, target.code) not in done:
                parts.append(Target(organization=committee, code=target.code, period_start=year.start,
                                    period_end=year.end, value=value, assigned_by=county, parent=target))  # fmt: skip
    Target.objects.bulk_create(parts)
    created["target_parts"] = len(parts)

    # A quarterly work report from every committee, prefilled from the figures; two late.
    form, _new = ReportForm.objects.get_or_create(
        organization=county, code="quarterly-work",
        defaults={"name": "工会工作季度报表", "frequency": "quarter", "deadline_days": 10, "fields": QUARTERLY_FIELDS},
    )  # fmt: skip
    have = set(Submission.objects.filter(form=form).values_list("organization_id", "period_start"))
    rows = []
    for quarter in reports.periods(form, YEAR):
        figures = indicators.compute_children(county, quarter, [f["indicator"] for f in QUARTERLY_FIELDS],
                                              children=committees)  # fmt: skip
        due = reports.deadline(form, quarter)
        for i, committee in enumerate(committees):
            if (committee.pk, quarter.start) in have:
                continue
            late = (i * 5 + quarter.number) % 17 == 0
            values = {f["key"]: indicators.as_json_number(figures[committee.pk].get(f["indicator"], 0))
                      for f in QUARTERLY_FIELDS if f["indicator"] in figures[committee.pk]}  # fmt: skip
            rows.append(Submission(
                form=form, organization=committee, period_start=quarter.start, period_end=quarter.end,
                status="accepted", values=values, content=f"{committee.name}{quarter.label}工会工作情况。",
                submitted_on=due + datetime.timedelta(days=3) if late else due - datetime.timedelta(days=2),
                deadline=due,
            ))  # fmt: skip
    Submission.objects.bulk_create(rows)
    SubmissionMove.objects.bulk_create(
        [SubmissionMove(submission=s, from_status=frm, to_status=to, on=s.submitted_on)
         for s in rows for frm, to in (("", "submitted"), ("submitted", "accepted"))]
    )  # fmt: skip
    created["quarterly_reports"] = len(rows)

    created["schemes"] = _schemes(city, county, committees, rng)
    created["quality_rules"] = _quality_rules(county)

    if not YearClose.objects.filter(organization=county, year=YEAR).exists():
        closing.close_year(organization=county, year=YEAR)
        created["closed"] = YEAR
    return created


def _scheme(owner, code, name, assessed, items):
    scheme, made = Scheme.objects.get_or_create(organization=owner, year=YEAR, code=code,
                                                defaults={"name": name, "assessed": assessed})  # fmt: skip
    if made:
        SchemeItem.objects.bulk_create([SchemeItem(scheme=scheme, order=i, text=text, points=points, kind=kind,
                                                   params=params)
                                        for i, (text, points, kind, params) in enumerate(items, start=1)])  # fmt: skip
    return scheme, made


def _schemes(city, county, committees, rng):
    made = 0
    # The city's rules for assessing its counties.
    scheme, new = _scheme(city, "city-county", "2008年度县（区）总工会目标考核", "children", [
        ("新建基层工会完成市下达任务", 20, "target", {"code": "org.new_unions"}),
        ("发展会员完成市下达任务", 20, "target", {"code": "org.new_members"}),
        ("困难职工帮扶人次完成任务", 15, "target", {"code": "assistance.person_times"}),
        ("“三关”工程农民工培训完成任务", 15, "target", {"code": "three_cares.trainings"}),
        ("空巢老人结对完成任务", 10, "target", {"code": "three_cares.elders_paired"}),
        ("工作创新和信息宣传（市总评定）", 20, "manual", {}),
    ])  # fmt: skip
    if new:
        item = scheme.items.get(kind="manual")
        ManualScore.objects.create(item=item, organization=county, score=Decimal(18),
                                   note="“三关”工程经验在市“两会”上推广")  # fmt: skip
        made += 1
    # The county's rules for its 38 committees.
    scheme, new = _scheme(county, "county-committees", "2008年度工会工委工作目标考核", "children", [
        ("新建基层工会完成任务", 20, "target", {"code": "org.new_unions"}),
        ("发展会员完成任务", 20, "target", {"code": "org.new_members"}),
        ("帮扶人次完成任务", 15, "target", {"code": "assistance.person_times"}),
        ("季度报表按时报送", 15, "reports", {"form": "quarterly-work", "on_time": True}),
        ("空巢老人结对完成任务", 10, "target", {"code": "three_cares.elders_paired"}),
        ("督导组检查评分", 20, "manual", {}),
    ])  # fmt: skip
    if new:
        item = scheme.items.get(kind="manual")
        ManualScore.objects.bulk_create([
            ManualScore(item=item, organization=c, score=Decimal(rng.randint(12, 20)), note="督导组年终检查评分")
            for c in committees
        ])  # fmt: skip
        made += 1
    # The Three Cares standard is a scheme too, built once by the threecares demo (threecares/assessment.py).
    made += _staff_scheme(county, rng)
    return made


# 机关量化考核: the county office's staff, by hand (with a note) and on the figure each is responsible for.
STAFF_ITEMS = [
    ("出勤和工作纪律", 20, "manual", {}),
    ("完成领导交办任务", 30, "manual", {}),
    ("撰写信息、调研报告", 20, "manual", {}),
]
STAFF_DUTIES = ["org.new_unions", "assistance.person_times", "org.new_members", "three_cares.trainings",
                "three_cares.elders_paired"]  # fmt: skip
STAFF_NOTES = {"出勤和工作纪律": "全年考勤记录", "完成领导交办任务": "年终述职评议", "撰写信息、调研报告": "信息被县以上采用情况"}


def _staff_scheme(county, rng):
    from gonghui.orgs.models import User

    staff = list(User.objects.filter(organization=county, is_active=True).order_by("username"))
    if not staff:
        return 0
    scheme, new = _scheme(county, "office-staff", "2008年度县总工会机关工作人员量化考核", "staff", STAFF_ITEMS)
    if not new:
        return 0
    for i, user in enumerate(staff):
        code = STAFF_DUTIES[i % len(STAFF_DUTIES)]
        name = indicators.get(code).name if indicators.is_registered(code) else code
        SchemeItem.objects.create(scheme=scheme, order=10 + i, text=f"分管工作：{name}完成任务", points=30,
                                  kind="target", params={"code": code}, responsible=user)  # fmt: skip
    ManualScore.objects.bulk_create([
        ManualScore(item=item, organization=county, staff=user, note=STAFF_NOTES[item.text],
                    score=Decimal(rng.randint(int(item.points) * 6, int(item.points) * 10)) / 10)
        for item in scheme.items.filter(kind="manual") for user in staff
    ])  # fmt: skip
    return 1


def _quality_rules(county):
    have = set(QualityRule.objects.filter(organization=county).values_list("code", flat=True))
    rows = [QualityRule(organization=county, code=code, name=name, kind=kind, params=params)
            for code, name, kind, params in QUALITY_RULES if code not in have]  # fmt: skip
    QualityRule.objects.bulk_create(rows)
    return len(rows)
