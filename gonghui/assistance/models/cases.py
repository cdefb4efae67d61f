"""Rights cases (legal aid): the people in them, their steps and documents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import MONEY, owned_by
from gonghui.orgs.models import Enterprise
from gonghui.orgs.scoping import ScopedQuerySet
from gonghui.people.models import Person


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    MEDIATING = "mediating", _("Mediation")
    ARBITRATION = "arbitration", _("Arbitration")
    LITIGATION = "litigation", _("Litigation")
    CLOSED_WON = "closed_won", _("Closed: won")
    CLOSED_LOST = "closed_lost", _("Closed: lost")
    WITHDRAWN = "withdrawn", _("Closed: withdrawn")


CLOSED_CASE_STATUSES = [CaseStatus.CLOSED_WON, CaseStatus.CLOSED_LOST, CaseStatus.WITHDRAWN]
_OPEN_CASE_ORDER = [CaseStatus.RECEIVED, CaseStatus.ACCEPTED, CaseStatus.MEDIATING, CaseStatus.ARBITRATION,
                    CaseStatus.LITIGATION]  # fmt: skip
# A case moves forward (it may skip a stage: not every case goes to arbitration) or closes; a
# closed case does not reopen: a new case is opened instead.
CASE_MOVES = {
    (frm, to)
    for i, frm in enumerate(_OPEN_CASE_ORDER)
    for to in _OPEN_CASE_ORDER[i + 1 :] + CLOSED_CASE_STATUSES
}


class RightsCaseQuerySet(ScopedQuerySet):
    def received_between(self, start, end):
        return self.filter(received_on__gte=start, received_on__lte=end)

    def with_migrant_worker(self):
        return self.filter(pk__in=CasePerson.objects.filter(is_migrant_worker=True).values("case"))


class RightsCase(models.Model):
    class Kind(models.TextChoices):
        WAGES = "wages", _("Wages owed")
        INJURY = "injury", _("Work injury")
        DEATH = "death", _("Death compensation")
        CONTRACT = "contract", _("Labour contract")
        INSURANCE = "insurance", _("Social insurance")
        OTHER = "other", _("Other")

    organization = owned_by(_("assigned union"))
    code = models.CharField(_("case number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    is_legal_aid = models.BooleanField(_("legal aid"), default=False)
    opposing_party = models.CharField(_("opposing party"), max_length=120, blank=True)
    employer = models.ForeignKey(Enterprise, verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    amount_claimed = models.DecimalField(_("amount claimed"), default=0, **MONEY)
    amount_recovered = models.DecimalField(_("amount recovered"), default=0, **MONEY)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("officer"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    officer_name = models.CharField(_("officer's name"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = RightsCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("rights case")
        verbose_name_plural = _("rights cases")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_claimed__gte=0) & Q(amount_recovered__gte=0),
                name="case_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("assistance:case-detail", args=[self.pk])

    @property
    def is_closed(self):
        return self.status in CLOSED_CASE_STATUSES

    def allowed_moves(self):
        return [to for (frm, to) in sorted(CASE_MOVES) if frm == self.status]


class CasePerson(models.Model):
    class Role(models.TextChoices):
        CLAIMANT = "claimant", _("Claimant")
        DECEASED = "deceased", _("Deceased worker")
        RELATIVE = "relative", _("Relative")

    case = models.ForeignKey(
        RightsCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="people"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role in the case"), max_length=20, choices=Role.choices, default=Role.CLAIMANT)
    is_migrant_worker = models.BooleanField(_("migrant worker"), default=False)

    class Meta:
        verbose_name = _("person in a case")
        verbose_name_plural = _("people in cases")
        ordering = ["case", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="case_person_once")]

    def __str__(self):
        return f"{self.case_id} {self.person}"


class CaseStep(models.Model):
    case = models.ForeignKey(
        RightsCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("step"), max_length=20, choices=CaseStatus.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["case", "on", "pk"]

    def __str__(self):
        return f"{self.case_id} {self.status} {self.on}"


class CaseDocument(models.Model):
    case = models.ForeignKey(RightsCase, verbose_name=_("case"), on_delete=models.CASCADE,
                             related_name="documents")  # fmt: skip
    title = models.CharField(_("title"), max_length=120)
    file = models.FileField(_("file"), upload_to="cases/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["case", "uploaded_at"]

    def __str__(self):
        return self.title
