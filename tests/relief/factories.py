"""Records of the relief area for shared fixtures."""

import datetime

from gonghui.relief import services
from gonghui.relief.models import Campaign, CollectionEvent, DonorKind, HandOver
from tests.factories import PersonFactory


def crawl_records(cast, side):
    """A township's own drive with an event, a gift with its receipt, and a hand-over (the URL-leak crawl)."""
    campaign = services.save_campaign(campaign=Campaign(
        organization=side.township, name=f"{side.tag}镇抗震救灾捐款", code=f"CRAWL-{side.township.pk}",
        cause=Campaign.Cause.EARTHQUAKE, starts_on=datetime.date(2008, 5, 15), ends_on=datetime.date(2008, 6, 30)))  # fmt: skip
    event = services.add_event(campaign=campaign, organization=side.township, name=f"{side.tag}镇赶场天捐赠",
                               kind=CollectionEvent.Kind.MARKET_DAY, held_on=datetime.date(2008, 5, 15))  # fmt: skip
    donor = PersonFactory(name=f"{side.tag}捐赠人", township=side.place, village=side.village)
    services.record_donation(campaign=campaign, organization=side.township, amount="500", event=event,
                             donor_kind=DonorKind.PERSON, donor_person=donor, received_on=datetime.date(2008, 5, 15))  # fmt: skip
    services.record_handover(organization=side.township, campaign=campaign, amount="500",
                             handed_on=datetime.date(2008, 5, 20), recipient_kind=HandOver.Recipient.UNION,
                             recipient_union=cast.county)  # fmt: skip
