"""The five-working-day public notice runs around public holidays and make-up working days."""

import datetime

import pytest
from django.urls import reverse

from gonghui.assistance.defaults import ensure_holidays
from gonghui.core.calendar import add_working_days, is_working_day, working_days_between
from gonghui.core.models import Holiday
from tests.factories import UserFactory

D = datetime.date


@pytest.fixture
def calendar_2008(db):
    ensure_holidays(Holiday)  # migrations loaded them; a flushed database (browser tests) may not have them


def test_the_migration_loads_chinas_2008_holidays_and_make_up_days(calendar_2008):
    assert Holiday.objects.filter(name="春节", date__year=2008).count() == 7
    assert set(Holiday.objects.filter(is_workday=True, date__year=2008).values_list("date", flat=True)) == {
        D(2008, 2, 2), D(2008, 2, 3), D(2008, 5, 4), D(2008, 9, 27), D(2008, 9, 28),
    }  # fmt: skip


def test_a_make_up_sunday_is_a_working_day_and_a_holiday_weekday_is_not(calendar_2008):
    assert is_working_day(D(2008, 2, 3))  # Sunday, worked for the Spring Festival week
    assert not is_working_day(D(2008, 2, 6))  # Wednesday, 除夕
    assert not is_working_day(D(2008, 2, 9))  # Saturday anyway
    assert is_working_day(D(2008, 2, 13))


def test_a_notice_posted_before_the_spring_festival_runs_past_it(calendar_2008):
    # Mon 4 and Tue 5 February, holiday 6-12, then Wed 13, Thu 14, Fri 15.
    assert add_working_days(D(2008, 2, 4), 4) == D(2008, 2, 15)


def test_a_notice_posted_on_a_make_up_saturday_counts_it_and_the_sunday(calendar_2008):
    assert is_working_day(D(2008, 2, 2))
    # Sat 2, Sun 3, Mon 4, Tue 5 (make-up weekend worked), holiday, Wed 13.
    assert add_working_days(D(2008, 2, 2), 4) == D(2008, 2, 13)


def test_a_notice_over_national_day_skips_the_golden_week(calendar_2008):
    # Fri 26, Sat 27 and Sun 28 September worked, 29 September to 5 October off, Mon 6, Tue 7.
    assert add_working_days(D(2008, 9, 26), 4) == D(2008, 10, 7)


def test_working_days_between_counts_the_days_after_the_start_up_to_the_end(calendar_2008):
    assert working_days_between(D(2008, 2, 4), D(2008, 2, 15)) == 4  # 5, 13, 14, 15
    assert working_days_between(D(2008, 2, 15), D(2008, 2, 4)) == 0
    assert working_days_between(D(2008, 2, 4), add_working_days(D(2008, 2, 4), 7)) == 7


def test_without_a_holiday_row_only_weekends_are_skipped(db):
    Holiday.objects.all().delete()
    assert add_working_days(D(2008, 2, 4), 4) == D(2008, 2, 8)


def test_a_posted_notice_ends_after_the_holiday(cast, household, programme, calendar_2008):
    from gonghui.assistance import services
    from gonghui.assistance.models import PaymentStatus

    payment = services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=household.head, archive=household,
        beneficiary_kind="hardship_worker", amount=200, fund_source="own_funds", applied_on=D(2008, 1, 28),
    )  # fmt: skip
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=D(2008, 2, 1))
    payment.refresh_from_db()
    notice = services.post_notice(organization=cast.township_a, payments=[payment], title="公示",
                                  posted_on=D(2008, 2, 4))  # fmt: skip
    assert notice.ends_on == D(2008, 2, 15)
    assert notice.earliest_approval() == D(2008, 2, 16)


def test_holidays_are_kept_in_the_admin(client, db, calendar_2008):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:core_holiday_changelist"))
    assert response.status_code == 200
    assert "春节" in response.content.decode()
