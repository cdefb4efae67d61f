"""One rule, one place: a record breaking a rule is refused with the same code by every write path.

Each case builds the breaking record once and sends it through the service, the form (the page an
officer posts) and the ledger kind (a file imported); all three must refuse it with the code the
service gives. A path that re-implements a rule (and drifts) or skips it fails here.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.assistance import services
from gonghui.assistance.models import ArchiveStatus, HardshipArchive, Payment
from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import get_kind
from tests.ledgers.files import write_xlsx

from .factories import cause, eligibility_line, new_person

JAN_7 = datetime.date(2008, 1, 7)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def service_code(action):
    with pytest.raises(ValidationError) as e:
        action()
    return {one.code for errors in e.value.error_dict.values() for one in errors}


def form_codes(response):
    assert response.status_code == 200, "the form was accepted"
    return {one.code for errors in response.context["form"].errors.as_data().values() for one in errors}


def ledger_codes(cast, tmp_path, kind, header, row):
    path = write_xlsx(tmp_path / f"{kind}.xlsx", {"S": [header, row]})
    result = run_import(get_kind(kind), path, organization=cast.township_a)
    assert result.status == "rejected", "the file was imported"
    return {issue.code for issue in result.errors}


# Payments: caps, the household's status, its members -------------------------------------------

PAYMENT_HEADER = [
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


def _over_person_cap(cast, household, programme):
    services.apply_for_payment(organization=cast.township_a, programme=programme, person=household.head,
                               archive=household, beneficiary_kind="hardship_worker", amount=Decimal("500"),
                               fund_source="own_funds", applied_on=JAN_7)  # fmt: skip
    return household.head, "400"


def _over_household_cap(cast, household, programme):
    eligibility_line(cast.village_a, cap="300")
    return household.head, "400"


def _archive_not_active(cast, household, programme):
    HardshipArchive.objects.filter(pk=household.pk).update(status=ArchiveStatus.APPLIED)
    household.refresh_from_db()
    return household.head, "100"


def _not_in_household(cast, household, programme):
    return new_person(cast.village_a, name="外人"), "100"


PAYMENT_RULES = {
    "over_payment_cap": lambda cast, household, programme: (household.head, "600"),
    "over_person_cap": _over_person_cap,
    "over_household_cap": _over_household_cap,
    "archive_not_active": _archive_not_active,
    "not_in_household": _not_in_household,
}


@pytest.mark.parametrize("code", PAYMENT_RULES)
@pytest.mark.parametrize("path", ["service", "form", "ledger"])
def test_a_payment_breaking_a_rule_is_refused_with_one_code_by_every_path(
    client, cast, household, programme, tmp_path, code, path
):
    person, amount = PAYMENT_RULES[code](cast, household, programme)
    before = Payment.objects.count()
    if path == "service":
        codes = service_code(lambda: services.apply_for_payment(
            organization=cast.township_a, programme=programme, person=person, archive=household,
            beneficiary_kind="hardship_worker", amount=Decimal(amount), fund_source="own_funds",
            applied_on=JAN_7))  # fmt: skip
    elif path == "form":
        client.force_login(cast.township_a_officer)
        codes = form_codes(client.post(reverse("assistance:payment-create"), {
            "organization": cast.township_a.pk, "programme": programme.pk, "person": person.clear_id_number(),
            "archive": household.code, "beneficiary_kind": "hardship_worker", "amount": amount,
            "fund_source": "own_funds", "applied_on": JAN_7.isoformat()}))  # fmt: skip
    else:
        row = [person.name, person.clear_id_number(), "高桥镇", "高桥村", household.code, programme.name, "困难职工",
               amount, "本级工会", JAN_7.isoformat()]  # fmt: skip
        codes = ledger_codes(cast, tmp_path, "assistance_payments", PAYMENT_HEADER, row)
    assert codes == {code}
    assert Payment.objects.count() == before


# Archives: a disability cause needs the kind of disability; one open archive per head ------------

ARCHIVE_HEADER = ["档案编号", "户主姓名", "身份证号码", "乡(镇)", "村(居)委会", "困难类别", "致困原因", "残疾类别",
                  "就业状况", "家庭人口", "家庭人均月收入", "建档日期"]  # fmt: skip


def _archive_case(code, cast, household):
    if code == "disability_kind_missing":
        return new_person(cast.village_a, name="残疾户"), cause("disability")
    return household.head, cause("illness")  # duplicate_head: heads an open archive already


@pytest.mark.parametrize("code", ["disability_kind_missing", "duplicate_head"])
@pytest.mark.parametrize("path", ["service", "form", "ledger"])
def test_an_archive_breaking_a_rule_is_refused_with_one_code_by_every_path(
    client, cast, household, tmp_path, code, path
):
    head, main_cause = _archive_case(code, cast, household)
    before = HardshipArchive.objects.count()
    if path == "service":
        fields = {"organization": cast.village_union_a, "code": "GQ-900", "head": head, "category": "deep",
                  "main_cause": main_cause, "employment": "laid_off", "household_size": 3,
                  "monthly_income_per_head": Decimal("150"), "standard": "county", "applied_on": JAN_7}  # fmt: skip
        codes = service_code(lambda: services.create_archive(fields=fields))
    elif path == "form":
        client.force_login(cast.township_a_officer)
        codes = form_codes(client.post(reverse("assistance:archive-create"), {
            "organization": cast.village_union_a.pk, "code": "GQ-900", "head": head.clear_id_number(),
            "category": "deep", "main_cause": main_cause.pk, "employment": "laid_off", "household_size": 3,
            "monthly_income_per_head": "150", "standard": "county", "applied_on": JAN_7.isoformat()}))  # fmt: skip
    else:
        row = ["GQ-900", head.name, head.clear_id_number(), "高桥镇", "高桥村", "深度困难", main_cause.name, "", "下岗", 3,
               "150", JAN_7.isoformat()]  # fmt: skip
        codes = ledger_codes(cast, tmp_path, "hardship_archives", ARCHIVE_HEADER, row)
    assert codes == {code}
    assert HardshipArchive.objects.count() == before
