import random
from decimal import Decimal

from django.db.models import Sum

from gonghui.assistance import demo as assistance_demo
from gonghui.orgs import demo as orgs_demo
from gonghui.orgs.models import Organization
from gonghui.people import demo as people_demo
from gonghui.relief import demo as relief_demo
from gonghui.relief import services
from gonghui.relief.models import Campaign, Donation, Receipt
from gonghui.reporting import indicators


def _event_total(campaign, kind):
    return (
        Donation.objects.counted().filter(campaign=campaign, event__kind=kind).aggregate(n=Sum("amount"))["n"]
    )


def test_demo_county_reproduces_the_relief_figures_of_section_two_two_from_records(db):
    orgs_demo.build(random.Random("gonghui-demo-orgs"))
    people_demo.build(random.Random("gonghui-demo-people"))
    assistance_demo.build(random.Random("gonghui-demo-assistance"))
    relief_demo.build(random.Random("gonghui-demo-relief"))
    counts = (Donation.objects.count(), Receipt.objects.count())
    relief_demo.build(random.Random("gonghui-demo-relief"))
    assert (Donation.objects.count(), Receipt.objects.count()) == counts  # idempotent

    county = Organization.objects.get(name="黔山县总工会")
    figures = indicators.compute(
        county,
        indicators.Period.year(2008),
        ["relief.households", "relief.amount", "donations.amount", "donations.union_share"],
    )
    assert figures["relief.households"] == 40 and figures["relief.amount"] == Decimal("12000")
    assert figures["donations.amount"] > 5_000_000
    assert figures["donations.union_share"] > 60

    quake = Campaign.objects.get(code="KZ2008")
    assert _event_total(quake, "launch") == Decimal("1500000")
    assert _event_total(quake, "door_to_door") == Decimal("30320")
    assert _event_total(quake, "market_day") == Decimal("118600")
    fives = Donation.objects.counted().filter(campaign=quake, amount=5000, donor_name__in=["张平", "黄学芬"])
    assert sorted(fives.values_list("donor_kind", flat=True)) == ["on_behalf", "person", "person"]
    assert fives.get(donor_kind="on_behalf").on_behalf_of.startswith("扬阳")
    office = Donation.objects.counted().filter(
        campaign=quake, organization=county, donor_person__address="黔山县总工会机关"
    )
    chairman = office.filter(donor_name="李国强")
    assert chairman.count() > 1 and chairman.aggregate(n=Sum("amount"))["n"] == 3000
    union_gifts = Donation.objects.counted().filter(campaign=quake, donor_union=county)
    staff_and_office = (office.aggregate(n=Sum("amount"))["n"] or 0) + union_gifts.aggregate(n=Sum("amount"))[
        "n"
    ]
    assert staff_and_office > 10000

    # Every collecting union's receipts run 1..n with no gap; void ones stay in the sequence.
    for org_id in set(Receipt.objects.values_list("organization", flat=True)):
        numbers = sorted(
            Receipt.objects.filter(campaign=quake, organization_id=org_id).values_list("number", flat=True)
        )
        assert numbers == list(range(1, len(numbers) + 1))
    assert Receipt.objects.filter(status="void").count() == 2
    # The money went up: nobody holds less than nothing; 水坝塘镇 handed over all it collected.
    rows = services.reconciliation(campaign=quake, root=county)
    assert all(r["held"] >= 0 for r in rows)
    shuibatang = next(r for r in rows if r["organization"].code == "QS-T03")
    assert shuibatang["collected"] == shuibatang["handed_over"] > Decimal("118600")
