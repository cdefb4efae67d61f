"""The public notice (公开栏) of the payments a union means to make."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by
from gonghui.orgs.scoping import ScopedQuerySet


class PublicNotice(models.Model):
    """The 公开栏: who is to receive what, posted for at least five working days before approval."""

    MIN_WORKING_DAYS = 5

    organization = owned_by(_("posting union"))
    title = models.CharField(_("title"), max_length=120)
    posted_on = models.DateField(_("posted on"))
    ends_on = models.DateField(_("notice ends on"))
    place_posted = models.CharField(_("where posted"), max_length=120, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-posted_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gt=models.F("posted_on")),
                                              name="notice_ends_after_posting")]  # fmt: skip

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assistance:notice-detail", args=[self.pk])

    def earliest_approval(self):
        return self.ends_on + datetime.timedelta(days=1)
