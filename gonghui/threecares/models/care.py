"""Care for people on the registries: pairings with elders, visits with money, medical fee waivers."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by
from gonghui.people.models import Person

from .. import querysets
from .common import MONEY
from .registries import Elder


class Pairing(models.Model):
    """结对帮扶: a helper paired with an empty-nest elder."""

    elder = models.ForeignKey(
        Elder, verbose_name=_("elder"), on_delete=models.CASCADE, related_name="pairings"
    )
    helper = models.ForeignKey(
        Person, verbose_name=_("helper"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    helper_name = models.CharField(_("helper's name"), max_length=50)
    helper_unit = models.CharField(_("helper's unit"), max_length=100, blank=True)
    helper_phone = models.CharField(_("helper's phone"), max_length=30, blank=True)
    organization = owned_by()
    paired_on = models.DateField(_("paired on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-paired_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["elder", "helper_name", "paired_on"], name="pairing_natural_key"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("paired_on")),
                name="pairing_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.helper_name} — {self.elder}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["pairings", self.pk])


class Visit(models.Model):
    """慰问: a visit with money to a migrant worker, an elder or a child."""

    class Kind(models.TextChoices):
        MIGRANT = "migrant", _("Migrant worker")
        ELDER = "elder", _("Empty-nest elder")
        CHILD = "child", _("Left-behind child")

    kind = models.CharField(_("visited"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    organization = owned_by()
    visited_on = models.DateField(_("visited on"))
    amount = models.DecimalField(_("amount (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    visited_by = models.CharField(_("visited by"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = querysets.VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "person", "visited_on"], name="visit_natural_key"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="visit_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["kind", "visited_on"], name="visit_kind_date")]

    def __str__(self):
        return f"{self.person} {self.visited_on}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["visits", self.pk])


class MedicalWaiver(models.Model):
    """医疗减免: fees waived for an elder by a clinic or hospital."""

    elder = models.ForeignKey(
        Elder, verbose_name=_("elder"), on_delete=models.CASCADE, related_name="waivers"
    )
    organization = owned_by()
    granted_on = models.DateField(_("granted on"))
    amount = models.DecimalField(_("amount waived (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    provider = models.CharField(_("clinic or hospital"), max_length=100, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("medical fee waiver")
        verbose_name_plural = _("medical fee waivers")
        ordering = ["-granted_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["elder", "granted_on", "provider"], name="waiver_natural_key"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="waiver_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.elder} {self.amount}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["waivers", self.pk])
