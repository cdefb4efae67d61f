import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.threecares import models as m
from gonghui.threecares import services

from .factories import child, entry, person

D = datetime.date(2008, 5, 1)


def test_a_person_is_put_on_a_registry_once(cast):
    first = entry(cast, "elders", name="李奶奶")
    with pytest.raises(ValidationError) as e:
        services.register_entry(
            registry="elders", person=first.person, township=cast.place_a, registered_on=D
        )
    assert e.value.error_dict["person"][0].code == "duplicate"


def test_the_registry_row_belongs_to_the_village_union(cast):
    assert entry(cast, "elders").organization == cast.village_union_a


def test_a_village_outside_the_township_is_refused(cast):
    who = person(cast)
    with pytest.raises(ValidationError) as e:
        services.register_entry(registry="elders", person=who, township=cast.place_a, village=cast.village_b,
                                registered_on=D)  # fmt: skip
    assert "水坝塘村" in str(e.value)


def test_a_visit_to_someone_not_on_the_register_is_refused(cast):
    who = person(cast)
    with pytest.raises(ValidationError) as e:
        services.record_visit(kind="elder", person=who, visited_on=D, amount=100)
    assert e.value.error_dict["person"][0].code == "not_registered"


def test_an_elder_with_a_helper_is_not_paired_again(cast):
    elder = entry(cast, "elders")
    services.pair_elder(elder=elder, helper_name="王老师", paired_on=D)
    with pytest.raises(ValidationError) as e:
        services.pair_elder(elder=elder, helper_name="李医生", paired_on=D)
    assert e.value.error_dict["elder"][0].code == "already_paired"


def test_a_proxy_parent_of_another_township_is_refused(cast):
    proxy = entry(cast, "proxy_parents", village=cast.village_b)
    with pytest.raises(ValidationError) as e:
        services.assign_proxy_parent(child=child(cast), proxy=proxy)
    assert e.value.error_dict["proxy_parent"][0].code == "township"


def test_referral_list_gives_the_counts(cast):
    people = [person(cast, name=f"人{i}") for i in range(3)]
    event = services.record_referral_event(
        organization=cast.township_a, title="招聘会", held_on=D,
        referrals=[(people[0], True, "甲厂"), (people[1], False, ""), (people[2], True, "乙厂")],
    )  # fmt: skip
    assert (event.referred_count, event.employed_count, event.referrals.count()) == (3, 2, 3)


def test_more_employed_than_referred_is_refused(cast):
    with pytest.raises(ValidationError) as e:
        services.record_referral_event(organization=cast.township_a, title="x", held_on=D, referred_count=3,
                                       employed_count=4)  # fmt: skip
    assert e.value.error_dict["employed_count"][0].code == "employed_over"


def test_training_with_more_names_than_trainees_is_refused(cast):
    people = [person(cast, name=f"人{i}") for i in range(3)]
    with pytest.raises(ValidationError) as e:
        services.record_training(organization=cast.township_a, title="电焊", held_on=D, trainee_count=2, funds=100,
                                 attendees=people)  # fmt: skip
    assert e.value.error_dict["trainee_count"][0].code == "attendance"


def test_mailing_cost_is_the_sum_of_the_sponsors_shares(cast):
    mailing = services.record_mailing(organization=cast.county, title="贺年卡", sent_on=D, cards=100,
                                      sponsors=[("县总工会", 250), ("邮政局", "200.5")])  # fmt: skip
    assert mailing.cost == Decimal("450.5") and mailing.sponsors.count() == 2


def test_mailing_with_a_sponsor_named_twice_is_refused(cast):
    with pytest.raises(ValidationError):
        services.record_mailing(organization=cast.county, title="贺年卡", sent_on=D, cards=1,
                                sponsors=[("邮政局", 1), ("邮政局", 2)])  # fmt: skip
    assert not m.GreetingMailing.objects.exists()


def test_inspection_visit_only_to_a_township_committee(cast):
    inspection = m.Inspection.objects.create(
        organization=cast.county, year=2008, team="第一督导组", leader="甲"
    )
    with pytest.raises(ValidationError):
        services.record_inspection_visit(inspection=inspection, organization=cast.village_union_a, visited_on=D,
                                         score=90)  # fmt: skip
