import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.assistance import services
from gonghui.assistance.models import ArchiveStatus, Payment, PaymentStatus
from gonghui.reporting import indicators

from .factories import ProgrammeFactory, eligibility_line, new_person, paid_payment

D = datetime.date
JAN_7 = D(2008, 1, 7)


def _apply(cast, programme, person, amount, archive=None, on=JAN_7):
    return services.apply_for_payment(
        organization=cast.township_a, programme=programme, person=person, archive=archive,
        beneficiary_kind="hardship_worker", amount=Decimal(amount), fund_source="own_funds", applied_on=on,
    )  # fmt: skip


def _error(excinfo, field):
    return excinfo.value.message_dict[field][0]


def test_refuses_payment_over_the_per_payment_cap(cast, household, programme):
    with pytest.raises(ValidationError) as e:
        _apply(cast, programme, household.head, "600", household)
    assert "600" in _error(e, "amount") and "500" in _error(e, "amount")
    assert not Payment.objects.exists()


def test_refuses_payment_over_the_per_person_yearly_cap(cast, household, programme):
    _apply(cast, programme, household.head, "500", household)
    with pytest.raises(ValidationError) as e:
        _apply(cast, programme, household.head, "400", household, on=D(2008, 6, 2))
    message = _error(e, "amount")
    assert "900" in message and "800" in message and household.head.name in message


def test_refused_applications_do_not_count_against_the_cap(cast, household, programme):
    first = _apply(cast, programme, household.head, "500", household)
    services.move_payment(payment=first, to=PaymentStatus.REFUSED, on=D(2008, 1, 8), note="收入超标")
    assert _apply(cast, programme, household.head, "500", household, on=D(2008, 6, 2)).pk


def test_refuses_payment_over_the_household_yearly_cap_across_programmes(cast, household, programme):
    from .factories import ProgrammeFactory

    eligibility_line(cast.place_a, cap="700")
    medical = ProgrammeFactory(organization=cast.county, kind="medical_aid")
    _apply(cast, programme, household.head, "500", household)
    with pytest.raises(ValidationError) as e:
        _apply(cast, medical, household.head, "300", household, on=D(2008, 3, 1))
    assert "800" in _error(e, "amount") and household.code in _error(e, "amount")


def test_refuses_payment_to_a_cancelled_archive(cast, household, programme):
    services.move_archive(archive=household, to=ArchiveStatus.CANCELLED, on=D(2008, 2, 1), reason="户主病故",
                          cancel_reason="died")  # fmt: skip
    household.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        _apply(cast, programme, household.head, "200", household)
    assert household.code in _error(e, "archive")


def test_refuses_paying_an_archive_cancelled_after_approval(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=D(2008, 1, 7))
    notice = services.post_notice(organization=cast.township_a, payments=[Payment.objects.get()], title="公示",
                                  posted_on=D(2008, 1, 7))  # fmt: skip
    services.move_payment(
        payment=payment, to=PaymentStatus.APPROVED, on=notice.earliest_approval(), by=cast.county_admin
    )
    services.move_archive(archive=household, to=ArchiveStatus.CANCELLED, on=D(2008, 1, 20), reason="迁出",
                          cancel_reason="moved")  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.move_payment(payment=payment, to=PaymentStatus.PAID, on=D(2008, 1, 21))
    assert "archive" in e.value.message_dict


def test_refuses_payment_to_someone_outside_the_household(cast, household, programme):
    stranger = new_person(cast.village_a)
    with pytest.raises(ValidationError) as e:
        _apply(cast, programme, stranger, "200", household)
    assert stranger.name in _error(e, "person")


