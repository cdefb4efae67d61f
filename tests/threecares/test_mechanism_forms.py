"""The four mechanisms entered through their pages: each saves, refuses beside the field, is scoped."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.threecares import models as m
from gonghui.threecares import selectors, services

pytestmark = pytest.mark.django_db


def _post(client, user, name, data):
    client.force_login(user)
    return client.post(reverse(f"threecares:{name}"), data)


def test_joint_meeting_form_records_minutes_and_attendees(client, cast):
    data = {
        "title": "三关工程联席会议",
        "held_on": "2008-03-06",
        "attendees": "县总工会\n县民政局",
        "minutes": "部署",
    }
    assert _post(client, cast.county_admin, "meeting-create", data).status_code == 302
    meeting = m.JointMeeting.objects.get()
    assert (meeting.organization, meeting.attendee_list) == (cast.county, ["县总工会", "县民政局"])


def test_joint_meeting_form_refuses_the_same_meeting_twice_beside_the_title(client, cast):
    data = {"title": "联席会议", "held_on": "2008-03-06", "attendees": "县总工会", "minutes": "部署"}
    _post(client, cast.county_admin, "meeting-create", data)
    response = _post(client, cast.county_admin, "meeting-create", data)
    assert "is already recorded" in str(response.context["form"].errors["title"])


def test_leader_gets_404_for_the_joint_meeting_form(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("threecares:meeting-create")).status_code == 404


def test_half_year_review_form_records_the_review(client, cast):
    data = {"year": 2008, "half": 1, "held_on": "2008-07-10", "summary": "上半年调度"}
    assert _post(client, cast.township_a_officer, "review-create", data).status_code == 302
    assert m.HalfYearReview.objects.get().organization == cast.township_a


def test_half_year_review_form_refuses_a_second_review_of_the_same_half(client, cast):
    data = {"year": 2008, "half": 1, "held_on": "2008-07-10", "summary": "上半年调度"}
    _post(client, cast.township_a_officer, "review-create", data)
    response = _post(client, cast.township_a_officer, "review-create", data)
    assert "already recorded" in str(response.context["form"].errors["half"])


def test_information_report_form_shows_in_the_county_completeness(client, cast):
    data = {"organization": cast.township_a.pk, "year": 2008, "month": 3, "submitted_on": "2008-03-28",
            "content": "三月信息"}  # fmt: skip
    assert _post(client, cast.township_a_officer, "report-create", data).status_code == 302
    rows = {c.township: c for c in selectors.report_completeness(cast.county_admin, year=2008)}
    assert rows[cast.township_a].months[2] and rows[cast.township_a].submitted == 1
    client.force_login(cast.county_admin)
    page = client.get(reverse("threecares:mechanisms") + "?year=2008")
    assert [c.submitted for c in page.context["completeness"] if c.township == cast.township_a] == [1]


def test_information_report_form_refuses_a_report_dated_before_its_month(client, cast):
    data = {"organization": cast.township_a.pk, "year": 2008, "month": 3, "submitted_on": "2008-02-28",
            "content": "三月信息"}  # fmt: skip
    response = _post(client, cast.township_a_officer, "report-create", data)
    assert "cannot be submitted before that month" in str(response.context["form"].errors["submitted_on"])


def test_information_report_form_refuses_another_township(client, cast):
    data = {"organization": cast.township_a.pk, "year": 2008, "month": 3, "submitted_on": "2008-03-28",
            "content": "…"}  # fmt: skip
    response = _post(client, cast.township_b_officer, "report-create", data)
    assert response.context["form"].errors["organization"]
    from gonghui.reporting.models import Submission

    assert not Submission.objects.exists()


def _inspection(township, **changes):
    data = {"year": 2008, "team": "第一督导组", "leader": "李主席", "members": "王、赵", "township": township.pk,
            "visited_on": "2008-11-03", "findings": "台帐齐全", "score": "86.5"}  # fmt: skip
    return data | changes


def test_inspection_form_records_a_team_visiting_two_townships(client, cast):
    _post(client, cast.county_admin, "inspection-create", _inspection(cast.township_a))
    _post(client, cast.county_admin, "inspection-create", _inspection(cast.township_b, score="90"))
    inspection = m.Inspection.objects.get()
    assert (inspection.leader, inspection.visits.count()) == ("李主席", 2)


def test_inspection_form_refuses_a_second_leader_for_the_same_team(client, cast):
    _post(client, cast.county_admin, "inspection-create", _inspection(cast.township_a))
    response = _post(
        client, cast.county_admin, "inspection-create", _inspection(cast.township_b, leader="张")
    )
    assert "is led by 李主席" in str(response.context["form"].errors["leader"])


def test_inspection_form_refuses_a_score_over_100(client, cast):
    response = _post(
        client, cast.county_admin, "inspection-create", _inspection(cast.township_a, score="120")
    )
    assert response.context["form"].errors["score"]


def test_township_officer_gets_404_for_the_inspection_form(client, cast):
    client.force_login(cast.township_a_officer)
    assert client.get(reverse("threecares:inspection-create")).status_code == 404


def test_record_info_report_refuses_an_organisation_that_is_not_a_township(cast):
    with pytest.raises(ValidationError) as refused:
        services.record_info_report(organization=cast.county, year=2008, month=1,
                                    submitted_on=datetime.date(2008, 1, 30), content="…")  # fmt: skip
    assert "organization" in refused.value.message_dict


def test_village_union_officer_gets_404_for_the_information_report_form(client, cast):
    client.force_login(cast.grassroots_officer)
    assert client.get(reverse("threecares:report-create")).status_code == 404


def test_mechanisms_page_offers_the_inspection_form_to_the_county_only(client, cast):
    inspect = reverse("threecares:inspection-create")
    client.force_login(cast.county_admin)
    assert inspect in client.get(reverse("threecares:mechanisms")).content.decode()
    client.force_login(cast.township_a_officer)
    assert inspect not in client.get(reverse("threecares:mechanisms")).content.decode()
