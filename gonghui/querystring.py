"""Numbers in the address bar: record ids, years and page numbers, read one way on every page.

A filter value that is not a number the database can hold (``?year=0``, ``?year=99999``,
``?township=99999999999999999999``, ``?township=abc``) is ignored with a message instead of
reaching a query and answering 500. Views never call ``int()`` on the query string themselves.
"""

from django.contrib import messages
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # the largest id a BigAutoField (and SQLite's INTEGER) holds
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_PAGE = 10**6


def parse_int(value, *, minimum, maximum):
    """The whole number ``value`` spells (ASCII digits, optional sign) if within bounds, else None."""
    text = str(value if value is not None else "").strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits or len(digits) > 20 or not digits.isascii() or not digits.isdigit():
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def parse_id(value):
    return parse_int(value, minimum=1, maximum=MAX_ID)


def parse_year(value):
    return parse_int(value, minimum=FIRST_YEAR, maximum=LAST_YEAR)


def parse_page(value):
    """A page number: anything that is not one is the first page."""
    return parse_int(value, minimum=1, maximum=MAX_PAGE) or 1


def _read(request, name, parse):
    raw = request.GET.get(name, "")
    if not raw.strip():
        return None
    number = parse(raw)
    if number is None:
        warned = request.__dict__.setdefault("_ignored_query_values", set())
        if name not in warned:
            warned.add(name)
            messages.warning(
                request,
                _("The address asked for %(name)s=%(value)s, which is not a valid value; that filter was ignored.")
                % {"name": name, "value": raw[:24]},
                fail_silently=True,
            )
    return number


def query_id(request, name):
    """The record id in ``?name=``, or None (blank, or not an id: ignored with a message)."""
    return _read(request, name, parse_id)


def query_year(request, name="year"):
    """The year in ``?name=`` (1900-2100), or None (blank, or not a year: ignored with a message)."""
    return _read(request, name, parse_year)


class RefuseNulCharacters:
    """Middleware: an address with a NUL character (%00) is answered 400 with the platform's page.

    No search or filter means one, and PostgreSQL refuses NUL in any text it is given, so a
    ``?q=x%00`` would otherwise reach a query and answer 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            from gonghui.errors import bad_request

            return bad_request(request)
        return self.get_response(request)
