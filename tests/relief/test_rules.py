"""The rules of gifts, receipts and hand-overs: each refusal names the field and the reason."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gonghui.relief import services
from gonghui.relief.models import Channel, Donation, DonorKind, HandOver, Receipt
from tests.factories import EnterpriseFactory, PersonFactory

from .conftest import D, give

pytestmark = pytest.mark.django_db


def refusal(call, field):
    """The refusal's error on `field`; the call is made as a Chinese officer's request makes it."""
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        call()
    assert field in caught.value.error_dict, caught.value
    return caught.value.error_dict[field][0]


def in_chinese(error):
    return " ".join(ValidationError(error.message, params=error.params).messages)


@pytest.mark.parametrize("amount", ["0", "-50", "0.00"])
def test_a_zero_or_negative_amount_is_refused_in_chinese(campaign, cast, amount):
    error = refusal(lambda: give(campaign, cast.county, amount), "amount")
    assert error.code == "not_positive"
    assert "金额" in in_chinese(error)
    assert not Donation.objects.exists() and not Receipt.objects.exists()


def test_a_gift_in_kind_without_a_value_is_refused(campaign, cast):
    error = refusal(
        lambda: give(
            campaign,
            cast.county,
            None,
            kind=Donation.Kind.IN_KIND,
            item="矿泉水",
            quantity=Decimal(50),
            unit="箱",
        ),
        "amount",
    )
    assert error.code == "in_kind_no_value"
    assert "价值" in in_chinese(error) or "折价" in in_chinese(error)


def test_a_gift_in_kind_needs_its_item_and_gets_no_receipt(campaign, cast):
    assert (
        refusal(lambda: give(campaign, cast.county, "800", kind=Donation.Kind.IN_KIND), "item").code
        == "no_item"
    )
    gift = give(
        campaign, cast.county, "800", kind=Donation.Kind.IN_KIND, item="棉被", quantity=Decimal(20), unit="床"
    )
    assert gift.receipts.count() == 0


def test_amounts_are_read_as_offices_write_them(campaign, cast):
    gift = give(campaign, cast.county, "１,５００元")
    assert gift.amount == Decimal("1500")
    assert refusal(lambda: give(campaign, cast.county, "一千"), "amount").code == "invalid"


def test_a_gift_before_the_campaign_began_is_refused(campaign, cast):
    assert (
        refusal(lambda: give(campaign, cast.county, "100", received_on=D(2008, 5, 1)), "received_on").code
        == "before_campaign"
    )


def test_a_union_outside_the_officers_area_cannot_collect_for_them(campaign, cast):
    error = refusal(
        lambda: give(campaign, cast.township_b, "100", by=cast.township_a_officer), "organization"
    )
    assert error.code == "out_of_scope"


def test_cash_gifts_are_numbered_per_campaign_and_collecting_union(campaign, cast):
    a1 = give(campaign, cast.township_a, "100").receipts.get()
    b1 = give(campaign, cast.township_b, "100").receipts.get()
    a2 = give(campaign, cast.township_a, "100").receipts.get()
    assert (a1.number, a2.number, b1.number) == (1, 2, 1)
    assert a2.code == "KZ2008-QS-T02-00002"


def test_through_the_unions_is_derived_from_donor_and_channel(campaign, cast, person_a):
    workplace = EnterpriseFactory(organization=cast.township_a)
    assert give(
        campaign,
        cast.county,
        "100",
        donor_kind=DonorKind.WORKPLACE,
        donor_enterprise=workplace,
        donor_name="",
    ).through_unions
    assert give(
        campaign, cast.county, "100", donor_kind=DonorKind.PERSON, donor_person=person_a
    ).through_unions
    assert not give(campaign, cast.county, "100", name="路人甲").through_unions
    assert not give(
        campaign, cast.county, "100", donor_kind=DonorKind.ORGANISATION, name="县个体协会"
    ).through_unions
    assert not give(
        campaign,
        cast.county,
        "100",
        donor_kind=DonorKind.WORKPLACE,
        donor_enterprise=workplace,
        channel=Channel.PARTNER,
    ).through_unions


def test_a_gift_on_behalf_of_someone_names_both(campaign, cast):
    teacher = PersonFactory(name="黄学芬")
    gift = give(
        campaign,
        cast.county,
        "5000",
        donor_kind=DonorKind.ON_BEHALF,
        donor_person=teacher,
        donor_name="",
        on_behalf_of="扬阳",
    )
    assert gift.donor_name == "黄学芬" and gift.on_behalf_of == "扬阳"
    assert "扬阳" in gift.display_name
    assert (
        refusal(
            lambda: give(campaign, cast.county, "5000", donor_kind=DonorKind.ON_BEHALF, donor_person=teacher),
            "on_behalf_of",
        ).code
        == "required"
    )


def test_editing_a_printed_receipt_is_refused(campaign, cast):
    gift = give(campaign, cast.county, "200")
    services.update_donation(donation=gift, amount="250")  # not printed yet: a plain correction
    services.mark_printed(receipts=list(gift.receipts.all()))
    error = refusal(lambda: services.update_donation(donation=gift, amount="300"), "amount")
    assert error.code == "receipt_printed"
    assert "作废" in in_chinese(error)
    gift.refresh_from_db()
    assert gift.amount == Decimal("250")


def test_a_printed_receipt_is_voided_with_its_reason_and_a_new_number_issued(campaign, cast):
    gift = give(campaign, cast.county, "200")
    give(campaign, cast.county, "300")
    old = gift.receipts.get()
    services.mark_printed(receipts=[old])
    new = services.reissue_receipt(receipt=old, reason="金额写错", amount="250")
    old.refresh_from_db()
    gift.refresh_from_db()
    assert (old.status, old.void_reason, old.number) == (Receipt.Status.VOID, "金额写错", 1)
    assert (new.number, gift.amount) == (3, Decimal("250"))
    numbers = sorted(Receipt.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3]


def test_voiding_without_a_reason_is_refused(campaign, cast):
    gift = give(campaign, cast.county, "200")
    receipt = gift.receipts.get()
    for call in (
        lambda: services.void_receipt(receipt=receipt, reason="  "),
        lambda: services.reissue_receipt(receipt=receipt, reason=""),
        lambda: services.void_donation(donation=gift, reason=""),
    ):
        error = refusal(call, "reason")
        assert error.code == "no_reason"
        assert "原因" in in_chinese(error)
    receipt.refresh_from_db()
    assert receipt.status == Receipt.Status.ISSUED


def test_undo_voids_the_officers_own_last_entry_only(campaign, cast):
    mine = give(campaign, cast.county, "100", by=cast.county_admin)
    later = give(campaign, cast.county, "200", by=cast.county_admin)
    other = give(campaign, cast.township_a, "300", by=cast.township_a_officer)
    undone = services.undo_last_entry(campaign=campaign, user=cast.county_admin)
    assert undone.pk == later.pk
    assert set(Donation.objects.counted().values_list("pk", flat=True)) == {mine.pk, other.pk}
    assert later.receipts.get().status == Receipt.Status.VOID  # the number stays, marked void


def test_a_likely_double_entry_is_found(campaign, cast):
    first = give(campaign, cast.county, "500", name="李四")
    assert services.likely_double(campaign=campaign, donor_name="李四", amount=Decimal("500")) == first
    assert services.likely_double(campaign=campaign, donor_name="李四", amount=Decimal("600")) is None
    later = first.entered_at + datetime.timedelta(minutes=11)
    assert (
        services.likely_double(campaign=campaign, donor_name="李四", amount=Decimal("500"), now=later) is None
    )


def test_a_hand_over_larger_than_held_is_refused(campaign, cast):
    give(campaign, cast.township_b, "1000")
    give(campaign, cast.township_b, "500")
    services.record_handover(
        organization=cast.township_b,
        campaign=campaign,
        amount="1200",
        handed_on=D(2008, 5, 22),
        recipient_kind=HandOver.Recipient.UNION,
        recipient_union=cast.county,
    )
    error = refusal(
        lambda: services.record_handover(
            organization=cast.township_b,
            campaign=campaign,
            amount="301",
            handed_on=D(2008, 5, 23),
            recipient_kind=HandOver.Recipient.RED_CROSS,
            recipient_name="县红十字会",
        ),
        "amount",
    )
    assert error.code == "more_than_held"
    assert "300" in in_chinese(error)


def test_reconciliation_follows_money_up_the_tree(campaign, cast):
    give(campaign, cast.township_b, "1000")
    give(campaign, cast.county, "400")
    services.record_handover(
        organization=cast.township_b,
        campaign=campaign,
        amount="1000",
        handed_on=D(2008, 5, 22),
        recipient_kind=HandOver.Recipient.UNION,
        recipient_union=cast.county,
    )
    county = services.reconcile(organization=cast.county, campaign=campaign)
    assert county == {
        "collected": Decimal("400"),
        "received": Decimal("1000"),
        "handed_over": Decimal("0"),
        "held": Decimal("1400"),
    }
    rows = {r["organization"].code: r for r in services.reconciliation(campaign=campaign, root=cast.county)}
    assert rows["QS-T03"]["held"] == 0 and rows["QS"]["held"] == Decimal("1400")
    # A gift voided after its money went up leaves the township short: flagged with the reason.
    services.void_donation(donation=Donation.objects.get(organization=cast.township_b), reason="重复登记")
    rows = {r["organization"].code: r for r in services.reconciliation(campaign=campaign, root=cast.county)}
    assert rows["QS-T03"]["held"] == Decimal("-1000") and rows["QS-T03"]["flag"]


def test_money_is_handed_up_never_sideways(campaign, cast):
    give(campaign, cast.township_b, "1000")
    error = refusal(lambda: services.record_handover(
        organization=cast.township_b, campaign=campaign, amount="100", handed_on=D(2008, 5, 22),
        recipient_kind=HandOver.Recipient.UNION, recipient_union=cast.township_a), "recipient_union")
    assert error.code == "not_above"
