"""The one table of the shared building blocks: the working-day calendar's holidays.

Hazard deadlines, report due dates and the five working days of a public notice all count
working days the same way (`core/calendar.py`), so the arrangement they read lives here, not in
an area app. The table keeps the name it was created with (``assistance_holiday``).
"""

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
        db_table = "assistance_holiday"  # created by the assistance app; moved here without copying
        verbose_name = _("public holiday or make-up working day")
        verbose_name_plural = _("public holidays and make-up working days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}"
