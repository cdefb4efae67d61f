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
