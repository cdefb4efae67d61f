"""The pages a user sees when something goes wrong: in Chinese, inside the site's layout, with a way back.

Wired in urls.py (handler400/403/404/500) and settings.CSRF_FAILURE_VIEW. They show only with
DEBUG off (bin/serve and production); with DEBUG on Django shows its debug pages instead.
The 500 page renders without the request, so no context processor (which may be what failed)
runs for it, and without a database query.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _page(request, status, title, message):
    return render(request, "errors/page.html", {"status": status, "title": title, "message": message},
                  status=status)  # fmt: skip


def bad_request(request, exception=None):
    return _page(request, 400, _("Bad request"),
                 _("The address or the form sent something this page cannot read. Check what you typed and try again."))  # fmt: skip


def permission_denied(request, exception=None):
    return _page(request, 403, _("Not allowed"),
                 _("Your role may not open this page. If you need it, ask your federation's administrator."))  # fmt: skip


def page_not_found(request, exception=None):
    return _page(request, 404, _("Page not found"),
                 _("There is no such page or record, or it is outside the organisations you may see."))  # fmt: skip


def csrf_failure(request, reason=""):
    return _page(request, 403, _("The form has expired"),
                 _("The page was open too long or you logged in again elsewhere. Go back, reload the page and send the form again."))  # fmt: skip


def server_error(request=None):
    html = loader.get_template("errors/500.html").render({})
    return HttpResponse(html, status=500)
