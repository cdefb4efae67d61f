"""Relief records for other tests."""

import datetime

from gonghui.relief import services
from gonghui.relief.models import Campaign, CollectionEvent, DonorKind

D = datetime.date


def crawl_records(cast, side):
    """A campaign of the township with an event, a receipted gift and a hand-over (the URL-leak crawl's fixture)."""
    campaign = services.save_campaign(campaign=Campaign(
        organization=side.township, name=f"{side.tag}抗震救灾捐款", code=f"KZ-{side.township.code}",
        cause=Campaign.Cause.EARTHQUAKE, starts_on=D(2008, 5, 15), ends_on=D(2008, 6, 30)))  # fmt: skip
    event = services.add_event(campaign=campaign, organization=side.township, name="募集仪式",
                               kind=CollectionEvent.Kind.LAUNCH, held_on=D(2008, 5, 16))  # fmt: skip
    services.record_donation(campaign=campaign, organization=side.township, amount="500", donor_kind=DonorKind.PERSON,
                             donor_name=f"{side.tag}捐款人", received_on=D(2008, 5, 16), event=event)  # fmt: skip
    services.record_handover(organization=side.township, campaign=campaign, amount="300", handed_on=D(2008, 5, 25),
                             recipient_kind="union", recipient_union=cast.county)  # fmt: skip
