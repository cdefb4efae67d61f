"""A child of a hardship household, paid student aid, is named only to roles with access to minors'
records: on the archive page, the payments list, its export and the payment page, and in the audit log."""

import datetime
import io
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.urls import reverse
from python_calamine import CalamineWorkbook

from gonghui.assistance import services
from gonghui.people.privacy import is_minor
from gonghui.threecares.services import register_entry
from tests.factories import PersonFactory, id_number

from .factories import ProgrammeFactory

NO_MINORS = ["leader", "auditor"]
NAME = "王小丫"


@pytest.fixture
def paid_child(cast, household):
    # Done by the township's officer, so the audit log (which auditors read by actor) records it.
    with set_actor(cast.township_a_officer):
        kid = PersonFactory(name=NAME, township=cast.place_a, village=cast.village_a, id_no=id_number(9001))
        # A left-behind child: a minor's record, whatever the birth date says.
        register_entry(registry="children", person=kid, township=cast.place_a, village=cast.village_a,
                       registered_on=datetime.date(2008, 3, 1), kind="pupil", school="高桥村小学", grade="三年级")
        services.add_member(archive=household, person=kid, relation="child", school="高桥村小学")
        aid = ProgrammeFactory(organization=cast.county, kind="student_aid", name="2008年金秋助学")
        payment = services.apply_for_payment(
            organization=cast.township_a, programme=aid, person=kid, archive=household, beneficiary_kind="child",
            amount=Decimal("500"), fund_source="donations", applied_on=datetime.date(2008, 8, 18),
            by=cast.township_a_officer,
        )  # fmt: skip
    return payment


def _xlsx(response):
    data = b"".join(response.streaming_content)
    return str(CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python())


def _pages(payment):
    return {
        "archive": payment.archive.get_absolute_url(),
        "payments": reverse("assistance:payment-list") + "?year=2008",
        "payment": payment.get_absolute_url(),
        "audit": reverse("audit:entry-list"),
    }


def test_a_left_behind_child_is_a_minor_whatever_the_birth_date(paid_child):
    assert is_minor(paid_child.person)
    assert LogEntry.objects.filter(actor__isnull=False).count() >= 3  # the audit pages below have rows


@pytest.mark.parametrize("role", NO_MINORS)
@pytest.mark.parametrize("page", ["archive", "payments", "payment", "audit"])
def test_the_childs_name_is_not_on_any_page_for_a_role_without_minors_access(client, cast, paid_child, role, page):
    client.force_login(getattr(cast, role))
    response = client.get(_pages(paid_child)[page])
    if response.status_code == 404:  # the auditor reads the audit log, the leader does not
        assert page == "audit" and role == "leader"
        return
    assert response.status_code == 200
    assert NAME not in response.content.decode()


@pytest.mark.parametrize("role", NO_MINORS)
@pytest.mark.parametrize("export", ["assistance:payment-export", "audit:entry-export"])
def test_the_childs_name_is_not_in_any_export_for_a_role_without_minors_access(client, cast, paid_child, role,
                                                                                 export):  # fmt: skip
    client.force_login(getattr(cast, role))
    response = client.get(reverse(export) + "?year=2008")
    if response.status_code == 404:
        assert export.startswith("audit") and role == "leader"
        return
    text = _xlsx(response)
    assert NAME not in text
    if export.startswith("assistance"):
        assert "500" in text  # the payment is there, not whose


def test_roles_with_minors_access_still_see_the_child(client, cast, paid_child):
    client.force_login(cast.county_admin)
    for page in ["archive", "payments", "payment", "audit"]:
        assert NAME in client.get(_pages(paid_child)[page]).content.decode(), page
