"""Assessment schemes: items scored from figures against targets, shares, reports and by hand."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.reporting import assessment, reports, targets
from gonghui.reporting.indicators import Period
from gonghui.reporting.models import ReportForm, Scheme, SchemeItem
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(cast):
    form = ReportForm.objects.create(organization=cast.county, code="info", name="信息", frequency="half",
                                     respondents="townships")  # fmt: skip
    reports.submit(form=form, organization=cast.township_a, period=Period.half(2008, 1), content="上半年",
                   on=datetime.date(2008, 7, 3))  # fmt: skip
    scheme = Scheme.objects.create(organization=cast.county, year=2008, code="county", name="2008年工委考核")
    SchemeItem.objects.create(scheme=scheme, order=1, text="发展企业", points=40, kind="target",
                              params={"code": "enterprises.registered"})  # fmt: skip
    SchemeItem.objects.create(scheme=scheme, order=2, text="信息报送", points=20, kind="reports",
                              params={"form": "info"})  # fmt: skip
    SchemeItem.objects.create(scheme=scheme, order=3, text="工作创新", points=10, kind="manual")
    SchemeItem.objects.create(scheme=scheme, order=4, text="新建工会", points=30, kind="target",
                              params={"code": "org.not_registered_yet"})  # fmt: skip
    targets.assign(by=cast.county, organization=cast.township_a, code="enterprises.registered",
                   period=Period.year(2008), value=4)  # fmt: skip
    targets.assign(by=cast.county, organization=cast.township_b, code="enterprises.registered",
                   period=Period.year(2008), value=2)  # fmt: skip
    for _ in range(2):
        EnterpriseFactory(organization=cast.township_a)
    for _ in range(3):
        EnterpriseFactory(organization=cast.township_b)
    return scheme


def test_scores_rank_the_committees_with_a_breakdown_per_item(scheme, cast):
    manual = scheme.items.get(kind="manual")
    assessment.give_score(item=manual, organization=cast.township_a, score="8", note="亲情电话创新")
    a, b = assessment.scores(scheme)
    # 高桥: 2 of 4 enterprises → 20, reports 1 of 2 halves → 10, by hand 8 → 38
    # 水坝塘: 3 of 2 → 40 (capped), no reports, nothing by hand → 40
    assert (a.organization, a.total, a.rank) == (cast.township_b, Decimal("40.0"), 1)
    assert (b.organization, b.total, b.rank) == (cast.township_a, Decimal("38.0"), 2)
    assert [line.points for line in b.lines] == [
        Decimal("20.0"),
        Decimal("10.0"),
        Decimal("8.0"),
        Decimal("0.0"),
    ]
    assert b.lines[2].note == "亲情电话创新" and "not yet computed" in b.lines[3].note


def test_a_hand_score_needs_a_note_and_stays_within_the_points(scheme, cast):
    manual = scheme.items.get(kind="manual")
    with pytest.raises(ValidationError) as info:
        assessment.give_score(item=manual, organization=cast.township_a, score="11", note="")
    assert set(info.value.message_dict) == {"score", "note"}
    with pytest.raises(ValidationError):
        assessment.give_score(item=scheme.items.get(order=1), organization=cast.township_a, score=1, note="x")


def test_the_scheme_page_ranks_and_scores_by_hand(client, scheme, cast):
    client.force_login(cast.county_admin)
    manual = scheme.items.get(kind="manual")
    client.post(reverse("reporting:scheme", args=[scheme.pk]),
                {"item": manual.pk, "organization": cast.township_b.pk, "score": "5", "note": "好"})  # fmt: skip
    page = client.get(reverse("reporting:scheme", args=[scheme.pk]))
    assert page.context["scores"][0].total == Decimal("45.0")
    client.force_login(cast.township_a_officer)
    page = client.get(reverse("reporting:scheme", args=[scheme.pk]))
    assert [s.organization for s in page.context["scores"]] == [cast.township_a]  # its own line only
    assert client.post(reverse("reporting:scheme", args=[scheme.pk]), {}).status_code == 404


# --- 机关量化考核: the office assesses its own staff with the same machinery -------------------


@pytest.fixture
def staff_scheme(cast):
    from gonghui.reporting.models import Target

    scheme = Scheme.objects.create(organization=cast.county, year=2008, code="staff", name="2008年机关量化考核",
                                   assessed=Scheme.Assessed.STAFF)  # fmt: skip
    SchemeItem.objects.create(scheme=scheme, order=1, text="出勤", points=20, kind="manual")
    SchemeItem.objects.create(scheme=scheme, order=2, text="撰写信息", points=20, kind="manual")
    SchemeItem.objects.create(scheme=scheme, order=3, text="分管：发展企业", points=30, kind="target",
                              params={"code": "enterprises.registered"}, responsible=cast.county_admin)  # fmt: skip
    Target.objects.create(organization=cast.county, code="enterprises.registered", period_start=datetime.date(2008, 1, 1),
                          period_end=datetime.date(2008, 12, 31), value=4, assigned_by=cast.county)  # fmt: skip
    for _ in range(3):
        EnterpriseFactory(organization=cast.township_a)
    return scheme


def test_the_office_staff_are_ranked_on_hand_scores_and_the_figure_each_is_responsible_for(staff_scheme, cast):
    attendance, written, duty = staff_scheme.items.order_by("order")
    for user, a, w in ((cast.county_admin, 18, 12), (cast.leader, 20, 18), (cast.auditor, 10, 5)):
        assessment.give_score(item=attendance, staff=user, score=a, note="考勤记录")
        assessment.give_score(item=written, staff=user, score=w, note="信息采用")
    ranked = assessment.scores(staff_scheme)
    # 王: 18 + 12 + 30 x 3/4 = 52.5 of 70 (75%); the leader 38 of 40 (95%); the auditor 15 of 40
    assert [(s.staff, s.total, s.possible, s.rank) for s in ranked] == [
        (cast.leader, Decimal("38.0"), Decimal(40), 1),
        (cast.county_admin, Decimal("52.5"), Decimal(70), 2),
        (cast.auditor, Decimal("15.0"), Decimal(40), 3),
    ]
    assert ranked[1].lines[2].note == "3 / 4.00" and ranked[0].lines[0].note == "考勤记录"
    assert [line.item for line in ranked[0].lines] == [attendance, written]  # not the others' duty


def test_a_staff_score_is_for_a_member_of_the_office_on_a_hand_scored_item(staff_scheme, cast):
    attendance, _written, duty = staff_scheme.items.order_by("order")
    with pytest.raises(ValidationError) as info:
        assessment.give_score(item=attendance, staff=cast.township_a_officer, score=10, note="x")
    assert set(info.value.message_dict) == {"staff"}
    with pytest.raises(ValidationError) as info:
        assessment.give_score(item=duty, staff=cast.county_admin, score=10, note="x")
    assert set(info.value.message_dict) == {"item"}


def test_the_scheme_page_scores_a_staff_member_by_hand_and_ranks_the_staff(client, staff_scheme, cast):
    cast.auditor.full_name = "李审计"  # staff are named as the office writes them, not by their login
    cast.auditor.save(update_fields=["full_name"])
    client.force_login(cast.county_admin)
    url = reverse("reporting:scheme", args=[staff_scheme.pk])
    attendance = staff_scheme.items.get(order=1)
    client.post(url, {"item": attendance.pk, "staff": cast.auditor.pk, "score": "19", "note": "全勤"})
    client.post(url, {"item": attendance.pk, "staff": "x", "score": "19", "note": "全勤"})  # no 500
    page = client.get(url)
    html = page.content.decode()
    # by share of one's own points: 19 of 40 before 22.5 of 70
    assert [s.staff for s in page.context["scores"]][:2] == [cast.auditor, cast.county_admin]
    assert "李审计" in html and cast.auditor.username not in html and "全勤" in html and 'name="staff"' in html


def test_an_item_scored_from_inspection_visits_takes_no_hand_score(client, scheme, cast):
    visits = SchemeItem.objects.create(scheme=scheme, order=9, text="督导组检查评分", points=10, kind="manual",
                                       params={"from": "inspections"})  # fmt: skip
    with pytest.raises(ValidationError) as info:
        assessment.give_score(item=visits, organization=cast.township_a, score="8", note="手工打分")
    assert "inspection visits" in str(info.value)
    assessment.give_score(item=visits, organization=cast.township_a, score="8", note="督导组检查平均得分80",
                          from_visits=True)  # fmt: skip
    client.force_login(cast.county_admin)
    page = client.get(reverse("reporting:scheme", args=[scheme.pk]))
    assert visits not in page.context["manual_items"]
