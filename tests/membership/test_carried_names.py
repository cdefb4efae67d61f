"""The member's name and initials carried on each membership (people.carried): kept right by the
database on every kind of write, and the member search over them finds exactly what searching the
people first finds."""

import datetime
import random

import pytest
from django.db.models import F, Q

from gonghui.ledgers.bulk import adapt, insert_rows
from gonghui.membership import models as m
from gonghui.membership import services
from gonghui.membership.demo import MEMBERSHIP_COLUMNS
from gonghui.people import carried
from gonghui.people.demo import GIVEN, SURNAMES
from gonghui.people.models import Person
from gonghui.people.services import merge_people
from tests.factories import PersonFactory, id_number

from .test_ledgers import MEMBERS, run

D = datetime.date


def wrong():
    """Memberships whose carried name or initials differ from their person's."""
    differs = ~Q(member_name=F("person__name")) | ~Q(member_initials=F("person__name_initials"))
    return list(m.Membership.objects.filter(differs).values_list("pk", "member_name", "person__name"))


def carried_of(membership):
    return m.Membership.objects.values_list("member_name", "member_initials").get(pk=membership.pk)


def test_a_new_member_carries_the_persons_name_and_initials(member_a):
    assert carried_of(member_a) == ("李四", "ls")
    assert wrong() == []


def test_renaming_a_person_renames_every_membership_of_theirs(member_a, union_b):
    second = services.join_member(person=member_a.person, union=union_b, joined_on=D(2008, 7, 1))
    person = Person.objects.get(pk=member_a.person_id)
    person.name = "张三丰"
    person.save()
    assert carried_of(member_a) == carried_of(second) == ("张三丰", "zsf")
    # A bulk update writes no initials of its own: the carried ones follow what the person row holds.
    Person.objects.filter(pk=person.pk).update(name="赵六", name_initials="zl")
    assert carried_of(member_a) == ("赵六", "zl")
    assert wrong() == []


def test_a_membership_saved_from_a_copy_read_before_the_rename_keeps_the_new_name(member_a):
    stale = m.Membership.objects.get(pk=member_a.pk)  # carries 李四
    Person.objects.filter(pk=member_a.person_id).update(name="王五", name_initials="ww")
    services.leave_member(membership=stale, on=D(2008, 9, 1), reason="retired")
    assert stale.member_name == "李四"  # what the form's copy held, written back by save()
    assert carried_of(member_a) == ("王五", "ww")
    assert wrong() == []


def test_a_transfer_carries_the_name_into_the_new_union_and_leaving_keeps_it(member_a, union_b):
    moved = services.transfer_member(membership=member_a, to_union=union_b, on=D(2008, 10, 1))
    assert carried_of(moved) == carried_of(member_a) == ("李四", "ls")
    moved.delete()
    assert wrong() == []


def test_bulk_writes_of_the_demo_and_the_ledger_engine_carry_the_name(cast, union_a, worker):
    other = PersonFactory(name="欧阳娜", township=cast.place_a, village=cast.village_a)
    m.Membership.objects.bulk_create([m.Membership(person=other, organization=union_a, joined_on=D(2008, 1, 2))])
    now = adapt(m.Membership, "created_at", datetime.datetime(2008, 1, 1, tzinfo=datetime.UTC))
    insert_rows(m.Membership, MEMBERSHIP_COLUMNS, [(worker.pk, union_a.pk, D(2008, 1, 3), "", False, False,
                                                    "joined", None, "", "", now)], adapted=("created_at",))  # fmt: skip
    assert sorted(m.Membership.objects.values_list("member_name", "member_initials")) == [
        ("李四", "ls"), ("欧阳娜", "oyn"),
    ]  # fmt: skip
    assert wrong() == []


def test_a_members_file_carries_the_names_of_new_and_known_people(cast, union_a, member_a, tmp_path):
    from tests.ledgers.files import write_xlsx

    rows = [["赵六", id_number(11, D(1980, 1, 1)), "高桥镇", "高桥村", "高桥茶厂工会", "2008-04-01", "C1", "是", "否"]]
    result, errors = run(cast, "members", write_xlsx(tmp_path / "ok.xlsx", {"会员": [MEMBERS, *rows]}))
    assert result.status == "committed", errors
    assert carried_of(m.Membership.objects.get(card_number="C1")) == ("赵六", "zl")
    assert wrong() == []


