"""Every page without arguments (lists, indexes, figures) runs a fixed number of queries.

The page is counted with one township's records, then again after the other township's records
of every area are added (``crawl_records`` of each area's factories, as the URL-leak crawl uses):
a page that queries once per row asks more the second time and is named here.
"""

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory
from tests.orgs.test_no_url_leaks import LINK, SKIP, area_crawl_records

pytestmark = pytest.mark.django_db
SKIP_NAMESPACES = {"admin"}
# Pages allowed one query per row, and why (a to-do for the area, not a pattern to copy).
PER_ROW_ALLOWED = {
    "/relief/": "one totals query per campaign (selectors.totals); a county runs a few campaigns a year",
}


def list_urls():
    """Reversed URL names of every namespaced page that takes no arguments."""
    names = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace and p.namespace not in SKIP_NAMESPACES:
                    walk(p.url_patterns, p.namespace)
            elif isinstance(p, URLPattern) and namespace and p.name and not p.pattern.converters:
                names.append(f"{namespace}:{p.name}")

    walk(get_resolver().url_patterns, "")
    return sorted(set(names))


def build(cast, which):
    township, place, village, union, officer, tag = {
        "a": (cast.township_a, cast.place_a, cast.village_a, cast.village_union_a, cast.township_a_officer, "甲"),
        "b": (cast.township_b, cast.place_b, cast.village_b, cast.township_b, cast.township_b_officer, "乙"),
    }[which]  # fmt: skip
    EnterpriseFactory(organization=OrganizationFactory(parent=township, name=f"{tag}厂工会"), township=place)
    PersonFactory(name=f"{tag}某", township=place, village=village)
    side = SimpleNamespace(
        township=township, place=place, village=village, union=union, officer=officer, tag=tag
    )
    for records in area_crawl_records():
        records(cast, side)


def list_pages(client):
    """The pages above, and the pages without a record number they link to (a registry, a service list)."""
    pages = {reverse(name) for name in list_urls()}
    for url in sorted(pages):
        response = client.get(url)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            pages |= {link for link in LINK.findall(response.content.decode()) if not re.search(r"/\d+/", link)
                      and not link.startswith(SKIP)}  # fmt: skip
    return sorted(pages)


def count(client, url):
    client.get(url, {"year": 2008})  # warm: sessions, content types, cached figures
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"year": 2008})
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return None  # downloads and redirects are not list pages
    return len(queries)


def test_no_page_asks_more_queries_when_there_are_more_rows(client, cast):
    """Every list page: a fixed number of queries whatever the number of rows."""
    client.force_login(cast.county_admin)
    build(cast, "a")
    before = {url: count(client, url) for url in list_pages(client)}
    build(cast, "b")
    grown = {
        name: (before[name], after)
        for name in before
        if before[name] is not None
        and name not in PER_ROW_ALLOWED
        and (after := count(client, name)) > before[name]
    }
    assert len([n for n in before.values() if n is not None]) >= 50, "the walk should reach the list pages"
    assert not grown, f"queries per row (before, after twice the rows): {grown}"
