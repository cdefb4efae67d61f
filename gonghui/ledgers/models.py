from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.fields import owned_by


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict(self, user)


class ImportJob(models.Model):
    """One uploaded ledger file: checked (dry run) first, then committed or rejected.

    The summary (errors, warnings, preview, diff, counts) is kept so the officer can leave the
    page while a large file runs in the background and come back to it.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked")
        IMPORTING = "importing", _("Importing")
        COMMITTED = "committed", _("Imported")
        REJECTED = "rejected", _("Rejected")
        FAILED = "failed", _("Failed")

    BUSY = {Status.CHECKING, Status.IMPORTING}

    kind = models.CharField(_("ledger kind"), max_length=50)
    organization = owned_by()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="ledgers/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CHECKING)
    skip_invalid = models.BooleanField(_("skip invalid rows"), default=False)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    rejected_file = models.FileField(_("rejected rows"), upload_to="ledgers/rejected/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        from .registry import get_kind

        try:
            kind = get_kind(self.kind)
        except KeyError:
            kind = self.kind
        return f"{kind} {self.filename}"

    def get_absolute_url(self):
        return reverse("ledgers:job-detail", args=[self.pk])

    @property
    def is_busy(self):
        return self.status in self.BUSY

    @property
    def percent(self):
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def can_commit(self):
        summary = self.summary or {}
        if self.status != self.Status.CHECKED or not summary.get("sheets") or not self.file:
            return False
        if summary.get("file_error"):
            return False
        return self.skip_invalid or not summary.get("errors")


S = ImportJob.Status
# The lifecycle of an import, as data: (from, to) → the name of the move. services.move_job is the
# one place that changes a job's status and refuses any other move.
JOB_MOVES = {
    (S.CHECKING, S.CHECKED): "checked",
    (S.CHECKING, S.FAILED): "fail",
    (S.CHECKED, S.CHECKING): "check_again",  # the officer corrected the column mapping
    (S.CHECKED, S.IMPORTING): "commit",
    (S.IMPORTING, S.COMMITTED): "committed",
    (S.IMPORTING, S.REJECTED): "rejected",
    (S.IMPORTING, S.FAILED): "fail",
    (S.FAILED, S.CHECKING): "check_again",  # interrupted: nothing was written, the file is still there
}
del S


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        # An export holds what its user may see (clear ID numbers, if asked for): it is theirs alone.
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return scoping.restrict(self, user).filter(user=user)


class ExportJob(models.Model):
    """A large export written by the background worker; the user follows its progress and downloads it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Writing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    export = models.CharField(_("export"), max_length=50)
    params = models.JSONField(_("filters"), default=dict, blank=True)
    purpose = models.CharField(_("purpose of clear ID numbers"), max_length=100, blank=True)
    organization = owned_by()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="+")  # fmt: skip
    title = models.CharField(_("title"), max_length=120)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger export")
        verbose_name_plural = _("ledger exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ledgers:export-job", args=[self.pk])

    @property
    def is_busy(self):
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def percent(self):
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))
