"""docs/new-area.md as tests: a step of adding an area that is missed fails here.

The URL-leak crawl's fixture (every scoped model has records) is in tests/orgs/test_no_url_leaks.py.
"""

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.urls import get_resolver, reverse

from gonghui.audit.registry import exemptions
from gonghui.orgs.context_processors import AREAS


def project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("gonghui.")]


def test_every_model_is_audited_or_exempt_with_a_reason():
    exempt = exemptions()
    neither = [
        m._meta.label for m in project_models() if not auditlog.contains(m) and m._meta.label not in exempt
    ]
    assert not neither, (
        f"Not audited: {', '.join(neither)}. Register each in its app's ready() with "
        "gonghui.audit.registry.audit(model), or exempt(model, reason=...) saying why."
    )
    both = [label for label in exempt if auditlog.contains(apps.get_model(label))]
    assert not both, f"Audited and exempt at once: {both}"


NOT_AREAS = {"admin": "Django's admin, for the system administrator", "audit": "shown to auditors only, added by "
             "the navigation itself for roles that may read the audit log"}  # fmt: skip


def test_every_app_with_urls_has_a_navigation_entry_keyed_by_its_namespace():
    namespaces = {ns for ns in get_resolver().namespace_dict if ns not in NOT_AREAS}
    keys = {key.split(":")[0] for key, _label, _url in AREAS}
    assert namespaces <= keys, (
        f"No navigation entry for {sorted(namespaces - keys)}: add (namespace, label, url name) to AREAS "
        "in gonghui/orgs/context_processors.py"
    )


@pytest.mark.parametrize(("key", "url_name"), [(key, name) for key, _label, name in AREAS])
def test_each_navigation_entry_shows_as_current_on_its_own_page(client, cast, key, url_name):
    client.force_login(cast.county_admin)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response.context["nav_current"] == key
