"""Work for migrants: skills training, job referral events and who was referred, returnee symposiums."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by
from gonghui.people.models import Person

from .. import querysets
from .common import MONEY


class Training(models.Model):
    """就业技能培训: a skills training session for migrant workers."""

    title = models.CharField(_("title"), max_length=100)
    trade = models.CharField(_("trade"), max_length=40, blank=True)
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=100, blank=True)
    organization = owned_by()
    trainee_count = models.PositiveIntegerField(_("trainees"))
    funds = models.DecimalField(_("funds (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    attendees = models.ManyToManyField(
        Person, verbose_name=_("attendance list"), blank=True, related_name="+"
    )

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "held_on", "title"], name="training_natural_key"),
            models.CheckConstraint(condition=Q(funds__gte=0), name="training_funds_not_negative"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["trainings", self.pk])


class ReferralEvent(models.Model):
    """职业介绍: a job referral event, with who was referred and who got the job."""

    title = models.CharField(_("title"), max_length=100)
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=100, blank=True)
    organization = owned_by()
    referred_count = models.PositiveIntegerField(_("people referred"))
    employed_count = models.PositiveIntegerField(_("people employed"))

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("job referral event")
        verbose_name_plural = _("job referral events")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "held_on", "title"], name="referral_natural_key"),
            models.CheckConstraint(
                condition=Q(employed_count__lte=models.F("referred_count")), name="referral_employed_within"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["referrals", self.pk])


class Referral(models.Model):
    event = models.ForeignKey(ReferralEvent, verbose_name=_("referral event"), on_delete=models.CASCADE,
                              related_name="referrals")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    employed = models.BooleanField(_("employed"), default=False)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="referral_once")]

    def __str__(self):
        return f"{self.event} · {self.person}"


class ReturneeSymposium(models.Model):
    """返乡农民工座谈会: held by the township committees at Spring Festival."""

    organization = owned_by()
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=100, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("returnee symposium")
        verbose_name_plural = _("returnee symposiums")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "held_on"], name="symposium_natural_key")
        ]

    def __str__(self):
        return f"{self.organization} {self.held_on}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["symposiums", self.pk])
