"""Assistance programmes and payments: apply → review → public notice → approve → pay."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import MONEY, owned_by
from gonghui.orgs.scoping import ScopedQuerySet
from gonghui.people.models import Person


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
    archive = models.ForeignKey("HardshipArchive", verbose_name=_("household archive"), null=True, blank=True,
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
