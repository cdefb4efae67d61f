"""Donation drives on the work dashboard: the year's campaigns by amount raised."""

import datetime

from django.utils.translation import gettext as _

from gonghui.summary.dashboard import Chart, register_chart

from .models import Donation


@register_chart
def donations_by_campaign(user, org, year):
    gifts = Donation.objects.visible_to(user).between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    rows = gifts.totals_by("campaign__name")
    if not rows:
        return None
    return Chart(
        "relief-campaigns", _("Donations by campaign"), [name for name, _amount, _n in rows],
        [(_("Amount"), [amount for _name, amount, _n in rows]), (_("Gifts"), [n for _name, _amount, n in rows])],
        unit=_("yuan"),
    )  # fmt: skip
