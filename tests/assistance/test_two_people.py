"""Two people for money: who applied or reviewed does not approve; approval sits with the programme's
level; a hardship worker is paid only through an archived household (the form and the ledger alike)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.models import Payment, PaymentStatus
from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from tests.ledgers.files import write_xlsx

from .factories import new_person

D = datetime.date


def _noticed(cast, programme, household, *, applicant, reviewer):
    payment = services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=household.head, archive=household,
        beneficiary_kind="hardship_worker", amount=Decimal("200"), fund_source="own_funds", applied_on=D(2008, 1, 7),
        by=applicant,
    )  # fmt: skip
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=D(2008, 1, 7), by=reviewer)
    notice = services.post_notice(organization=cast.township_a, payments=[Payment.objects.get(pk=payment.pk)],
                                  title="公示", posted_on=D(2008, 1, 8), by=reviewer)  # fmt: skip
    return payment, notice.earliest_approval()


def _code(excinfo, field="status"):
    return excinfo.value.error_dict[field][0].code


def test_a_payment_applied_for_by_one_user_cannot_be_approved_by_the_same_user(cast, household, programme):
    officer = cast.county_admin  # even the county's administrator, who may approve county programmes
    payment, day = _noticed(cast, programme, household, applicant=officer, reviewer=cast.township_a_officer)
    with pytest.raises(ValidationError) as e:
        services.move_payment(payment=payment, to=PaymentStatus.APPROVED, on=day, by=officer)
    assert _code(e) == "approver_applied"
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.NOTICED


def test_the_reviewer_cannot_approve_either(cast, household, programme):
    payment, day = _noticed(cast, programme, household, applicant=cast.township_a_officer,
                            reviewer=cast.county_admin)  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.move_payment(payment=payment, to=PaymentStatus.APPROVED, on=day, by=cast.county_admin)
    assert _code(e) == "approver_reviewed"


def test_a_county_programme_is_approved_at_the_county_not_by_a_township(cast, household, programme):
    payment, day = _noticed(cast, programme, household, applicant=cast.grassroots_officer,
                            reviewer=cast.grassroots_officer)  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.move_payment(payment=payment, to=PaymentStatus.APPROVED, on=day, by=cast.township_a_officer)
    assert _code(e) == "approver_level" and programme.organization.name in e.value.messages[0]
    services.move_payment(payment=payment, to=PaymentStatus.APPROVED, on=day, by=cast.county_admin)
    services.move_payment(payment=payment, to=PaymentStatus.PAID, on=day, by=cast.county_admin)
    assert Payment.objects.get(pk=payment.pk).status == PaymentStatus.PAID


def test_an_approval_without_a_named_user_is_refused(cast, household, programme):
    payment, day = _noticed(cast, programme, household, applicant=cast.township_a_officer,
                            reviewer=cast.township_a_officer)  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.move_payment(payment=payment, to=PaymentStatus.APPROVED, on=day)
    assert _code(e) == "no_approver"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_a_hardship_worker_payment_without_an_archive_is_refused_by_the_form_and_the_ledger_alike(
    client, cast, programme, tmp_path
):
    person = new_person(cast.village_a, name="王无档")
    with pytest.raises(ValidationError) as e:
        services.apply_for_payment(organization=cast.township_a, programme=programme, person=person, archive=None,
                                   beneficiary_kind="hardship_worker", amount=Decimal("200"), fund_source="own_funds",
                                   applied_on=D(2008, 1, 7))  # fmt: skip
    service_message = e.value.message_dict["archive"][0]

    client.force_login(cast.township_a_officer)
    response = client.post(reverse("assistance:payment-create"), {
        "organization": cast.township_a.pk, "programme": programme.pk, "person": person.clear_id_number(),
        "archive": "", "beneficiary_kind": "hardship_worker", "amount": "200", "fund_source": "own_funds",
        "applied_on": "2008-01-07",
    })  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["archive"] == [service_message]

    header = [
        "姓名",
        "身份证号",
        "乡镇",
        "村(社区)",
        "档案编号",
        "帮扶项目",
        "受助人类别",
        "金额",
        "资金来源",
        "申请日期",
    ]
    row = ["王无档", person.clear_id_number(), "高桥镇", "高桥村", "", programme.name, "困难职工", "200", "上级工会",
           "2008-01-07"]  # fmt: skip
    path = write_xlsx(tmp_path / "payments.xlsx", {"Sheet1": [header, row]})
    result = run_import(get_kind("assistance_payments"), path, organization=cast.township_a)
    assert result.status == "rejected"
    assert [(x.row, x.column, x.reason) for x in result.errors] == [(2, "档案编号", service_message)]
    assert not Payment.objects.exists()


def test_a_migrant_worker_needs_no_archive(cast, programme):
    payment = services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=new_person(cast.village_a), archive=None,
        beneficiary_kind="migrant_worker", amount=Decimal("200"), fund_source="own_funds", applied_on=D(2008, 1, 7),
    )  # fmt: skip
    assert payment.status == PaymentStatus.APPLIED
