"""The form path refuses as the services do (messages in their English source; the Chinese is tested in
test_rules and test_ledgers); pages show only the user's subtree; out of scope is 404."""

import datetime

from gonghui.membership import models as m
from gonghui.membership import services

D = datetime.date


def test_form_refuses_joining_before_birth_beside_the_field(client, cast, worker, union_a):
    client.force_login(cast.township_a_officer)
    response = client.post("/membership/new/member/", {"person": id_of(worker), "union": union_a.pk,
                                                       "joined_on": "1970-01-01"})  # fmt: skip
    assert response.status_code == 200 and "was born on" in response.content.decode()
    assert not m.Membership.objects.exists()


def id_of(person):
    return person.clear_id_number()


def test_form_refuses_joining_twice_and_records_a_first_joining(client, cast, worker, union_a):
    client.force_login(cast.township_a_officer)
    data = {"person": id_of(worker), "union": union_a.pk, "joined_on": "2008-05-01", "card_number": "K9"}
    assert client.post("/membership/new/member/", data).status_code == 302
    response = client.post("/membership/new/member/", data)
    assert "is already a member" in response.content.decode() and m.Membership.objects.count() == 1


def test_form_refuses_a_union_founded_after_its_dissolution(client, cast, union_a):
    services.record_union_event(union=union_a, kind="dissolved", on=D(2007, 6, 1))
    client.force_login(cast.township_a_officer)
    response = client.post("/membership/new/union-event/", {"union": union_a.pk, "kind": "founded",
                                                            "on": "2008-03-01"})  # fmt: skip
    assert response.status_code == 200 and "was dissolved on" in response.content.decode()


def test_form_refuses_a_coverage_over_100_percent(client, cast, workplace_a):
    client.force_login(cast.township_a_officer)
    response = client.post("/membership/new/contract/", {
        "kind": "women_special", "workplace": workplace_a.pk, "signed_on": "2008-03-08", "starts_on": "2008-03-08",
        "ends_on": "2011-03-07", "workers_covered": 50, "women_covered": 30})  # fmt: skip
    assert response.status_code == 200 and "over 100%" in response.content.decode()
    assert not m.CollectiveContract.objects.exists()


def test_form_refuses_a_congress_before_the_term_it_ends(client, cast):
    term = services.start_term(
        union=cast.county, number=10, starts_on=D(2003, 10, 18), ends_on=D(2008, 10, 17)
    )
    client.force_login(cast.county_admin)
    response = client.post("/membership/new/congress/", {"term": term.pk, "title": "第十一次代表大会",
                                                          "preparation_from": "2002-01-01"})  # fmt: skip
    assert response.status_code == 200 and "cannot be for the term" in response.content.decode()


def test_a_township_officer_sees_only_own_members_and_gets_404_for_others(client, cast, member_a, member_b):
    client.force_login(cast.township_a_officer)
    page = client.get("/membership/members/").content.decode()
    assert member_a.person.name in page and member_b.person.name not in page
    assert client.get(f"/membership/members/{member_b.pk}/").status_code == 404
    assert client.get(f"/membership/members/{member_b.pk}/transfer/").status_code == 404
    assert client.get(f"/membership/members/{member_a.pk}/").status_code == 200


def test_a_union_of_another_township_cannot_be_chosen(client, cast, worker, union_b):
    client.force_login(cast.township_a_officer)
    response = client.post("/membership/new/member/", {"person": id_of(worker), "union": union_b.pk,
                                                       "joined_on": "2008-05-01"})  # fmt: skip
    assert response.status_code == 200 and not m.Membership.objects.exists()


def test_a_read_only_leader_cannot_open_a_form(client, cast):
    client.force_login(cast.leader)
    assert client.get("/membership/new/member/").status_code == 404


