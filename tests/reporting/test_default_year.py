import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.reporting import indicators

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity_in_2008(monkeypatch):
    monkeypatch.setattr(indicators, "_activity", [lambda user: datetime.date(2008, 5, 12), lambda user: None])


def test_figures_page_opens_on_the_latest_year_with_records(client, cast, activity_in_2008):
    client.force_login(cast.county_admin)
    assert client.get(reverse("reporting:figures")).context["year"] == 2008


def test_a_year_asked_for_wins(client, cast, activity_in_2008):
    client.force_login(cast.county_admin)
    assert client.get(reverse("reporting:figures"), {"year": "2010"}).context["year"] == 2010


def test_without_records_the_page_opens_on_this_year(client, cast, monkeypatch):
    monkeypatch.setattr(indicators, "_activity", [])
    client.force_login(cast.county_admin)
    assert client.get(reverse("reporting:figures")).context["year"] == timezone.localdate().year
