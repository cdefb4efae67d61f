import pytest
from django.db import connection
from django.urls import reverse

from gonghui.people.models import IdNumberAccess, Person

pytestmark = pytest.mark.django_db


def test_no_database_column_holds_the_clear_id_number(person_a):
    clear = person_a.clear_id_number()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person WHERE id = %s", [person_a.pk])
        row = cursor.fetchone()
    assert not any(clear in str(value) for value in row)
    assert person_a.id_number_masked in row


def test_gender_and_birth_date_are_derived_from_the_number(person_a):
    person = Person.objects.get(pk=person_a.pk)
    assert person.birth_date.isoformat() == "1975-03-08"
    assert person.gender == "M"


def test_committee_officer_sees_full_number_and_the_view_is_logged(client, cast, person_a):
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("people:person-reveal-id", args=[person_a.pk]))
    assert response.status_code == 200
    assert person_a.clear_id_number() in response.content.decode()
    log = IdNumberAccess.objects.get()
    assert (log.person, log.user) == (person_a, cast.township_a_officer)


@pytest.mark.parametrize("who", ["leader", "grassroots_officer", "auditor"])
def test_roles_that_may_not_unmask_get_404_and_nothing_is_logged(client, cast, person_a, who):
    client.force_login(getattr(cast, who))
    response = client.post(reverse("people:person-reveal-id", args=[person_a.pk]))
    assert response.status_code == 404
    assert not IdNumberAccess.objects.exists()


def test_officer_of_another_township_cannot_unmask(client, cast, person_a):
    client.force_login(cast.township_b_officer)
    assert client.post(reverse("people:person-reveal-id", args=[person_a.pk])).status_code == 404
    assert not IdNumberAccess.objects.exists()


def test_unmasking_needs_a_post_so_a_link_cannot_leak_it(client, cast, person_a):
    client.force_login(cast.county_admin)
    assert client.get(reverse("people:person-reveal-id", args=[person_a.pk])).status_code == 405


def test_person_list_shows_only_masked_numbers(client, cast, person_a):
    client.force_login(cast.county_admin)
    body = client.get(reverse("people:person-list")).content.decode()
    assert person_a.id_number_masked in body
    assert person_a.clear_id_number() not in body
