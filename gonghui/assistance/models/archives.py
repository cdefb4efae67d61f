"""Hardship archives per household (以户建档): members, status changes, monthly incomes, re-checks."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import MONEY, owned_by
from gonghui.orgs.models import Enterprise
from gonghui.orgs.scoping import ScopedQuerySet
from gonghui.people.models import Person

from .. import crypto
from .lists import EligibilityLine, HardshipCause
from .payments import Payment, PaymentStatus


class ArchiveStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ARCHIVED = "archived", _("Archived")
    LIFTED_OUT = "lifted_out", _("Lifted out of hardship")
    SAFETY_NET = "safety_net", _("Moved to the government safety net")
    CANCELLED = "cancelled", _("Cancelled")


# The archive lifecycle as data: (from, to) → the move's name. Anything else is refused by
# services.move_archive. Going back to "archived" from a closed state is "back in hardship".
ARCHIVE_MOVES = {
    (ArchiveStatus.APPLIED, ArchiveStatus.ARCHIVED): "archive",
    (ArchiveStatus.APPLIED, ArchiveStatus.CANCELLED): "reject",
    (ArchiveStatus.ARCHIVED, ArchiveStatus.LIFTED_OUT): "lift_out",
    (ArchiveStatus.ARCHIVED, ArchiveStatus.SAFETY_NET): "move_to_safety_net",
    (ArchiveStatus.ARCHIVED, ArchiveStatus.CANCELLED): "cancel",
    (ArchiveStatus.LIFTED_OUT, ArchiveStatus.ARCHIVED): "back_in_hardship",
    (ArchiveStatus.SAFETY_NET, ArchiveStatus.ARCHIVED): "back_in_hardship",
    (ArchiveStatus.CANCELLED, ArchiveStatus.ARCHIVED): "back_in_hardship",
}
OPEN_ARCHIVE_STATUSES = [ArchiveStatus.APPLIED, ArchiveStatus.ARCHIVED]


class HardshipArchiveQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status=ArchiveStatus.ARCHIVED)

    def stale(self, today):
        # Untouched for a year: the household's situation is unverified (一年未改).
        return self.filter(
            status__in=OPEN_ARCHIVE_STATUSES, last_updated_on__lt=today - datetime.timedelta(days=365)
        )

    def never_assisted(self):
        # 未帮扶过: archived households with no paid payment at all.
        paid = Payment.objects.filter(archive=models.OuterRef("pk"), status=PaymentStatus.PAID)
        return self.filter(status=ArchiveStatus.ARCHIVED).exclude(models.Exists(paid))

    def search(self, text="", *, status=""):
        rows = self
        text = (text or "").strip()
        if text:
            rows = rows.filter(Q(code__icontains=text) | Q(head__in=Person.objects.search(text)))
        if status in ArchiveStatus.values:
            rows = rows.filter(status=status)
        return rows


class HardshipArchive(models.Model):
    """One household in hardship: the head plus family members, each a Person (以户建档)."""

    class Category(models.TextChoices):
        DEEP = "deep", _("Deep hardship")
        RELATIVE = "relative", _("Relative hardship")
        ACCIDENT = "accident", _("Hardship by accident")

    class Employment(models.TextChoices):
        EMPLOYED = "employed", _("In post")
        LAID_OFF = "laid_off", _("Laid off")
        UNEMPLOYED = "unemployed", _("Unemployed")
        RETIRED = "retired", _("Retired")
        SICK_LEAVE = "sick_leave", _("On sick leave")
        EARLY_RETIRED = "early_retired", _("Internally retired")
        MIGRANT = "migrant", _("Migrant worker")

    class ModelWorkerLevel(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        CITY = "city", _("City")
        COUNTY = "county", _("County")

    class Standard(models.TextChoices):
        NATIONAL = "national", _("National standard")
        PROVINCIAL = "provincial", _("Provincial standard")
        CITY = "city", _("City standard")
        COUNTY = "county", _("County standard")

    class Housing(models.TextChoices):
        OWN = "own", _("Own home")
        RENTED = "rented", _("Rented")
        PUBLIC = "public", _("Public or low-rent housing")
        DANGEROUS = "dangerous", _("Dilapidated housing")
        NONE = "none", _("No housing")

    class Insurance(models.TextChoices):
        EMPLOYEE = "employee", _("Urban employee medical insurance")
        RESIDENT = "resident", _("Urban resident medical insurance")
        RURAL = "rural", _("New rural cooperative medical scheme")
        NONE = "none", _("None")

    organization = owned_by(_("filing union"))
    code = models.CharField(_("archive number"), max_length=30, unique=True)
    head = models.ForeignKey(
        Person,
        verbose_name=_("head of household"),
        on_delete=models.PROTECT,
        related_name="hardship_archives",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    is_extreme = models.BooleanField(_("extreme hardship"), default=False)
    main_cause = models.ForeignKey(
        HardshipCause, verbose_name=_("main cause"), on_delete=models.PROTECT, related_name="+"
    )
    secondary_causes = models.ManyToManyField(
        HardshipCause, verbose_name=_("secondary causes"), blank=True, related_name="+"
    )
    disability_kind = models.CharField(_("disability kind"), max_length=30, blank=True)
    disability_grade = models.CharField(_("disability grade"), max_length=10, blank=True)
    employment = models.CharField(_("employment status"), max_length=20, choices=Employment.choices)
    model_worker_level = models.CharField(
        _("model-worker level"), max_length=20, choices=ModelWorkerLevel.choices, blank=True
    )
    employer = models.ForeignKey(
        Enterprise,
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    employer_name = models.CharField(_("employer name"), max_length=120, blank=True)
    employer_type = models.CharField(
        _("employer type"), max_length=20, choices=Enterprise.Ownership.choices, blank=True
    )
    household_size = models.PositiveSmallIntegerField(_("household size"), validators=[MinValueValidator(1)])
    monthly_income_per_head = models.DecimalField(_("monthly income per head"), **MONEY)
    housing = models.CharField(_("housing"), max_length=20, choices=Housing.choices, blank=True)
    medical_insurance = models.CharField(
        _("medical insurance"), max_length=20, choices=Insurance.choices, blank=True
    )
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account_cipher = models.TextField(blank=True, editable=False)
    bank_account_masked = models.CharField(_("bank account"), max_length=40, blank=True, editable=False)
    standard = models.CharField(_("filing standard"), max_length=20, choices=Standard.choices)
    opinion_grassroots = models.TextField(_("grassroots union's opinion"), blank=True)
    opinion_committee = models.TextField(_("committee's opinion"), blank=True)
    opinion_county = models.TextField(_("county federation's opinion"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ArchiveStatus.choices, default=ArchiveStatus.APPLIED
    )
    status_since = models.DateField(_("status since"))
    applied_on = models.DateField(_("applied on"))
    last_updated_on = models.DateField(_("last updated on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    objects = HardshipArchiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("hardship archive")
        verbose_name_plural = _("hardship archives")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(household_size__gte=1), name="archive_household_size_positive"
            ),
            models.CheckConstraint(
                condition=Q(monthly_income_per_head__gte=0), name="archive_income_not_negative"
            ),
        ]
        # (organization, head) serves the people scoping rule's "records in this subtree" subquery.
        indexes = [
            models.Index(fields=["status", "last_updated_on"]),
            models.Index(fields=["organization", "head"]),
        ]

    def __str__(self):
        return f"{self.code} {self.head.name}"

    def get_absolute_url(self):
        return reverse("assistance:archive-detail", args=[self.pk])

    def set_bank_account(self, value):
        number = crypto.normalize_account(value)
        self.bank_account_cipher = crypto.encrypt(number, label="bank") if number else ""
        self.bank_account_masked = crypto.mask_account(number)

    def clear_bank_account(self):
        """The account in clear; only services.reveal_bank_account (role check + log) calls this."""
        return crypto.decrypt(self.bank_account_cipher, label="bank") if self.bank_account_cipher else ""

    @property
    def is_open(self):
        return self.status in OPEN_ARCHIVE_STATUSES

    def is_stale(self, today):
        return self.is_open and self.last_updated_on < today - datetime.timedelta(days=365)

    def allowed_moves(self):
        return [(to, name) for (frm, to), name in ARCHIVE_MOVES.items() if frm == self.status]

    def eligibility_line(self, year):
        place = self.head.village or self.head.township
        return EligibilityLine.objects.for_place(place, year) if place else None


class HouseholdMember(models.Model):
    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        OTHER = "other", _("Other relative")

    archive = models.ForeignKey(HardshipArchive, verbose_name=_("archive"), on_delete=models.CASCADE,
                                related_name="members")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(_("relation to the head"), max_length=20, choices=Relation.choices)
    school = models.CharField(_("school (if a student)"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["archive", "pk"]
        constraints = [models.UniqueConstraint(fields=["archive", "person"], name="member_once_per_archive")]

    def __str__(self):
        return f"{self.person} ({self.get_relation_display()})"


class ArchiveTransition(models.Model):
    """One dated move of the lifecycle, with its reason."""

    class CancelReason(models.TextChoices):
        RETIRED = "retired", _("Retired")
        MOVED = "moved", _("Moved away")
        DIED = "died", _("Died")
        RESCREENED = "rescreened", _("Not eligible on re-screening")

    archive = models.ForeignKey(HardshipArchive, verbose_name=_("archive"), on_delete=models.CASCADE,
                                related_name="transitions")  # fmt: skip
    from_status = models.CharField(_("from"), max_length=20, choices=ArchiveStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ArchiveStatus.choices)
    on = models.DateField(_("date"))
    reason = models.TextField(_("reason"))
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=20, choices=CancelReason.choices,
                                     blank=True)  # fmt: skip
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("archive status change")
        verbose_name_plural = _("archive status changes")
        ordering = ["archive", "on", "pk"]

    def __str__(self):
        return f"{self.archive_id}: {self.from_status} → {self.to_status} {self.on}"


class IncomeRecord(models.Model):
    """One month's income per head of a household, as observed (wage slip, home visit, statement).

    脱困 needs the income above the local minimum for six months in a row, so the months are
    kept, not only the latest figure on the archive.
    """

    archive = models.ForeignKey(HardshipArchive, verbose_name=_("archive"), on_delete=models.CASCADE,
                                related_name="incomes")  # fmt: skip
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    income_per_head = models.DecimalField(_("monthly income per head"), **MONEY)
    source = models.CharField(_("source"), max_length=80, blank=True,
                              help_text=_("Wage slip, home visit, village statement, ..."))  # fmt: skip
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("monthly income")
        verbose_name_plural = _("monthly incomes")
        ordering = ["archive", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["archive", "month"], name="income_once_a_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="income_month_first_day"),
            models.CheckConstraint(condition=Q(income_per_head__gte=0), name="income_not_negative"),
        ]

    def __str__(self):
        return f"{self.archive_id} {self.month:%Y-%m}: {self.income_per_head}"


class ArchiveCheck(models.Model):
    """The yearly re-check of one archive; a random ≥30% sample must be visited in person."""

    archive = models.ForeignKey(HardshipArchive, verbose_name=_("archive"), on_delete=models.CASCADE,
                                related_name="checks")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    must_visit = models.BooleanField(_("drawn for a home visit"), default=False)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    visited = models.BooleanField(_("visited in person"), default=False)
    still_eligible = models.BooleanField(_("still eligible"), null=True, blank=True)
    finding = models.TextField(_("finding"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("checked by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("yearly re-check")
        verbose_name_plural = _("yearly re-checks")
        ordering = ["-year", "archive"]
        constraints = [models.UniqueConstraint(fields=["archive", "year"], name="archive_check_once_a_year")]

    def __str__(self):
        return f"{self.archive_id} {self.year}"

    @property
    def is_done(self):
        return self.checked_on is not None
