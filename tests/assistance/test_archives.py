import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.assistance import services
from gonghui.assistance.models import ArchiveCheck, ArchiveStatus, HardshipArchive
from gonghui.people.models import IdNumberAccess

from .factories import ArchiveFactory, cause, eligibility_line, new_person, paid_payment

D = datetime.date


def _new_archive(cast, **extra):
    head = new_person(cast.village_a)
    fields = {
        "organization": cast.village_union_a, "code": "QS-KN-2008-9001", "head": head, "category": "deep",
        "main_cause": cause("illness"), "employment": "laid_off", "household_size": 3,
        "monthly_income_per_head": Decimal("150"), "standard": "county", "applied_on": D(2008, 1, 2), **extra,
    }  # fmt: skip
    return services.create_archive(fields=fields, bank_account="6223 5123 4567 8901 234")


def test_a_new_archive_starts_as_applied_with_a_dated_transition(cast):
    archive = _new_archive(cast)
    assert archive.status == ArchiveStatus.APPLIED
    assert list(archive.transitions.values_list("to_status", "on")) == [("applied", D(2008, 1, 2))]


def test_bank_account_is_stored_encrypted_and_shown_masked(cast):
    archive = _new_archive(cast)
    archive.refresh_from_db()
    assert "8901" not in archive.bank_account_cipher
    assert archive.bank_account_masked == "6223" + "*" * 11 + "1234"
    assert archive.clear_bank_account() == "6223512345678901234"


def test_only_roles_that_may_unmask_see_the_bank_account_and_it_is_logged(cast):
    archive = _new_archive(cast)
    with pytest.raises(PermissionDenied):
        services.reveal_bank_account(archive=archive, user=cast.leader)
    assert services.reveal_bank_account(archive=archive, user=cast.county_admin) == "6223512345678901234"
    assert IdNumberAccess.objects.filter(person=archive.head, user=cast.county_admin).count() == 1


def test_disability_cause_needs_the_kind_of_disability(cast):
    from gonghui.assistance.forms import ArchiveForm

    form = ArchiveForm(data={"main_cause": cause("disability").pk}, user=cast.county_admin)
    assert "disability_kind" in form.errors


def test_one_person_heads_only_one_open_archive(cast):
    archive = _new_archive(cast)
    with pytest.raises(ValidationError) as e:
        services.create_archive(fields={
            "organization": cast.village_union_a, "code": "QS-KN-2008-9002", "head": archive.head, "category": "deep",
            "main_cause": archive.main_cause, "employment": "laid_off", "household_size": 2,
            "monthly_income_per_head": Decimal("100"), "standard": "county", "applied_on": D(2008, 2, 1)})  # fmt: skip
    assert archive.head.name in e.value.message_dict["head"][0]


def test_refuses_an_illegal_lifecycle_move_by_name(cast):
    archive = _new_archive(cast)
    with pytest.raises(ValidationError) as e:
        services.move_archive(
            archive=archive, to=ArchiveStatus.LIFTED_OUT, on=D(2008, 3, 1), reason="收入提高"
        )
    assert e.value.error_dict["status"][0].code == "illegal_move"
    assert str(ArchiveStatus.APPLIED.label) in e.value.message_dict["status"][0]


def test_cancelling_needs_a_cancel_reason(cast, household):
    with pytest.raises(ValidationError) as e:
        services.move_archive(
            archive=household, to=ArchiveStatus.CANCELLED, on=D(2008, 3, 1), reason="不符合"
        )
    assert "cancel_reason" in e.value.message_dict


def _six_months(archive, income="260", months=range(1, 7)):
    for month in months:
        services.record_income(archive=archive, month=D(2008, month, 1), income_per_head=Decimal(income),
                               source="工资单", on=D(2008, 7, 1))  # fmt: skip


def test_a_lifted_out_household_can_come_back_into_hardship(cast, household):
    eligibility_line(cast.place_a, minimum="170")
    _six_months(household)
    services.move_archive(
        archive=household, to=ArchiveStatus.LIFTED_OUT, on=D(2008, 7, 1), reason="收入六个月高于低保线"
    )
    archive = services.move_archive(
        archive=household, to=ArchiveStatus.ARCHIVED, on=D(2008, 11, 1), reason="再次因病致困"
    )
    assert archive.status == ArchiveStatus.ARCHIVED
    assert archive.transitions.count() == 2


def test_stale_queue_lists_archives_not_updated_for_a_year(cast, household):
    fresh = ArchiveFactory(organization=cast.village_union_a, head=new_person(cast.village_a),
                           last_updated_on=D(2008, 12, 1))  # fmt: skip
    stale = set(HardshipArchive.objects.stale(D(2009, 6, 1)))
    assert stale == {household}
    assert fresh.is_stale(D(2009, 6, 1)) is False


def test_never_assisted_queue_drops_an_archive_once_paid(cast, household, programme):
    other = ArchiveFactory(organization=cast.village_union_a, head=new_person(cast.village_a))
    paid_payment(organization=cast.township_a, programme=programme, person=household.head, archive=household)
    assert set(HardshipArchive.objects.never_assisted()) == {other}


