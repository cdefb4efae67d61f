"""Documents issued, meetings (the plenary and the committees' follow-ups), leaders' assignments."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .base import ScopedQuerySet


class DocumentVolume(models.Model):
    """A compiled volume of documents (文件汇编), handed out at the plenary."""

    organization = owned_by(_("compiled by"), related_name="+")
    title = models.CharField(_("title"), max_length=120)
    compiled_on = models.DateField(_("compiled on"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document volume")
        verbose_name_plural = _("document volumes")
        ordering = ["-compiled_on"]

    def __str__(self):
        return self.title


class Document(models.Model):
    """An issued document, numbered like 县工发〔2008〕3号."""

    organization = owned_by(_("issued by"), related_name="+", db_index=False)
    number = models.CharField(_("document number"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    recipients = models.CharField(_("recipients"), max_length=200, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="documents/%Y/", blank=True)
    volume = models.ForeignKey(DocumentVolume, verbose_name=_("compiled in"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="documents")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], condition=~Q(number=""), name="document_unique_number"
            ),  # fmt: skip
        ]
        indexes = [models.Index(fields=["organization", "issued_on"], name="document_org_issued")]

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class Meeting(models.Model):
    """The plenary (全委会) with its report and resolutions, and each committee's follow-up after it."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        FOLLOW_UP = "follow_up", _("Follow-up meeting")
        OTHER = "other", _("Other meeting")

    organization = owned_by(_("held by"), related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    report = models.TextField(_("report"), blank=True)
    resolutions = models.TextField(_("resolutions"), blank=True)
    follows = models.ForeignKey("self", verbose_name=_("follows the plenary"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="follow_ups")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="follow_up") | Q(follows__isnull=False),
                name="meeting_follow_up_names_plenary",
            ),  # fmt: skip
        ]

    def __str__(self):
        return self.title


class Assignment(models.Model):
    """挂帮: a county leader or office assigned to help a township, with the task."""

    organization = owned_by(_("assigned by"), related_name="+")
    township = models.ForeignKey("orgs.Place", verbose_name=_("township"), on_delete=models.PROTECT,
                                 related_name="+")  # fmt: skip
    assignee = models.CharField(_("leader or office"), max_length=100)
    task = models.CharField(_("task"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment to a township")
        verbose_name_plural = _("assignments to townships")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.assignee} → {self.township}"


class AssignmentVisit(models.Model):
    organization = owned_by(_("assigned by"), related_name="+")
    assignment = models.ForeignKey(Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE,
                                   related_name="visits")  # fmt: skip
    visited_on = models.DateField(_("visited on"))
    note = models.CharField(_("what was done"), max_length=200)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment visit")
        verbose_name_plural = _("assignment visits")
        ordering = ["-visited_on"]

    def __str__(self):
        return f"{self.assignment} {self.visited_on}"
