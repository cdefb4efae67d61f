"""`gonghui serve` (what bin/serve ends with): logins, URL, and a worker that never outlives it."""

import io

import pytest
from django.core.management import call_command

from gonghui.orgs.demo import DEMO_PASSWORD, DEMO_USERS
from gonghui.orgs.management.commands import serve


class FakeWorker:
    pid = 4242

    def __init__(self, argv, **kwargs):
        self.argv = argv
        self.terminated = False
        FakeWorker.last = self

    def poll(self):
        return 0 if self.terminated else None

    def terminate(self):
        self.terminated = True

    def wait(self, timeout=None):
        return 0


@pytest.fixture
def fake_runserver(monkeypatch):
    calls = []

    def runserver(name, addr, **options):
        calls.append((name, addr, options))
        raise KeyboardInterrupt  # the user pressed Ctrl-C

    monkeypatch.setattr(serve, "call_command", runserver)
    monkeypatch.setattr(serve.subprocess, "Popen", FakeWorker)
    return calls


def test_serve_prints_every_demo_login_the_password_and_the_url(db, fake_runserver):
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        call_command("serve", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123" in text
    assert DEMO_PASSWORD in text
    for username, full_name, *_rest in DEMO_USERS:
        assert username in text and full_name in text
    assert fake_runserver[0][:2] == ("runserver", "127.0.0.1:8123")
    assert fake_runserver[0][2]["use_reloader"] is False


def test_serve_starts_the_task_worker_and_stops_it_when_the_server_stops(db, fake_runserver):
    with pytest.raises(KeyboardInterrupt):
        call_command("serve", stdout=io.StringIO())
    assert "db_worker" in FakeWorker.last.argv
    assert FakeWorker.last.terminated


def test_serve_without_worker_starts_none(db, fake_runserver):
    FakeWorker.last = None
    with pytest.raises(KeyboardInterrupt):
        call_command("serve", "--no-worker", stdout=io.StringIO())
    assert FakeWorker.last is None
