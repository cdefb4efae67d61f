"""Service records from the lists: a page per record with its history, corrections through the
same checks as entry, and deletion after "are you sure?", audited."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from gonghui.reporting import indicators
from gonghui.threecares import models as m
from gonghui.threecares import services
from gonghui.threecares.records import RECORDS

from .factories import child, entry, person

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def records(cast):
    """One record of every kind with a page, all in township A."""
    elder = entry(cast, "elders", name="王奶奶")
    migrant = entry(cast, "out_migrants", name="李四")
    return {
        "visits": services.record_visit(kind="migrant", person=migrant.person, visited_on=D(2008, 2, 1), amount=100),
        "waivers": services.record_medical_waiver(elder=elder, granted_on=D(2008, 6, 1), amount=320,
                                                  provider="高桥镇卫生院"),
        "phones": services.install(model=m.FamilyPhone, township=cast.place_a, village=cast.village_a,
                                   installed_on=D(2008, 5, 1), location="村小学", number="0851-1"),
        "mailboxes": services.install(model=m.FamilyMailbox, township=cast.place_a, installed_on=D(2008, 5, 1),
                                      location="镇中心校"),
        "societies": services.found_society(name="高桥村老年人互助会", township=cast.place_a,
                                            founded_on=D(2008, 4, 1), members=[elder]),
        "trainings": services.record_training(organization=cast.township_a, title="电焊培训",
                                              held_on=D(2008, 3, 10), trainee_count=40, funds=3000),
        "referrals": services.record_referral_event(organization=cast.township_a, title="春风行动",
                                                    held_on=D(2008, 2, 20), referred_count=300, employed_count=180),
        "symposiums": services.record_symposium(organization=cast.township_a, held_on=D(2008, 2, 10), attendees=35),
        "pairings": services.pair_elder(elder=elder, helper_name="赵干部", paired_on=D(2008, 3, 1)),
    }  # fmt: skip


def _url(name, what, record):
    return reverse(f"threecares:{name}", args=[what, record.pk])


def _figure(cast, code):
    return indicators.compute(cast.county, indicators.Period.year(2008), codes=[code])[code]


def test_every_service_list_with_records_has_a_record_page():
    assert set(RECORDS) == {"visits", "waivers", "phones", "mailboxes", "societies", "trainings", "referrals",
                            "symposiums", "pairings"}  # fmt: skip


@pytest.mark.parametrize("what", sorted(RECORDS))
def test_service_list_links_each_row_to_its_record_page(client, cast, records, what):
    client.force_login(cast.township_a_officer)
    html = client.get(reverse("threecares:service-list", args=[what])).content.decode()
    assert _url("record-detail", what, records[what]) in html


@pytest.mark.parametrize("what", sorted(RECORDS))
def test_record_page_shows_fields_history_and_the_editors_buttons(client, cast, records, what):
    client.force_login(cast.township_a_officer)
    response = client.get(_url("record-detail", what, records[what]))
    html = response.content.decode()
    assert response.status_code == 200 and response.context["history"]
    assert (
        _url("record-edit", what, records[what]) in html
        and _url("record-delete", what, records[what]) in html
    )


@pytest.mark.parametrize("what", sorted(RECORDS))
def test_leader_reads_the_record_page_without_edit_or_delete(client, cast, records, what):
    client.force_login(cast.leader)
    response = client.get(_url("record-detail", what, records[what]))
    assert response.status_code == 200
    assert _url("record-edit", what, records[what]) not in response.content.decode()


@pytest.mark.parametrize("name", ["record-edit", "record-delete"])
@pytest.mark.parametrize("what", sorted(RECORDS))
def test_leader_gets_404_for_edit_and_delete(client, cast, records, what, name):
    client.force_login(cast.leader)
    assert client.get(_url(name, what, records[what])).status_code == 404
    assert client.post(_url(name, what, records[what])).status_code == 404
    assert type(records[what]).objects.filter(pk=records[what].pk).exists()


@pytest.mark.parametrize("name", ["record-detail", "record-edit", "record-delete"])
@pytest.mark.parametrize("what", sorted(RECORDS))
def test_another_townships_officer_gets_404(client, cast, records, what, name):
    client.force_login(cast.township_b_officer)
    assert client.get(_url(name, what, records[what])).status_code == 404


@pytest.mark.parametrize("what", sorted(RECORDS))
def test_edit_form_opens_filled_with_the_record(client, cast, records, what):
    client.force_login(cast.township_a_officer)
    response = client.get(_url("record-edit", what, records[what]))
    assert response.status_code == 200 and response.context["form"].initial


@pytest.mark.parametrize("what", sorted(RECORDS))
def test_delete_asks_first_then_deletes_and_is_audited(client, cast, records, what):
    record = records[what]
    client.force_login(cast.township_a_officer)
    page = client.get(_url("record-delete", what, record))
    assert page.status_code == 200 and "Are you sure?" in page.content.decode()
    assert type(record).objects.filter(pk=record.pk).exists()
    response = client.post(_url("record-delete", what, record))
    assert response.url == reverse("threecares:service-list", args=[what])
    assert not type(record).objects.filter(pk=record.pk).exists()
    deleted = LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.DELETE).get()
    assert deleted.actor == cast.township_a_officer


def test_unknown_kind_of_record_is_404(client, cast):
    client.force_login(cast.county_admin)
    assert client.get(reverse("threecares:record-detail", args=["proxy", 1])).status_code == 404


# ---- corrections run the same checks as entry ------------------------------------------------------


def _edit(client, user, what, record, data):
    client.force_login(user)
    return client.post(_url("record-edit", what, record), data)


def test_editing_a_visit_changes_the_amount_and_shows_in_the_history(client, cast, records):
    visit = records["visits"]
    data = {"visited_on": "2008-02-01", "amount": "150", "visited_by": "镇工会", "note": ""}
    assert _edit(client, cast.township_a_officer, "visits", visit, data).url == visit.get_absolute_url()
    assert _figure(cast, "three_cares.migrants_visited_amount") == 150
    page = client.get(visit.get_absolute_url())
    assert any(e.action == LogEntry.Action.UPDATE for e in page.context["history"])


def test_editing_a_visit_onto_another_visits_day_is_refused_beside_the_date(client, cast, records):
    visit = records["visits"]
    services.record_visit(kind="migrant", person=visit.person, visited_on=D(2008, 9, 1), amount=50)
    data = {"visited_on": "2008-09-01", "amount": "100"}
    response = _edit(client, cast.township_a_officer, "visits", visit, data)
    assert "already recorded" in str(response.context["form"].errors["visited_on"])


def test_editing_a_waiver_into_a_duplicate_is_refused_beside_the_provider(client, cast, records):
    waiver = records["waivers"]
    services.record_medical_waiver(elder=waiver.elder, granted_on=D(2008, 7, 1), amount=10, provider="县医院")
    data = {"granted_on": "2008-07-01", "amount": "320", "provider": "县医院"}
    response = _edit(client, cast.township_a_officer, "waivers", waiver, data)
    assert "already recorded" in str(response.context["form"].errors["provider"])
    data["granted_on"] = "2008-07-02"
    assert _edit(client, cast.township_a_officer, "waivers", waiver, data).status_code == 302
    assert m.MedicalWaiver.objects.get(pk=waiver.pk).provider == "县医院"


def test_moving_a_phone_to_the_township_changes_the_answerable_organisation(client, cast, records):
    phone = records["phones"]
    data = {"township": cast.place_a.pk, "location": "镇政府", "number": "", "installed_on": "2008-05-01"}
    assert _edit(client, cast.township_a_officer, "phones", phone, data).status_code == 302
    assert m.FamilyPhone.objects.get(pk=phone.pk).organization == cast.township_a


def test_moving_a_mailbox_onto_another_is_refused_beside_the_location(client, cast, records):
    other = services.install(model=m.FamilyMailbox, township=cast.place_a, installed_on=D(2008, 5, 1),
                             location="村委会")  # fmt: skip
    data = {"township": cast.place_a.pk, "location": "村委会", "installed_on": "2008-05-01"}
    response = _edit(client, cast.township_a_officer, "mailboxes", records["mailboxes"], data)
    assert "already recorded" in str(response.context["form"].errors["location"]) and other.pk


def test_mailbox_cannot_be_moved_to_another_township(client, cast, records):
    data = {"township": cast.place_b.pk, "location": "村委会", "installed_on": "2008-05-01"}
    response = _edit(client, cast.township_a_officer, "mailboxes", records["mailboxes"], data)
    assert response.context["form"].errors["township"]


def test_editing_a_training_keeps_the_attendance_rule(client, cast, records):
    training = records["trainings"]
    person(cast, name="技工甲")
    person(cast, name="技工乙")
    data = {"title": "电焊培训", "held_on": "2008-03-10", "trainee_count": 1, "funds": "3000",
            "attendees": "技工甲\n技工乙"}  # fmt: skip
    response = _edit(client, cast.township_a_officer, "trainings", training, data)
    assert "has 2 names but only 1 trainees" in str(response.context["form"].errors["trainee_count"])
    data["trainee_count"] = 2
    assert _edit(client, cast.township_a_officer, "trainings", training, data).status_code == 302
    assert sorted(p.name for p in training.attendees.all()) == ["技工乙", "技工甲"]


def test_a_training_list_with_repeated_names_saves_unchanged(client, cast, records):
    training = records["trainings"]
    twins = [person(cast, name="王强"), person(cast, name="王强")]
    training.attendees.set(twins)
    client.force_login(cast.township_a_officer)
    form = client.get(_url("record-edit", "trainings", training)).context["form"]
    data = {**form.initial, "held_on": "2008-03-10"}
    assert _edit(client, cast.township_a_officer, "trainings", training, data).status_code == 302
    assert set(training.attendees.all()) == set(twins)


def test_editing_a_training_onto_another_title_that_day_is_refused(client, cast, records):
    services.record_training(organization=cast.township_a, title="厨师培训", held_on=D(2008, 3, 10),
                             trainee_count=5, funds=0)  # fmt: skip
    data = {"title": "厨师培训", "held_on": "2008-03-10", "trainee_count": 40, "funds": "3000"}
    response = _edit(client, cast.township_a_officer, "trainings", records["trainings"], data)
    assert "already recorded" in str(response.context["form"].errors["title"])


def test_editing_a_referral_event_refuses_more_employed_than_referred(client, cast, records):
    data = {"title": "春风行动", "held_on": "2008-02-20", "referred_count": 10, "employed_count": 11}
    response = _edit(client, cast.township_a_officer, "referrals", records["referrals"], data)
    assert "more than the 10 referred" in str(response.context["form"].errors["employed_count"])


def test_editing_a_symposium_onto_another_day_with_one_is_refused(client, cast, records):
    services.record_symposium(organization=cast.township_a, held_on=D(2008, 2, 11), attendees=10)
    data = {"held_on": "2008-02-11", "attendees": 35}
    response = _edit(client, cast.township_a_officer, "symposiums", records["symposiums"], data)
    assert "already recorded" in str(response.context["form"].errors["held_on"])


def test_editing_a_society_moves_the_founding_members_join_date(client, cast, records):
    society = records["societies"]
    data = {"township": cast.place_a.pk, "village": cast.village_a.pk, "name": "高桥村互助会",
            "founded_on": "2008-03-15", "leader_name": "王奶奶"}  # fmt: skip
    assert _edit(client, cast.township_a_officer, "societies", society, data).status_code == 302
    society.refresh_from_db()
    assert (society.name, society.organization) == ("高桥村互助会", cast.village_union_a)
    assert society.memberships.get().joined_on == D(2008, 3, 15)


def test_editing_a_society_into_another_township_with_its_members_is_refused(client, cast, records):
    data = {"township": cast.place_b.pk, "name": "互助会", "founded_on": "2008-04-01"}
    response = _edit(client, cast.county_admin, "societies", records["societies"], data)
    assert "another township: 王奶奶" in str(response.context["form"].errors["township"])


def test_editing_a_pairing_refuses_an_end_before_the_start(client, cast, records):
    data = {"helper_name": "赵干部", "paired_on": "2008-03-01", "ended_on": "2008-02-01"}
    response = _edit(client, cast.township_a_officer, "pairings", records["pairings"], data)
    assert "cannot be before the start" in str(response.context["form"].errors["ended_on"])


def test_reopening_a_pairing_while_another_is_active_is_refused(client, cast, records):
    first = records["pairings"]
    services.end_pairing(pairing=first, ended_on=D(2008, 6, 30))
    services.pair_elder(elder=first.elder, helper_name="钱干部", paired_on=D(2008, 7, 1))
    data = {"helper_name": "赵干部", "paired_on": "2008-03-01", "ended_on": ""}
    response = _edit(client, cast.township_a_officer, "pairings", first, data)
    assert "already has a helper" in str(response.context["form"].errors["ended_on"])


def test_deleting_a_training_takes_it_out_of_the_figures(client, cast, records):
    assert _figure(cast, "three_cares.trainings") == 1
    client.force_login(cast.township_a_officer)
    client.post(_url("record-delete", "trainings", records["trainings"]))
    assert _figure(cast, "three_cares.trainings") == 0


def test_grassroots_officer_cannot_delete_a_township_record(client, cast, records):
    client.force_login(cast.grassroots_officer)
    assert client.post(_url("record-delete", "trainings", records["trainings"])).status_code == 404


def test_child_visit_record_page_is_404_for_a_role_without_minors_access(client, cast):
    kid = child(cast, name="张小明")
    visit = services.record_visit(kind="child", person=kid.person, visited_on=D(2008, 6, 1), amount=50)
    client.force_login(cast.leader)
    assert client.get(visit.get_absolute_url()).status_code == 404
    client.force_login(cast.township_a_officer)
    assert client.get(visit.get_absolute_url()).status_code == 200
