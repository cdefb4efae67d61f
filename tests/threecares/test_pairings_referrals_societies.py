"""Ending a pairing; the people of a referral event; the members of a mutual-aid society."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.reporting import indicators
from gonghui.threecares import models as m
from gonghui.threecares import services

from .factories import entry, person

pytestmark = pytest.mark.django_db
D = datetime.date


def _figure(cast, code):
    return indicators.compute(cast.county, indicators.Period.year(2008), codes=[code])[code]


# ---- ending a pairing -------------------------------------------------------------------------------


@pytest.fixture
def pairing(cast):
    elder = entry(cast, "elders", name="王奶奶")
    return services.pair_elder(elder=elder, helper_name="赵干部", paired_on=D(2008, 3, 1))


def test_elders_page_has_the_end_form_for_the_active_pairing(client, cast, pairing):
    client.force_login(cast.township_a_officer)
    html = client.get(pairing.elder.get_absolute_url()).content.decode()
    assert reverse("threecares:pairing-end", args=[pairing.pk]) in html


def test_ending_a_pairing_lets_the_elder_be_paired_again(client, cast, pairing):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("threecares:pairing-end", args=[pairing.pk])).status_code == 200
    response = client.post(reverse("threecares:pairing-end", args=[pairing.pk]), {"ended_on": "2008-06-30"})
    assert response.url == pairing.elder.get_absolute_url()
    assert m.Pairing.objects.get(pk=pairing.pk).ended_on == D(2008, 6, 30)
    data = {"helper_name": "钱干部", "paired_on": "2008-07-01"}
    assert client.post(reverse("threecares:pairing-create", args=[pairing.elder.pk]), data).status_code == 302
    assert pairing.elder.pairings.filter(ended_on__isnull=True).get().helper_name == "钱干部"


def test_pair_elder_still_refuses_while_a_pairing_is_active(pairing):
    with pytest.raises(ValidationError):
        services.pair_elder(elder=pairing.elder, helper_name="钱干部", paired_on=D(2008, 7, 1))


def test_an_end_before_the_pairing_is_refused_beside_the_date(client, cast, pairing):
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("threecares:pairing-end", args=[pairing.pk]), {"ended_on": "2008-02-28"})
    assert "cannot be before the start" in str(response.context["form"].errors["ended_on"])
    assert m.Pairing.objects.get(pk=pairing.pk).ended_on is None


def test_an_ended_pairing_cannot_be_ended_again(pairing):
    services.end_pairing(pairing=pairing, ended_on=D(2008, 6, 30))
    with pytest.raises(ValidationError) as refused:
        services.end_pairing(pairing=pairing, ended_on=D(2008, 7, 30))
    assert "already ended" in refused.value.message_dict["ended_on"][0]


def test_a_pairing_ended_before_the_year_is_not_counted(client, cast, pairing):
    services.end_pairing(pairing=pairing, ended_on=D(2008, 3, 1))
    assert _figure(cast, "three_cares.elders_paired") == 1
    in_2009 = indicators.compute(
        cast.county, indicators.Period.year(2009), codes=["three_cares.elders_paired"]
    )
    assert in_2009["three_cares.elders_paired"] == 0


@pytest.mark.parametrize("role", ["leader", "township_b_officer"])
def test_others_get_404_for_ending_a_pairing(client, cast, pairing, role):
    client.force_login(getattr(cast, role))
    url = reverse("threecares:pairing-end", args=[pairing.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"ended_on": "2008-06-30"}).status_code == 404


# ---- the people of a referral event ----------------------------------------------------------------


@pytest.fixture
def event(cast):
    return services.record_referral_event(organization=cast.township_a, title="春风行动", held_on=D(2008, 2, 20),
                                          referred_count=0, employed_count=0)  # fmt: skip


def _add_people(client, user, event, **data):
    client.force_login(user)
    return client.post(reverse("threecares:referral-people-add", args=[event.pk]), data)


def test_people_added_to_an_event_make_its_counts(client, cast, event):
    person(cast, name="甲")
    person(cast, name="乙")
    person(cast, name="丙")
    response = _add_people(
        client, cast.township_a_officer, event, people="甲\n乙", employed="1", employer="鞋厂"
    )
    assert response.url == event.get_absolute_url()
    _add_people(client, cast.township_a_officer, event, people="丙")
    event.refresh_from_db()
    assert (event.referred_count, event.employed_count) == (3, 2)
    page = client.get(event.get_absolute_url())
    assert [r.person.name for r in page.context["referrals"]] == ["甲", "乙", "丙"]
    assert (_figure(cast, "three_cares.referred"), _figure(cast, "three_cares.employed")) == (3, 2)


def test_marking_and_removing_people_keeps_the_counts(client, cast, event):
    person(cast, name="甲")
    person(cast, name="乙")
    _add_people(client, cast.township_a_officer, event, people="甲\n乙")
    first, second = event.referrals.order_by("pk")
    url = reverse("threecares:referral-person-update", args=[event.pk, first.pk])
    assert client.post(url, {"employed": "1", "employer": "电子厂"}).status_code == 302
    event.refresh_from_db()
    assert (event.referred_count, event.employed_count) == (2, 1)
    assert m.Referral.objects.get(pk=first.pk).employer == "电子厂"
    client.post(reverse("threecares:referral-person-remove", args=[event.pk, first.pk]))
    event.refresh_from_db()
    assert (event.referred_count, event.employed_count) == (1, 0)
    client.post(reverse("threecares:referral-person-remove", args=[event.pk, second.pk]))
    event.refresh_from_db()
    assert (event.referred_count, event.employed_count) == (0, 0)


def test_a_person_listed_twice_is_refused_beside_the_list(client, cast, event):
    person(cast, name="甲")
    _add_people(client, cast.township_a_officer, event, people="甲")
    response = _add_people(client, cast.township_a_officer, event, people="甲")
    assert "already on the list" in str(response.context["people_form"].errors["people"])
    assert event.referrals.count() == 1


def test_an_unknown_person_is_named_by_line(client, cast, event):
    person(cast, name="甲")
    person(cast, name="水坝人", village=cast.village_b)
    response = _add_people(client, cast.township_a_officer, event, people="甲\n水坝人")
    assert "Line 2 (水坝人)" in str(response.context["people_form"].errors["people"])
    assert not event.referrals.exists()


def test_counts_of_an_event_with_a_list_are_not_edited_by_hand(client, cast, event):
    person(cast, name="甲")
    _add_people(client, cast.township_a_officer, event, people="甲", employed="1")
    data = {"title": "春风行动", "held_on": "2008-02-20", "referred_count": 300, "employed_count": 100}
    response = client.post(reverse("threecares:record-edit", args=["referrals", event.pk]), data)
    assert "counts come from that list" in str(response.context["form"].errors["referred_count"])
    data.update(referred_count=1, employed_count=1, venue="镇广场")
    assert (
        client.post(reverse("threecares:record-edit", args=["referrals", event.pk]), data).status_code == 302
    )


def test_event_with_counts_only_warns_before_people_are_listed(client, cast):
    counted = services.record_referral_event(organization=cast.township_a, title="招聘会", held_on=D(2008, 3, 1),
                                            referred_count=300, employed_count=180)  # fmt: skip
    client.force_login(cast.township_a_officer)
    assert "without names" in client.get(counted.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["leader", "township_b_officer"])
def test_others_get_404_for_the_people_of_an_event(client, cast, event, role):
    who = person(cast, name="甲")
    services.add_referrals(event=event, people=[who])
    row = event.referrals.get()
    client.force_login(getattr(cast, role))
    urls = [
        reverse("threecares:referral-people-add", args=[event.pk]),
        reverse("threecares:referral-person-update", args=[event.pk, row.pk]),
        reverse("threecares:referral-person-remove", args=[event.pk, row.pk]),
    ]
    assert [client.post(url, {"people": "甲", "employed": "1"}).status_code for url in urls] == [404] * 3
    assert event.referrals.get().employed is False


def test_a_referral_of_another_event_is_404(client, cast, event):
    other = services.record_referral_event(organization=cast.township_a, title="二", held_on=D(2008, 3, 1),
                                          referrals=[(person(cast, name="甲"), False, "")])  # fmt: skip
    row = other.referrals.get()
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:referral-person-remove", args=[event.pk, row.pk])
    assert client.post(url).status_code == 404


def test_adding_people_is_post_only(client, cast, event):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("threecares:referral-people-add", args=[event.pk])).status_code == 405


# ---- the members of a mutual-aid society --------------------------------------------------------


@pytest.fixture
def society(cast):
    return services.found_society(name="高桥村老年人互助会", township=cast.place_a, founded_on=D(2008, 4, 1),
                                  members=[entry(cast, "elders", name="王奶奶")])  # fmt: skip


def _add_members(client, user, society, **data):
    client.force_login(user)
    return client.post(reverse("threecares:society-members-add", args=[society.pk]), data)


def test_society_page_lists_members_and_adds_more(client, cast, society):
    entry(cast, "elders", name="李爷爷")
    entry(cast, "elders", name="周奶奶")
    response = _add_members(
        client, cast.township_a_officer, society, members="李爷爷\n周奶奶", joined_on="2008-08-01"
    )
    assert response.url == society.get_absolute_url()
    page = client.get(society.get_absolute_url())
    names = [(ms.elder.person.name, ms.joined_on) for ms in page.context["memberships"]]
    assert names == [("王奶奶", D(2008, 4, 1)), ("李爷爷", D(2008, 8, 1)), ("周奶奶", D(2008, 8, 1))]


def test_an_elder_of_another_township_cannot_join(client, cast, society):
    entry(cast, "elders", name="水坝爷爷", village=cast.village_b)
    response = _add_members(client, cast.county_admin, society, members="水坝爷爷", joined_on="2008-08-01")
    assert "Line 1 (水坝爷爷)" in str(response.context["members_form"].errors["members"])
    other = m.Elder.objects.get(person__name="水坝爷爷")
    with pytest.raises(ValidationError) as refused:
        services.add_society_members(society=society, elders=[other], joined_on=D(2008, 8, 1))
    assert "another township" in refused.value.message_dict["members"][0]


def test_a_member_cannot_join_twice_or_before_the_founding(client, cast, society):
    response = _add_members(
        client, cast.township_a_officer, society, members="王奶奶", joined_on="2008-08-01"
    )
    assert "already a member" in str(response.context["members_form"].errors["members"])
    entry(cast, "elders", name="李爷爷")
    response = _add_members(
        client, cast.township_a_officer, society, members="李爷爷", joined_on="2008-03-01"
    )
    assert "founded on" in str(response.context["members_form"].errors["joined_on"])
    assert society.memberships.count() == 1


def test_removing_a_member(client, cast, society):
    membership = society.memberships.get()
    client.force_login(cast.township_a_officer)
    url = reverse("threecares:society-member-remove", args=[society.pk, membership.pk])
    assert client.post(url).url == society.get_absolute_url()
    assert not society.memberships.exists()


@pytest.mark.parametrize("role", ["leader", "township_b_officer"])
def test_others_get_404_for_the_members_of_a_society(client, cast, society, role):
    membership = society.memberships.get()
    entry(cast, "elders", name="李爷爷")
    client.force_login(getattr(cast, role))
    add = client.post(reverse("threecares:society-members-add", args=[society.pk]),
                      {"members": "李爷爷", "joined_on": "2008-08-01"})  # fmt: skip
    remove = client.post(reverse("threecares:society-member-remove", args=[society.pk, membership.pk]))
    assert (add.status_code, remove.status_code) == (404, 404)
    assert society.memberships.count() == 1
