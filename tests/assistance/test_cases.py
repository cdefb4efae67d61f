import datetime

import pytest
from django.core.exceptions import ValidationError

from gonghui.assistance import services
from gonghui.assistance.models import CaseStatus, HotlineCall
from gonghui.reporting import indicators

from .factories import new_person

D = datetime.date
CODES = ["rights.cases", "rights.people", "rights.amount_recovered", "three_cares.rights_cases",
         "three_cares.rights_people"]  # fmt: skip


def _case(cast, code, people, **fields):
    return services.open_case(organization=cast.township_a, code=code, title="追讨工资", kind="wages",
                              received_on=D(2008, 3, 1), people=people, **fields)  # fmt: skip


def test_a_case_covers_many_people_and_counts_migrant_workers_for_the_three_cares(cast):
    a, b, c = (new_person(cast.village_a) for _ in range(3))
    case = _case(cast, "WQ-1", [(a, "claimant", True), (b, "claimant", True)], amount_claimed=20000)
    services.move_case(case=case, to=CaseStatus.CLOSED_WON, on=D(2008, 4, 1), amount_recovered=18000)
    _case(cast, "WQ-2", [(c, "claimant", False)])
    values = indicators.compute(cast.county, indicators.Period.year(2008), CODES)
    assert values == {"rights.cases": 2, "rights.people": 3, "rights.amount_recovered": 18000,
                      "three_cares.rights_cases": 1, "three_cares.rights_people": 2}  # fmt: skip


def test_case_steps_move_forward_and_a_closed_case_does_not_reopen(cast):
    case = _case(cast, "WQ-1", [])
    services.move_case(case=case, to=CaseStatus.ARBITRATION, on=D(2008, 3, 5))
    with pytest.raises(ValidationError) as e:
        services.move_case(case=case, to=CaseStatus.MEDIATING, on=D(2008, 3, 6))
    assert e.value.error_dict["status"][0].code == "illegal_move"
    services.move_case(case=case, to=CaseStatus.WITHDRAWN, on=D(2008, 3, 7))
    with pytest.raises(ValidationError):
        services.move_case(case=case, to=CaseStatus.LITIGATION, on=D(2008, 3, 8))
    case.refresh_from_db()
    assert case.closed_on == D(2008, 3, 7)
    assert list(case.steps.values_list("status", flat=True)) == ["received", "arbitration", "withdrawn"]


def test_refuses_a_step_dated_before_the_previous_one(cast):
    case = _case(cast, "WQ-1", [])
    with pytest.raises(ValidationError) as e:
        services.move_case(case=case, to=CaseStatus.ACCEPTED, on=D(2008, 2, 1))
    assert "2008-03-01" in e.value.message_dict["on"][0]


def test_a_case_opened_from_a_hotline_call_is_linked_to_it(cast):
    from django.utils import timezone

    call = HotlineCall.objects.create(organization=cast.township_a, called_at=timezone.now(), caller_name="李四",
                                      topic="wages", summary="老板欠薪三个月", answered_by="王")  # fmt: skip
    case = _case(cast, "WQ-1", [], call=call)
    call.refresh_from_db()
    assert call.case == case and call.outcome == HotlineCall.Outcome.CASE_OPENED
    with pytest.raises(ValidationError):
        _case(cast, "WQ-2", [], call=call)


def test_a_person_is_only_once_in_a_case(cast):
    a = new_person(cast.village_a)
    case = _case(cast, "WQ-1", [(a, "claimant", True)])
    with pytest.raises(ValidationError) as e:
        services.add_case_person(case=case, person=a)
    assert a.name in e.value.message_dict["person"][0]
