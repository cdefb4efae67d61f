"""Greeting card mailings to out-migrant workers and their sponsors."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .. import querysets
from .common import MONEY


class GreetingMailing(models.Model):
    """贺年卡: greeting cards mailed to out-migrant workers, paid by sponsors."""

    title = models.CharField(_("title"), max_length=100)
    organization = owned_by()
    sent_on = models.DateField(_("sent on"))
    cards = models.PositiveIntegerField(_("cards"))
    cost = models.DecimalField(_("cost (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("greeting card mailing")
        verbose_name_plural = _("greeting card mailings")
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "sent_on", "title"], name="mailing_natural_key")
        ]

    def __str__(self):
        return self.title


class MailingSponsor(models.Model):
    mailing = models.ForeignKey(GreetingMailing, on_delete=models.CASCADE, related_name="sponsors")
    name = models.CharField(_("sponsor"), max_length=100)
    amount = models.DecimalField(_("share (yuan)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        verbose_name = _("sponsor of a greeting mailing")
        verbose_name_plural = _("sponsors of greeting mailings")
        ordering = ["-amount", "pk"]
        constraints = [models.UniqueConstraint(fields=["mailing", "name"], name="sponsor_once")]

    def __str__(self):
        return self.name
