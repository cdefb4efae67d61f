import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gonghui.orgs.middleware import REFRESH_SECONDS, SEEN_KEY
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


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_working_pushes_the_idle_expiry_on_but_not_on_every_request(client, cast):
    client.force_login(cast.township_a_officer)
    client.get(reverse("people:person-list"))
    first = _expiry(client)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("people:person-list"))
    assert not [q for q in queries.captured_queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]
    assert _expiry(client) == first

    session = client.session
    session[SEEN_KEY] = int(time.time()) - REFRESH_SECONDS  # the last refresh was five minutes ago
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=first - timedelta(minutes=5))
    client.get(reverse("people:person-list"))
    assert _expiry(client) >= first


def test_a_weak_new_password_is_refused(client, cast):
    client.force_login(cast.township_a_officer)
    data = {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    response = client.post(reverse("password_change"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
