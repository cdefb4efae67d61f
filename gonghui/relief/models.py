"""Disaster relief: donation drives, gifts, gap-free receipts, hand-overs (seed section 二.2).

A campaign (募捐活动) is run by one union, jointly with others, on an appeal (倡议书); the
unions asked to mobilise collect gifts at events (the launch ceremony, market-day drives, door-to-
door rounds). Every cash gift gets a receipt numbered in a sequence per campaign and collecting
union with no gaps; a printed receipt is voided with a reason, never edited. Collected money is
handed over upwards; reconciliation says what each union collected, handed over and still holds.

Relief payments to affected workers are assistance payments (apply → review → notice → approve →
pay) of the campaign's relief programme: they are counted under the campaign, never copied here.

"Through the unions" (the seed's 工会组织、工会会员、企事业单位和职工) is derived from the record,
never typed: see ``through_unions``.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.fields import MONEY, owned_by
from gonghui.orgs.models import Enterprise, Organization
from gonghui.people.models import Person

ANONYMOUS = "热心人士"  # data: how the county writes an anonymous donor on lists and screens


ScopedQuerySet = scoping.ScopedQuerySet  # one definition, in the scoping module


# Campaigns ------------------------------------------------------------------------------------------


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Campaigns run in the user's subtree, and those of the unions above that it collects for.

        A township's union takes part in the county's drive: it sees the campaign (and its own
        subtree's gifts, never another township's).
        """
        return scoping.applying_or_visible(self, user)


class Campaign(models.Model):
    class Cause(models.TextChoices):
        ICE_STORM = "ice_storm", _("Ice storm")
        EARTHQUAKE = "earthquake", _("Earthquake")
        FLOOD = "flood", _("Flood")
        DROUGHT = "drought", _("Drought")
        FIRE = "fire", _("Fire")
        OTHER = "other", _("Other disaster")

    organization = owned_by(_("organising union"))
    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("receipt prefix"), max_length=20, unique=True,
                            help_text=_("Short letters and digits printed before every receipt number."))  # fmt: skip
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    joint_organisers = models.CharField(
        _("joint organisers"), max_length=300, blank=True,
        help_text=_("The bodies that ran it jointly, separated by 、 (e.g. 县直属工委、县民政局、县红十字会)."),
    )  # fmt: skip
    appeal_title = models.CharField(_("appeal title"), max_length=200, blank=True)
    appeal_issued_on = models.DateField(_("appeal issued on"), null=True, blank=True)
    appeal_text = models.TextField(_("appeal text"), blank=True)
    appeal_file = models.FileField(_("appeal document"), upload_to="relief/appeals/%Y/", blank=True)
    asked_unions = models.ManyToManyField(Organization, verbose_name=_("unions asked to mobilise"), blank=True,
                                          related_name="+")  # fmt: skip
    # Relief paid to affected workers goes through assistance payments of this programme.
    relief_programme = models.ForeignKey(
        "assistance.Programme", verbose_name=_("relief programme"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The assistance programme through which relief is paid to affected workers."),
    )  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("donation campaign")
        verbose_name_plural = _("donation campaigns")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("relief:campaign-detail", args=[self.pk])

    def joint_organiser_list(self):
        return [s.strip() for s in self.joint_organisers.replace(",", "、").replace("，", "、").split("、") if s.strip()]


class CollectionEventQuerySet(ScopedQuerySet):
    def for_campaign(self, campaign):
        return self.filter(campaign=campaign)


class CollectionEvent(models.Model):
    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Launch ceremony")
        MARKET_DAY = "market_day", _("Market-day drive")
        DOOR_TO_DOOR = "door_to_door", _("Door-to-door round")
        WORKPLACE = "workplace", _("Collection at a workplace")
        GALA = "gala", _("Charity gala")
        OTHER = "other", _("Other event")

    organization = owned_by(_("organising union"))
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT,
                                 related_name="events")  # fmt: skip
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=120, blank=True)

    objects = CollectionEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection event")
        verbose_name_plural = _("collection events")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.name}（{self.held_on:%m-%d}）"


# Donations ------------------------------------------------------------------------------------------


class DonorKind(models.TextChoices):
    UNION = "union", _("A union")
    WORKPLACE = "workplace", _("A registered workplace")
    ORGANISATION = "organisation", _("Another organisation")
    PERSON = "person", _("A person")
    ON_BEHALF = "on_behalf", _("A person giving on behalf of someone")