def test_merging_two_records_of_one_person_carries_the_kept_name(cast, union_a, union_b):
    keep = PersonFactory(name="李四", township=cast.place_a, village=cast.village_a, id_no=id_number(7))
    remove = PersonFactory(name="李肆", township=cast.place_a, village=cast.village_a)
    moved = services.join_member(person=remove, union=union_b, joined_on=D(2008, 2, 1))
    merge_people(keep=keep, remove=remove, by=cast.county_admin)
    assert carried_of(moved) == ("李四", "ls")
    assert wrong() == []


def test_every_migrate_puts_right_a_row_that_differs(member_a):
    # Only the database writes the columns; a restore or a hand edit with the triggers off is put right.
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in carried.sync_statements(connection.vendor):
            assert "UPDATE" in statement
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER gonghui_carried_upd_membership_membership")
        else:  # the foreign keys' checks first: no ALTER TABLE while they are pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE membership_membership DISABLE TRIGGER gonghui_carried_membership_membership")
        cursor.execute("UPDATE membership_membership SET member_name = '错', member_initials = 'c'")
    assert wrong() != []
    carried.install()
    assert wrong() == []
    assert carried_of(member_a) == ("李四", "ls")


# --- the search -------------------------------------------------------------------------------------


@pytest.fixture
def county_of_members(cast, union_a, union_b):
    """90 members with random names in four unions of two townships (and the county's own), some left."""
    rng = random.Random(14)
    unions = [union_a, union_b, cast.village_union_a, cast.township_a, cast.county]
    homes = [(cast.place_a, cast.village_a), (cast.place_b, cast.village_b)]
    people = []
    for i in range(90):
        name = rng.choice(SURNAMES[:6]) + "".join(rng.choice(GIVEN[:12]) for _ in range(rng.choice([1, 2])))
        township, village = rng.choice(homes)
        person = PersonFactory(name=name, township=township, village=village, phone=f"1390000{i:04d}",
                               id_no=id_number(100 + i, D(1970 + i % 30, 1, 1)))  # fmt: skip
        people.append(person)
        membership = services.join_member(person=person, union=rng.choice(unions), joined_on=D(2005, 1, 1),
                                          is_migrant_worker=i % 3 == 0)  # fmt: skip
        if i % 7 == 0:
            services.leave_member(membership=membership, on=D(2008, 1, 1), reason="retired")
    return people


def reference(user, q, **filters):
    """The unoptimised search: the people the people search finds, then their memberships in scope."""
    rows = m.Membership.objects.visible_to(user).filtered(**filters)
    return sorted(rows.filter(person__in=Person.objects.search(q)).values_list("pk", flat=True))


def test_the_member_search_finds_what_searching_the_people_first_finds(cast, county_of_members):
    person = county_of_members[5]
    texts = ["王", "李", "王伟", "张芳娜", "w", "wj", "l", "lw", "zfn", "Z", "欧", "x", "",
             person.clear_id_number(), person.phone, person.phone[-4:], person.phone[:7], "12"]  # fmt: skip
    users = [cast.county_admin, cast.township_a_officer, cast.township_b_officer, cast.grassroots_officer, cast.leader]
    found_any = 0
    for user in users:
        for text in texts:
            for filters in ({}, {"status": "current"}, {"migrant": True}):
                got = sorted(m.Membership.objects.listed_for(user, q=text, **filters).values_list("pk", flat=True))
                assert got == reference(user, text, **filters), (user.username, text, filters)
                found_any += bool(got)
    assert found_any > 100  # the table searches something


def test_the_member_page_lists_the_matches_newest_first_with_their_total(client, cast, county_of_members):
    client.force_login(cast.township_a_officer)
    response = client.get("/membership/members/", {"q": "wj"})
    expected = reference(cast.township_a_officer, "wj")[::-1]
    assert [r.pk for r in response.context["page"].object_list] == expected[:50]
    assert response.context["page"].paginator.count == len(expected)
