"""Hardship archives, assistance programmes and payments, hotline, rights cases, model workers.

Seed section 二.1: archives per household (以户建档), payments through programmes with a public
notice (公开栏), legal aid and a rights hotline, and the model-worker registry.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.fields import MONEY, owned_by
from gonghui.orgs.models import Enterprise, Place
from gonghui.people.models import Person

from . import crypto


class Holiday(models.Model):
    """A public holiday, or a weekend day made a working day (调休), as the State Council announces them.

    Data, not code: each year's arrangement is published late in the year before.
    """

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=40)
    is_workday = models.BooleanField(
        _("make-up working day"), default=False,
        help_text=_("A weekend day worked in exchange for a longer holiday."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("public holiday or make-up working day")
        verbose_name_plural = _("public holidays and make-up working days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}"


# The working-day calendar that reads this table: gonghui/core/calendar.py.


ScopedQuerySet = scoping.ScopedQuerySet  # one definition, in the scoping module


# Configurable lists ---------------------------------------------------------------------------


class HardshipCause(models.Model):
    """因病, 因残, 因灾, ...: a list the county keeps as data, not code."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=40)
    needs_disability = models.BooleanField(_("needs disability kind and grade"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cause of hardship")
        verbose_name_plural = _("causes of hardship")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assistance:cause-list")


class EligibilityLineQuerySet(models.QuerySet):
    def visible_to(self, user):
        # A line belongs to its place; the place to the union answerable for it.
        return scoping.restrict(self, user, via="place__organization")

    def for_place(self, place, year):
        """The line of the nearest place upwards (village → township → county) for the year."""
        while place is not None:
            line = self.filter(place=place, year=year).first()
            if line is not None:
                return line
            place = place.parent
        return None


class EligibilityLine(models.Model):
    """The local minimum income per head for a year and place (低保线), and the household cap."""

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    monthly_income_per_head = models.DecimalField(_("minimum monthly income per head"), **MONEY)
    household_year_cap = models.DecimalField(
        _("most one household may receive in a year"), null=True, blank=True, **MONEY
    )

    objects = EligibilityLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("eligibility line")
        verbose_name_plural = _("eligibility lines")
        ordering = ["-year", "place"]
        constraints = [models.UniqueConstraint(fields=["place", "year"], name="eligibility_line_unique")]

    def __str__(self):
        return f"{self.place} {self.year}: {self.monthly_income_per_head}"

    def get_absolute_url(self):
        return reverse("assistance:line-list") + f"?year={self.year}"


# Hardship archives ------------------------------------------------------------------------------


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


# Programmes and payments --------------------------------------------------------------------------


class ProgrammeQuerySet(ScopedQuerySet):
    def open_to(self, org):
        """Programmes an organisation may pay from: its own and those set by the levels above it."""
        return self.applying_to(org)

    def in_year(self, year):
        return self.filter(year=year)


class Programme(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY_WARMTH = "holiday_warmth", _("Holiday warmth visits")
        STUDENT_AID = "student_aid", _("Autumn student aid")
        MODEL_WORKER = "model_worker", _("Subsidy for model workers in hardship")
        LIVING_AID = "living_aid", _("Living aid")
        MEDICAL_AID = "medical_aid", _("Medical aid")
        SKILLS_TRAINING = "skills_training", _("Skills training")
        JOB_REFERRAL = "job_referral", _("Job referral")
        LEGAL_AID = "legal_aid", _("Legal aid")
        OTHER = "other", _("Other programme")

    class Festival(models.TextChoices):
        NEW_YEAR = "new_year", _("New Year")
        SPRING_FESTIVAL = "spring_festival", _("Spring Festival")

    organization = owned_by(_("set by"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=80)
    festival = models.CharField(_("festival"), max_length=20, choices=Festival.choices, blank=True)
    per_payment_cap = models.DecimalField(_("cap per payment"), null=True, blank=True, **MONEY)
    per_person_year_cap = models.DecimalField(_("cap per person per year"), null=True, blank=True, **MONEY)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("assistance programme")
        verbose_name_plural = _("assistance programmes")
        ordering = ["-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "name"], name="programme_unique_name"),
            models.CheckConstraint(
                condition=Q(festival="") | Q(kind="holiday_warmth"), name="programme_festival_only_for_visits"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.name}"


class PaymentStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    REVIEWED = "reviewed", _("Reviewed")
    NOTICED = "noticed", _("On public notice")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REFUSED = "refused", _("Refused")


# Apply → review → public notice → approve → pay, as data. Posting a notice is its own service
# (it needs the notice), so REVIEWED → NOTICED is listed but reached only through post_notice.
PAYMENT_MOVES = {
    (PaymentStatus.APPLIED, PaymentStatus.REVIEWED): "review",
    (PaymentStatus.REVIEWED, PaymentStatus.NOTICED): "post_notice",
    (PaymentStatus.NOTICED, PaymentStatus.APPROVED): "approve",
    (PaymentStatus.APPROVED, PaymentStatus.PAID): "pay",
    (PaymentStatus.APPLIED, PaymentStatus.REFUSED): "refuse",
    (PaymentStatus.REVIEWED, PaymentStatus.REFUSED): "refuse",
    (PaymentStatus.NOTICED, PaymentStatus.REFUSED): "refuse",
}


class BeneficiaryKind(models.TextChoices):
    HARDSHIP_WORKER = "hardship_worker", _("Hardship worker")
    MIGRANT_WORKER = "migrant_worker", _("Migrant worker")
    MODEL_WORKER = "model_worker", _("Model worker")
    CHILD = "child", _("Child of a hardship worker")


class FundSource(models.TextChoices):
    HIGHER_UNION = "higher_union", _("Higher-level union")
    OWN_FUNDS = "own_funds", _("Own funds")
    GOVERNMENT = "government", _("Government")
    DONATIONS = "donations", _("Donations")
    EMPLOYER = "employer", _("Employer")


class PaymentQuerySet(ScopedQuerySet):
    def paid(self):
        return self.filter(status=PaymentStatus.PAID)

    def counting(self):
        """Payments that count against caps: everything not refused (reversals net them out)."""
        return self.exclude(status=PaymentStatus.REFUSED)

    def paid_between(self, start, end):
        return self.paid().filter(paid_on__gte=start, paid_on__lte=end)

    def in_year(self, year):
        # A payment belongs to the year it was paid in, or applied in while not yet paid.
        return self.filter(Q(paid_on__year=year) | Q(paid_on__isnull=True, applied_on__year=year))

    def total(self):
        return self.aggregate(n=Sum("amount"))["n"] or Decimal("0")

    def person_times(self):
        """Each paid payment is one person-time; a reversal takes its payment's person-time back."""
        counts = self.aggregate(
            given=Count("pk", filter=Q(reverses__isnull=True)),
            taken=Count("pk", filter=Q(reverses__isnull=False)),
        )
        return counts["given"] - counts["taken"]

    def totals_by(self, field):
        """[(key, amount, person-times)] grouped by one field, largest amount first."""
        rows = (
            self.values(field)
            .annotate(
                amount=Sum("amount"),
                given=Count("pk", filter=Q(reverses__isnull=True)),
                taken=Count("pk", filter=Q(reverses__isnull=False)),
            )
            .order_by("-amount", field)
        )
        return [(r[field], r["amount"] or Decimal("0"), r["given"] - r["taken"]) for r in rows]


class Payment(models.Model):
    organization = owned_by(_("paying union"))
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.PROTECT,
                                  related_name="payments")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("beneficiary"), on_delete=models.PROTECT,
                               related_name="assistance_payments")  # fmt: skip
    # The household: autumn student aid is archived on the parent and paid for the child.
    archive = models.ForeignKey(HardshipArchive, verbose_name=_("household archive"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="payments")  # fmt: skip
    beneficiary_kind = models.CharField(_("beneficiary kind"), max_length=20, choices=BeneficiaryKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    fund_source = models.CharField(_("fund source"), max_length=20, choices=FundSource.choices)
    status = models.CharField(_("status"), max_length=20, choices=PaymentStatus.choices,
                              default=PaymentStatus.APPLIED)  # fmt: skip
    applied_on = models.DateField(_("applied on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    notice = models.ForeignKey("PublicNotice", verbose_name=_("public notice"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="payments")  # fmt: skip
    note = models.CharField(_("note"), max_length=200, blank=True)
    # A paid and noticed payment is never edited: it is reversed by a new entry that points at it.
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversal")  # fmt: skip
    reversal_reason = models.TextField(_("reason for the reversal"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assistance payment")
        verbose_name_plural = _("assistance payments")
        ordering = ["-applied_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount__gt=0) | Q(reverses__isnull=False, amount__lt=0),
                name="payment_positive_unless_reversal",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False), name="payment_paid_has_date"
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reversal_reason=""),
                name="payment_reversal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "paid_on"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["organization", "person"]),
        ]

    def __str__(self):
        return f"{self.person} {self.amount} {self.programme}"

    def get_absolute_url(self):
        return reverse("assistance:payment-detail", args=[self.pk])

    @property
    def is_reversal(self):
        return self.reverses_id is not None

    @property
    def is_locked(self):
        # Paid and publicly noticed: the record is evidence and is never edited.
        return self.status == PaymentStatus.PAID and (self.notice_id is not None or self.is_reversal)

    def allowed_moves(self):
        return [
            (to, name)
            for (frm, to), name in PAYMENT_MOVES.items()
            if frm == self.status and name != "post_notice"
        ]


class PaymentStep(models.Model):
    """The dated approval trail of a payment."""

    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("step"), max_length=20, choices=PaymentStatus.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("payment step")
        verbose_name_plural = _("payment steps")
        ordering = ["payment", "on", "pk"]

    def __str__(self):
        return f"{self.payment_id} {self.status} {self.on}"


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


# Hotline and rights cases ------------------------------------------------------------------------


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


# Model workers -----------------------------------------------------------------------------------


class ModelWorkerQuerySet(ScopedQuerySet):
    def in_hardship(self):
        return self.filter(in_hardship=True)


class ModelWorker(models.Model):
    class Situation(models.TextChoices):
        WORKING = "working", _("Working")
        RETIRED = "retired", _("Retired")
        LAID_OFF = "laid_off", _("Laid off")
        FARMING = "farming", _("Farming")
        DECEASED = "deceased", _("Deceased")

    organization = owned_by(_("union"))
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=20, choices=HardshipArchive.ModelWorkerLevel.choices)
    honour = models.CharField(_("honour"), max_length=80)
    year_honoured = models.PositiveSmallIntegerField(_("year honoured"))
    situation = models.CharField(_("current situation"), max_length=20, choices=Situation.choices)
    in_hardship = models.BooleanField(_("in hardship"), default=False)
    in_countryside_survey = models.BooleanField(
        _("in the survey of model workers in action for the new countryside"), default=False
    )
    note = models.TextField(_("outstanding deeds"), blank=True)

    objects = ModelWorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("model worker")
        verbose_name_plural = _("model workers")
        ordering = ["level", "-year_honoured", "pk"]
        indexes = [models.Index(fields=["organization", "person"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "level", "year_honoured"], name="model_worker_once")
        ]

    def __str__(self):
        return f"{self.person} {self.get_level_display()} {self.year_honoured}"

    def get_absolute_url(self):
        return reverse("assistance:modelworker-list") + f"?q={self.person.name}"
