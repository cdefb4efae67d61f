import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_the_right_password_lands_on_the_home_page(client, cast):
    response = client.post(reverse("login"), {"username": "officer_a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "高桥镇工会工委" in response.content.decode()


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one_after(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "officer_a", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "officer_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_of_one_account_does_not_lock_another(client, cast):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "officer_a", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "officer_b", "password": PASSWORD})
    assert response.status_code == 302


def test_sessions_expire_when_idle_and_when_the_browser_closes():
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_a_weak_new_password_is_refused(client, cast):
    client.force_login(cast.township_a_officer)
    data = {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    response = client.post(reverse("password_change"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
