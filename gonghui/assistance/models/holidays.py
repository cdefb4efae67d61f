"""The working-day calendar's table: public holidays and make-up working days."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A public holiday, or a weekend day made a working day (调休), as the State Council announces them.

    Data, not code: each year's arrangement is published late in the year before.
    """

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=40)
    is_workday = models.BooleanField(
        _("make-up working day"), default=False,
        help_text=_("A weekend day worked in exchange for a longer holiday."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("public holiday or make-up working day")
        verbose_name_plural = _("public holidays and make-up working days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}"


# The working-day calendar that reads this table: gonghui/core/calendar.py.
