"""Crawl the app as two township officers: nothing township A reaches about its own records opens
for township B. Covers every page an area adds, without listing them here."""

import re
from collections import deque

import pytest

from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
SKIP = ("/static/", "/logout/", "/admin/", "/i18n/", "/password/")


def crawl(client, limit=400):
    seen, queue = set(), deque(["/"])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in LINK.findall(response.content.decode()):
            if link not in seen:
                queue.append(link)
    return seen


@pytest.fixture
def two_townships(cast):
    for township, place, village, tag in [
        (cast.township_a, cast.place_a, cast.village_a, "甲"),
        (cast.township_b, cast.place_b, cast.village_b, "乙"),
    ]:
        union = OrganizationFactory(parent=township, name=f"{tag}厂工会")
        EnterpriseFactory(organization=union, township=place, name=f"{tag}厂")
        PersonFactory(name=f"{tag}某", township=place, village=village)
    return cast


def test_township_b_cannot_open_any_record_page_township_a_reaches(client, two_townships):
    cast = two_townships
    client.force_login(cast.township_a_officer)
    reached_by_a = crawl(client)
    client.force_login(cast.township_b_officer)
    reached_by_b = crawl(client)
    record_pages = {u for u in reached_by_a - reached_by_b if re.search(r"/\d+/", u)}
    assert len(record_pages) >= 4, "the crawl should reach township A's records"
    leaks = [u for u in sorted(record_pages) if client.get(u).status_code != 404]
    assert not leaks, f"township B opened township A's pages: {leaks}"
