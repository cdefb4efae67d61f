"""Who sees what: one rule ("your organisation's subtree"), tested for every model and view."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from gonghui.orgs import scoping
from gonghui.orgs.models import Enterprise, Organization, Place, Role
from gonghui.people.models import Person
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def gonghui_models():
    return [m for m in apps.get_models() if m.__module__.startswith("gonghui.")]


def scoped_models():
    return [m for m in gonghui_models() if any(f.name == "organization" for f in m._meta.fields)]


@pytest.mark.parametrize("model", scoped_models(), ids=lambda m: m._meta.label)
def test_every_scoped_model_has_a_non_null_organization_and_visible_to(model):
    if model._meta.label == "orgs.User":
        pytest.skip("users are managed by superusers in the admin")
    field = model._meta.get_field("organization")
    assert not field.null, f"{model._meta.label}.organization must be required: every scoped row has an owner"
    assert hasattr(model.objects, "visible_to"), f"{model._meta.label} needs visible_to(user)"


@pytest.mark.parametrize(
    "model", [m for m in gonghui_models() if hasattr(m.objects, "visible_to")], ids=lambda m: m._meta.label
)
def test_every_visible_to_filters_on_the_subtree_and_fails_closed(model, cast):
    sql = str(model.objects.visible_to(cast.township_a_officer).query)
    # The people scope names the subtree's places by their ids (scoping._people_condition).
    subtree = (
        f'"township_id" IN ({cast.place_a.pk})'
        if model._meta.label == "people.Person"
        else cast.township_a.path
    )
    assert subtree in sql, f"{model._meta.label}.visible_to does not filter on the user's subtree"
    homeless = UserFactory(organization=None, role=Role.COMMITTEE_OFFICER)
    assert not model.objects.visible_to(homeless).exists()


@pytest.fixture
def records(cast):
    """One record of each foundation model in township A and one in township B."""
    union_a = OrganizationFactory(parent=cast.township_a)
    union_b = OrganizationFactory(parent=cast.township_b)
    return {
        "a": {
            "org": union_a,
            "enterprise": EnterpriseFactory(organization=union_a, township=cast.place_a),
            "person": PersonFactory(name="高桥人", township=cast.place_a, village=cast.village_a),
        },
        "b": {
            "org": union_b,
            "enterprise": EnterpriseFactory(organization=union_b, township=cast.place_b),
            "person": PersonFactory(name="水坝塘人", township=cast.place_b, village=cast.village_b),
        },
    }


def test_township_officer_sees_only_their_subtree(cast, records):
    user = cast.township_a_officer
    assert set(Organization.objects.visible_to(user)) == {
        cast.township_a,
        cast.village_union_a,
        records["a"]["org"],
    }
    assert list(Enterprise.objects.visible_to(user)) == [records["a"]["enterprise"]]
    assert list(Person.objects.visible_to(user)) == [records["a"]["person"]]
    assert set(Place.objects.visible_to(user)) == {cast.place_a, cast.village_a}


def test_county_admin_sees_both_townships(cast, records):
    user = cast.county_admin
    assert Enterprise.objects.visible_to(user).count() == 2
    assert Person.objects.visible_to(user).count() == 2


def test_grassroots_officer_sees_people_of_their_village_only(cast, records):
    PersonFactory(name="镇上人", township=cast.place_a)  # township only, no village: the committee's
    assert list(Person.objects.visible_to(cast.grassroots_officer)) == [records["a"]["person"]]


def test_user_without_organisation_sees_nothing(cast, records):
    user = UserFactory(organization=None)
    assert not Person.objects.visible_to(user).exists()
    assert not Organization.objects.visible_to(user).exists()


def test_inactive_user_sees_nothing(cast, records):
    cast.township_a_officer.is_active = False
    assert not Person.objects.visible_to(cast.township_a_officer).exists()


def test_a_person_linked_by_a_record_in_the_subtree_becomes_visible(cast, records):
    """A person from township B who has a record in township A is visible to township A, no further."""
    from gonghui.people import outside
    from gonghui.people.models import IdNumberAccess

    # Any model can be declared a record about a person; a log row tied to a user's union stands in.
    scoping.register_person_link(IdNumberAccess, person_field="person", via="user__organization")
    outside.install()  # as migrate does: the new link's triggers
    try:
        person_b = records["b"]["person"]
        assert person_b not in Person.objects.visible_to(cast.township_a_officer)
        IdNumberAccess.objects.create(person=person_b, user=cast.township_a_officer, purpose="test")
        assert person_b in Person.objects.visible_to(cast.township_a_officer)
        assert person_b not in Person.objects.visible_to(cast.grassroots_officer)
    finally:
        scoping._person_links[:] = [e for e in scoping._person_links if e[0] is not IdNumberAccess]
        outside.install()


@pytest.mark.parametrize(
    ("url_name", "key"),
    [
        ("orgs:organization-detail", "org"),
        ("orgs:enterprise-detail", "enterprise"),
        ("people:person-detail", "person"),
        ("people:person-edit", "person"),
    ],
)
def test_another_townships_record_is_404_not_403(client, cast, records, url_name, key):
    client.force_login(cast.township_b_officer)
    assert client.get(reverse(url_name, args=[records["a"][key].pk])).status_code == 404
    assert client.get(reverse(url_name, args=[records["b"][key].pk])).status_code == 200


@pytest.mark.parametrize(
    ("url_name", "query", "hidden"),
    [
        ("people:person-list", "", "高桥人"),
        ("orgs:organization-list", "", "高桥镇工会工委"),
        ("orgs:enterprise-list", "", None),
    ],
)
def test_lists_never_show_another_townships_rows(client, cast, records, url_name, query, hidden):
    client.force_login(cast.township_b_officer)
    body = client.get(reverse(url_name), {"q": query}).content.decode()
    assert (hidden or records["a"]["enterprise"].name) not in body


def test_missing_record_and_someone_elses_record_look_the_same(client, cast, records):
    client.force_login(cast.township_b_officer)
    other = client.get(reverse("people:person-detail", args=[records["a"]["person"].pk]))
    missing = client.get(reverse("people:person-detail", args=[999999]))
    assert other.status_code == missing.status_code == 404

    def page(response):  # the same page, but for the CSRF token each page is given afresh
        return re.sub(rb'("X-CSRFToken": |name="csrfmiddlewaretoken" value=)"[^"]*"', b"", response.content)

    assert page(other) == page(missing)


def test_anonymous_visitor_is_sent_to_login(client, records):
    response = client.get(reverse("people:person-detail", args=[records["a"]["person"].pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_count_visible_counts_each_users_subtree(cast, records):
    for org in (cast.township_a, cast.village_union_a, cast.village_union_a, records["b"]["org"]):
        EnterpriseFactory(organization=org, township=cast.place_a)
    expected = [(cast.county_admin, 6), (cast.township_a_officer, 4), (cast.township_b_officer, 2),
                (cast.grassroots_officer, 2), (cast.leader, 6), (UserFactory(organization=None), 0),
                (UserFactory(organization=None, is_superuser=True), 6)]  # fmt: skip
    for user, n in expected:
        assert scoping.count_visible(Enterprise.objects.all(), user) == n, user
        assert scoping.count_visible(Enterprise.objects.filter(name__startswith="~"), user) == 0


def test_get_editable_or_404_needs_scope_and_a_role_that_may_change(cast):
    from django.http import Http404

    union_a = OrganizationFactory(parent=cast.township_a)
    assert scoping.get_editable_or_404(Organization, cast.township_a_officer, pk=union_a.pk) == union_a
    for user in (cast.township_b_officer, cast.leader, cast.auditor):
        with pytest.raises(Http404):
            scoping.get_editable_or_404(Organization.objects.all(), user, pk=union_a.pk)
    with pytest.raises(Http404):
        scoping.get_editable_or_404(Organization, cast.township_a_officer, pk="not a number")


def test_the_organisations_above_and_below_a_user_come_from_the_same_door(cast):
    """With no `via`, "set above applies below" reads the organisations themselves (relief's receiving union)."""
    above_and_below = scoping.applying_or_visible(Organization.objects.all(), cast.township_a_officer, via="")
    assert set(above_and_below) == {cast.county, cast.township_a, cast.village_union_a}
    assert set(scoping.applying_to(Organization.objects.all(), cast.village_union_a, via="")) == {
        cast.county, cast.township_a, cast.village_union_a}  # fmt: skip


def test_within_one_township_is_said_of_a_township_and_what_lies_under_it(cast, django_assert_num_queries):
    assert scoping.within_one_township(cast.township_a_officer)
    assert scoping.within_one_township(cast.grassroots_officer)  # a village's union under a township
    with django_assert_num_queries(0):  # a federation never lies under a township: no query
        assert not scoping.within_one_township(cast.county_admin)
