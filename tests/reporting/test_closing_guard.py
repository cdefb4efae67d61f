"""A closed year is one rule that every write path meets: forms, services, ledger imports, deletes.

For one dated model of each area: a record dated in closed 2008 is refused through its form
(beside the date), its service (code year_closed) and its ledger (the row named), and accepted
once the county unlocks 2008 with a reason.
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse

from gonghui.ledgers.importer import run_import
from gonghui.ledgers.registry import all_kinds, get_kind
from gonghui.reporting import closing
from gonghui.reporting.models import YearClose
from tests.factories import EnterpriseFactory, OrganizationFactory
from tests.ledgers.files import write_xlsx

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def closed(cast):
    """2008 closed by the county (the snapshot is not what these tests are about)."""
    return YearClose.objects.create(organization=cast.county, year=2008, closed_by=cast.county_admin)


def unlock(cast):
    closing.unlock(organization=cast.county, year=2008, reason="补录漏报的记录", user=cast.county_admin)


def refused(call):
    with pytest.raises(ValidationError) as info, transaction.atomic():  # as a service calls it
        call()
    codes = {e.code for errors in info.value.error_dict.values() for e in errors}
    assert codes == {"year_closed"}, info.value
    return info.value


def imported(tmp_path, kind, org, rows):
    path = write_xlsx(tmp_path / f"{kind}.xlsx", {"Sheet1": rows})
    return run_import(get_kind(kind), path, organization=org)


def refused_row(result, column):
    assert result.status == "rejected"
    error = result.errors[0]
    assert (error.row, error.column, error.code) == (2, column, "year_closed"), [e.as_dict() for e in result.errors]
    assert "Row 2" in error.reason and "2008" in error.reason
    return error


def form_refuses(response, field):
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "2008 is closed" in str(errors.get(field)), errors


# --- the registry covers every area ------------------------------------------------------------


def test_every_dated_model_of_an_area_is_guarded_or_said_not_to_be():
    dated = {m._meta.label for m in closing.dated_models()}
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("gonghui."):
            continue
        has_org = any(f.name == "organization" for f in model._meta.fields)
        has_date = any(isinstance(f, models.DateField) and not (f.auto_now or f.auto_now_add)
                       for f in model._meta.fields)  # fmt: skip
        label = model._meta.label
        if has_org and has_date and label not in dated and label not in closing.UNDATED:
            missing.append(label)
    assert not missing, f"declare these in reporting.closing.DATED (or UNDATED, with the reason): {missing}"


def test_every_ledger_kind_with_a_date_column_is_guarded_or_said_not_to_be():
    missing = [k.code for k in all_kinds() if any(c.type == "date" for c in k.columns)
               and k.code not in closing.LEDGER_DATES and k.code not in closing.LEDGER_UNDATED]  # fmt: skip
    assert not missing


# --- Three Cares: a training -------------------------------------------------------------------


def test_threecares_training_refused_in_a_closed_year_by_form_service_ledger_and_accepted_after_unlock(
    client, cast, closed, tmp_path
):
    from gonghui.threecares import services
    from gonghui.threecares.models import Training

    client.force_login(cast.township_a_officer)
    url = reverse("threecares:service-create", args=["trainings"])
    data = {"title": "电焊培训", "held_on": "2008-03-10", "trainee_count": 40, "funds": "3000"}
    form_refuses(client.post(url, data), "held_on")
    call = lambda: services.record_training(organization=cast.township_a, title="电焊培训", held_on=D(2008, 3, 10),  # noqa: E731
                                            trainee_count=40, funds=Decimal(3000))  # fmt: skip
    refused(call)
    rows = [["培训名称", "培训时间", "培训人数"], ["电焊培训", "2008-03-10", 40]]
    refused_row(imported(tmp_path, "trainings", cast.township_a, rows), "培训时间")
    assert imported(tmp_path, "trainings", cast.township_a, [rows[0], ["电焊培训", "2009-03-10", 40]]).status == "committed"
    assert not Training.objects.filter(held_on__year=2008).exists()
    unlock(cast)
    call()
    assert imported(tmp_path, "trainings", cast.township_a, [rows[0], ["焊工复训", "2008-04-10", 20]]).status == "committed"
    assert Training.objects.filter(held_on__year=2008).count() == 2


# --- assistance: a payment ---------------------------------------------------------------------


def test_assistance_payment_refused_in_a_closed_year_by_form_service_ledger_and_accepted_after_unlock(
    client, cast, tmp_path
):
    from gonghui.assistance import services
    from gonghui.assistance.models import Payment
    from tests.assistance.factories import ArchiveFactory, ProgrammeFactory, new_person

    household = ArchiveFactory(organization=cast.village_union_a, head=new_person(cast.village_a, name="张元飞"))
    programme = ProgrammeFactory(organization=cast.county, name="2008年生活救助", per_payment_cap=500,
                                 per_person_year_cap=800)  # fmt: skip
    YearClose.objects.create(organization=cast.county, year=2008)
    client.force_login(cast.township_a_officer)
    data = {"organization": cast.township_a.pk, "programme": programme.pk, "person": household.head.clear_id_number(),
            "archive": household.code, "beneficiary_kind": "hardship_worker", "amount": "300",
            "fund_source": "own_funds", "applied_on": "2008-01-07"}  # fmt: skip
    form_refuses(client.post(reverse("assistance:payment-create"), data), "applied_on")
    call = lambda: services.apply_for_payment(organization=cast.township_a, programme=programme,  # noqa: E731
                                              person=household.head, beneficiary_kind="hardship_worker",
                                              amount=Decimal(300), fund_source="own_funds", applied_on=D(2008, 1, 7),
                                              archive=household)  # fmt: skip
    refused(call)
    from tests.assistance.test_ledgers import PAYMENT_HEADER, number

    row = ["李一", number(11), "高桥镇", "高桥村", "", "2008年生活救助", "农民工", "200", "上级工会", "2008-01-07"]
    refused_row(imported(tmp_path, "assistance_payments", cast.township_a, [PAYMENT_HEADER, row]), "申请日期")
    assert not Payment.objects.exists()
    unlock(cast)
    call()
    assert imported(tmp_path, "assistance_payments", cast.township_a, [PAYMENT_HEADER, row]).status == "committed"
    assert Payment.objects.count() == 2


# --- relief: a donation ------------------------------------------------------------------------


def test_relief_donation_refused_in_a_closed_year_by_form_service_ledger_and_accepted_after_unlock(
    client, cast, tmp_path
):
    from gonghui.relief import services
    from gonghui.relief.models import Campaign, Donation, DonorKind

    campaign = services.save_campaign(campaign=Campaign(
        organization=cast.county, name="抗震救灾献爱心捐款", code="KZ2008", cause=Campaign.Cause.EARTHQUAKE,
        starts_on=D(2008, 5, 15), ends_on=D(2008, 6, 30)))  # fmt: skip
    YearClose.objects.create(organization=cast.county, year=2008)
    client.force_login(cast.county_admin)
    data = {"organization": cast.county.pk, "received_on": "2008-05-20", "kind": "cash", "donor_kind": "organisation",
            "donor_name": "县个体劳动者协会", "amount": "1200", "channel": "on_site"}  # fmt: skip
    form_refuses(client.post(reverse("relief:donation-create", args=[campaign.pk]), data), "received_on")
    call = lambda: services.record_donation(campaign=campaign, organization=cast.county, amount=Decimal(100),  # noqa: E731
                                            donor_kind=DonorKind.PERSON, donor_name="张三",
                                            received_on=D(2008, 5, 16))  # fmt: skip
    refused(call)
    header = ["募捐活动", "捐赠日期", "捐赠单位或个人", "金额(元)"]
    row = ["抗震救灾献爱心捐款", "2008-05-21", "李大山", "1200"]
    refused_row(imported(tmp_path, "donations", cast.township_b, [header, row]), "捐赠日期")
    assert not Donation.objects.exists()
    unlock(cast)
    call()
    assert imported(tmp_path, "donations", cast.township_b, [header, row]).status == "committed"
    assert Donation.objects.count() == 2


# --- safety: an accident -----------------------------------------------------------------------


def test_safety_accident_refused_in_a_closed_year_by_form_service_ledger_and_accepted_after_unlock(
    client, cast, closed, tmp_path
):
    from gonghui.safety import services
    from gonghui.safety.models import Accident

    union = OrganizationFactory(parent=cast.township_a, name="甲煤矿工会", level="grassroots", category="coal_mine")
    enterprise = EnterpriseFactory(name="甲煤矿", organization=union, township=cast.place_a, is_coal_mine=True,
                                   coal_mine_pairs=1)  # fmt: skip
    mine = services.save_workplace(enterprise=enterprise, kind="coal", status="producing", status_since=D(2007, 1, 1))
    client.force_login(cast.township_a_officer)
    data = {"workplace": mine.pk, "occurred_on": "2008-07-01", "kind": "roof", "deaths": 0, "serious_injuries": 0,
            "minor_injuries": 1}  # fmt: skip
    form_refuses(client.post(reverse("safety:accident-create"), data), "occurred_on")
    call = lambda: services.record_accident(workplace=mine, occurred_on=D(2008, 7, 1), kind="roof",  # noqa: E731
                                            minor_injuries=1)  # fmt: skip
    refused(call)
    rows = [["单位名称", "事故日期", "事故类别", "轻伤人数"], ["甲煤矿", "2008-07-02", "顶板", "1"]]
    refused_row(imported(tmp_path, "safety_accidents", cast.township_a, rows), "事故日期")
    assert not Accident.objects.exists()
    unlock(cast)
    call()
    assert imported(tmp_path, "safety_accidents", cast.township_a, rows).status == "committed"
    assert Accident.objects.count() == 2


# --- membership: a union's activity ------------------------------------------------------------


def test_membership_event_refused_in_a_closed_year_by_form_service_ledger_and_accepted_after_unlock(
    client, cast, closed, tmp_path
):
    from gonghui.membership import models as m
    from gonghui.membership import services

    client.force_login(cast.county_admin)
    data = {"organization": cast.county.pk, "kind": "sport", "role": "organised", "title": "全县职工象棋赛",
            "held_on": "2008-06-15", "participants": 0}  # fmt: skip
    form_refuses(client.post(reverse("membership:record-create", args=["event"]), data), "held_on")
    call = lambda: services.record(m.Event, organization=cast.county, kind="sport", role="organised",  # noqa: E731
                                   title="全县职工象棋赛", held_on=D(2008, 6, 15))  # fmt: skip
    refused(call)
    rows = [["活动名称", "类别", "本会角色", "日期"], ["全县职工篮球赛", "体育", "主办", "2008-08-15"]]
    refused_row(imported(tmp_path, "union_activities", cast.county, rows), "日期")
    assert not m.Event.objects.exists()
    unlock(cast)
    call()
    assert imported(tmp_path, "union_activities", cast.county, rows).status == "committed"
    assert m.Event.objects.count() == 2


# --- changes and deletes -----------------------------------------------------------------------


def test_a_closed_years_event_can_be_neither_changed_nor_deleted_nor_moved_out_of_it(cast):
    from gonghui.threecares.models import Training

    training = Training.objects.create(organization=cast.township_a, title="电焊培训", held_on=D(2008, 3, 10),
                                       trainee_count=40, funds=Decimal(3000))  # fmt: skip
    later = Training.objects.create(organization=cast.township_a, title="焊工复训", held_on=D(2009, 3, 10),
                                    trainee_count=20, funds=Decimal(1000))  # fmt: skip
    YearClose.objects.create(organization=cast.county, year=2008)
    training.trainee_count = 45
    refused(training.save)
    training.refresh_from_db()
    training.held_on = D(2009, 1, 5)
    refused(training.save)
    refused(training.delete)
    later.held_on = D(2008, 12, 30)  # into the closed year
    refused(later.save)
    later.held_on, later.trainee_count = D(2009, 4, 1), 25  # within the open year
    later.save()


def test_a_stock_record_of_a_closed_year_may_be_corrected_but_not_redated(cast):
    from tests.threecares.factories import entry

    elder = entry(cast, "elders")
    elder.registered_on = D(2008, 3, 1)
    elder.save()
    YearClose.objects.create(organization=cast.county, year=2008)
    elder.note = "改正住址"
    elder.save()  # a correction that dates nothing
    elder.registered_on = D(2009, 1, 2)
    refused(elder.save)


def test_a_township_closing_its_own_year_leaves_the_other_townships_open(cast):
    from gonghui.threecares import services

    YearClose.objects.create(organization=cast.township_a, year=2008)
    services.record_training(organization=cast.township_b, title="电焊培训", held_on=D(2008, 3, 10),
                             trainee_count=40, funds=Decimal(3000))  # fmt: skip
    refused(lambda: services.record_training(organization=cast.village_union_a, title="电焊培训",
                                             held_on=D(2008, 3, 10), trainee_count=40, funds=Decimal(3000)))  # fmt: skip


def test_relocking_ends_the_unlock_in_the_audit_trail(cast, closed):
    from auditlog.models import LogEntry

    unlock(cast)
    closing.relock(organization=cast.county, year=2008)
    entry = closing.Unlock.objects.get()
    assert entry.relocked_at is not None
    assert LogEntry.objects.get_for_object(entry).count() == 2


def test_a_delete_button_refused_by_a_closed_year_goes_back_with_the_reason_not_a_500(client, cast):
    from gonghui.threecares.models import Training

    training = Training.objects.create(organization=cast.township_a, title="电焊培训", held_on=D(2008, 3, 10),
                                       trainee_count=40, funds=Decimal(3000))  # fmt: skip
    YearClose.objects.create(organization=cast.county, year=2008)
    client.force_login(cast.township_a_officer)
    listed = reverse("threecares:service-list", args=["trainings"])
    url = reverse("threecares:record-delete", args=["trainings", training.pk])
    response = client.post(url, HTTP_REFERER="http://testserver" + listed, follow=True)
    assert response.redirect_chain[0] == ("http://testserver" + listed, 302)
    assert "2008 is closed" in response.content.decode()
    assert Training.objects.filter(pk=training.pk).exists()
    assert client.post(url, HTTP_REFERER="http://evil.example/").url == "/"
