import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.models import (
    ArchiveCheck,
    BeneficiaryKind,
    HardshipArchive,
    HotlineCall,
    ModelWorker,
    Payment,
    PaymentStatus,
    PublicNotice,
    RightsCase,
)

from .factories import ArchiveFactory, ProgrammeFactory, new_person, paid_payment

D = datetime.date


@pytest.fixture
def records(cast, household, programme):
    """One record of every scoped kind, all owned inside township A."""
    payment = paid_payment(
        organization=cast.township_a, programme=programme, person=household.head, archive=household
    )
    case = services.open_case(organization=cast.village_union_a, code="WQ-1", title="欠薪", kind="wages",
                              received_on=D(2008, 3, 1), people=[(household.head, "claimant", True)])  # fmt: skip
    ModelWorker.objects.create(organization=cast.village_union_a, person=household.head, level="county",
                               honour="县劳动模范", year_honoured=2005, situation="retired", in_hardship=True)  # fmt: skip
    HotlineCall.objects.create(organization=cast.township_a, called_at=timezone.now(), caller_name="李四",
                               topic="wages", summary="欠薪", answered_by="王")  # fmt: skip
    return {"archive": household, "payment": payment, "notice": payment.notice, "case": case}


@pytest.mark.parametrize("kind", ["archive", "payment", "notice", "case"])
def test_township_b_officer_gets_404_for_township_a_records(client, cast, records, kind):
    client.force_login(cast.township_b_officer)
    assert client.get(records[kind].get_absolute_url()).status_code == 404
    client.force_login(cast.township_a_officer)
    assert client.get(records[kind].get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "model", [HardshipArchive, Payment, PublicNotice, RightsCase, ModelWorker, HotlineCall]
)  # fmt: skip
def test_every_scoped_model_is_invisible_outside_its_subtree(cast, records, model):
    assert model.objects.visible_to(cast.township_a_officer).exists()
    assert not model.objects.visible_to(cast.township_b_officer).exists()


def test_write_pages_are_not_found_for_a_read_only_leader(client, cast, records):
    client.force_login(cast.leader)
    assert client.get(reverse("assistance:archive-create")).status_code == 404
    url = reverse("assistance:payment-reverse", args=[records["payment"].pk])
    assert client.post(url, {"on": "2008-02-01", "reason": "x"}).status_code == 404


def test_pages_of_the_area_answer_for_the_county(client, cast, records):
    client.force_login(cast.county_admin)
    for name in ["index", "archive-list", "archive-create", "recheck-list", "programme-list", "payment-list",
                 "payment-totals", "payment-create", "notice-list", "notice-create", "hotline-list", "case-list",
                 "case-create", "modelworker-list", "archive-export", "payment-export", "case-export"]:  # fmt: skip
        assert client.get(reverse(f"assistance:{name}"), {"year": 2008}).status_code == 200, name


def test_archive_list_uses_a_fixed_number_of_queries(client, cast, records):
    for _ in range(5):
        ArchiveFactory(organization=cast.village_union_a, head=new_person(cast.village_a))
    client.force_login(cast.county_admin)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("assistance:archive-list"))
    for _ in range(5):
        ArchiveFactory(organization=cast.village_union_a, head=new_person(cast.village_a))
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("assistance:archive-list"))
    assert len(first) == len(second) <= 10


def test_totals_page_equals_the_sum_of_the_paid_rows(client, cast, records, programme):
    medical = ProgrammeFactory(organization=cast.county, kind="medical_aid")
    paid_payment(organization=cast.township_b, programme=medical, person=new_person(cast.village_b), amount="350",
                 kind="migrant_worker", applied_on=D(2008, 6, 2))  # fmt: skip
    services.apply_for_payment(organization=cast.township_a, programme=medical, person=new_person(cast.village_a),
                               beneficiary_kind="migrant_worker", amount=Decimal("90"), fund_source="government",
                               applied_on=D(2008, 7, 1))  # fmt: skip
    client.force_login(cast.county_admin)
    response = client.get(reverse("assistance:payment-totals"), {"year": 2008})
    rows = [p for p in Payment.objects.all() if p.status == PaymentStatus.PAID]
    assert response.context["total"] == sum(p.amount for p in rows) == Decimal("550")
    assert response.context["person_times"] == 2
    by_kind = {str(name): (amount, times) for name, amount, times in response.context["tables"][3]["rows"]}
    assert by_kind == {
        str(BeneficiaryKind.MIGRANT_WORKER.label): (Decimal("350"), 1),
        str(BeneficiaryKind.HARDSHIP_WORKER.label): (Decimal("200"), 1),
    }


