"""The service ledgers entered through their pages: waivers, phones, mailboxes, societies, trainings,
referral events and returnee symposiums."""

import pytest
from django.urls import reverse

from gonghui.reporting import indicators
from gonghui.threecares import models as m

from .factories import entry, person

pytestmark = pytest.mark.django_db


def _post(client, user, what, data):
    client.force_login(user)
    return client.post(reverse("threecares:service-create", args=[what]), data)


def _figure(cast, code):
    return indicators.compute(cast.county, indicators.Period.year(2008), codes=[code])[code]


def test_waiver_form_counts_in_the_medical_waiver_figure(client, cast):
    elder = entry(cast, "elders")
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:waiver-create", args=[elder.pk])
    data = {"granted_on": "2008-06-01", "amount": "320", "provider": "高桥镇卫生院"}
    assert client.post(url, data).status_code == 302
    assert _figure(cast, "three_cares.elders_medical_waivers") == 320


def test_waiver_form_refuses_the_same_waiver_twice_beside_the_provider(client, cast):
    elder = entry(cast, "elders")
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:waiver-create", args=[elder.pk])
    data = {"granted_on": "2008-06-01", "amount": "320", "provider": "高桥镇卫生院"}
    client.post(url, data)
    assert "already recorded" in str(client.post(url, data).context["form"].errors["provider"])


def test_another_townships_officer_gets_404_for_a_waiver_of_our_elder(client, cast):
    elder = entry(cast, "elders")
    client.force_login(cast.township_b_officer)
    assert client.get(reverse("threecares:waiver-create", args=[elder.pk])).status_code == 404


def test_family_phone_form_counts_in_the_figure(client, cast):
    data = {
        "township": cast.place_a.pk,
        "village": cast.village_a.pk,
        "location": "村小学",
        "installed_on": "2008-05-01",
    }
    assert _post(client, cast.township_a_officer, "phones", data).status_code == 302
    assert _figure(cast, "three_cares.family_phones") == 1


def test_family_mailbox_form_refuses_a_second_mailbox_at_the_same_place(client, cast):
    data = {"township": cast.place_a.pk, "location": "镇中心校", "installed_on": "2008-05-01"}
    _post(client, cast.township_a_officer, "mailboxes", data)
    response = _post(client, cast.township_a_officer, "mailboxes", data)
    assert "already recorded" in str(response.context["form"].errors["location"])
    assert m.FamilyMailbox.objects.count() == 1


def test_family_phone_form_refuses_another_townships_place(client, cast):
    data = {"township": cast.place_b.pk, "location": "村委会", "installed_on": "2008-05-01"}
    response = _post(client, cast.township_a_officer, "phones", data)
    assert response.context["form"].errors["township"] and not m.FamilyPhone.objects.exists()


def test_society_form_enrols_the_listed_elders(client, cast):
    entry(cast, "elders", name="王奶奶")
    entry(cast, "elders", name="李爷爷")
    data = {"township": cast.place_a.pk, "name": "高桥村老年人互助会", "founded_on": "2008-04-01",
            "members": "王奶奶\n李爷爷\n"}  # fmt: skip
    assert _post(client, cast.township_a_officer, "societies", data).status_code == 302
    assert m.MutualAidSociety.objects.get().memberships.count() == 2


def test_society_form_names_the_line_of_an_unknown_member(client, cast):
    entry(cast, "elders", name="王奶奶")
    data = {
        "township": cast.place_a.pk,
        "name": "互助会",
        "founded_on": "2008-04-01",
        "members": "王奶奶\n无名氏",
    }
    response = _post(client, cast.township_a_officer, "societies", data)
    assert "Line 2 (无名氏)" in str(response.context["form"].errors["members"])
    assert not m.MutualAidSociety.objects.exists()


