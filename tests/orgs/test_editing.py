import pytest
from django.urls import reverse

from gonghui.orgs.demo import credit_code
from gonghui.orgs.models import Enterprise, Organization

pytestmark = pytest.mark.django_db


def unit_data(**overrides):
    data = {"name": "高桥村茶厂工会", "code": "QS-T02-X01", "level": "grassroots", "category": "enterprise",
            "is_active": "on"}  # fmt: skip
    data.update(overrides)
    return data


def test_officer_adds_a_union_below_their_committee_and_it_lands_in_the_subtree(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("orgs:organization-create", args=[cast.township_a.pk]), unit_data())
    assert response.status_code == 302
    union = Organization.objects.get(code="QS-T02-X01")
    assert union.parent == cast.township_a
    assert union.is_in_subtree_of(cast.township_a)


def test_officer_cannot_add_a_union_below_another_township(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("orgs:organization-create", args=[cast.township_b.pk]), unit_data())
    assert response.status_code == 404
    assert not Organization.objects.filter(code="QS-T02-X01").exists()


def test_federations_cannot_be_created_from_the_app(client, cast):
    client.force_login(cast.county_admin)
    response = client.post(
        reverse("orgs:organization-create", args=[cast.county.pk]), unit_data(level="county")
    )
    assert response.status_code == 200
    assert "level" in response.context["form"].errors


def test_leader_cannot_edit(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("orgs:organization-edit", args=[cast.township_a.pk])).status_code == 404


def test_a_workplace_with_a_mistyped_credit_code_is_refused_beside_the_field(client, cast):
    client.force_login(cast.township_a_officer)
    good = credit_code(42)
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    data = {"name": "高桥茶厂", "credit_code": bad, "ownership": "private", "township": cast.place_a.pk,
            "staff_count": 30, "women_staff_count": 12, "coal_mine_pairs": 0}  # fmt: skip
    response = client.post(reverse("orgs:enterprise-create", args=[cast.township_a.pk]), data)
    assert "check character" in response.context["form"].errors["credit_code"][0]
    data["credit_code"] = good.lower()
    response = client.post(reverse("orgs:enterprise-create", args=[cast.township_a.pk]), data)
    assert response.status_code == 302
    assert Enterprise.objects.get().credit_code == good
