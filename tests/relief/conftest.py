import datetime

import pytest

from gonghui.relief import services
from gonghui.relief.models import Campaign, CollectionEvent, DonorKind

D = datetime.date


@pytest.fixture
def campaign(cast):
    """The county's earthquake appeal, with the launch ceremony as its first event."""
    c = services.save_campaign(
        campaign=Campaign(
            organization=cast.county,
            name="抗震救灾献爱心捐款",
            code="KZ2008",
            cause=Campaign.Cause.EARTHQUAKE,
            starts_on=D(2008, 5, 15),
            ends_on=D(2008, 6, 30),
            joint_organisers="县直属工委、县民政局、县红十字会",
        )
    )
    return c


@pytest.fixture
def launch(campaign, cast):
    return services.add_event(
        campaign=campaign,
        organization=cast.county,
        name="全县募集启动仪式",
        kind=CollectionEvent.Kind.LAUNCH,
        held_on=D(2008, 5, 16),
    )


def give(campaign, org, amount, name="张三", by=None, **extra):
    """A cash gift by an unregistered person unless told otherwise."""
    extra.setdefault("donor_kind", DonorKind.PERSON)
    extra.setdefault("received_on", D(2008, 5, 16))
    extra.setdefault("donor_name", name)
    return services.record_donation(campaign=campaign, organization=org, amount=amount, by=by, **extra)
