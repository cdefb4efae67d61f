"""Each refusal of the issue, through the service, with its reason in Chinese."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gonghui.membership import models as m
from gonghui.membership import services

D = datetime.date


def _message(error, field):
    with translation.override("zh-hans"):
        return " ".join(error.value.message_dict[field])


def test_refuses_founding_a_union_after_it_was_dissolved(union_a):
    services.record_union_event(union=union_a, kind="dissolved", on=D(2007, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.record_union_event(union=union_a, kind="founded", on=D(2008, 3, 1), form="single")
    assert error.value.error_dict["on"][0].code == "founded_after_dissolved"
    assert "撤销" in _message(error, "on")
    assert not m.UnionEvent.objects.filter(kind="founded").exists()


def test_refuses_dissolving_before_founding_and_founding_twice(union_a):
    services.record_union_event(
        union=union_a, kind="founded", on=D(2008, 3, 1), form="single", chair="张主席"
    )
    union_a.refresh_from_db()
    assert union_a.established_on == D(2008, 3, 1) and union_a.chair == "张主席"
    with pytest.raises(ValidationError) as error:
        services.record_union_event(union=union_a, kind="dissolved", on=D(2008, 1, 1))
    assert error.value.error_dict["on"][0].code == "before_founding"
    with pytest.raises(ValidationError) as error:
        services.record_union_event(union=union_a, kind="founded", on=D(2008, 4, 1))
    assert error.value.error_dict["on"][0].code == "already_founded"


def test_dissolution_marks_the_union_inactive(union_a):
    services.record_union_event(union=union_a, kind="dissolved", on=D(2008, 9, 1))
    union_a.refresh_from_db()
    assert not union_a.is_active


def test_refuses_a_member_joining_before_birth(worker, union_a):
    with pytest.raises(ValidationError) as error:
        services.join_member(person=worker, union=union_a, joined_on=D(1970, 1, 1))
    assert error.value.error_dict["joined_on"][0].code == "before_birth"
    assert "出生" in _message(error, "joined_on")


def test_refuses_a_member_joining_twice_in_one_union(member_a):
    with pytest.raises(ValidationError) as error:
        services.join_member(person=member_a.person, union=member_a.organization, joined_on=D(2008, 7, 1))
    assert error.value.error_dict["person"][0].code == "already_member"
    assert "已是" in _message(error, "person")


def test_a_member_who_left_may_join_the_same_union_again(member_a):
    services.leave_member(membership=member_a, on=D(2008, 6, 1), reason="changed_job")
    again = services.join_member(person=member_a.person, union=member_a.organization, joined_on=D(2008, 9, 1))
    assert again.pk != member_a.pk


def test_a_transfer_leaves_one_union_and_joins_the_next_with_the_card(member_a, union_b):
    moved = services.transfer_member(membership=member_a, to_union=union_b, on=D(2008, 8, 1), note="调动")
    member_a.refresh_from_db()
    assert member_a.left_on == D(2008, 8, 1) and member_a.leave_reason == "transferred"
    assert moved.origin == "transferred" and moved.transferred_from == member_a and moved.card_number == "K1"


def test_refuses_a_contract_covering_more_workers_than_the_workplace_has(workplace_a):
    with pytest.raises(ValidationError) as error:
        services.record_contract(organization=None, workplace=workplace_a, kind="comprehensive",
                                 signed_on=D(2008, 3, 1), starts_on=D(2008, 3, 1), ends_on=D(2011, 2, 28),
                                 workers_covered=60, women_covered=10)  # fmt: skip
    assert error.value.error_dict["workers_covered"][0].code == "over_100"
    assert "100%" in _message(error, "workers_covered")


def test_refuses_a_special_contract_covering_more_women_than_work_there(workplace_a):
    with pytest.raises(ValidationError) as error:
        services.record_contract(organization=None, workplace=workplace_a, kind="women_special",
                                 signed_on=D(2008, 3, 1), starts_on=D(2008, 3, 1), ends_on=D(2011, 2, 28),
                                 workers_covered=50, women_covered=21)  # fmt: skip
    assert error.value.error_dict["women_covered"][0].code == "women_over_100"


def test_refuses_labour_contracts_for_more_workers_than_the_staff(workplace_a):
    with pytest.raises(ValidationError) as error:
        services.record_labour_contracts(
            workplace=workplace_a, year=2008, signed=10, workers_with_contract=51
        )
    assert error.value.error_dict["workers_with_contract"][0].code == "over_100"


def test_refuses_a_congress_before_the_term_it_ends(cast):
    term = services.start_term(
        union=cast.county, number=10, starts_on=D(2003, 10, 18), ends_on=D(2008, 10, 17)
    )
    with pytest.raises(ValidationError) as error:
        services.prepare_congress(term=term, title="第十一次代表大会", preparation_from=D(2003, 1, 1))
    assert error.value.error_dict["preparation_from"][0].code == "before_term"
    congress = services.prepare_congress(
        term=term, title="第十一次代表大会", preparation_from=D(2008, 11, 15)
    )
    with pytest.raises(ValidationError) as error:
        services.hold_congress(
            congress=congress, held_on=D(2002, 12, 1), delegates=180, committee_elected="…"
        )
    assert error.value.error_dict["held_on"][0].code == "before_term"
    assert "换届" in _message(error, "held_on")


def test_holding_the_congress_starts_the_next_term(cast):
    term = services.start_term(
        union=cast.county, number=10, starts_on=D(2003, 10, 18), ends_on=D(2008, 10, 17)
    )
    congress = services.prepare_congress(
        term=term, title="第十一次代表大会", preparation_from=D(2008, 11, 15)
    )
    services.hold_congress(
        congress=congress, held_on=D(2009, 1, 10), delegates=180, committee_elected="王建国等"
    )
    congress.refresh_from_db()
    assert congress.status == "held" and congress.elected_term.number == 11
    assert congress.elected_term.starts_on == D(2009, 1, 10)


def test_terms_ending_within_90_days_and_overdue_re_elections(cast, union_a, union_b):
    ending = services.start_term(union=union_a, number=1, starts_on=D(2006, 1, 1), ends_on=D(2009, 2, 1))
    overdue = services.start_term(union=union_b, number=2, starts_on=D(2005, 1, 1), ends_on=D(2008, 6, 30))
    services.start_term(union=cast.county, number=10, starts_on=D(2005, 1, 1), ends_on=D(2008, 6, 30))
    services.start_term(union=cast.county, number=11, starts_on=D(2008, 7, 1), ends_on=D(2013, 6, 30))
    terms = m.CommitteeTerm.objects.all()
    today = D(2008, 12, 31)
    assert list(terms.ending_within(today)) == [ending]
    assert list(terms.overdue(today)) == [overdue]


def test_refuses_a_document_number_of_another_year_or_shape(cast):
    with pytest.raises(ValidationError) as error:
        services.record_document(organization=cast.county, number="县工发〔2007〕3号", title="意见",
                                 issued_on=D(2008, 1, 20))  # fmt: skip
    assert error.value.error_dict["number"][0].code == "number_year"
    with pytest.raises(ValidationError) as error:
        services.record_document(
            organization=cast.county, number="县工发2008-3", title="意见", issued_on=D(2008, 1, 20)
        )
    assert error.value.error_dict["number"][0].code == "bad_number"


def test_refuses_a_follow_up_meeting_before_the_plenary(cast):
    plenary = services.record_meeting(organization=cast.county, kind="plenary", title="十届七次全委会",
                                      held_on=D(2008, 2, 20))  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.record_meeting(organization=cast.township_a, kind="follow_up", title="负责人会议",
                                held_on=D(2008, 2, 1), follows=plenary)  # fmt: skip
    assert error.value.error_dict["held_on"][0].code == "before_plenary"
