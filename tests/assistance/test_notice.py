import datetime
import io

import docx
import pytest

from gonghui.assistance import crypto
from gonghui.assistance.models import PublicNotice

from .factories import ProgrammeFactory, new_person, paid_payment


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


# A notice is public: no minor's name reaches it, not even masked -------------------------------


@pytest.fixture
def notice_with_minors(cast, household):
    """Student aid for the household's child (9) and pay for a 16-year-old migrant worker with no
    household archive, posted on one notice."""
    from gonghui.assistance import services
    from gonghui.assistance.models import PaymentStatus

    kid = new_person(cast.village_a, name="王小丫", birth=datetime.date(1999, 5, 1))
    services.add_member(archive=household, person=kid, relation="child", school="高桥村小学")
    teen = new_person(cast.village_a, name="李小军", birth=datetime.date(1992, 1, 1))
    aid = ProgrammeFactory(organization=cast.county, kind="student_aid", name="2008年金秋助学")
    payments = [
        services.apply_for_payment(
            organization=cast.township_a, programme=aid, person=person, archive=archive, beneficiary_kind=kind,
            amount=amount, fund_source="donations", applied_on=datetime.date(2008, 8, 18),
        )  # fmt: skip
        for person, archive, kind, amount in [(kid, household, "child", 500), (teen, None, "migrant_worker", 300)]
    ]
    for payment in payments:
        services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=datetime.date(2008, 8, 19))
    reviewed = [type(p).objects.get(pk=p.pk) for p in payments]
    notice = services.post_notice(organization=cast.township_a, payments=reviewed, title="2008年金秋助学公示",
                                  posted_on=datetime.date(2008, 8, 20))  # fmt: skip
    return notice, kid, teen


def _docx_text(response):
    document = docx.Document(io.BytesIO(response.content))
    return "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )


@pytest.mark.parametrize("form", ["page", "docx"])
def test_a_notice_names_no_minor_even_masked_to_a_role_that_sees_minors(client, cast, household,
                                                                       notice_with_minors, form):  # fmt: skip
    notice, kid, teen = notice_with_minors
    client.force_login(cast.county_admin)  # may see minors' records: the notice is public all the same
    url = notice.get_absolute_url() + ("docx/" if form == "docx" else "")
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")  # as printed for the wall, in Chinese
    text = _docx_text(response) if form == "docx" else response.content.decode()
    for minor in (kid, teen):
        number = _clear(minor)
        assert minor.name not in text and crypto.mask_name(minor.name) not in text
        assert number not in text and f"{number[:4]}**********{number[-4:]}" not in text
    # The child's aid is listed under the adult heading the household, as his household's aid.
    head_number = _clear(household.head)
    assert "张*飞" in text and f"{head_number[:4]}**********{head_number[-4:]}" in text
    assert "困难职工子女" in text and ("500.00" in text if form == "docx" else "500元" in text)
    # The young worker has no adult to be listed under: a placeholder, no ID number.
    assert "未成年人" in text and ("300.00" in text if form == "docx" else "300元" in text)
