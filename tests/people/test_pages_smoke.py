import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_person_page_shows_masked_id_number_to_township_officer(client, cast, person_a):
    client.force_login(cast.township_a_officer)
    response = client.get(person_a.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "张三" in body
    assert person_a.id_number_masked in body
    assert person_a.clear_id_number() not in body


@pytest.mark.parametrize("name", ["home", "people:person-list", "orgs:organization-list", "orgs:enterprise-list",
                                  "reporting:figures", "audit:entry-list"])  # fmt: skip
def test_every_main_page_renders_for_the_county_admin(client, cast, person_a, name):
    client.force_login(cast.county_admin)
    assert client.get(reverse(name)).status_code == 200
