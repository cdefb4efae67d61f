"""Children are minors: only roles with can_see_minors see names and details, by any door."""

import datetime
import io

import pytest
from django.urls import reverse

from gonghui.threecares import models as m
from gonghui.threecares import services
from gonghui.threecares.selectors import child_counts

from .factories import child, entry

NO_MINORS = ["leader", "auditor", "grassroots_officer"]


@pytest.fixture
def family_child(cast):
    family = m.Family.objects.create(
        number="F1",
        name="张家",
        township=cast.place_a,
        village=cast.village_a,
        organization=cast.village_union_a,
    )
    kid = child(cast, name="张小明", family=family)
    services.record_visit(kind="child", person=kid.person, visited_on=datetime.date(2008, 6, 1), amount=50)
    return kid


def _child_urls(kid):
    return {
        "list": reverse("threecares:entry-list", args=["children"]),
        "search": reverse("threecares:entry-list", args=["children"]) + "?q=张",
        "search_initials": reverse("threecares:entry-list", args=["children"]) + "?q=zxm",
        "family": kid.family.get_absolute_url(),
        "person_page": kid.person.get_absolute_url(),
        "visits": reverse("threecares:service-list", args=["visits"]),
        "people_search": reverse("people:person-list") + "?q=张小明",
        "people_initials": reverse("people:person-list") + "?q=zxm",
    }


@pytest.mark.parametrize("role", NO_MINORS)
@pytest.mark.parametrize(
    "door", ["list", "search", "search_initials", "family", "visits", "people_search", "people_initials"]
)
def test_child_name_is_not_shown_to_role_without_minors_access(client, cast, family_child, role, door):
    client.force_login(getattr(cast, role))
    response = client.get(_child_urls(family_child)[door])
    html = response.content.decode()
    assert response.status_code == 200
    # The search box echoes what was typed; the child must not appear as a result.
    assert ">张小明<" not in html and family_child.person.get_absolute_url() not in html


@pytest.mark.parametrize("role", NO_MINORS)
def test_child_section_is_not_on_person_page_for_role_without_minors_access(client, cast, family_child, role):
    client.force_login(getattr(cast, role))
    response = client.get(family_child.person.get_absolute_url())
    assert (
        reverse("threecares:entry-detail", args=["children", family_child.pk])
        not in response.content.decode()
    )


@pytest.mark.parametrize("role", NO_MINORS)
@pytest.mark.parametrize("url_name", ["entry-detail", "visit-create"])
def test_child_record_is_404_for_role_without_minors_access(client, cast, family_child, role, url_name):
    client.force_login(getattr(cast, role))
    assert (
        client.get(reverse(f"threecares:{url_name}", args=["children", family_child.pk])).status_code == 404
    )


@pytest.mark.parametrize("role", NO_MINORS)
@pytest.mark.parametrize("url_name", ["child-guardians", "child-proxy-parent"])
def test_child_guardian_pages_are_404_for_role_without_minors_access(
    client, cast, family_child, role, url_name
):
    client.force_login(getattr(cast, role))
    url = reverse(f"threecares:{url_name}", args=[family_child.pk])
    assert (client.get(url).status_code, client.post(url, {"guardian": ""}).status_code) == (404, 404)


@pytest.mark.parametrize("role", NO_MINORS)
@pytest.mark.parametrize("url_name", ["record-detail", "record-edit", "record-delete"])
def test_child_visit_record_is_404_for_role_without_minors_access(client, cast, family_child, role, url_name):
    visit = m.Visit.objects.get(person=family_child.person)
    client.force_login(getattr(cast, role))
    url = reverse(f"threecares:{url_name}", args=["visits", visit.pk])
    assert (client.get(url).status_code, client.post(url).status_code) == (404, 404)
    assert m.Visit.objects.filter(pk=visit.pk).exists()


@pytest.mark.parametrize("role", NO_MINORS)
def test_child_export_is_404_for_role_without_minors_access(client, cast, family_child, role):
    client.force_login(getattr(cast, role))
    assert client.get(reverse("threecares:entry-export", args=["children"])).status_code == 404


@pytest.mark.parametrize("role", NO_MINORS)
def test_visits_export_leaves_out_visits_to_children_for_role_without_minors_access(
    client, cast, family_child, role
):
    client.force_login(getattr(cast, role))
    response = client.get(reverse("threecares:service-export", args=["visits"]))
    assert response.status_code == 200
    cells = [c for row in _sheet(response) for c in row]
    assert "张小明" not in cells
    client.force_login(cast.township_a_officer)
    cells = [
        c for row in _sheet(client.get(reverse("threecares:service-export", args=["visits"]))) for c in row
    ]
    assert "张小明" in cells


def _sheet(response):
    from python_calamine import CalamineWorkbook

    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.mark.parametrize("role", NO_MINORS)
def test_child_counts_are_shown_to_role_without_minors_access(client, cast, family_child, role):
    client.force_login(getattr(cast, role))
    response = client.get(reverse("threecares:entry-list", args=["children"]))
    assert response.context["child_counts"] == {"total": 1, "pupils": 1, "preschool": 0}


def test_family_page_counts_hidden_children_for_role_without_minors_access(client, cast, family_child):
    client.force_login(cast.leader)
    assert client.get(family_child.family.get_absolute_url()).context["file"].children_hidden == 1


@pytest.mark.parametrize("role", ["county_admin", "township_a_officer"])
def test_child_details_are_shown_to_role_with_minors_access(client, cast, family_child, role):
    client.force_login(getattr(cast, role))
    assert "张小明" in client.get(_child_urls(family_child)["list"]).content.decode()
    detail = client.get(reverse("threecares:entry-detail", args=["children", family_child.pk]))
    assert detail.status_code == 200 and "高桥村小学" in detail.content.decode()


def test_child_export_is_given_to_role_with_minors_access(client, cast, family_child):
    client.force_login(cast.county_admin)
    response = client.get(reverse("threecares:entry-export", args=["children"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_another_townships_officer_gets_404_for_a_child(client, cast, family_child):
    client.force_login(cast.township_b_officer)
    assert client.get(family_child.get_absolute_url()).status_code == 404


def test_pupils_plus_preschool_are_all_children(cast):
    child(cast, name="甲")
    child(cast, name="乙", kind="preschool")
    child(cast, name="丙", kind="preschool")
    counts = child_counts(cast.county_admin)
    assert counts["total"] == counts["pupils"] + counts["preschool"] == 3


def test_a_child_of_unknown_kind_is_refused_by_the_database(cast):
    kid = child(cast)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        m.LeftBehindChild.objects.filter(pk=kid.pk).update(kind="teen")


def test_out_migrant_list_does_not_need_minors_access(client, cast):
    entry(cast, "out_migrants", name="王大", destination_province="广东")
    client.force_login(cast.leader)
    assert "王大" in client.get(reverse("threecares:entry-list", args=["out_migrants"])).content.decode()