def test_service_refusal_is_shown_beside_the_field(client, cast, household, programme):
    client.force_login(cast.township_a_officer)
    number = household.head.clear_id_number()
    response = client.post(reverse("assistance:payment-create"), {
        "organization": cast.township_a.pk, "programme": programme.pk, "person": number, "archive": household.code,
        "beneficiary_kind": "hardship_worker", "amount": "900", "fund_source": "own_funds",
        "applied_on": "2008-01-07",
    })  # fmt: skip
    assert response.status_code == 200
    assert "500" in response.context["form"].errors["amount"][0]
    assert not Payment.objects.exists()


def test_officer_takes_a_payment_to_notice_and_the_county_approves_and_pays_through_the_pages(
    client, cast, household, programme
):
    client.force_login(cast.township_a_officer)
    number = household.head.clear_id_number()
    client.post(reverse("assistance:payment-create"), {
        "organization": cast.township_a.pk, "programme": programme.pk, "person": number, "archive": household.code,
        "beneficiary_kind": "hardship_worker", "amount": "300", "fund_source": "own_funds",
        "applied_on": "2008-01-07",
    })  # fmt: skip
    payment = Payment.objects.get()
    move = reverse("assistance:payment-move", args=[payment.pk])
    client.post(move, {"to": "reviewed", "on": "2008-01-07"})
    client.post(reverse("assistance:notice-create"), {
        "organization": cast.township_a.pk, "title": "春节送温暖公示", "posted_on": "2008-01-08", "payments": [payment.pk],
    })  # fmt: skip
    early = client.post(move, {"to": "approved", "on": "2008-01-10"})
    assert "on" in early.context["form"].errors
    # The officer who applied and reviewed cannot approve; the county, which owns the programme, does.
    assert 'id="approval-refused"' in client.get(payment.get_absolute_url()).content.decode()
    own = client.post(move, {"to": "approved", "on": "2008-01-15"})
    assert [e.code for e in own.context["form"].errors.as_data()["__all__"]] == ["approver_applied"]
    client.force_login(cast.county_admin)
    client.post(move, {"to": "approved", "on": "2008-01-15"})
    client.post(move, {"to": "paid", "on": "2008-01-16"})
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.is_locked
    assert list(payment.steps.values_list("status", flat=True)) == ["applied", "reviewed", "noticed", "approved",
                                                                    "paid"]  # fmt: skip


def test_person_page_lists_archive_payments_and_cases_only_within_scope(client, cast, records):
    person = records["archive"].head
    client.force_login(cast.township_a_officer)
    html = client.get(person.get_absolute_url()).content.decode()
    assert records["archive"].code in html and "WQ-1" in html and records["payment"].programme.name in html
    client.force_login(cast.township_b_officer)
    assert client.get(person.get_absolute_url()).status_code == 404


def test_recheck_page_starts_the_year_and_records_a_visit(client, cast, household):
    client.force_login(cast.township_a_officer)
    client.post(reverse("assistance:recheck-list") + "?year=2008")
    check = ArchiveCheck.objects.get()
    response = client.post(reverse("assistance:recheck-record", args=[check.pk]),
                           {"checked_on": "2008-12-01", "visited": "on", "still_eligible": "on"})  # fmt: skip
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.visited and check.checked_on == D(2008, 12, 1)


