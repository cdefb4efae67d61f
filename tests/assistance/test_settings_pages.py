"""Federation administrators keep the causes of hardship and the eligibility lines on pages of their own."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.assistance.models import EligibilityLine, HardshipCause
from gonghui.orgs.models import Role
from tests.factories import UserFactory

from .factories import cause, eligibility_line


@pytest.fixture
def township_admin(cast):
    return UserFactory(username="township_admin", organization=cast.township_a, role=Role.FEDERATION_ADMIN)


@pytest.mark.parametrize("name", ["assistance:cause-list", "assistance:line-list"])
def test_settings_pages_are_not_found_for_other_roles(client, cast, name):
    for user in (cast.township_a_officer, cast.grassroots_officer, cast.leader, cast.auditor):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 404


def test_federation_admin_adds_a_cause_that_the_archive_form_offers(client, cast):
    client.force_login(cast.county_admin)
    data = {"code": "housing", "name": "因房致困", "order": 20, "is_active": "on"}
    assert client.post(reverse("assistance:cause-list"), data).status_code == 302
    page = client.get(reverse("assistance:cause-list")).content.decode()
    assert "因房致困" in page and reverse("assistance:line-list") in page
    from gonghui.assistance.forms import ArchiveForm

    assert "因房致困" in [c.name for c in ArchiveForm(user=cast.county_admin).fields["main_cause"].queryset]


def test_a_cause_made_inactive_leaves_the_archive_form_but_keeps_its_code(client, cast):
    illness = cause("illness")
    client.force_login(cast.county_admin)
    response = client.post(reverse("assistance:cause-edit", args=[illness.pk]),
                           {"code": "changed", "name": "因病", "order": 1})  # fmt: skip
    assert response.status_code == 302
    illness.refresh_from_db()
    assert illness.code == "illness" and not illness.is_active


def test_refuses_a_second_active_cause_of_the_same_name(client, cast):
    cause("illness")
    client.force_login(cast.county_admin)
    response = client.post(reverse("assistance:cause-list"), {"code": "illness2", "name": "因病", "is_active": "on",
                                                              "order": 3})  # fmt: skip
    assert response.status_code == 200
    assert "因病" in response.context["form"].errors["name"][0]
    assert not HardshipCause.objects.filter(code="illness2").exists()


def test_federation_admin_adds_and_edits_a_line_for_a_township(client, cast):
    client.force_login(cast.county_admin)
    data = {
        "place": cast.place_a.pk,
        "year": 2008,
        "monthly_income_per_head": "175",
        "household_year_cap": "3000",
    }
    assert client.post(reverse("assistance:line-list"), data).status_code == 302
    line = EligibilityLine.objects.get()
    data["monthly_income_per_head"] = "180"
    assert client.post(reverse("assistance:line-edit", args=[line.pk]), data).status_code == 302
    line.refresh_from_db()
    assert line.monthly_income_per_head == Decimal("180")
    page = client.get(reverse("assistance:line-list") + "?year=2008").content.decode()
    assert "高桥镇" in page and "180" in page


def test_refuses_a_second_line_for_the_same_place_and_year_by_name(client, cast):
    eligibility_line(cast.place_a, minimum="170")
    client.force_login(cast.county_admin)
    data = {"place": cast.place_a.pk, "year": 2008, "monthly_income_per_head": "175"}
    response = client.post(reverse("assistance:line-list"), data)
    assert response.status_code == 200
    assert "already exists" in response.context["form"].non_field_errors()[0]
    assert EligibilityLine.objects.count() == 1


def test_a_township_admin_sees_and_edits_only_lines_of_its_subtree(client, cast, township_admin):
    own = eligibility_line(cast.village_a, minimum="160")
    other = eligibility_line(cast.place_b, minimum="170")
    client.force_login(township_admin)
    response = client.get(reverse("assistance:line-list") + "?year=2008")
    assert list(response.context["rows"]) == [own]
    assert client.get(reverse("assistance:line-edit", args=[other.pk])).status_code == 404
    places = set(response.context["form"].fields["place"].queryset)
    assert cast.place_a in places and cast.place_b not in places


def test_a_township_admin_cannot_post_a_line_for_another_township(client, cast, township_admin):
    client.force_login(township_admin)
    data = {"place": cast.place_b.pk, "year": 2008, "monthly_income_per_head": "175"}
    response = client.post(reverse("assistance:line-list"), data)
    assert response.status_code == 200 and "place" in response.context["form"].errors
    assert not EligibilityLine.objects.exists()


def test_the_service_names_the_place_and_year_of_a_clashing_line(cast):
    from django.core.exceptions import ValidationError

    from gonghui.assistance import services

    eligibility_line(cast.place_a, minimum="170")
    line = EligibilityLine(place=cast.place_a, year=2008, monthly_income_per_head=Decimal("175"))
    with pytest.raises(ValidationError) as e:
        services.save_eligibility_line(line=line, user=cast.county_admin)
    assert "高桥镇" in e.value.message_dict["year"][0] and "2008" in e.value.message_dict["year"][0]


def test_the_service_refuses_a_place_outside_the_users_area(cast, township_admin):
    from django.core.exceptions import ValidationError

    from gonghui.assistance import services

    line = EligibilityLine(place=cast.place_b, year=2008, monthly_income_per_head=Decimal("175"))
    with pytest.raises(ValidationError) as e:
        services.save_eligibility_line(line=line, user=township_admin)
    assert "水坝塘镇" in e.value.message_dict["place"][0]