def test_the_member_list_searches_by_name_as_the_people_registry(client, cast, member_a, member_b):
    client.force_login(cast.county_admin)
    page = client.get("/membership/members/", {"q": member_a.person.name[:1]}).content.decode()
    assert member_a.person.name in page and member_b.person.name not in page
    assert client.get("/membership/members/", {"page": "x", "migrant": "?"}).status_code == 200


def test_a_member_search_keeps_to_the_users_unions_and_combines_with_the_filters(client, cast, member_a, member_b):
    from gonghui.membership import models as m
    from gonghui.people.pinyin import initials

    def found(user, **filters):
        return set(m.Membership.objects.listed_for(user, **filters).values_list("pk", flat=True))

    for q in (member_a.person.name, initials(member_b.person.name), member_b.person.clear_id_number()):
        target = member_a if q == member_a.person.name else member_b
        assert found(cast.county_admin, q=q) == {target.pk}
    # Township A's officer finds only A's members, whatever the search; B's member is not there.
    assert found(cast.township_a_officer, q=member_b.person.name) == set()
    assert found(cast.township_a_officer, q=member_a.person.name) == {member_a.pk}
    assert found(cast.township_a_officer, q=member_a.person.name, status="left") == set()
    assert found(cast.township_a_officer, q=member_a.person.name, card="K1", status="current") == {member_a.pk}
    assert found(None, q=member_a.person.name) == set()  # fail closed


def test_the_person_page_shows_the_membership(client, cast, member_a):
    client.force_login(cast.township_a_officer)
    page = client.get(member_a.person.get_absolute_url()).content.decode()
    assert "高桥茶厂工会" in page


def test_every_page_answers_for_every_role(client, cast, member_a):
    for user in (cast.county_admin, cast.township_a_officer, cast.grassroots_officer, cast.leader):
        client.force_login(user)
        for url in ("/membership/", "/membership/unions/?on=x", "/membership/members/", "/membership/democracy/",
                    "/membership/women/", "/membership/events/", "/membership/documents/?year=abc"):  # fmt: skip
            assert client.get(url).status_code == 200, (user, url)


def test_the_member_export_is_the_members_ledger_of_the_users_scope(client, cast, member_a, member_b):
    import io

    from python_calamine import CalamineWorkbook

    client.force_login(cast.township_a_officer)
    response = client.get("/membership/members/export/")
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(str(c) for row in book.get_sheet_by_index(0).to_python() for c in row)
    assert member_a.person.name in text and member_b.person.name not in text and "会员证号" in text
    assert client.get("/membership/export/unions/?year=2008").status_code == 200


def test_an_honour_names_a_person_or_a_team_and_a_document_attachment_is_checked(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.county_admin)
    response = client.post("/membership/new/honour/", {"organization": cast.county.pk, "kind": "pioneer_post",
                                                       "awarded_on": "2008-12-01", "awarded_by": "黔东市总工会"})  # fmt: skip
    assert response.status_code == 200 and "Name the person or the team honoured." in response.content.decode()
    data = {"organization": cast.county.pk, "number": "县工发〔2008〕1号", "title": "意见", "issued_on": "2008-01-20",
            "attachment": SimpleUploadedFile("run.exe", b"MZ")}  # fmt: skip
    response = client.post("/membership/new/document/", data)
    assert response.status_code == 200 and "is not a PDF" in response.content.decode()
    assert not m.Document.objects.exists() and not m.Honour.objects.exists()


def test_a_visit_to_an_assigned_township_is_recorded_under_the_assignment(client, cast):
    assignment = services.record(m.Assignment, organization=cast.county, township=cast.place_a, assignee="县总工会主席",
                                 task="四在农家", starts_on=D(2008, 1, 15))  # fmt: skip
    client.force_login(cast.county_admin)
    response = client.post("/membership/new/assignment-visit/", {"assignment": assignment.pk, "visited_on": "2008-03-12",
                                                                 "note": "检查督导"})  # fmt: skip
    assert response.status_code == 302
    assert assignment.visits.get().organization == cast.county
    assert "检查督导" in client.get("/membership/documents/?year=2008").content.decode()
