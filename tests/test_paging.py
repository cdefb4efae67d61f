"""Pages of long lists: the two-step read, a count given by the caller, pages without a total."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gonghui.paging import page_of
from gonghui.people.models import Person
from tests.factories import PersonFactory, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    return [PersonFactory(name=f"王{i:03d}", township=cast.place_a, village=cast.village_a, id_no=id_number(900 + i))
            for i in range(120)]  # fmt: skip


def test_pages_without_a_total_know_only_whether_there_is_a_next(people):
    rows = Person.objects.order_by("name", "pk")
    first = page_of(rows, 1, counted=False)
    assert [p.name for p in first] == [f"王{i:03d}" for i in range(50)]
    assert first.has_next() and not first.has_previous()
    assert first.paginator.count is None and first.paginator.num_pages is None
    last = page_of(rows, "3", counted=False)
    assert len(last) == 20 and not last.has_next() and last.has_previous()
    assert last.previous_page_number() == 2
    assert [p.name for p in page_of(rows, "nonsense", counted=False)] == [p.name for p in first]
    assert list(page_of(rows, 9, counted=False)) == []


def test_a_count_the_caller_knows_is_not_counted_again(people):
    rows = Person.objects.order_by("name", "pk")
    with CaptureQueriesContext(connection) as queries:
        page = page_of(rows, 2, count=120)
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert page.paginator.num_pages == 3 and page.has_next()
    assert [p.name for p in page] == [f"王{i:03d}" for i in range(50, 100)]
    assert page_of(rows, 1).paginator.count == 120


def test_the_people_list_counts_a_search_but_not_everyone(client, cast, people):
    client.force_login(cast.township_a_officer)
    everyone = client.get(reverse("people:person-list")).content.decode()
    assert "120 records" not in everyone and "Page 1" in everyone and "Next" in everyone
    found = client.get(reverse("people:person-list"), {"q": "王"}).content.decode()
    assert "120 records" in found and "Page 1 of 3" in found


def test_the_total_comes_with_the_ids_and_a_page_past_the_end_is_the_last(people):
    rows = Person.objects.order_by("name", "pk")
    with CaptureQueriesContext(connection) as queries:
        page = page_of(rows, 2)
    assert len(queries) == 2, "the ids with their total, then the rows"
    assert page.paginator.count == 120 and page.paginator.num_pages == 3
    assert [p.name for p in page] == [f"王{i:03d}" for i in range(50, 100)]
    past = page_of(rows, 7)
    assert past.number == 3 and [p.name for p in past] == [f"王{i:03d}" for i in range(100, 120)]
    nothing = page_of(rows.filter(name="无此人"), 1)
    assert nothing.paginator.count == 0 and list(nothing) == [] and not nothing.has_next()
