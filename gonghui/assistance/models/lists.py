"""Configurable lists: causes of hardship and the yearly eligibility lines (低保线)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.fields import MONEY
from gonghui.orgs.models import Place


class HardshipCause(models.Model):
    """因病, 因残, 因灾, ...: a list the county keeps as data, not code."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=40)
    needs_disability = models.BooleanField(_("needs disability kind and grade"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cause of hardship")
        verbose_name_plural = _("causes of hardship")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assistance:cause-list")


class EligibilityLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        # A line belongs to its place; the place to the union answerable for it.
        return scoping.restrict(self, user, via="place__organization")

    def for_place(self, place, year):
        """The line of the nearest place upwards (village → township → county) for the year."""
        while place is not None:
            line = self.filter(place=place, year=year).first()
            if line is not None:
                return line
            place = place.parent
        return None


class EligibilityLine(models.Model):
    """The local minimum income per head for a year and place (低保线), and the household cap."""

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    monthly_income_per_head = models.DecimalField(_("minimum monthly income per head"), **MONEY)
    household_year_cap = models.DecimalField(
        _("most one household may receive in a year"), null=True, blank=True, **MONEY
    )

    objects = EligibilityLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("eligibility line")
        verbose_name_plural = _("eligibility lines")
        ordering = ["-year", "place"]
        constraints = [models.UniqueConstraint(fields=["place", "year"], name="eligibility_line_unique")]

    def __str__(self):
        return f"{self.place} {self.year}: {self.monthly_income_per_head}"

    def get_absolute_url(self):
        return reverse("assistance:line-list") + f"?year={self.year}"
