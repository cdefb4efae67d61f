"""The Three Cares programme (三关工程, seed section 二.4): registries, services and mechanisms.

Every row has a non-null organisation (the township committee or the village union answerable)
so that the one scoping rule applies; left-behind children are minors and are hidden from roles
that may not see minors' records (see querysets.py, the one place that decides it).
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import fields
from gonghui.orgs.fields import owned_by
from gonghui.orgs.models import Place
from gonghui.people.models import Person

from . import querysets

MONEY = {**fields.MONEY, "default": Decimal("0")}  # Three Cares amounts start at nothing


class Family(models.Model):
    """One household's file: ties a child to parents away and a grandparent at home."""

    number = models.CharField(_("file number"), max_length=30, unique=True)
    name = models.CharField(_("family"), max_length=60, help_text=_("Usually the head's name, e.g. 张家"))
    township = models.ForeignKey(
        Place, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        Place, verbose_name=_("village or community"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    organization = owned_by()
    address = models.CharField(_("address"), max_length=200, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("threecares:family-detail", args=[self.pk])


class RegistryEntry(models.Model):
    """What every registry row has: the person, where they live, who answers for them.

    Each registry has an (organization, person) index: the people scoping rule asks "which
    people have a row in this subtree", and the index answers it without reading the rows.
    """

    # No index of its own: the one-row-per-person constraint's index leads with it.
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="threecares_%(class)s",
        db_index=False,
    )  # fmt: skip
    family = models.ForeignKey(
        Family, verbose_name=_("family"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="%(class)s_set",
    )  # fmt: skip
    township = models.ForeignKey(
        Place, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        Place, verbose_name=_("village or community"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    organization = owned_by(db_index=False)  # each registry's (organization, person) index leads with it
    registered_on = models.DateField(_("registered on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = querysets.RegistryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return str(self.person)


def _unique_person(name):
    return [models.UniqueConstraint(fields=["person"], name=f"{name}_one_row_per_person")]


class OutMigrant(RegistryEntry):
    """外出务工: a worker of the county working away from home."""

    left_on = models.DateField(_("left on"), null=True, blank=True)
    destination_province = models.CharField(_("destination province"), max_length=20, blank=True)
    destination_city = models.CharField(_("destination city"), max_length=30, blank=True)
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=40, blank=True)
    is_member = models.BooleanField(_("union member"), default=False)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    # Where greeting cards reach them (the employer's or the lodging's address), not home.
    mailing_address = models.CharField(_("mailing address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)

    class Meta(RegistryEntry.Meta):
        verbose_name = _("out-migrant worker")
        verbose_name_plural = _("out-migrant workers")
        constraints = _unique_person("outmigrant")
        indexes = [
            models.Index(fields=["organization", "person"], name="outmigrant_org_person"),
            models.Index(fields=["township", "id"], name="outmigrant_township_id"),
            models.Index(fields=["destination_province", "id"], name="outmigrant_dest_id"),
            models.Index(fields=["organization", "id"], name="outmigrant_org_id"),
            # Lets the filtered count be answered from the index alone (no row lookups).
            models.Index(
                fields=["organization", "destination_province", "township"], name="outmigrant_org_dest_town"
            ),
        ]

    def get_absolute_url(self):
        return reverse("threecares:entry-detail", args=["out_migrants", self.pk])

    @property
    def destination(self):
        return f"{self.destination_province}{self.destination_city}"


class IncomingWorker(RegistryEntry):
    """外来务工: a worker from elsewhere employed in the county."""

    home_place = models.CharField(_("home place"), max_length=60, blank=True)
    employer = models.CharField(_("employer in the county"), max_length=100, blank=True)
    industry = models.CharField(_("industry"), max_length=40, blank=True)
    is_member = models.BooleanField(_("union member"), default=False)

    class Meta(RegistryEntry.Meta):
        verbose_name = _("incoming worker")
        verbose_name_plural = _("incoming workers")
        constraints = _unique_person("incomingworker")
        indexes = [
            models.Index(fields=["organization", "person"], name="incomingworker_org_person"),
            models.Index(fields=["organization", "id"], name="incoming_org_id"),
        ]

    def get_absolute_url(self):
        return reverse("threecares:entry-detail", args=["incoming", self.pk])


class Returnee(RegistryEntry):
    """返乡创业: a worker who came home and started a business."""

    business = models.CharField(_("business"), max_length=100)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    jobs_created = models.PositiveIntegerField(_("jobs created"), default=0)

    class Meta(RegistryEntry.Meta):
        verbose_name = _("returnee entrepreneur")
        verbose_name_plural = _("returnee entrepreneurs")
        constraints = _unique_person("returnee")
        indexes = [models.Index(fields=["organization", "person"], name="returnee_org_person")]

    def get_absolute_url(self):
        return reverse("threecares:entry-detail", args=["returnees", self.pk])


class Elder(RegistryEntry):
    """空巢老人: an elder whose children are away."""

    class Health(models.TextChoices):
        GOOD = "good", _("Good")
        FAIR = "fair", _("Fair")
        POOR = "poor", _("Poor")
        DISABLED = "disabled", _("Unable to look after themselves")

    children_away = models.PositiveSmallIntegerField(_("children away"), default=1)
    health = models.CharField(_("health"), max_length=10, choices=Health.choices, default=Health.GOOD)
    lives_alone = models.BooleanField(_("lives alone"), default=False)

    class Meta(RegistryEntry.Meta):
        verbose_name = _("empty-nest elder")
        verbose_name_plural = _("empty-nest elders")
        constraints = _unique_person("elder")
        indexes = [
            models.Index(fields=["organization", "person"], name="elder_org_person"),
            models.Index(fields=["organization", "id"], name="elder_org_id"),
        ]

    def get_absolute_url(self):
        return reverse("threecares:entry-detail", args=["elders", self.pk])


class ProxyParent(RegistryEntry):
    """代理家长: an adult appointed to look after left-behind children, with duties."""

    workplace = models.CharField(_("workplace or position"), max_length=100, blank=True)
    duties = models.TextField(_("duties"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta(RegistryEntry.Meta):
        verbose_name = _("proxy parent")
        verbose_name_plural = _("proxy parents")
        constraints = _unique_person("proxyparent")
        indexes = [models.Index(fields=["organization", "person"], name="proxyparent_org_person")]

    def get_absolute_url(self):
        return reverse("threecares:entry-detail", args=["proxy_parents", self.pk])


class LeftBehindChild(RegistryEntry):
    """留守儿童: a minor. Every read goes through LeftBehindChildQuerySet.visible_to."""

    class Kind(models.TextChoices):
        PUPIL = "pupil", _("Pupil")
        PRESCHOOL = "preschool", _("Preschool")

    class Relation(models.TextChoices):
        GRANDPARENT = "grandparent", _("Grandparent")
        RELATIVE = "relative", _("Other relative")
        PARENT = "parent", _("Parent at home")
        OTHER = "other", _("Other")

    kind = models.CharField(_("pupil or preschool"), max_length=10, choices=Kind.choices)
    school = models.CharField(_("school"), max_length=60, blank=True)
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    guardian = models.ForeignKey(
        Person, verbose_name=_("guardian"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=50, blank=True)
    guardian_relation = models.CharField(
        _("guardian's relation"), max_length=20, choices=Relation.choices, blank=True
    )
    father = models.ForeignKey(
        Person, verbose_name=_("father"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mother = models.ForeignKey(
        Person, verbose_name=_("mother"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    father_works_in = models.CharField(_("where the father works"), max_length=60, blank=True)
    mother_works_in = models.CharField(_("where the mother works"), max_length=60, blank=True)
    proxy_parent = models.ForeignKey(
        ProxyParent, verbose_name=_("proxy parent"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="children",
    )  # fmt: skip

    objects = querysets.LeftBehindChildQuerySet.as_manager()

    class Meta(RegistryEntry.Meta):
        verbose_name = _("left-behind child")
        verbose_name_plural = _("left-behind children")
        constraints = [
            *_unique_person("leftbehindchild"),
            # Pupils plus preschool children are all children: no third kind, no blank.
            models.CheckConstraint(condition=Q(kind__in=["pupil", "preschool"]), name="child_kind_known"),
            models.CheckConstraint(
                condition=Q(kind="pupil") | (Q(school="") & Q(grade="")), name="child_school_only_for_pupils"
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "id"], name="child_org_id"),
            models.Index(fields=["organization", "person"], name="leftbehindchild_org_person"),
        ]

    def get_absolute_url(self):
        return reverse("threecares:entry-detail", args=["children", self.pk])


# ---- services --------------------------------------------------------------------------------


class Pairing(models.Model):
    """结对帮扶: a helper paired with an empty-nest elder."""

    elder = models.ForeignKey(
        Elder, verbose_name=_("elder"), on_delete=models.CASCADE, related_name="pairings"
    )
    helper = models.ForeignKey(
        Person, verbose_name=_("helper"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    helper_name = models.CharField(_("helper's name"), max_length=50)
    helper_unit = models.CharField(_("helper's unit"), max_length=100, blank=True)
    helper_phone = models.CharField(_("helper's phone"), max_length=30, blank=True)
    organization = owned_by()
    paired_on = models.DateField(_("paired on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-paired_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["elder", "helper_name", "paired_on"], name="pairing_natural_key"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("paired_on")),
                name="pairing_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.helper_name} — {self.elder}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["pairings", self.pk])


class Visit(models.Model):
    """慰问: a visit with money to a migrant worker, an elder or a child."""

    class Kind(models.TextChoices):
        MIGRANT = "migrant", _("Migrant worker")
        ELDER = "elder", _("Empty-nest elder")
        CHILD = "child", _("Left-behind child")

    kind = models.CharField(_("visited"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    organization = owned_by()
    visited_on = models.DateField(_("visited on"))
    amount = models.DecimalField(_("amount (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    visited_by = models.CharField(_("visited by"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = querysets.VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "person", "visited_on"], name="visit_natural_key"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="visit_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["kind", "visited_on"], name="visit_kind_date")]

    def __str__(self):
        return f"{self.person} {self.visited_on}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["visits", self.pk])


class MedicalWaiver(models.Model):
    """医疗减免: fees waived for an elder by a clinic or hospital."""

    elder = models.ForeignKey(
        Elder, verbose_name=_("elder"), on_delete=models.CASCADE, related_name="waivers"
    )
    organization = owned_by()
    granted_on = models.DateField(_("granted on"))
    amount = models.DecimalField(_("amount waived (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    provider = models.CharField(_("clinic or hospital"), max_length=100, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("medical fee waiver")
        verbose_name_plural = _("medical fee waivers")
        ordering = ["-granted_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["elder", "granted_on", "provider"], name="waiver_natural_key"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="waiver_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.elder} {self.amount}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["waivers", self.pk])


class Installation(models.Model):
    township = models.ForeignKey(
        Place, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        Place, verbose_name=_("village or community"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    organization = owned_by()
    installed_on = models.DateField(_("installed on"))
    location = models.CharField(
        _("where"), max_length=100, help_text=_("e.g. the village school, the union office")
    )

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-installed_on", "pk"]

    def __str__(self):
        return f"{self.village or self.township} {self.location}"


class FamilyPhone(Installation):
    """亲情电话: a phone where children and elders call family members away."""

    number = models.CharField(_("number"), max_length=30, blank=True)

    class Meta(Installation.Meta):
        verbose_name = _("family phone")
        verbose_name_plural = _("family phones")
        constraints = [
            models.UniqueConstraint(fields=["township", "village", "location"], name="phone_natural_key")
        ]

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["phones", self.pk])


class FamilyMailbox(Installation):
    """亲情信箱: a mailbox for letters between children and parents away."""

    class Meta(Installation.Meta):
        verbose_name = _("family mailbox")
        verbose_name_plural = _("family mailboxes")
        constraints = [
            models.UniqueConstraint(fields=["township", "village", "location"], name="mailbox_natural_key")
        ]

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["mailboxes", self.pk])


class MutualAidSociety(models.Model):
    """老年人互助会: elders of a village helping each other."""

    name = models.CharField(_("name"), max_length=100)
    township = models.ForeignKey(
        Place, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        Place, verbose_name=_("village or community"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    organization = owned_by()
    founded_on = models.DateField(_("founded on"))
    leader_name = models.CharField(_("leader"), max_length=50, blank=True)
    members = models.ManyToManyField(
        Elder, verbose_name=_("members"), through="SocietyMembership", blank=True
    )

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mutual-aid society")
        verbose_name_plural = _("mutual-aid societies")
        ordering = ["-founded_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["township", "name"], name="society_natural_key")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["societies", self.pk])


class SocietyMembership(models.Model):
    society = models.ForeignKey(MutualAidSociety, verbose_name=_("mutual-aid society"), on_delete=models.CASCADE,
                                related_name="memberships")  # fmt: skip
    elder = models.ForeignKey(Elder, verbose_name=_("elder"), on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("society membership")
        verbose_name_plural = _("society memberships")
        constraints = [models.UniqueConstraint(fields=["society", "elder"], name="membership_once")]

    def __str__(self):
        return f"{self.society} · {self.elder}"


class Training(models.Model):
    """就业技能培训: a skills training session for migrant workers."""

    title = models.CharField(_("title"), max_length=100)
    trade = models.CharField(_("trade"), max_length=40, blank=True)
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=100, blank=True)
    organization = owned_by()
    trainee_count = models.PositiveIntegerField(_("trainees"))
    funds = models.DecimalField(_("funds (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    attendees = models.ManyToManyField(
        Person, verbose_name=_("attendance list"), blank=True, related_name="+"
    )

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "held_on", "title"], name="training_natural_key"),
            models.CheckConstraint(condition=Q(funds__gte=0), name="training_funds_not_negative"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["trainings", self.pk])


class ReferralEvent(models.Model):
    """职业介绍: a job referral event, with who was referred and who got the job."""

    title = models.CharField(_("title"), max_length=100)
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=100, blank=True)
    organization = owned_by()
    referred_count = models.PositiveIntegerField(_("people referred"))
    employed_count = models.PositiveIntegerField(_("people employed"))

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("job referral event")
        verbose_name_plural = _("job referral events")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "held_on", "title"], name="referral_natural_key"),
            models.CheckConstraint(
                condition=Q(employed_count__lte=models.F("referred_count")), name="referral_employed_within"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["referrals", self.pk])


class Referral(models.Model):
    event = models.ForeignKey(ReferralEvent, verbose_name=_("referral event"), on_delete=models.CASCADE,
                              related_name="referrals")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    employed = models.BooleanField(_("employed"), default=False)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="referral_once")]

    def __str__(self):
        return f"{self.event} · {self.person}"


class ReturneeSymposium(models.Model):
    """返乡农民工座谈会: held by the township committees at Spring Festival."""

    organization = owned_by()
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=100, blank=True)
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("returnee symposium")
        verbose_name_plural = _("returnee symposiums")
        ordering = ["-held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "held_on"], name="symposium_natural_key")
        ]

    def __str__(self):
        return f"{self.organization} {self.held_on}"

    def get_absolute_url(self):
        return reverse("threecares:record-detail", args=["symposiums", self.pk])


class GreetingMailing(models.Model):
    """贺年卡: greeting cards mailed to out-migrant workers, paid by sponsors."""

    title = models.CharField(_("title"), max_length=100)
    organization = owned_by()
    sent_on = models.DateField(_("sent on"))
    cards = models.PositiveIntegerField(_("cards"))
    cost = models.DecimalField(_("cost (yuan)"), validators=[MinValueValidator(0)], **MONEY)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("greeting card mailing")
        verbose_name_plural = _("greeting card mailings")
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "sent_on", "title"], name="mailing_natural_key")
        ]

    def __str__(self):
        return self.title


class MailingSponsor(models.Model):
    mailing = models.ForeignKey(GreetingMailing, on_delete=models.CASCADE, related_name="sponsors")
    name = models.CharField(_("sponsor"), max_length=100)
    amount = models.DecimalField(_("share (yuan)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        verbose_name = _("sponsor of a greeting mailing")
        verbose_name_plural = _("sponsors of greeting mailings")
        ordering = ["-amount", "pk"]
        constraints = [models.UniqueConstraint(fields=["mailing", "name"], name="sponsor_once")]

    def __str__(self):
        return self.name


# ---- the four mechanisms (四项制度) ------------------------------------------------------------


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


class AssessmentStandard(models.Model):
    """考核标准: the county's items and points for the programme, one standard a year."""

    organization = owned_by()
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=100)

    objects = querysets.ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment standard")
        verbose_name_plural = _("assessment standards")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="standard_once_a_year")]

    def __str__(self):
        return self.title

    @property
    def total_points(self):
        return sum(item.points for item in self.items.all())


class AssessmentItem(models.Model):
    """One line of the standard: what is measured (from records or the inspection) and its points."""

    class Measure(models.TextChoices):
        REGISTRIES = "registries", _("All five registries kept")
        PAIRING = "pairing", _("Share of elders paired with a helper")
        PROXY = "proxy", _("Share of children with a proxy parent")
        VISITS = "visits", _("Visits to migrant workers, elders and children made")
        PHONES_MAILBOXES = "phones_mailboxes", _("Family phones and mailboxes installed")
        SOCIETIES = "societies", _("Elders' mutual-aid society founded")
        SYMPOSIUM = "symposium", _("Returnee symposium held")
        REPORTS = "reports", _("Share of monthly information reports submitted")
        INSPECTION = "inspection", _("Inspection score")

    standard = models.ForeignKey(AssessmentStandard, verbose_name=_("assessment standard"), on_delete=models.CASCADE,
                                 related_name="items")  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("item"), max_length=200)
    measure = models.CharField(_("measured by"), max_length=20, choices=Measure.choices)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["standard", "measure"], name="item_measure_once")]

    def __str__(self):
        return self.text


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
