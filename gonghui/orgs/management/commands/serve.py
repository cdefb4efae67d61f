"""`gonghui serve`: the demo server with its task worker, for `bin/serve`.

Prints the demo logins and the URL, starts django-tasks' database worker as a child process,
then serves the app with runserver (no reloader; whitenoise serves the static files). The
worker is stopped when the server stops, however it stops.
"""

import ctypes
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from gonghui.orgs.demo import DEMO_PASSWORD, DEMO_USERS
from gonghui.orgs.models import Organization

PR_SET_PDEATHSIG = 1


def _die_with_parent():
    # Linux: the worker gets SIGTERM if this process dies, even by SIGKILL.
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _raise_exit(signum, frame):
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Serve Gonghui on http://127.0.0.1:8000 with a background task worker; print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="Do not start the task worker.")

    def handle(self, *args, host, port, no_worker, **options):
        self._print_logins(host, port)
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, "-m", "gonghui.cli", "db_worker", "--queue-name", "*", "--no-reload"],
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
            self.stdout.write(f"Task worker started (pid {worker.pid}).")
        previous = signal.signal(signal.SIGTERM, _raise_exit)  # `kill` stops the worker too
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if worker is not None and worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
                self.stdout.write("Task worker stopped.")

    def _print_logins(self, host, port):
        print_logins(self.stdout, self.style, f"http://{host}:{port}", starting=True)
        out = self.stdout
        out.write(f"Database: {settings.DATABASES['default']['NAME']}")
        if not settings.DEBUG:
            out.write("DEBUG is off: errors show the platform's own pages (DEBUG=1 bash bin/serve shows Django's).")
        out.write("")


def print_logins(out, style, url, *, starting=False):
    """The address and every demo login, one readable line each."""
    orgs = dict(Organization.objects.filter(code__in={c for *_x, c in DEMO_USERS}).values_list("code", "name"))
    out.write("")
    out.write(style.SUCCESS(f"Gonghui is starting on {url}" if starting else f"Open {url} and log in as:"))
    if starting:
        out.write("Demo logins:")
    width = max(len(username) for username, *_rest in DEMO_USERS)
    for username, full_name, role, org_code in DEMO_USERS:
        out.write(f"  {username:<{width}}  {full_name}  {role.label}  {orgs.get(org_code, org_code)}")
    out.write(f"The password for every demo login: {DEMO_PASSWORD}")
    if not orgs:
        out.write(style.WARNING("(The demo county is not built yet: run `gonghui demo` first.)"))
