"""Events organised or attended, honours, and workers' home ratings."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .base import ScopedQuerySet


class Event(models.Model):
    """A sport, skills contest, cultural event or campaign the union organised, co-organised or attended."""

    class Kind(models.TextChoices):
        SPORT = "sport", _("Sport")
        SKILLS = "skills", _("Skills contest")
        CULTURE = "culture", _("Culture")
        CAMPAIGN = "campaign", _("Campaign")

    class Role(models.TextChoices):
        ORGANISED = "organised", _("Organised")
        CO_ORGANISED = "co_organised", _("Co-organised")
        HOSTED = "hosted", _("Hosted for others")
        ATTENDED = "attended", _("Sent a team")

    organization = owned_by(_("union"), related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("our part"), max_length=14, choices=Role.choices)
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    organisers = models.CharField(_("organisers"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    results = models.TextField(_("results"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title


class Honour(models.Model):
    """An honour: an advanced woman worker, a workers' pioneer post, a model worker's action."""

    class Kind(models.TextChoices):
        ADVANCED_WOMAN = "advanced_woman", _("Advanced woman worker")
        PIONEER_POST = "pioneer_post", _("Workers' pioneer post")
        MODEL_WORKER_ACTION = "model_action", _("Model workers in action for the new countryside")
        OTHER = "other", _("Other honour")

    organization = owned_by(_("union"), related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    team = models.CharField(_("team or post"), max_length=120, blank=True)
    awarded_on = models.DateField(_("awarded on"))
    awarded_by = models.CharField(_("awarded by"), max_length=100)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-awarded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(team=""), name="honour_names_someone",
                violation_error_message=_("Name the person or the team honoured."),
            ),
        ]
        indexes = [models.Index(fields=["organization", "person"], name="honour_org_person")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.person or self.team}"


class HomeRating(models.Model):
    """职工之家 rating of a union: qualified, excellent, or model small home, by a rating body."""

    class Rating(models.TextChoices):
        QUALIFIED = "qualified", _("Qualified workers' home")
        EXCELLENT = "excellent", _("Excellent workers' home")
        MODEL_SMALL = "model_small", _("Model small workers' home")

    organization = owned_by(_("union"), related_name="+")
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    rated_on = models.DateField(_("rated on"))
    rated_by = models.CharField(_("rating body"), max_length=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("workers' home rating")
        verbose_name_plural = _("workers' home ratings")
        ordering = ["-rated_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["organization", "rating", "rated_on"],
                                               name="homerating_once")]  # fmt: skip

    def __str__(self):
        return f"{self.organization} {self.get_rating_display()}"