def test_training_form_keeps_the_attendance_list(client, cast):
    trainee = person(cast, name="技工甲")
    data = {"title": "电焊培训", "held_on": "2008-03-10", "trainee_count": 40, "funds": "3000",
            "attendees": "技工甲"}  # fmt: skip
    assert _post(client, cast.township_a_officer, "trainings", data).status_code == 302
    training = m.Training.objects.get()
    assert list(training.attendees.all()) == [trainee] and training.organization == cast.township_a
    assert _figure(cast, "three_cares.trainees") == 40


def test_training_form_refuses_more_names_than_trainees_beside_the_count(client, cast):
    person(cast, name="技工甲")
    person(cast, name="技工乙")
    data = {"title": "电焊培训", "held_on": "2008-03-10", "trainee_count": 1, "funds": "3000",
            "attendees": "技工甲\n技工乙"}  # fmt: skip
    response = _post(client, cast.township_a_officer, "trainings", data)
    assert "has 2 names but only 1 trainees" in str(response.context["form"].errors["trainee_count"])


def test_training_form_does_not_find_another_townships_person(client, cast):
    person(cast, name="水坝人", village=cast.village_b)
    data = {
        "title": "培训",
        "held_on": "2008-03-10",
        "trainee_count": 5,
        "funds": "100",
        "attendees": "水坝人",
    }
    response = _post(client, cast.township_a_officer, "trainings", data)
    assert "nobody of that name" in str(response.context["form"].errors["attendees"])


def test_referral_form_counts_referred_and_employed(client, cast):
    data = {"title": "春风行动", "held_on": "2008-02-20", "referred_count": 300, "employed_count": 180}
    assert _post(client, cast.township_a_officer, "referrals", data).status_code == 302
    assert (_figure(cast, "three_cares.referred"), _figure(cast, "three_cares.employed")) == (300, 180)


def test_referral_form_refuses_more_employed_than_referred(client, cast):
    data = {"title": "春风行动", "held_on": "2008-02-20", "referred_count": 10, "employed_count": 11}
    response = _post(client, cast.township_a_officer, "referrals", data)
    assert "more than the 10 referred" in str(response.context["form"].errors["employed_count"])


def test_symposium_form_records_one_symposium_a_day(client, cast):
    data = {"held_on": "2008-02-10", "venue": "镇政府", "attendees": 35}
    assert _post(client, cast.township_a_officer, "symposiums", data).status_code == 302
    response = _post(client, cast.township_a_officer, "symposiums", data)
    assert "already recorded" in str(response.context["form"].errors["held_on"])


@pytest.mark.parametrize("what", ["phones", "mailboxes", "societies", "trainings", "referrals", "symposiums"])
def test_leader_gets_404_for_every_service_form(client, cast, what):
    client.force_login(cast.leader)
    assert client.get(reverse("threecares:service-create", args=[what])).status_code == 404


@pytest.mark.parametrize("what", ["phones", "mailboxes", "societies", "trainings", "referrals", "symposiums"])
def test_every_service_form_renders_for_an_officer(client, cast, what):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("threecares:service-create", args=[what])).status_code == 200


def test_there_is_no_form_for_the_proxy_parent_counts(client, cast):
    client.force_login(cast.county_admin)
    assert client.get(reverse("threecares:service-create", args=["proxy"])).status_code == 404


def test_a_village_union_records_a_phone_in_its_village(client, cast):
    """A village's union sees its village, not the township: the township is offered with it."""
    client.force_login(cast.grassroots_officer)
    form = client.get(reverse("threecares:service-create", args=["phones"])).context["form"]
    assert list(form.fields["township"].queryset) == [cast.place_a]
    assert list(form.fields["village"].queryset) == [cast.village_a]
    data = {"township": cast.place_a.pk, "location": "村委会", "installed_on": "2008-05-01"}
    response = _post(client, cast.grassroots_officer, "phones", data)
    assert "Choose your village" in str(response.context["form"].errors["village"])
    assert not m.FamilyPhone.objects.exists()
    assert (
        _post(client, cast.grassroots_officer, "phones", data | {"village": cast.village_a.pk}).status_code
        == 302
    )
    assert m.FamilyPhone.objects.get().organization == cast.village_union_a
