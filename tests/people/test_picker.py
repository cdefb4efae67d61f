"""One person picker for every form that names a person: search within scope, tell two 张伟 apart."""

import datetime
import re

import pytest

from gonghui.people.picker import PersonPicker, label
from tests.factories import PersonFactory, id_number
from tests.test_widgets import all_form_classes

pytestmark = pytest.mark.django_db
PERSON_FIELDS = {"person", "head", "guardian", "father", "mother"}


@pytest.fixture
def two_zhang_wei(cast):
    a = PersonFactory(name="张伟", township=cast.place_a, village=cast.village_a, phone="13800002222",
                      id_no=id_number(201, birth=datetime.date(1970, 5, 1)))  # fmt: skip
    b = PersonFactory(name="张伟", township=cast.place_a, village=None, phone="13900003333",
                      id_no=id_number(202, birth=datetime.date(1985, 2, 3)))  # fmt: skip
    other = PersonFactory(name="张伟", township=cast.place_b, village=cast.village_b, id_no=id_number(203))
    return a, b, other


def pick(client, text, url="/people/pick/"):
    body = client.get(url, {"field": "person", "person_search": text}).content.decode()
    return re.findall(r'data-pick="#(\d+)"', body), body


@pytest.mark.parametrize("text", ["张伟", "zw", "13800002222", "2222"])
def test_the_picker_finds_by_name_initials_and_phone_within_the_scope(client, cast, two_zhang_wei, text):
    a, b, other = two_zhang_wei
    client.force_login(cast.township_a_officer)
    found, _body = pick(client, text)
    assert str(a.pk) in found and str(other.pk) not in found


def test_the_picker_finds_by_id_number_and_tells_two_namesakes_apart(client, cast, two_zhang_wei):
    a, b, _other = two_zhang_wei
    client.force_login(cast.township_a_officer)
    found, _body = pick(client, a.clear_id_number())
    assert found == [str(a.pk)]
    _found, body = pick(client, "张伟")
    assert "高桥村" in body and "1970年生" in body and "1985年生" in body
    assert a.id_number_masked in body and a.clear_id_number() not in body
    assert label(a) != label(b)


def test_every_form_field_that_names_a_person_uses_the_picker():
    for form_class in all_form_classes():
        for name, field in form_class.base_fields.items():
            if name in PERSON_FIELDS:
                assert isinstance(field.widget, PersonPicker), f"{form_class.__name__}.{name}"


def test_a_payment_picks_its_beneficiary_and_the_picker_brings_the_household_archive(client, cast):
    from tests.assistance.factories import ArchiveFactory, ProgrammeFactory, new_person

    head = new_person(cast.village_a, name="张元飞")
    archive = ArchiveFactory(organization=cast.village_union_a, head=head)
    programme = ProgrammeFactory(organization=cast.county, per_payment_cap=500, per_person_year_cap=800)
    client.force_login(cast.township_a_officer)
    body = client.get("/assistance/payments/person/", {"field": "person", "person_search": "zyf"}).content.decode()
    assert f'data-pick="#{head.pk}"' in body and f'data-archive="{archive.code}"' in body
    form = client.get("/assistance/payments/new/").content.decode()
    assert 'name="person_search"' in form and 'data-fill="archive"' in form
    data = {"organization": cast.township_a.pk, "programme": programme.pk, "person": f"#{head.pk}",
            "archive": archive.code, "beneficiary_kind": "hardship_worker", "amount": "200",
            "fund_source": "own_funds", "applied_on": "2008-03-01"}  # fmt: skip
    response = client.post("/assistance/payments/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    from gonghui.assistance.models import Payment

    payment = Payment.objects.get()
    assert payment.person == head and payment.archive == archive


def test_a_person_outside_the_scope_cannot_be_picked_by_sending_their_id(client, cast, two_zhang_wei):
    from gonghui.assistance.forms import CasePersonForm

    _a, _b, other = two_zhang_wei
    form = CasePersonForm(data={"person": f"#{other.pk}", "role": "claimant"}, user=cast.township_a_officer)
    assert not form.is_valid() and "person" in form.errors
    form = CasePersonForm(data={"person": "#99999999999999999999999", "role": "claimant"},
                          user=cast.township_a_officer)  # fmt: skip
    assert not form.is_valid() and "person" in form.errors
