import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["12345678901234567890123", "0", "abc"])
def test_a_cause_checkbox_beyond_any_id_is_a_wrong_choice_not_a_500(client, cast, value):
    client.force_login(cast.township_a_officer)
    response = client.post("/assistance/archives/new/", {"secondary_causes": [value], "main_cause": value})
    assert response.status_code == 200
    assert "secondary_causes" in response.content.decode()
    assert response.context["form"].errors["secondary_causes"]