class Channel(models.TextChoices):
    ON_SITE = "on_site", _("Handed in on site")
    DOOR_TO_DOOR = "door_to_door", _("Collected door to door")
    WORKPLACE = "workplace", _("Collected at the workplace by its union")
    BANK = "bank", _("Bank transfer to the union")
    PARTNER = "partner", _("Received by a joint organiser (civil affairs, Red Cross)")


# Donors who are unions, their workplaces, or their workers and members (registered people):
# the seed's 工会组织、工会会员、企事业单位和职工. Unregistered individuals and other organisations,
# and gifts a joint organiser received directly, do not count as "through the unions".
UNION_DONOR_KINDS = {DonorKind.UNION, DonorKind.WORKPLACE}


def through_unions(*, donor_kind, channel, donor_person_id=None):
    """Whether a gift came through the unions: the one rule (services, ledgers and the demo call it)."""
    if channel == Channel.PARTNER:
        return False
    if donor_kind in UNION_DONOR_KINDS:
        return True
    return donor_kind in (DonorKind.PERSON, DonorKind.ON_BEHALF) and donor_person_id is not None


class DonationQuerySet(ScopedQuerySet):
    def counted(self):
        """Gifts that count: not voided (an undone or corrected entry is voided, never deleted)."""
        return self.filter(is_void=False)

    def between(self, start, end):
        return self.filter(received_on__gte=start, received_on__lte=end)

    def cash(self):
        return self.filter(kind=Donation.Kind.CASH)

    def totals(self):
        """{amount, count, union_amount, cash}: one aggregate over counted gifts."""
        row = self.counted().aggregate(
            total=Sum("amount"),
            n=Count("pk"),
            union_total=Sum("amount", filter=Q(through_unions=True)),
            cash_total=Sum("amount", filter=Q(kind="cash")),
        )
        zero = Decimal("0")
        return {"amount": row["total"] or zero, "count": row["n"], "union_amount": row["union_total"] or zero,
                "cash": row["cash_total"] or zero}

    def totals_by(self, field):
        """[(key, amount, count)] over counted gifts, largest amount first."""
        rows = (
            self.counted()
            .values(field)
            .annotate(total=Sum("amount"), n=Count("pk"))
            .order_by("-total", field)
        )
        return [(r[field], r["total"] or Decimal("0"), r["n"]) for r in rows]

    def search(self, text=""):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(donor_name__contains=text) | Q(display_name__contains=text))


