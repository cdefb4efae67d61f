"""django-axes through the real login form: five wrong passwords lock the account."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

from .conftest import login

pytestmark = pytest.mark.browser
LOCKED = 429  # django-axes 8 answers a locked account with "Too Many Requests"


def _try(page, live_server, user, password):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.click("form button.primary")
    return posted.value.status


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(page, live_server, cast):
    officer = cast.township_a_officer
    statuses = [_try(page, live_server, officer, f"wrong-{i}") for i in range(5)]
    assert statuses[:4] == [200] * 4  # the form again, with an error
    assert statuses[4] == LOCKED  # the fifth failure locks
    assert _try(page, live_server, officer, PASSWORD) == LOCKED
    expect(page.locator("input[name=password]")).to_have_count(0)  # the lockout page, no form
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")


def test_four_wrong_passwords_do_not_lock_the_account(page, live_server, cast):
    officer = cast.township_a_officer
    for i in range(4):
        assert _try(page, live_server, officer, f"wrong-{i}") == 200
    login(page, live_server, officer)
    expect(page).to_have_url(f"{live_server.url}/")


def test_a_locked_account_does_not_lock_out_a_colleague(page, live_server, cast):
    for i in range(5):
        _try(page, live_server, cast.township_a_officer, f"wrong-{i}")
    login(page, live_server, cast.township_b_officer)
    expect(page).to_have_url(f"{live_server.url}/")
