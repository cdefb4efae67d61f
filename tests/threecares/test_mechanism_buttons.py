import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["grassroots_officer", "township_a_officer", "county_admin"])
def test_every_button_on_the_mechanisms_page_opens_a_page(client, cast, role):
    client.force_login(getattr(cast, role))
    body = client.get("/threecares/mechanisms/").content.decode()
    buttons = re.findall(r'<a class="button" href="([^"]+)"', body)
    assert buttons
    for url in buttons:
        assert client.get(url).status_code == 200, url


def test_a_village_union_is_not_offered_a_report_it_cannot_submit(client, cast):
    client.force_login(cast.grassroots_officer)
    assert "/threecares/mechanisms/reports/new/" not in client.get("/threecares/mechanisms/").content.decode()
    client.force_login(cast.township_a_officer)
    assert "/threecares/mechanisms/reports/new/" in client.get("/threecares/mechanisms/").content.decode()
