"""The model-worker registry (劳模)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by
from gonghui.orgs.scoping import ScopedQuerySet
from gonghui.people.models import Person

from .archives import HardshipArchive


class ModelWorkerQuerySet(ScopedQuerySet):
    def in_hardship(self):
        return self.filter(in_hardship=True)


class ModelWorker(models.Model):
    class Situation(models.TextChoices):
        WORKING = "working", _("Working")
        RETIRED = "retired", _("Retired")
        LAID_OFF = "laid_off", _("Laid off")
        FARMING = "farming", _("Farming")
        DECEASED = "deceased", _("Deceased")

    organization = owned_by(_("union"))
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=20, choices=HardshipArchive.ModelWorkerLevel.choices)
    honour = models.CharField(_("honour"), max_length=80)
    year_honoured = models.PositiveSmallIntegerField(_("year honoured"))
    situation = models.CharField(_("current situation"), max_length=20, choices=Situation.choices)
    in_hardship = models.BooleanField(_("in hardship"), default=False)
    in_countryside_survey = models.BooleanField(
        _("in the survey of model workers in action for the new countryside"), default=False
    )
    note = models.TextField(_("outstanding deeds"), blank=True)

    objects = ModelWorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("model worker")
        verbose_name_plural = _("model workers")
        ordering = ["level", "-year_honoured", "pk"]
        indexes = [models.Index(fields=["organization", "person"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "level", "year_honoured"], name="model_worker_once")
        ]

    def __str__(self):
        return f"{self.person} {self.get_level_display()} {self.year_honoured}"

    def get_absolute_url(self):
        return reverse("assistance:modelworker-list") + f"?q={self.person.name}"
