"""The Three Cares assessment standard: its items and points, set by a level for the units below."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .. import querysets


class AssessmentStandard(models.Model):
    """考核标准: the county's items and points for the programme, one standard a year."""

    organization = owned_by()
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=100)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment standard")
        verbose_name_plural = _("assessment standards")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="standard_once_a_year")]

    def __str__(self):
        return self.title

    @property
    def total_points(self):
        return sum(item.points for item in self.items.all())


class AssessmentItem(models.Model):
    """One line of the standard: what is measured (from records or the inspection) and its points."""

    class Measure(models.TextChoices):
        REGISTRIES = "registries", _("All five registries kept")
        PAIRING = "pairing", _("Share of elders paired with a helper")
        PROXY = "proxy", _("Share of children with a proxy parent")
        VISITS = "visits", _("Visits to migrant workers, elders and children made")
        PHONES_MAILBOXES = "phones_mailboxes", _("Family phones and mailboxes installed")
        SOCIETIES = "societies", _("Elders' mutual-aid society founded")
        SYMPOSIUM = "symposium", _("Returnee symposium held")
        REPORTS = "reports", _("Share of monthly information reports submitted")
        INSPECTION = "inspection", _("Inspection score")

    standard = models.ForeignKey(AssessmentStandard, verbose_name=_("assessment standard"), on_delete=models.CASCADE,
                                 related_name="items")  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("item"), max_length=200)
    measure = models.CharField(_("measured by"), max_length=20, choices=Measure.choices)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["standard", "measure"], name="item_measure_once")]

    def __str__(self):
        return self.text
