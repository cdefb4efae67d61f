"""A write refused because its year is closed never answers 500.

Every save and delete of a dated record meets the closed-year rule (``reporting.closing``);
forms and services show the refusal beside the date. A view that does not expect a refusal (a
delete button, an inline action) gets this middleware instead: the officer is sent back to the
page they came from, with the reason.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def _closed_year_messages(error):
    errors = [e for es in error.error_dict.values() for e in es] if hasattr(error, "error_dict") else error.error_list
    return [message for e in errors if e.code == "year_closed" for message in e.messages]


class ClosedYearRefusal:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ValidationError):
            return None
        reasons = _closed_year_messages(exception)
        if not reasons:
            return None
        for reason in dict.fromkeys(reasons):
            messages.error(request, reason)
        back = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
        return redirect(back if back and safe else "/")
