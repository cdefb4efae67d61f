"""The four mechanisms (四项制度): joint meetings, half-year reviews, inspections (information
reports are forms of the periodic reports, in gonghui.reporting)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .. import querysets


class JointMeeting(models.Model):
    """联席会议制度."""

    organization = owned_by()
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=100)
    attendees = models.TextField(_("attendees"), help_text=_("One name and unit a line"))
    minutes = models.TextField(_("minutes"))

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "held_on", "title"], name="meeting_key")
        ]

    def __str__(self):
        return self.title

    @property
    def attendee_list(self):
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class HalfYearReview(models.Model):
    """半年调度制度."""

    organization = owned_by()
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half"), choices=[(1, _("First half")), (2, _("Second half"))])
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"))

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("half-year review")
        verbose_name_plural = _("half-year reviews")
        ordering = ["-year", "-half"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "half"], name="review_once")]

    def __str__(self):
        return f"{self.organization} {self.year}-{self.half}"


class Inspection(models.Model):
    """检查考评制度: a supervision team (督导组) led by a county leader visits townships."""

    organization = owned_by()
    year = models.PositiveSmallIntegerField(_("year"))
    team = models.CharField(_("team"), max_length=60)
    leader = models.CharField(_("team leader"), max_length=60)
    members = models.CharField(_("members"), max_length=200, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-year", "team"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "team"], name="inspection_key")
        ]

    def __str__(self):
        return f"{self.year} {self.team}"


class InspectionVisit(models.Model):
    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE,
                                   related_name="visits")  # fmt: skip
    # The township committee inspected; scoping goes through it, so a township sees its own.
    organization = owned_by(_("township committee"))
    visited_on = models.DateField(_("visited on"))
    findings = models.TextField(_("findings"), blank=True)
    score = models.DecimalField(
        _("score (of 100)"), max_digits=5, decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection visit")
        verbose_name_plural = _("inspection visits")
        ordering = ["organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "organization"], name="inspection_visit_once"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="inspection_score_range"),
        ]

    def __str__(self):
        return f"{self.inspection} {self.organization}"