def test_archive_knows_whether_the_household_is_under_the_local_line(cast, household):
    eligibility_line(cast.place_a, minimum="170")
    line = household.eligibility_line(2008)
    assert line.place == cast.place_a
    assert household.monthly_income_per_head < line.monthly_income_per_head
    assert household.eligibility_line(2009) is None


def test_yearly_recheck_draws_at_least_30_percent_for_home_visits(cast):
    for _ in range(10):
        ArchiveFactory(organization=cast.village_union_a, head=new_person(cast.village_a))
    checks = services.start_yearly_recheck(archives=HardshipArchive.objects.all(), year=2008, seed=1)
    assert len(checks) == 10
    assert sum(c.must_visit for c in checks) == 3
    assert services.start_yearly_recheck(archives=HardshipArchive.objects.all(), year=2008, seed=2) == []


def test_a_drawn_archive_must_be_visited_in_person(cast, household):
    services.start_yearly_recheck(archives=HardshipArchive.objects.all(), year=2008, seed=1)
    check = ArchiveCheck.objects.get()
    assert check.must_visit  # one archive: ceil(30%) is one
    with pytest.raises(ValidationError) as e:
        services.record_check(check=check, checked_on=D(2008, 12, 1), visited=False, still_eligible=True)
    assert household.code in e.value.message_dict["visited"][0]
    services.record_check(check=check, checked_on=D(2008, 12, 1), visited=True, still_eligible=True)
    household.refresh_from_db()
    assert household.last_updated_on == D(2008, 12, 1)


JULY_1 = D(2008, 7, 1)


def _lift_out_error(household, on=JULY_1):
    with pytest.raises(ValidationError) as e:
        services.move_archive(archive=household, to=ArchiveStatus.LIFTED_OUT, on=on, reason="脱困")
    assert e.value.error_dict["status"][0].code == "income_not_above_line"
    return e.value.message_dict["status"][0]


def test_lifting_out_names_the_months_with_no_income_recorded(cast, household):
    eligibility_line(cast.place_a, minimum="170")
    _six_months(household, months=[1, 2, 4, 6])
    message = _lift_out_error(household)
    assert "2008-01 to 2008-06" in message
    assert "no income recorded for 2008-03, 2008-05" in message


def test_lifting_out_names_the_months_under_the_line_even_when_the_current_income_is_above(cast, household):
    eligibility_line(cast.place_a, minimum="170")
    _six_months(household, income="260")
    services.record_income(
        archive=household, month=D(2008, 2, 1), income_per_head=Decimal("150"), on=D(2008, 7, 1)
    )
    services.record_income(
        archive=household, month=D(2008, 5, 1), income_per_head=Decimal("170"), on=D(2008, 7, 1)
    )
    household.refresh_from_db()
    assert household.monthly_income_per_head == Decimal("260")  # June, the latest month
    message = _lift_out_error(household)
    assert "2008-02 (150.00 under or at 170.00 yuan)" in message
    assert "2008-05 (170.00 under or at 170.00 yuan)" in message
    assert "2008-03" not in message


def test_lifting_out_needs_an_eligibility_line_for_every_year_of_the_window(cast, household):
    eligibility_line(cast.place_a, minimum="170", year=2008)
    _six_months(household, months=range(1, 5))
    services.record_income(
        archive=household, month=D(2007, 11, 1), income_per_head=Decimal("260"), on=D(2008, 7, 1)
    )
    services.record_income(
        archive=household, month=D(2007, 12, 1), income_per_head=Decimal("260"), on=D(2008, 7, 1)
    )
    assert "no eligibility line is set for 2007" in _lift_out_error(household, on=D(2008, 5, 20))
    eligibility_line(cast.place_a, minimum="160", year=2007)
    archive = services.move_archive(
        archive=household, to=ArchiveStatus.LIFTED_OUT, on=D(2008, 5, 20), reason="脱困"
    )
    assert archive.status == ArchiveStatus.LIFTED_OUT


def test_six_months_above_the_line_lift_the_household_out(cast, household):
    eligibility_line(cast.place_a, minimum="170")
    _six_months(household, income="171")
    archive = services.move_archive(
        archive=household, to=ArchiveStatus.LIFTED_OUT, on=D(2008, 7, 31), reason="脱困"
    )
    assert archive.status == ArchiveStatus.LIFTED_OUT


def test_recording_a_month_again_corrects_it_and_counts_as_an_update(cast, household):
    services.record_income(
        archive=household, month=D(2008, 3, 17), income_per_head=Decimal("100"), on=D(2008, 4, 2)
    )
    services.record_income(
        archive=household, month=D(2008, 3, 1), income_per_head=Decimal("110"), on=D(2008, 4, 3)
    )
    assert list(household.incomes.values_list("month", "income_per_head")) == [
        (D(2008, 3, 1), Decimal("110"))
    ]
    household.refresh_from_db()
    assert household.last_updated_on == D(2008, 4, 3)
    assert household.monthly_income_per_head == Decimal("110")


def test_refuses_income_for_a_month_not_yet_begun(cast, household):
    with pytest.raises(ValidationError) as e:
        services.record_income(archive=household, month=D(2008, 5, 1), income_per_head=Decimal("200"),
                               on=D(2008, 4, 30))  # fmt: skip
    assert "2008-05" in e.value.message_dict["month"][0]
