import datetime
import io

import docx
import pytest

from gonghui.assistance import crypto
from gonghui.assistance.models import PublicNotice

from .factories import new_person, paid_payment


@pytest.fixture
def notice(cast, household, programme):
    paid_payment(organization=cast.township_a, programme=programme, person=household.head, archive=household)
    return PublicNotice.objects.get()


@pytest.mark.parametrize(
    ("name", "masked"), [("张元飞", "张*飞"), ("李四", "李*"), ("欧阳小锋", "欧**锋"), ("王", "王")]
)
def test_mask_name_keeps_only_the_surname_and_last_character(name, masked):
    assert crypto.mask_name(name) == masked


def _clear(person):
    return person.clear_id_number()


def test_notice_page_never_shows_a_full_name_or_id_number(client, cast, household, notice):
    client.force_login(cast.county_admin)
    html = client.get(notice.get_absolute_url()).content.decode()
    number = _clear(household.head)
    assert "张元飞" not in html and number not in html and household.head.id_number_masked not in html
    assert "张*飞" in html and f"{number[:4]}**********{number[-4:]}" in html


def test_notice_docx_never_shows_a_full_name_or_id_number(client, cast, household, notice):
    client.force_login(cast.county_admin)
    response = client.get(f"{notice.get_absolute_url()}docx/")
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    number = _clear(household.head)
    assert "张元飞" not in text and number not in text
    assert "张*飞" in text and f"{number[:4]}**********{number[-4:]}" in text and "200.00" in text


def test_notice_of_another_township_is_not_found(client, cast, notice):
    client.force_login(cast.township_b_officer)
    assert client.get(notice.get_absolute_url()).status_code == 404
    assert client.get(f"{notice.get_absolute_url()}docx/").status_code == 404


def test_notice_period_counts_five_working_days_from_a_saturday(cast, household, programme):
    from gonghui.assistance import services
    from gonghui.assistance.models import PaymentStatus

    other = new_person(cast.village_a)
    payment = services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=other, beneficiary_kind="migrant_worker",
        amount=100, fund_source="own_funds", applied_on=datetime.date(2008, 1, 2),
    )  # fmt: skip
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=datetime.date(2008, 1, 3))
    payment.refresh_from_db()
    notice = services.post_notice(organization=cast.township_a, payments=[payment], title="公示",
                                  posted_on=datetime.date(2008, 1, 5))  # fmt: skip
    assert notice.ends_on == datetime.date(2008, 1, 11)
