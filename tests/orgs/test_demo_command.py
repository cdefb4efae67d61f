"""`gonghui demo` says what it builds, area by area, and ends with the address and the logins."""

import io
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from gonghui.orgs import demo as orgs_demo
from gonghui.orgs.demo import DEMO_PASSWORD, DEMO_USERS
from gonghui.orgs.management.commands import demo as command

pytestmark = pytest.mark.django_db


def test_the_demo_prints_a_line_per_area_then_the_url_and_logins_not_a_dict(monkeypatch):
    areas = [("orgs", orgs_demo), ("people", SimpleNamespace(build=lambda rng: {"people": 3001, "created": 3001}))]
    monkeypatch.setattr(command, "demo_modules", lambda: iter(areas))
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "people …" in text and "people 3,001, created 3,001" in text
    assert "{" not in text and "}" not in text
    assert "http://127.0.0.1:8000" in text and DEMO_PASSWORD in text
    for username, full_name, *_rest in DEMO_USERS:
        assert username in text and full_name in text
