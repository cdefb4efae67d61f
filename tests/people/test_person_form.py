import pytest
from django.urls import reverse

from gonghui.people.models import Person
from tests.factories import id_number

pytestmark = pytest.mark.django_db


def form_data(cast, **overrides):
    data = {
        "name": "刘备",
        "id_number": id_number(311),
        "ethnicity": "汉族",
        "phone": "13800002222",
        "township": cast.place_a.pk,
        "village": cast.village_a.pk,
        "address": "高桥镇高桥村3组",
    }
    data.update(overrides)
    return data


def test_officer_registers_a_person_and_gender_comes_from_the_id_number(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("people:person-create"), form_data(cast, gender="F"))
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.gender == "M"
    assert person.name_initials == "lb"


def test_a_bad_id_number_is_shown_beside_the_field(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("people:person-create"), form_data(cast, id_number="5.20123E+17"))
    assert response.status_code == 200
    assert "Excel" in response.context["form"].errors["id_number"][0]
    assert not Person.objects.exists()


def test_a_second_person_with_the_same_id_number_is_refused(client, cast, person_a):
    client.force_login(cast.township_a_officer)
    response = client.post(
        reverse("people:person-create"), form_data(cast, id_number=person_a.clear_id_number())
    )
    assert "already registered" in response.context["form"].errors["id_number"][0]
    assert Person.objects.count() == 1


def test_officer_cannot_register_a_person_in_another_township(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.post(
        reverse("people:person-create"), form_data(cast, township=cast.place_b.pk, village=cast.village_b.pk)
    )
    assert response.status_code == 200
    assert not Person.objects.exists()


def test_village_must_belong_to_the_township(client, cast):
    client.force_login(cast.county_admin)
    response = client.post(reverse("people:person-create"), form_data(cast, village=cast.village_b.pk))
    assert "not in the chosen township" in str(response.context["form"].errors)


def test_read_only_leader_cannot_open_the_form(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("people:person-create")).status_code == 404