def test_case_document_is_served_only_within_scope(client, cast, records, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    case = records["case"]
    client.force_login(cast.township_a_officer)
    upload = SimpleUploadedFile("判决书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    client.post(reverse("assistance:case-document-add", args=[case.pk]), {"title": "判决书", "file": upload})
    document = case.documents.get()
    url = reverse("assistance:case-document", args=[document.pk])
    assert client.get(url).status_code == 200
    client.force_login(cast.township_b_officer)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["payment-list", "case-list", "hotline-list", "notice-list", "modelworker-list"]
)
def test_list_pages_do_not_query_per_row(client, cast, records, programme, name):
    def add_rows(n):
        for i in range(n):
            person = new_person(cast.village_a)
            paid_payment(organization=cast.township_a, programme=ProgrammeFactory(organization=cast.county),
                         person=person)  # fmt: skip
            services.open_case(organization=cast.township_a, code=f"WQ-{name}-{person.pk}", title="欠薪", kind="wages",
                               received_on=D(2008, 3, 1), people=[(person, "claimant", True)])  # fmt: skip
            ModelWorker.objects.create(organization=cast.township_a, person=person, level="county", honour="县劳模",
                                       year_honoured=2000 + i, situation="working")  # fmt: skip
            HotlineCall.objects.create(organization=cast.township_a, called_at=timezone.now(), caller_name=person.name,
                                       topic="wages", summary="欠薪", answered_by="王")  # fmt: skip

    client.force_login(cast.county_admin)
    url = reverse(f"assistance:{name}") + "?year=2008"
    add_rows(2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_rows(3)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(few) == len(more)


def test_a_call_logged_on_the_hotline_page_becomes_a_case(client, cast):
    client.force_login(cast.township_a_officer)
    client.post(reverse("assistance:hotline-list"), {
        "organization": cast.township_a.pk, "called_at": "2008-03-10T09:30", "caller_name": "李四",
        "caller_phone": "13800001111", "topic": "wages", "summary": "老板欠薪三个月", "answered_by": "陈高桥",
        "outcome": "pending",
    })  # fmt: skip
    call = HotlineCall.objects.get()
    response = client.post(reverse("assistance:case-create") + f"?call={call.pk}", {
        "organization": cast.township_a.pk, "code": "WQ-7", "title": "李四追讨工资", "kind": "wages",
        "amount_claimed": "9000", "received_on": "2008-03-10",
    })  # fmt: skip
    case = RightsCase.objects.get()
    assert response.url == case.get_absolute_url()
    call.refresh_from_db()
    assert call.case == case and call.outcome == "case_opened"


def test_editing_an_archive_counts_as_updating_it_and_replaces_the_bank_account(client, cast, household):
    client.force_login(cast.township_a_officer)
    data = {
        "organization": cast.village_union_a.pk, "category": "relative", "main_cause": household.main_cause_id,
        "employment": "employed", "household_size": 4, "monthly_income_per_head": "180", "standard": "county",
        "bank_account": "6210 0000 1111 2222",
    }  # fmt: skip
    response = client.post(reverse("assistance:archive-edit", args=[household.pk]), data)
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.last_updated_on == timezone.localdate()
    assert household.bank_account_masked.endswith("2222") and household.household_size == 4


def test_an_executable_is_refused_as_a_case_document(client, cast, records, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.township_a_officer)
    upload = SimpleUploadedFile("证据.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("assistance:case-document-add", args=[records["case"].pk]),
                           {"title": "证据", "file": upload})  # fmt: skip
    assert "证据.exe" in response.context["form"].errors["file"][0]
    assert not records["case"].documents.exists()


def test_archive_form_refuses_a_bank_account_that_is_not_digits(cast):
    from gonghui.assistance.forms import ArchiveForm

    form = ArchiveForm(data={"bank_account": "6223-abc"}, user=cast.county_admin)
    assert "6223-abc" in form.errors["bank_account"][0]


def test_a_revealed_bank_account_is_escaped(client, cast, household):
    household.set_bank_account("<b>6223</b>")
    household.save()
    client.force_login(cast.county_admin)
    response = client.post(reverse("assistance:archive-reveal-bank", args=[household.pk]))
    assert b"<b>" not in response.content and b"&lt;b&gt;" in response.content


def test_archive_page_records_a_month_of_income_and_lists_it(client, cast, household):
    client.force_login(cast.township_a_officer)
    url = reverse("assistance:income-add", args=[household.pk])
    response = client.post(url, {"month": "2008-03", "income_per_head": "185", "source": "工资单"})
    assert response.status_code == 302
    assert household.incomes.get().month == D(2008, 3, 1)
    page = client.get(household.get_absolute_url()).content.decode()
    assert "2008-03" in page and "工资单" in page


def test_income_form_is_not_found_for_a_read_only_leader_or_another_township(client, cast, household):
    url = reverse("assistance:income-add", args=[household.pk])
    for user in (cast.leader, cast.township_b_officer):
        client.force_login(user)
        assert client.post(url, {"month": "2008-03", "income_per_head": "185"}).status_code == 404
    assert not household.incomes.exists()


def test_payment_page_edits_an_application_until_it_is_reviewed(client, cast, household, programme):
    payment = services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=household.head, archive=household,
        beneficiary_kind="hardship_worker", amount=Decimal("200"), fund_source="own_funds", applied_on=D(2008, 1, 7),
    )  # fmt: skip
    client.force_login(cast.township_a_officer)
    url = reverse("assistance:payment-edit", args=[payment.pk])
    assert url in client.get(payment.get_absolute_url()).content.decode()
    data = {"programme": programme.pk, "amount": "300", "fund_source": "government", "note": "补充材料"}
    assert client.post(url, data).status_code == 302
    payment.refresh_from_db()
    assert (payment.amount, payment.fund_source, payment.note) == (Decimal("300"), "government", "补充材料")

    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=D(2008, 1, 8))
    assert "/edit/" not in client.get(payment.get_absolute_url()).content.decode()
    response = client.post(url, {**data, "amount": "350"})
    assert response.status_code == 200
    assert "refuse it and apply again" in response.content.decode()
    payment.refresh_from_db()
    assert payment.amount == Decimal("300")


def test_payment_edit_is_not_found_for_a_leader_or_another_township(client, cast, household, programme):
    payment = services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=household.head, archive=household,
        beneficiary_kind="hardship_worker", amount=Decimal("200"), fund_source="own_funds", applied_on=D(2008, 1, 7),
    )  # fmt: skip
    url = reverse("assistance:payment-edit", args=[payment.pk])
    for user in (cast.leader, cast.township_b_officer):
        client.force_login(user)
        assert (
            client.post(
                url, {"programme": programme.pk, "amount": "300", "fund_source": "own_funds"}
            ).status_code
            == 404
        )
