"""One declaration per registry and per service: every name it goes by leads to the same one."""

import pytest
from django.urls import reverse

from gonghui.ledgers.registry import get_kind
from gonghui.reporting import indicators
from gonghui.threecares import models as m
from gonghui.threecares import registries, services_lists
from gonghui.threecares.registries import BY_VISIT, REGISTRIES
from gonghui.threecares.services_lists import SERVICE_LISTS


@pytest.mark.parametrize("key", list(REGISTRIES))
def test_a_registrys_ledger_kind_and_figure_are_the_ones_it_declares(key):
    registry = REGISTRIES[key]
    assert get_kind(registry.ledger).model is registry.model
    assert indicators.is_registered(registry.indicator)
    assert registries.find(registry.ledger) is registries.find(key) is registry
    assert set(registry.fields) <= {f.name for f in registry.model._meta.fields}


def test_every_kind_of_visit_is_paid_to_the_people_of_one_registry():
    assert set(BY_VISIT) == set(m.Visit.Kind.values)
    assert {v: r.key for v, r in BY_VISIT.items()} == {"migrant": "out_migrants", "elder": "elders", "child": "children"}
    assert all(registries.find(v) is r for v, r in BY_VISIT.items())


@pytest.mark.parametrize("key", list(SERVICE_LISTS))
def test_a_services_ledger_kind_and_figures_exist(key):
    service = SERVICE_LISTS[key]
    if service.ledger:
        assert get_kind(service.ledger) is not None
        assert services_lists.find(service.ledger) is service
    assert all(indicators.is_registered(code) for code in service.indicators)
    assert set(service.fields) <= {f.name for f in service.model._meta.fields}


def test_the_ledger_kinds_of_phones_and_mailboxes_keep_the_declared_models():
    assert get_kind(SERVICE_LISTS["phones"].ledger).model is m.FamilyPhone
    assert get_kind(SERVICE_LISTS["mailboxes"].ledger).model is m.FamilyMailbox


@pytest.mark.parametrize(("url", "args"), [
    ("threecares:entry-list", ["incoming_workers"]), ("threecares:service-list", ["family_phones"]),
    ("threecares:service-list", ["medical_waivers"]), ("threecares:service-create", ["mutual_aid_societies"]),
])  # fmt: skip
def test_a_pages_url_also_answers_to_the_ledger_code(client, cast, url, args):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse(url, args=args)).status_code == 200


def test_an_unknown_name_is_not_found(client, cast):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("threecares:entry-list", args=["nobody"])).status_code == 404
    assert client.get(reverse("threecares:service-list", args=["nothing"])).status_code == 404
