"""The figures page, the drill-down list, targets, quality checks and closing, as users reach them."""

import io
import re

import pytest
from django.urls import reverse

from gonghui.orgs.models import Organization, User

pytestmark = pytest.mark.django_db


def sheet_rows(response):
    from python_calamine import CalamineWorkbook

    return (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )


def user(name):
    return User.objects.get(username=name)


@pytest.fixture
def admin_client(client, small_county):
    client.force_login(user("county_admin"))
    return client


def test_the_figures_page_shows_chinese_names_last_year_and_links_without_codes(admin_client, small_county):
    from django.utils import translation

    with translation.override("zh-hans"):
        page = admin_client.get(
            reverse("reporting:figures"), {"year": "2008"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    text = re.sub(r"<[^>]+>", " ", page.content.decode())  # what the user reads, not the links
    assert page.status_code == 200
    assert "assistance.amount" not in text and "three_cares.trainings" not in text
    assert "发放帮扶资金" in text or "帮扶" in text
    row = next(r for r in page.context["rows"] if r["ind"].code == "three_cares.trainings")
    assert row["value"] > 0 and row["previous"] == 0
    assert row["url"].startswith(reverse("reporting:records", args=["three_cares.trainings"]))


@pytest.mark.parametrize(
    "query",
    [{"year": "abc"}, {"year": "99999"}, {"month": "13"}, {"quarter": "x"}, {"start": "2008-13-01", "end": "x"},
     {"start": "2008-05-01"}, {"start": "2008-06-01", "end": "2008-05-01"}, {"org": "x"}, {"half": "3"}],
)  # fmt: skip
def test_bad_query_values_never_give_a_500(admin_client, query):
    page = admin_client.get(reverse("reporting:figures"), query)
    assert page.status_code in (200, 404)
    if page.status_code == 200 and set(query) - {"org"}:
        assert page.context["errors"], query


def test_periods_give_the_flows_within_them(admin_client, small_county):
    from gonghui.reporting import indicators
    from gonghui.reporting.indicators import Period

    quarters = [
        indicators.value("assistance.amount", small_county, Period.quarter(2008, q)) for q in (1, 2, 3, 4)
    ]
    months = [
        indicators.value("assistance.amount", small_county, Period.month(2008, m)) for m in range(1, 13)
    ]
    year = indicators.value("assistance.amount", small_county, Period.year(2008))
    assert sum(quarters) == sum(months) == year > 0
    page = admin_client.get(reverse("reporting:figures"), {"year": "2008", "quarter": "2"})
    row = next(r for r in page.context["rows"] if r["ind"].code == "assistance.amount")
    assert row["value"] == quarters[1]


def test_the_breakdown_by_committee_adds_up_for_flows_and_exports(admin_client, small_county):
    page = admin_client.get(reverse("reporting:figures"), {"year": "2008", "by": "children"})
    assert len(page.context["children"]) == 38
    codes = [ind.code for ind in page.context["indicators"]]
    i = codes.index("assistance.amount")
    county = next(r for r in admin_client.get(reverse("reporting:figures"), {"year": "2008"}).context["rows"]
                  if r["ind"].code == "assistance.amount")["value"]  # fmt: skip
    assert sum(c["cells"][i]["value"] for c in page.context["children"]) == county > 0
    export = admin_client.get(
        reverse("reporting:figures"), {"year": "2008", "by": "children", "format": "xlsx"}
    )
    assert export.status_code == 200
    assert "filename*=utf-8''" in export["Content-Disposition"]  # a Chinese file name
    assert len(sheet_rows(export)) >= 38 + 3


def test_the_drilldown_lists_the_records_adds_them_up_and_exports_them(admin_client, small_county):
    from gonghui.reporting import indicators
    from gonghui.reporting.indicators import Period

    url = reverse("reporting:records", args=["three_cares.trainees"])
    page = admin_client.get(url, {"year": "2008"})
    assert page.status_code == 200 and page.context["table"]
    total = admin_client.get(url, {"year": "2008", "part": "total"})
    figure = indicators.value("three_cares.trainees", small_county, Period.year(2008))
    assert total.context["total"] == figure > 0
    export = admin_client.get(url, {"year": "2008", "format": "xlsx"})
    rows = sheet_rows(export)
    n = indicators.records("three_cares.trainees", small_county, Period.year(2008)).count()
    assert len(rows) == n + 4  # title, unit, header, rows, 合计
    assert "filename*=utf-8''" in export["Content-Disposition"]


def test_a_township_officer_cannot_drill_into_another_township(client, small_county):
    client.force_login(user("gaoqiao"))
    other = Organization.objects.get(code="QS-T03")
    assert (
        client.get(reverse("reporting:records", args=["three_cares.trainees"]), {"org": other.pk}).status_code
        == 404
    )
    assert client.get(reverse("reporting:figures"), {"org": other.pk}).status_code == 404
    own = client.get(reverse("reporting:figures"), {"year": "2008"})
    assert own.context["org"].code == "QS-T02"


def test_children_records_are_not_listed_to_a_leader(client, small_county):
    client.force_login(user("leader"))
    url = reverse("reporting:records", args=["three_cares.children_visited"])
    assert client.get(url, {"year": "2008"}).status_code == 404
    page = client.get(reverse("reporting:figures"), {"year": "2008"})
    row = next(r for r in page.context["rows"] if r["ind"].code == "three_cares.children_visited")
    assert row["url"] == ""


def test_an_unknown_indicator_is_404(admin_client):
    assert admin_client.get(reverse("reporting:records", args=["no.such"])).status_code == 404
