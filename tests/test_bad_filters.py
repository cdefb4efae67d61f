"""Bad values in the address bar never answer 500: every list and export URL of the URLconf,
as several roles, with years out of range, ids beyond 64 bits and words where numbers go."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gonghui.ledgers.registry import all_kinds
from gonghui.reporting.indicators import all_indicators
from gonghui.threecares.registries import REGISTRIES
from gonghui.threecares.services_lists import SERVICE_LISTS

pytestmark = pytest.mark.django_db

PARAMS = ("year", "township", "village", "archive", "call", "page", "programme", "status", "queue",
          "level", "month", "person", "organization", "org", "cause", "kind", "q", "model", "user",
          "make", "coal", "hardship", "migrant", "destination", "household")  # fmt: skip
BAD = ["0", "99999999999999999999", "x\x00"]  # a year and an id out of range, not a number (NUL: 400)
SKIP = ("admin:", "logout", "set_language", "password_change")
SLUGS = {
    "kind": lambda: sorted(set(REGISTRIES) | {k.code for k in all_kinds()}),
    "what": lambda: sorted(SERVICE_LISTS),
    "code": lambda: [i.code for i in all_indicators()][:2] + ["no.such.code"],
}


def _values(arg):
    """Real values for the URL's argument where the walk knows them, else one that names nothing."""
    return SLUGS.get(arg, lambda: ["no-such-thing"])()


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}", prefix + str(p.pattern), p.pattern.converters


def list_urls():
    """Every URL of the URLconf that takes no record id (lists, exports, forms, indexes)."""
    urls = []
    for name, route, converters in _walk(get_resolver().url_patterns):
        if name.startswith(SKIP) or any(c.__class__.__name__ == "IntConverter" for c in converters.values()):
            continue
        routes = [route]
        for arg in converters:
            routes = [re.sub(rf"<(slug|str):{arg}>", value, r) for r in routes for value in _values(arg)]
        urls += ["/" + r for r in routes if "<" not in r and "^" not in r]
    return sorted(set(urls))


def test_the_walk_reaches_the_lists_and_exports():
    urls = list_urls()
    for url in ["/", "/people/", "/threecares/registry/out_migrants/", "/threecares/registry/elders/export/",
                "/assistance/payments/totals/", "/assistance/cases/export/", "/threecares/mechanisms/",
                "/threecares/mailing/", "/ledgers/export/people.xlsx"]:  # fmt: skip
        assert url in urls


@pytest.mark.parametrize("role", ["county_admin", "township_a_officer", "grassroots_officer"])
def test_no_list_or_export_answers_500_for_a_bad_filter_value(client, cast, person_a, role):
    client.raise_request_exception = False
    client.force_login(getattr(cast, role))
    failures = []
    for url in list_urls():
        for value in BAD:
            response = client.get(url, {name: value for name in PARAMS})
            if response.status_code >= 500:
                failures.append(f"{url}?…={value!r}")
    assert not failures, failures


def test_a_list_without_a_year_filter_leaves_the_year_box_empty(client, cast):
    client.force_login(cast.county_admin)
    body = client.get("/assistance/cases/").content.decode()
    assert 'name="year" value=""' in body and "None" not in body
