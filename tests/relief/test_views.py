"""Pages: scope (out of scope is 404), live entry by keyboard posts, the big screen, receipts, thanks."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.relief.models import Donation, HandOver, Receipt

from .conftest import give

pytestmark = pytest.mark.django_db


@pytest.fixture
def gifts(campaign, cast, launch, person_a):
    """A gift in each township; one by a registered person in township A."""
    return {
        "a": give(
            campaign,
            cast.township_a,
            "300",
            name="张三",
            donor_kind="person",
            donor_person=person_a,
            donor_name="",
        ),
        "b": give(campaign, cast.township_b, "700", name="水坝塘某人"),
        "county": give(
            campaign, cast.county, "1000", name="县直某单位", donor_kind="organisation", event=launch
        ),
    }


def test_a_township_sees_the_county_campaign_but_only_its_own_subtrees_gifts(client, cast, campaign, gifts):
    client.force_login(cast.township_a_officer)
    page = client.get(reverse("relief:campaign-detail", args=[campaign.pk]))
    assert page.status_code == 200
    assert page.context["totals"]["amount"] == Decimal("300")
    assert [name for name, _a, _n in page.context["by_union"]] == ["高桥镇工会工委"]
    assert client.get(reverse("relief:donation-detail", args=[gifts["a"].pk])).status_code == 200
    assert client.get(reverse("relief:donation-detail", args=[gifts["b"].pk])).status_code == 404
    receipt_b = gifts["b"].receipts.get()
    assert (
        client.post(reverse("relief:receipt-void", args=[receipt_b.pk]), {"reason": "x"}).status_code == 404
    )


def test_the_county_sees_every_union_and_the_person_page_shows_the_gift(
    client, cast, campaign, gifts, person_a
):
    client.force_login(cast.county_admin)
    page = client.get(reverse("relief:campaign-detail", args=[campaign.pk]))
    assert page.context["totals"]["amount"] == Decimal("2000")
    person_page = client.get(reverse("people:person-detail", args=[person_a.pk]))
    assert campaign.name in person_page.content.decode()
    # A township officer of the other township sees neither the person's gift nor, through it, the person.
    client.force_login(cast.township_b_officer)
    assert client.get(reverse("people:person-detail", args=[person_a.pk])).status_code == 404


def test_a_read_only_leader_gets_no_entry_pages(client, cast, campaign, gifts):
    client.force_login(cast.leader)
    assert client.get(reverse("relief:live", args=[campaign.pk])).status_code == 404
    assert (
        client.post(
            reverse("relief:live-entry", args=[campaign.pk]), {"donor": "x", "amount": "1"}
        ).status_code
        == 404
    )
    assert client.get(reverse("relief:donation-edit", args=[gifts["county"].pk])).status_code == 404
    assert client.get(reverse("relief:screen", args=[campaign.pk])).status_code == 200


def test_live_entry_records_warns_on_a_double_and_undoes_the_officers_own_entry(
    client, cast, campaign, launch
):
    client.force_login(cast.county_admin)
    url = reverse("relief:live-entry", args=[campaign.pk])
    first = client.post(url, {"donor": "黔山县某公司", "amount": "5,000", "event": launch.pk})
    assert first.context["recorded"].amount == Decimal("5000")
    assert first.context["totals"] == {**first.context["totals"], "amount": Decimal("5000"), "count": 1}
    again = client.post(url, {"donor": "黔山县某公司", "amount": "5000", "event": launch.pk})
    assert again.context["warning"] and Donation.objects.count() == 1
    assert 'name="confirm"' in again.content.decode()
    confirmed = client.post(
        url, {"donor": "黔山县某公司", "amount": "5000", "event": launch.pk, "confirm": "1"}
    )
    assert confirmed.context["totals"]["count"] == 2
    assert (
        Donation.objects.filter(donor_kind="organisation").count() == 2
    )  # read as an organisation by its name
    undone = client.post(reverse("relief:live-undo", args=[campaign.pk]), {"event": launch.pk})
    assert undone.context["totals"]["count"] == 1
    assert sorted(Receipt.objects.values_list("number", "status")) == [(1, "issued"), (2, "void")]


def test_live_entry_refuses_bad_input_without_an_error_page(client, cast, campaign, launch):
    client.force_login(cast.county_admin)
    url = reverse("relief:live-entry", args=[campaign.pk])
    for data in (
        {"donor": "张三", "amount": "0"},
        {"donor": "张三", "amount": "abc"},
        {"donor": "", "amount": "5"},
        {"donor": "张三", "amount": "1e400"},
    ):
        page = client.post(url, data)
        assert page.status_code == 200 and page.context["error"], data
    assert client.post(url, {"donor": "张三", "amount": "5", "event": "x"}).status_code == 404
    assert not Donation.objects.exists()


def test_donor_completion_offers_earlier_donors_and_registered_workplaces(client, cast, campaign):
    from tests.factories import EnterpriseFactory

    EnterpriseFactory(name="黔山县高桥建材厂", organization=cast.township_a)
    give(campaign, cast.county, "100", name="黔山县茶叶公司", donor_kind="organisation")
    client.force_login(cast.county_admin)
    page = client.get(reverse("relief:donors", args=[campaign.pk]), {"donor": "黔山"})
    assert set(page.context["names"]) == {"黔山县高桥建材厂", "黔山县茶叶公司"}
    entry = client.post(
        reverse("relief:live-entry", args=[campaign.pk]), {"donor": "黔山县高桥建材厂", "amount": "800"}
    )
    gift = entry.context["recorded"]
    assert (
        gift.donor_kind == "workplace"
        and gift.donor_enterprise.name == "黔山县高桥建材厂"
        and gift.through_unions
    )


def test_the_big_screen_shows_the_total_and_the_latest_names_as_chosen(client, cast, campaign, launch):
    give(campaign, cast.county, "1000", name="李四", event=launch)
    give(campaign, cast.county, "500", name="王五", event=launch, anonymous=True)
    client.force_login(cast.county_admin)
    page = client.get(reverse("relief:screen-panel", args=[campaign.pk]), {"event": launch.pk})
    html = page.content.decode()
    assert page.context["totals"]["amount"] == Decimal("1500")
    assert [g["name"] for g in page.context["latest"]] == ["热心人士", "李四"]
    assert "王五" not in html and 'hx-trigger="every 3s"' in html


def test_printing_fixes_a_receipt_and_the_docx_is_a_word_document(client, cast, campaign, gifts):
    import docx

    client.force_login(cast.county_admin)
    receipt = gifts["county"].receipts.get()
    page = client.post(reverse("relief:receipt-print"), {"receipt": [receipt.pk]})
    assert "壹仟元整" in page.content.decode()
    receipt.refresh_from_db()
    assert receipt.is_printed
    edit = client.post(
        reverse("relief:donation-edit", args=[gifts["county"].pk]),
        {"amount": "1200", "donor_name": "县直某单位", "received_on": "2008-05-16", "reason": ""},
    )
    assert edit.status_code == 200 and "reason" in edit.context["form"].errors
    edit = client.post(
        reverse("relief:donation-edit", args=[gifts["county"].pk]),
        {"amount": "1200", "donor_name": "县直某单位", "received_on": "2008-05-16", "reason": "金额有误"},
    )
    assert edit.status_code == 302
    assert sorted(gifts["county"].receipts.values_list("number", "status")) == [(1, "void"), (2, "issued")]
    batch = Receipt.objects.filter(status="issued").values_list("pk", flat=True)
    response = client.post(reverse("relief:receipt-docx"), {"receipt": list(batch)})
    assert response["Content-Disposition"].startswith("attachment")
    document = docx.Document(io.BytesIO(response.content))
    assert "捐款收据" in document.paragraphs[0].text or any("捐款收据" in p.text for p in document.paragraphs)


def test_the_thanks_list_shows_anonymous_donors_as_such(client, cast, campaign):
    import docx

    give(campaign, cast.county, "5000", name="黄学芬")
    give(campaign, cast.county, "200", name="不愿留名者", anonymous=True)
    give(campaign, cast.county, "300", name="另一位", anonymous=True)
    client.force_login(cast.county_admin)
    page = client.get(reverse("relief:thanks", args=[campaign.pk]))
    assert [(r["name"], r["amount"]) for r in page.context["rows"]] == [
        ("黄学芬", Decimal("5000")),
        ("热心人士", Decimal("500")),
    ]
    assert "不愿留名者" not in page.content.decode()
    response = client.get(reverse("relief:thanks-docx", args=[campaign.pk]))
    text = "\n".join(
        c.text for t in docx.Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
    )
    assert "黄学芬" in text and "热心人士" in text and "不愿留名者" not in text


def test_a_hand_over_form_refuses_more_than_held_beside_the_amount(client, cast, campaign):
    give(campaign, cast.township_b, "1000")
    client.force_login(cast.township_b_officer)
    url = reverse("relief:handover-create", args=[campaign.pk])
    page = client.post(
        url,
        {
            "organization": cast.township_b.pk,
            "amount": "1500",
            "handed_on": "2008-05-25",
            "recipient_kind": "union",
            "recipient_union": cast.county.pk,
        },
    )
    assert page.status_code == 200 and "amount" in page.context["form"].errors
    ok = client.post(
        url,
        {
            "organization": cast.township_b.pk,
            "amount": "1000",
            "handed_on": "2008-05-25",
            "recipient_kind": "union",
            "recipient_union": cast.county.pk,
        },
    )
    assert ok.status_code == 302 and HandOver.objects.get().amount == Decimal("1000")
    rows = client.get(reverse("relief:handover-list", args=[campaign.pk])).context["rows"]
    assert [(r["organization"].code, r["held"]) for r in rows] == [("QS-T03", Decimal("0"))]


def test_exports_use_the_import_headers(client, cast, campaign, gifts):
    from python_calamine import CalamineWorkbook

    client.force_login(cast.county_admin)
    response = client.get(reverse("relief:donation-export", args=[campaign.pk]))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    flat = [str(c) for row in sheet for c in row]
    assert "捐赠人" in flat and "募捐活动" in flat and "水坝塘某人" in flat


def test_several_officers_enter_into_one_campaign_and_each_undoes_only_their_own(client, cast, campaign, launch):
    from django.test import Client

    county, township = Client(), Client()
    county.force_login(cast.county_admin)
    township.force_login(cast.township_a_officer)
    url = reverse("relief:live-entry", args=[campaign.pk])
    county.post(url, {"donor": "甲", "amount": "100", "event": launch.pk})
    township.post(url, {"donor": "乙", "amount": "200", "event": launch.pk})
    page = county.post(url, {"donor": "丙", "amount": "300", "event": launch.pk})
    assert [d.donor_name for d in page.context["mine"]] == ["丙", "甲"]
    assert page.context["totals"]["amount"] == Decimal("600")  # the county sees the whole event
    undone = township.post(reverse("relief:live-undo", args=[campaign.pk]), {"event": launch.pk})
    assert undone.context["undone"].donor_name == "乙"
    assert undone.context["totals"]["amount"] == Decimal("0")  # the township sees its own subtree
    assert set(Donation.objects.counted().values_list("donor_name", flat=True)) == {"甲", "丙"}
    # Each collecting union numbers its own receipts.
    assert sorted(Receipt.objects.values_list("organization__code", "number")) == [
        ("QS", 1), ("QS", 2), ("QS-T02", 1)]


def test_the_full_form_refuses_a_gift_in_kind_without_value_beside_the_amount(client, cast, campaign):
    client.force_login(cast.county_admin)
    url = reverse("relief:donation-create", args=[campaign.pk])
    data = {"organization": cast.county.pk, "received_on": "2008-05-20", "kind": "in_kind", "donor_kind": "organisation",
            "donor_name": "县个体劳动者协会", "item": "矿泉水", "quantity": "100", "unit": "箱", "channel": "on_site"}
    page = client.post(url, data)
    assert page.status_code == 200 and "amount" in page.context["form"].errors
    assert client.post(url, {**data, "amount": "1200"}).status_code == 302
    gift = Donation.objects.get()
    assert (gift.item, gift.amount, gift.receipts.count()) == ("矿泉水", Decimal("1200"), 0)


def test_a_hand_over_entered_wrongly_is_voided_with_its_reason(client, cast, campaign):
    give(campaign, cast.township_b, "1000")
    handover = HandOver.objects.create(organization=cast.township_b, campaign=campaign, amount=Decimal("1000"),
                                       handed_on=campaign.starts_on, recipient_kind="union",
                                       recipient_union=cast.county, recipient_name=cast.county.name)
    client.force_login(cast.township_b_officer)
    url = reverse("relief:handover-void", args=[handover.pk])
    client.post(url, {"reason": ""})
    handover.refresh_from_db()
    assert not handover.is_void
    client.post(url, {"reason": "金额重复登记"})
    handover.refresh_from_db()
    assert handover.is_void and handover.void_reason == "金额重复登记"
    client.force_login(cast.township_a_officer)
    assert client.post(url, {"reason": "x"}).status_code == 404


def test_a_hand_over_goes_to_a_union_above_or_in_the_own_subtree_never_to_a_sibling(client, cast, campaign):
    client.force_login(cast.township_a_officer)
    form = client.get(reverse("relief:handover-create", args=[campaign.pk])).context["form"]
    choices = set(form.fields["recipient_union"].queryset)
    assert cast.county in choices and cast.township_a in choices
    assert cast.township_b not in choices
