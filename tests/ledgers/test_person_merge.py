"""The merge tool (gonghui/people/services.py, merge_views.py): tested beside the imports that find duplicates."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.people.models import IdNumberAccess, Person
from gonghui.people.services import likely_duplicates, merge_people
from tests.factories import PersonFactory

from .conftest import number


@pytest.fixture
def twins(cast):
    with_id = PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, id_no=number(7))
    without = PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, phone="13800007777",
                            birth_date=with_id.birth_date)  # fmt: skip
    return with_id, without


def test_merge_moves_linked_records_fills_blanks_and_deletes_the_other(cast, twins):
    keep, remove = twins
    IdNumberAccess.objects.create(person=remove, user=cast.county_admin, purpose="test")
    merged = merge_people(keep=keep, remove=remove, by=cast.county_admin)
    assert not Person.objects.filter(pk=remove.pk).exists()
    assert merged.phone == "13800007777"
    assert IdNumberAccess.objects.get().person == keep


def test_merge_keeps_the_id_number_of_the_removed_record_when_the_kept_has_none(cast, twins):
    with_id, without = twins
    merged = merge_people(keep=without, remove=with_id, by=cast.county_admin)
    assert Person.objects.with_id_number(number(7)).get() == merged


def test_merge_is_written_to_the_audit_trail_under_the_user(cast, twins):
    keep, remove = twins
    merge_people(keep=keep, remove=remove, by=cast.county_admin)
    entries = list(LogEntry.objects.get_for_object(keep))
    entry = [e for e in entries if "merged_from" in str(e.changes)][0]
    assert entry.actor == cast.county_admin
    assert LogEntry.objects.filter(object_pk=str(remove.pk), action=LogEntry.Action.DELETE).exists()


def test_two_records_with_different_id_numbers_are_not_merged(cast):
    a = PersonFactory(name="张三", id_no=number(1))
    b = PersonFactory(name="张三", id_no=number(2))
    with pytest.raises(ValidationError) as e:
        merge_people(keep=a, remove=b, by=cast.county_admin)
    assert e.value.code == "different_id_numbers"


def test_likely_duplicates_pair_same_name_birth_and_village_when_one_lacks_an_id(cast, twins):
    pairs = likely_duplicates(Person.objects.visible_to(cast.township_a_officer))
    assert [[p.pk for p in pair] for pair in pairs] == [[twins[0].pk, twins[1].pk]]


def test_the_merge_page_lists_duplicates_and_merges_on_post(client, cast, twins):
    keep, remove = twins
    client.force_login(cast.township_a_officer)
    page = client.get(reverse("people:person-merge")).content.decode()
    assert f"?keep={keep.pk}&amp;remove={remove.pk}" in page
    response = client.post(reverse("people:person-merge"), {"keep": keep.pk, "remove": remove.pk})
    assert response.url == keep.get_absolute_url()
    assert Person.objects.count() == 1


def test_the_merge_page_is_404_for_records_outside_the_scope(client, cast, twins):
    other = PersonFactory(name="李四", township=cast.place_b, village=cast.village_b,
                          birth_date=datetime.date(1975, 3, 8))  # fmt: skip
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("people:person-merge"), {"keep": twins[0].pk, "remove": other.pk})
    assert response.status_code == 404
    assert Person.objects.count() == 3


def test_a_read_only_leader_cannot_merge(client, cast, twins):
    client.force_login(cast.leader)
    assert client.get(reverse("people:person-merge")).status_code == 404