class Donation(models.Model):
    class Kind(models.TextChoices):
        CASH = "cash", _("Cash")
        IN_KIND = "in_kind", _("In kind")

    organization = owned_by(_("collecting union"), db_index=False)
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT,
                                 related_name="donations")  # fmt: skip
    event = models.ForeignKey(CollectionEvent, verbose_name=_("event"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="donations")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CASH)
    item = models.CharField(_("item given"), max_length=80, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY,
                                 help_text=_("For a gift in kind, its value in yuan."))  # fmt: skip
    donor_kind = models.CharField(_("donor is"), max_length=20, choices=DonorKind.choices)
    donor_union = models.ForeignKey(Organization, verbose_name=_("donating union"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    donor_enterprise = models.ForeignKey(Enterprise, verbose_name=_("donating workplace"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")  # fmt: skip
    donor_person = models.ForeignKey(Person, verbose_name=_("donating person"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    donor_name = models.CharField(_("donor"), max_length=120)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=120, blank=True)
    display_name = models.CharField(_("name shown"), max_length=120,
                                    help_text=_("As the donor chose to appear on screens and the thanks list."))  # fmt: skip
    anonymous = models.BooleanField(_("anonymous"), default=False)
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.ON_SITE)
    through_unions = models.BooleanField(_("through the unions"), default=False, editable=False)
    is_void = models.BooleanField(_("void"), default=False)
    void_reason = models.CharField(_("reason for voiding"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = DonationQuerySet.as_manager()

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-entered_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="donation_amount_positive"),
            models.CheckConstraint(condition=Q(kind="cash") | ~Q(item=""), name="donation_in_kind_has_item"),
            models.CheckConstraint(condition=Q(is_void=False) | ~Q(void_reason=""), name="donation_void_has_reason"),
        ]
        indexes = [
            # The running totals of a campaign or event: read from the index alone (no table rows).
            models.Index(fields=["campaign", "event", "organization", "is_void", "through_unions", "kind", "amount"],
                         name="donation_totals"),
            # The latest gifts on the big screen (newest first within the campaign and event).
            models.Index(fields=["campaign", "is_void", "event"], name="donation_campaign_event"),
            # Donor completion, the double-entry check and "the same donor again".
            models.Index(fields=["campaign", "donor_name"], name="donation_campaign_donor"),
            models.Index(fields=["organization", "campaign"], name="donation_org_campaign"),
            models.Index(fields=["received_on"], name="donation_received_on"),
        ]

    def __str__(self):
        return f"{self.display_name} {self.amount}"

    def get_absolute_url(self):
        return reverse("relief:donation-detail", args=[self.pk])

    @property
    def shown_name(self):
        return ANONYMOUS if self.anonymous else self.display_name


# Receipts -------------------------------------------------------------------------------------------


class ReceiptCounter(models.Model):
    """The last receipt number issued per (campaign, collecting union): one row, incremented in the
    transaction that issues the receipt, so numbers never repeat and never skip."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="receipt_counter_once"),
        ]

    def __str__(self):
        return f"{self.campaign_id}/{self.organization_id}: {self.last_number}"


class Receipt(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        VOID = "void", _("Void")

    organization = owned_by(_("collecting union"), db_index=False)
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT,
                                 related_name="receipts")  # fmt: skip
    number = models.PositiveIntegerField(_("number"))
    donation = models.ForeignKey(Donation, verbose_name=_("donation"), on_delete=models.PROTECT,
                                 related_name="receipts")  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    issued_on = models.DateField(_("issued on"))
    printed_at = models.DateTimeField(_("printed at"), null=True, blank=True)
    void_reason = models.CharField(_("reason for voiding"), max_length=200, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("voided by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["campaign", "organization", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "campaign", "number"], name="receipt_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="receipt_number_positive"),
            models.CheckConstraint(condition=~Q(status="void") | ~Q(void_reason=""), name="receipt_void_has_reason"),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("relief:receipt-detail", args=[self.pk])

    @property
    def code(self):
        return receipt_code(self.campaign.code, self.organization.code, self.number)

    @property
    def is_void(self):
        return self.status == self.Status.VOID

    @property
    def is_printed(self):
        return self.printed_at is not None


def receipt_code(campaign_code, org_code, number):
    return f"{campaign_code}-{org_code}-{number:05d}"


# Hand-overs -----------------------------------------------------------------------------------------


class HandOverQuerySet(ScopedQuerySet):
    def counted(self):
        return self.filter(is_void=False)


class HandOver(models.Model):
    """Money a collecting union passes on: up to the county or city federation, the Red Cross, civil affairs."""

    class Recipient(models.TextChoices):
        UNION = "union", _("A higher union")
        RED_CROSS = "red_cross", _("Red Cross")
        CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs bureau")
        OTHER = "other", _("Other body")

    organization = owned_by(_("handing union"), db_index=False)
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT,
                                 related_name="handovers")  # fmt: skip
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    handed_on = models.DateField(_("handed over on"))
    recipient_kind = models.CharField(_("handed to"), max_length=20, choices=Recipient.choices)
    recipient_union = models.ForeignKey(Organization, verbose_name=_("receiving union"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")  # fmt: skip
    recipient_name = models.CharField(_("recipient"), max_length=120)
    their_receipt = models.CharField(_("recipient's receipt number"), max_length=60, blank=True)
    event = models.ForeignKey(CollectionEvent, verbose_name=_("at the event"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_void = models.BooleanField(_("void"), default=False)
    void_reason = models.CharField(_("reason for voiding"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    objects = HandOverQuerySet.as_manager()

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        ordering = ["-handed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="handover_amount_positive"),
            models.CheckConstraint(
                condition=~Q(recipient_kind="union") | Q(recipient_union__isnull=False),
                name="handover_union_named",
            ),
        ]
        indexes = [models.Index(fields=["organization", "campaign"], name="handover_org_campaign")]

    def __str__(self):
        return f"{self.organization} → {self.recipient_name} {self.amount}"
