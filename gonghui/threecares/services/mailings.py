"""Greeting card mailings to out-migrant workers."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import models as m


@transaction.atomic
def record_mailing(*, organization, title, sent_on, cards, sponsors, note=""):
    """Greeting cards mailed; the cost is what the sponsors paid, share by share."""
    sponsors = [(name.strip(), Decimal(amount)) for name, amount in sponsors]
    names = [name for name, _amount in sponsors]
    if not sponsors:
        raise ValidationError(
            {"sponsors": ValidationError(_("Name at least one sponsor."), code="no_sponsor")}
        )
    if len(set(names)) != len(names):
        raise ValidationError(
            {"sponsors": ValidationError(_("A sponsor is named twice."), code="sponsor_twice")}
        )
    for name, amount in sponsors:
        if amount <= 0:
            raise ValidationError(
                {"sponsors": ValidationError(
                    _("The share of %(name)s must be more than 0 yuan."), code="share", params={"name": name}
                )}
            )  # fmt: skip
    mailing = m.GreetingMailing(
        organization=organization, title=title, sent_on=sent_on, cards=cards,
        cost=sum(amount for _n, amount in sponsors), note=note,
    )  # fmt: skip
    mailing.full_clean()
    mailing.save()
    m.MailingSponsor.objects.bulk_create(
        [m.MailingSponsor(mailing=mailing, name=name, amount=amount) for name, amount in sponsors]
    )
    return mailing
