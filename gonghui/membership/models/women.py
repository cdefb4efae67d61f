"""Women workers (女职工): committees, the rule for which workplaces owe a special contract, campaigns."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .base import ScopedQuerySet


class WomenCommittee(models.Model):
    """女职工委员会 of a union."""

    organization = owned_by(_("union"), related_name="+", db_index=False)
    established_on = models.DateField(_("established on"))
    chair = models.CharField(_("chair"), max_length=50, blank=True)
    members = models.PositiveSmallIntegerField(_("committee members"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("women workers' committee")
        verbose_name_plural = _("women workers' committees")
        ordering = ["organization__path"]
        constraints = [models.UniqueConstraint(fields=["organization"], name="womencommittee_one_per_union")]

    def __str__(self):
        return str(self.organization)


class SpecialContractRule(models.Model):
    """Which workplaces owe a women workers' special collective contract (应签), set by a federation.

    The nearest rule above a workplace applies; with none, the default: a union and women staff.
    """

    organization = owned_by(_("set by"), related_name="+", db_index=False)
    needs_union = models.BooleanField(_("the workplace has a union"), default=True)
    min_women_staff = models.PositiveIntegerField(_("at least this many women staff"), default=1)
    min_staff = models.PositiveIntegerField(_("at least this many staff"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("special contract rule")
        verbose_name_plural = _("special contract rules")
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="specialcontractrule_one_per_org")
        ]

    def __str__(self):
        return str(self.organization)


class WomenCampaign(models.Model):
    """A campaign for women workers: publicity with leaflets (3·8, 5·29) or assistance (关爱女工).

    Assistance money is not kept here: the campaign names the assistance programme whose paid
    payments are its money (assistance.Payment), so the amount is counted in one place.
    """

    class Kind(models.TextChoices):
        PUBLICITY = "publicity", _("Publicity and consultation")
        ASSISTANCE = "assistance", _("Assistance")
        OTHER = "other", _("Other")

    organization = owned_by(_("organiser"), related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    leaflets = models.PositiveIntegerField(_("leaflets handed out"), default=0)
    consultations = models.PositiveIntegerField(_("people consulted"), default=0)
    programme = models.ForeignKey("assistance.Programme", verbose_name=_("assistance programme"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="women_campaigns")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("women workers' campaign")
        verbose_name_plural = _("women workers' campaigns")
        ordering = ["-held_on"]

    def __str__(self):
        return self.title
