"""Error pages are the platform's own: inside the layout (menu for a logged-in user), a way back,
the right status; the 500 page renders even when nothing else works."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from gonghui import errors
from gonghui.urls import urlpatterns as real_urlpatterns

pytestmark = pytest.mark.django_db


def _crash(request):
    raise RuntimeError("boom")


def _forbidden(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


urlpatterns = [path("crash/", _crash), path("forbidden/", _forbidden), path("bad/", _bad), *real_urlpatterns]
handler400 = "gonghui.errors.bad_request"
handler403 = "gonghui.errors.permission_denied"
handler404 = "gonghui.errors.page_not_found"
handler500 = "gonghui.errors.server_error"


def test_a_missing_record_is_a_404_page_in_the_layout_with_the_menu_and_a_way_home(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.get("/people/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'class="mainnav"' in body and 'href="/people/"' in body
    assert "Page not found" in body and 'href="/"' in body


def test_a_record_outside_the_scope_looks_missing(client, cast, person_a):
    client.force_login(cast.township_b_officer)
    response = client.get(person_a.get_absolute_url())
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_forbidden_and_bad_requests_have_their_pages(client, cast):
    client.force_login(cast.township_a_officer)
    forbidden = client.get("/forbidden/")
    assert forbidden.status_code == 403 and "Not allowed" in forbidden.content.decode()
    assert 'class="mainnav"' in forbidden.content.decode()
    bad = client.get("/bad/")
    assert bad.status_code == 400 and "Bad request" in bad.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_a_crash_shows_the_500_page_without_needing_the_request(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.township_a_officer)
    response = client.get("/crash/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and 'href="/"' in body and "gonghui.css" in body
    # Rendered from nothing: no request, no context processors, no database.
    assert errors.server_error().status_code == 500


def test_a_form_sent_without_its_csrf_token_gets_the_expired_form_page(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.township_a_officer)
    response = client.post("/people/new/", {"name": "张三"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "The form has expired" in body and 'class="mainnav"' in body


def test_the_chinese_pages_are_in_chinese(client, cast):
    client.force_login(cast.township_a_officer)
    response = client.get("/people/999999/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert "页面不存在" in response.content.decode()


def test_with_debug_off_the_static_files_are_still_served(client):
    from django.conf import settings

    assert not settings.DEBUG  # as bin/serve now runs the demo
    response = client.get("/static/css/gonghui.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"/* Gonghui")


def test_bin_serve_turns_debug_off_unless_asked():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[1] / "bin" / "serve").read_text()
    assert 'export DEBUG="${DEBUG:-0}"' in script
