import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.orgs.models import Organization
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_children_get_paths_under_their_parent(cast):
    assert cast.township_a.path.startswith(cast.county.path)
    assert cast.village_union_a.path.startswith(cast.township_a.path)
    assert cast.village_union_a.depth == cast.county.depth + 2


def test_siblings_get_distinct_increasing_paths(cast):
    first = OrganizationFactory(parent=cast.township_b)
    second = OrganizationFactory(parent=cast.township_b)
    assert first.path < second.path
    assert first.path[:-5] == second.path[:-5] == cast.township_b.path


def test_any_depth_works(cast):
    node = cast.village_union_a
    for _ in range(10):
        node = OrganizationFactory(parent=node)
    assert node.depth == cast.village_union_a.depth + 10
    assert node.is_in_subtree_of(cast.county)


def test_subtree_is_one_query(cast):
    OrganizationFactory(parent=cast.village_union_a)
    with CaptureQueriesContext(connection) as queries:
        names = list(cast.township_a.subtree().values_list("name", flat=True))
    assert len(queries) == 1
    assert len(names) == 3


def test_ancestors_come_from_the_root_down_in_one_query(cast):
    with CaptureQueriesContext(connection) as queries:
        chain = list(cast.village_union_a.ancestors())
    assert len(queries) == 1
    assert chain == [cast.county, cast.township_a]


def test_lookup_finds_by_code_name_or_short_name(cast):
    cast.township_a.short_name = "高桥镇"
    cast.township_a.save()
    assert list(Organization.objects.lookup("高桥镇")) == [cast.township_a]
    assert list(Organization.objects.lookup("QS-T02")) == [cast.township_a]
