"""The area's smaller pages: inspections, status changes, documents, the person page section."""

import datetime

import pytest
from django.urls import reverse

from gonghui.safety import services
from gonghui.safety.models import Inspection, MechanismDocument, WorkplaceStatus
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory, id_number

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def mine(cast):
    union = OrganizationFactory(
        parent=cast.township_a, name="甲煤矿工会", level="grassroots", category="coal_mine"
    )
    enterprise = EnterpriseFactory(name="甲煤矿", organization=union, township=cast.place_a, is_coal_mine=True,
                                   coal_mine_pairs=1)  # fmt: skip
    return services.save_workplace(
        enterprise=enterprise, kind="coal", status="producing", status_since=D(2007, 1, 1)
    )


def test_the_county_records_an_inspection_with_a_leader_found_by_id_number(client, cast, mine):
    chairman = PersonFactory(name="罗主席", township=cast.place_a, id_no=id_number(555))
    client.force_login(cast.county_admin)
    response = client.post(reverse("safety:inspection-create"), {
        "kind": "quarterly", "on": "2008-03-11", "team": "督导组", "other_leader": id_number(555).lower(),
        "workplaces": [mine.pk], "findings": "群监员在岗"})  # fmt: skip
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    assert [leader.person for leader in inspection.leaders.all()] == [chairman]
    assert client.get(reverse("people:person-detail", args=[chairman.pk])).content.decode().count("2008") >= 1


def test_an_inspection_without_workplaces_or_with_an_unknown_leader_is_refused(client, cast, mine):
    client.force_login(cast.county_admin)
    response = client.post(reverse("safety:inspection-create"), {
        "kind": "quarterly", "on": "2008-03-11", "other_leader": id_number(999)})  # fmt: skip
    assert response.status_code == 200 and set(response.context["form"].errors) == {
        "workplaces",
        "other_leader",
    }
    assert not Inspection.objects.exists()


def test_a_mine_closed_by_its_status_page_is_closed_from_that_day(client, cast, mine):
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("safety:workplace-status", args=[mine.pk]),
                           {"status": "closed", "on": "2008-07-01", "note": "关闭整合"})  # fmt: skip
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status_on(D(2008, 6, 30)) == "producing" and mine.status_on(D(2008, 7, 1)) == "closed"
    response = client.post(reverse("safety:workplace-status", args=[mine.pk]), {"status": "producing",
                                                                             "on": "2008-01-01"})  # fmt: skip
    assert response.status_code == 200 and "2008-07-01" in str(response.context["form"].errors)
    assert WorkplaceStatus.objects.filter(workplace=mine).count() == 2


def test_read_only_roles_and_other_townships_cannot_change_a_mine(client, cast, mine):
    for user in (cast.leader, cast.township_b_officer):
        client.force_login(user)
        assert client.get(reverse("safety:workplace-status", args=[mine.pk])).status_code == 404


def test_a_mechanism_document_downloads_as_an_official_word_document(client, cast):
    doc = services.save_document(organization=cast.county, kind="mechanism", title="乡镇煤矿群众安全生产长效机制",
                                 year=2008, issued_on=D(2008, 2, 25), number="县工发〔2008〕8号",
                                 body="一、月督查制度\n二、季度督导检查")  # fmt: skip
    client.force_login(cast.county_admin)
    response = client.get(reverse("safety:document-word", args=[doc.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert "docx" in response["Content-Disposition"]
    # What the county sets applies below it: a township reads the county's mechanism, not another township's.
    own = services.save_document(organization=cast.township_b, kind="annual_plan", title="水坝塘镇2008年安排",
                                 year=2008, issued_on=D(2008, 3, 10))  # fmt: skip
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("safety:document-word", args=[doc.pk])).status_code == 200
    assert client.get(reverse("safety:document-detail", args=[own.pk])).status_code == 404
    listed = client.get(reverse("safety:document-list")).context["documents"]
    assert list(listed) == [doc]


def test_choosing_a_mine_narrows_the_supervisors_on_duty_to_that_mines(client, cast, mine):
    other = services.save_workplace(
        enterprise=EnterpriseFactory(name="乙煤矿", organization=cast.township_a, township=cast.place_a,
                                     is_coal_mine=True, coal_mine_pairs=1),
        kind="coal", status="producing", status_since=D(2007, 1, 1),
    )  # fmt: skip
    ours = services.add_supervisor(workplace=mine, person=PersonFactory(name="甲群监", township=cast.place_a))
    theirs = services.add_supervisor(
        workplace=other, person=PersonFactory(name="乙群监", township=cast.place_a)
    )
    client.force_login(cast.township_a_officer)
    form = client.get(reverse("safety:report-create"), {"workplace": mine.pk}).context["form"]
    choices = list(form.fields["supervisor_on_duty"].queryset)
    assert ours in choices and theirs not in choices


def test_an_officer_appoints_a_supervisor_by_id_number(client, cast, mine):
    person = PersonFactory(name="丙群监", township=cast.place_a, id_no=id_number(321))
    client.force_login(cast.township_a_officer)
    response = client.post(reverse("safety:supervisor-create"),
                           {"workplace": mine.pk, "person": id_number(321), "appointed_on": "2008-01-02"})  # fmt: skip
    assert response.status_code == 302
    assert mine.supervisors.get().person == person
    again = client.post(reverse("safety:supervisor-create"), {"workplace": mine.pk, "person": id_number(321)})
    assert again.status_code == 200 and "person" in again.context["form"].errors


def test_the_county_records_a_mechanism_document(client, cast):
    client.force_login(cast.county_admin)
    response = client.post(reverse("safety:document-create"), {
        "kind": "annual_plan", "title": "2008年群众安全生产工作安排", "year": "2008", "issued_on": "2008-03-03",
        "body": "一、月督查"})  # fmt: skip
    assert response.status_code == 302
    assert MechanismDocument.objects.get().organization == cast.county


def test_a_township_sees_the_countys_inspections_of_its_own_mines_only(client, cast, mine):
    union_b = OrganizationFactory(parent=cast.township_b, name="乙煤矿工会", level="grassroots", category="coal_mine")
    other = services.save_workplace(
        enterprise=EnterpriseFactory(name="水坝塘煤矿", organization=union_b, township=cast.place_b,
                                     is_coal_mine=True, coal_mine_pairs=1),
        kind="coal", status="producing", status_since=D(2007, 1, 1),
    )  # fmt: skip
    chairman = PersonFactory(name="罗主席")
    both = services.record_inspection(organization=cast.county, kind="quarterly", on=D(2008, 3, 11),
                                      leaders=[chairman], workplaces=[mine, other])  # fmt: skip
    services.record_inspection(organization=cast.county, kind="ankang_cup", on=D(2008, 9, 1), workplaces=[other])
    client.force_login(cast.township_a_officer)
    listed = client.get(reverse("safety:inspection-list"), {"year": 2008}).context
    assert list(listed["inspections"]) == [both]
    assert [(w, n) for w, n, _per in listed["table"]] == [(mine, 1)]
    assert listed["leaders"][0][2] == 1  # the chairman's one visit to this township's mine
    detail = client.get(both.get_absolute_url()).content.decode()
    assert "甲煤矿" in detail and "水坝塘煤矿" not in detail
    client.force_login(cast.township_b_officer)
    assert Inspection.objects.visible_to(cast.township_b_officer).count() == 2