def test_refuses_to_pay_without_approval(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    with pytest.raises(ValidationError) as e:
        services.move_payment(payment=payment, to=PaymentStatus.PAID, on=D(2008, 1, 8))
    assert e.value.error_dict["status"][0].code == "illegal_move"


def test_refuses_approval_without_a_public_notice(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=D(2008, 1, 7))
    with pytest.raises(ValidationError) as e:
        services.move_payment(
            payment=payment, to=PaymentStatus.APPROVED, on=D(2008, 2, 1), by=cast.county_admin
        )
    assert e.value.error_dict["status"][0].code == "illegal_move"


def test_refuses_approval_before_five_working_days_of_notice(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=D(2008, 1, 7))
    # Posted Thursday 10 January: Thu, Fri, Mon, Tue, Wed make five working days.
    notice = services.post_notice(organization=cast.township_a, payments=[Payment.objects.get()], title="公示",
                                  posted_on=D(2008, 1, 10))  # fmt: skip
    assert notice.ends_on == D(2008, 1, 16)
    with pytest.raises(ValidationError) as e:
        services.move_payment(
            payment=payment, to=PaymentStatus.APPROVED, on=D(2008, 1, 16), by=cast.county_admin
        )
    assert "2008-01-17" in _error(e, "on")
    services.move_payment(payment=payment, to=PaymentStatus.APPROVED, on=D(2008, 1, 17), by=cast.county_admin)


def test_only_reviewed_payments_can_be_posted(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    with pytest.raises(ValidationError) as e:
        services.post_notice(
            organization=cast.township_a, payments=[payment], title="公示", posted_on=D(2008, 1, 8)
        )
    assert household.head.name in _error(e, "payments")


def test_a_paid_and_noticed_payment_is_locked(cast, household, programme):
    payment = paid_payment(organization=cast.township_a, programme=programme, person=household.head,
                           archive=household)  # fmt: skip
    assert payment.is_locked
    with pytest.raises(ValidationError) as e:
        services.update_payment(payment=payment, amount="100")
    assert e.value.error_dict["status"][0].code == "locked"
    payment.refresh_from_db()
    assert payment.amount == Decimal("200")


def test_reversal_is_a_new_negative_entry_that_nets_the_figures(cast, household, programme):
    payment = paid_payment(organization=cast.township_a, programme=programme, person=household.head,
                           archive=household)  # fmt: skip
    reversal = services.reverse_payment(payment=payment, reason="重复发放", on=D(2008, 2, 1))
    assert reversal.amount == Decimal("-200") and reversal.reverses == payment
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.amount == Decimal("200")
    values = indicators.compute(cast.county, indicators.Period.year(2008), ["assistance.amount",
                                                                          "assistance.person_times"])  # fmt: skip
    assert values == {"assistance.amount": 0, "assistance.person_times": 0}


def test_reversal_needs_a_reason_and_happens_once(cast, household, programme):
    payment = paid_payment(organization=cast.township_a, programme=programme, person=household.head,
                           archive=household)  # fmt: skip
    with pytest.raises(ValidationError) as e:
        services.reverse_payment(payment=payment, reason="  ", on=D(2008, 2, 1))
    assert "reversal_reason" in e.value.message_dict
    services.reverse_payment(payment=payment, reason="重复发放", on=D(2008, 2, 1))
    with pytest.raises(ValidationError) as e:
        services.reverse_payment(payment=payment, reason="再次冲销", on=D(2008, 2, 2))
    assert e.value.error_dict["status"][0].code == "already_reversed"


def test_household_year_total_spans_programmes_and_other_areas(cast, household, programme):
    from .factories import ProgrammeFactory

    paid_payment(organization=cast.township_a, programme=programme, person=household.head, archive=household)
    medical = ProgrammeFactory(organization=cast.county, kind="medical_aid")
    paid_payment(organization=cast.county, programme=medical, person=household.head, archive=household,
                 amount="350", applied_on=D(2008, 6, 2))  # fmt: skip

    def relief(archive, year):
        return Decimal("1000") if archive.pk == household.pk and year == 2008 else Decimal("0")

    services.register_household_source(relief)
    try:
        assert services.household_year_total(household, 2008) == Decimal("1550")
        assert services.household_year_total(household, 2009) == Decimal("0")
    finally:
        services._household_sources.remove(relief)


def test_an_application_not_yet_reviewed_can_change_amount_programme_and_note(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    other = ProgrammeFactory(organization=cast.county, kind="medical_aid", per_payment_cap=1000)
    services.update_payment(payment=payment, amount="450", programme=other, note="住院费用")
    payment.refresh_from_db()
    assert (payment.amount, payment.programme, payment.note) == (Decimal("450"), other, "住院费用")


def test_refuses_to_edit_an_application_once_reviewed(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    services.move_payment(payment=payment, to=PaymentStatus.REVIEWED, on=JAN_7)
    with pytest.raises(ValidationError) as e:
        services.update_payment(payment=payment, note="改")
    assert e.value.error_dict["status"][0].code == "moved_on"
    assert "Reviewed" in _error(e, "status")
    payment.refresh_from_db()
    assert payment.note == ""


def test_an_edit_is_checked_against_the_new_programmes_caps(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    tight = ProgrammeFactory(organization=cast.county, per_payment_cap=100)
    with pytest.raises(ValidationError) as e:
        services.update_payment(payment=payment, programme=tight)
    assert "100" in _error(e, "amount") and tight.name in _error(e, "amount")
    with pytest.raises(ValidationError) as e:
        services.update_payment(payment=payment, amount="900")
    assert "500" in _error(e, "amount")
    payment.refresh_from_db()
    assert (payment.amount, payment.programme) == (Decimal("200"), programme)


def test_refuses_a_programme_of_another_year_or_another_township(cast, household, programme):
    payment = _apply(cast, programme, household.head, "200", household)
    with pytest.raises(ValidationError) as e:
        services.update_payment(
            payment=payment, programme=ProgrammeFactory(organization=cast.county, year=2009)
        )
    assert e.value.error_dict["programme"][0].code == "wrong_year"
    with pytest.raises(ValidationError) as e:
        services.update_payment(payment=payment, programme=ProgrammeFactory(organization=cast.township_b))
    assert cast.township_b.name in _error(e, "programme")
