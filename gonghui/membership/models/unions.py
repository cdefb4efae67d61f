"""Union building (组织建设): founding, reorganisation, dissolution, legal person, terms, congresses."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .base import ScopedQuerySet


class UnionEventQuerySet(ScopedQuerySet):
    def founded(self):
        return self.filter(kind=UnionEvent.Kind.FOUNDED)

    def reorganised(self):
        return self.filter(kind=UnionEvent.Kind.REORGANISED)

    def dissolved(self):
        return self.filter(kind=UnionEvent.Kind.DISSOLVED)


class UnionEvent(models.Model):
    """A dated fact about a grassroots union: founded (新组建), reorganised (调整充实) or dissolved."""

    class Kind(models.TextChoices):
        FOUNDED = "founded", _("Founded")
        REORGANISED = "reorganised", _("Reorganised")
        DISSOLVED = "dissolved", _("Dissolved")

    class Form(models.TextChoices):
        SINGLE = "single", _("Single union")
        JOINT = "joint", _("Joint union")

    organization = owned_by(_("union"), related_name="union_events", db_index=False)
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    on = models.DateField(_("date"))
    # Founding: where, which form, who chairs, how many joined at the founding meeting.
    workplace = models.ForeignKey("orgs.Enterprise", verbose_name=_("workplace"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")  # fmt: skip
    area = models.ForeignKey("orgs.Place", verbose_name=_("area"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")  # fmt: skip
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, blank=True)
    chair = models.CharField(_("chair"), max_length=50, blank=True)
    members_at_founding = models.PositiveIntegerField(_("members at founding"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("What changed, or why."))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = UnionEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("union event")
        verbose_name_plural = _("union events")
        ordering = ["-on", "-pk"]
        constraints = [
            # A union is founded once and dissolved once; reorganised as often as needed.
            models.UniqueConstraint(
                fields=["organization"], condition=Q(kind="founded"), name="unionevent_one_founding"
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["organization"], condition=Q(kind="dissolved"), name="unionevent_one_dissolution"
            ),  # fmt: skip
        ]
        indexes = [
            models.Index(fields=["organization", "kind", "on"], name="unionevent_org_kind_on"),
            models.Index(fields=["kind", "on"], name="unionevent_kind_on"),
        ]

    def __str__(self):
        return f"{self.organization} {self.get_kind_display()} {self.on}"


class LegalRegistration(models.Model):
    """工会法人资格登记: a grassroots union's registration as a legal person."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        APPLIED = "applied", _("Applied")
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    organization = owned_by(_("union"), related_name="+", db_index=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREPARING)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal-person registration")
        verbose_name_plural = _("legal-person registrations")
        ordering = ["organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="legalregistration_one_per_union"),
            models.CheckConstraint(
                condition=~Q(status="registered")
                | (Q(registered_on__isnull=False) & ~Q(certificate_number="")),
                name="legalregistration_registered_has_certificate",
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.get_status_display()}"


class CommitteeTermQuerySet(ScopedQuerySet):
    def ending_within(self, today, days=90):
        """Terms running now that end within `days`: the re-election must be prepared."""
        return self.filter(ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=days))

    def overdue(self, today):
        """Terms already over with no later term of the same union: the re-election is overdue."""
        later = CommitteeTerm.objects.filter(organization=models.OuterRef("organization"),
                                             starts_on__gt=models.OuterRef("starts_on"))  # fmt: skip
        return self.filter(ends_on__lt=today).exclude(models.Exists(later))


class CommitteeTerm(models.Model):
    """A union committee's term of office (届), e.g. the 10th committee 2003-2008."""

    organization = owned_by(_("union"), related_name="+", db_index=False)
    number = models.PositiveSmallIntegerField(_("term number"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    objects = CommitteeTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["organization__path", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="committeeterm_unique_number"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="committeeterm_ends_after"
            ),
        ]
        indexes = [models.Index(fields=["organization", "ends_on"], name="committeeterm_org_ends")]

    def __str__(self):
        return f"{self.organization} {self.number}"


class Congress(models.Model):
    """换届 / 代表大会: the congress that ends a term and elects the next committee."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In preparation")
        HELD = "held", _("Held")

    organization = owned_by(_("union"), related_name="+")
    ends_term = models.ForeignKey(CommitteeTerm, verbose_name=_("term it ends"), on_delete=models.PROTECT,
                                  related_name="congresses")  # fmt: skip
    title = models.CharField(_("title"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREPARING)
    preparation_from = models.DateField(_("preparation from"))
    delegates = models.PositiveIntegerField(_("delegates"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    committee_elected = models.TextField(_("committee elected"), blank=True)
    elected_term = models.OneToOneField(CommitteeTerm, verbose_name=_("term elected"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="elected_by")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["-preparation_from"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_on__isnull=False), name="congress_held_has_date"
            ),  # fmt: skip
        ]

    def __str__(self):
        return self.title
