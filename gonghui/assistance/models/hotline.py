"""The rights hotline: each call, and the case it may open."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by
from gonghui.orgs.scoping import ScopedQuerySet
from gonghui.people.models import Person


class HotlineCall(models.Model):
    class Topic(models.TextChoices):
        WAGES = "wages", _("Wages owed")
        INJURY = "injury", _("Work injury")
        CONTRACT = "contract", _("Labour contract")
        INSURANCE = "insurance", _("Social insurance")
        HARDSHIP = "hardship", _("Hardship assistance")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        ADVISED = "advised", _("Advice given")
        REFERRED = "referred", _("Referred elsewhere")
        CASE_OPENED = "case_opened", _("Case opened")
        PENDING = "pending", _("Call back pending")

    organization = owned_by(_("union"))
    called_at = models.DateTimeField(_("time of call"))
    caller_name = models.CharField(_("caller"), max_length=50)
    caller_phone = models.CharField(_("caller's phone"), max_length=30, blank=True)
    person = models.ForeignKey(Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")  # fmt: skip
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    summary = models.TextField(_("what was said"))
    answered_by = models.CharField(_("answered by"), max_length=50)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.ADVISED)
    case = models.OneToOneField("RightsCase", verbose_name=_("case"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="hotline_call")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hotline call")
        verbose_name_plural = _("hotline calls")
        ordering = ["-called_at"]

    def __str__(self):
        return f"{self.caller_name} {self.called_at:%Y-%m-%d}"
