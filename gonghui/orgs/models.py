from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import scoping
from .codes import validate_credit_code

# A materialised path: each level adds four digits and a dot ("0001.0003.0012."), so a
# subtree is one indexed prefix match and the depth is unlimited in practice.
PATH_STEP = 5


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict(self, user, via="")

    def subtree_of(self, org):
        return self.filter(path__startswith=org.path)

    def committees(self):
        return self.filter(level=Organization.Level.COMMITTEE)

    def grassroots(self):
        return self.filter(level=Organization.Level.GRASSROOTS)

    def search(self, text="", *, level=""):
        """The organisation list's filters, shared by the page and its export."""
        rows = self
        text = (text or "").strip()
        if text:
            rows = rows.filter(
                Q(name__contains=text) | Q(code__icontains=text) | Q(short_name__contains=text)
            )
        if level in Organization.Level.values:
            rows = rows.filter(level=level)
        return rows

    def lookup(self, name_or_code):
        """Organisations whose code or name (full or short) is exactly the given text."""
        text = (name_or_code or "").strip()
        return self.filter(Q(code=text) | Q(name=text) | Q(short_name=text))


class Organization(models.Model):
    """Every union body, from the province federation down to a village's grassroots union."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province federation")
        CITY = "city", _("City federation")
        COUNTY = "county", _("County federation")
        COMMITTEE = "committee", _("Working committee")
        GRASSROOTS = "grassroots", _("Grassroots union")

    class Category(models.TextChoices):
        FEDERATION = "federation", _("Federation")
        TOWNSHIP = "township", _("Township committee")
        COUNTY_ORGANS = "county_organs", _("County-organs committee")
        INDUSTRY = "industry", _("Industry union")
        ENTERPRISE = "enterprise", _("Enterprise")
        COAL_MINE = "coal_mine", _("Coal mine")
        SCHOOL = "school", _("School")
        HOSPITAL = "hospital", _("Hospital")
        ORGAN = "organ", _("Government organ")
        VILLAGE = "village", _("Village")
        STREET = "street", _("Street")
        COMMUNITY = "community", _("Community")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.CharField(_("code"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=1, editable=False)
    place = models.ForeignKey(
        "orgs.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enterprise = models.ForeignKey(
        "orgs.Enterprise",
        verbose_name=_("workplace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unions",
    )
    chair = models.CharField(_("chair"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("orgs:organization-detail", args=[self.pk])

    def clean(self):
        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": _("An organisation cannot be placed under itself.")})

    def save(self, *args, **kwargs):
        # The path is a fact of this row's position; it is set once, when the row is first saved.
        if not self.path:
            prefix = self.parent.path if self.parent_id else ""
            siblings = Organization.objects.filter(parent_id=self.parent_id).order_by("-path")
            last = siblings.values_list("path", flat=True).first()
            number = int(last[len(prefix) : len(prefix) + PATH_STEP - 1]) + 1 if last else 1
            self.path = f"{prefix}{number:04d}."
            self.depth = self.path.count(".")
        super().save(*args, **kwargs)

    def ancestors(self):
        """Ancestors from the root down, in one query."""
        steps = [self.path[: i + PATH_STEP] for i in range(0, len(self.path) - PATH_STEP, PATH_STEP)]
        return Organization.objects.filter(path__in=steps).order_by("path")

    def subtree(self):
        return Organization.objects.subtree_of(self)

    def is_in_subtree_of(self, other):
        return self.path.startswith(other.path)


class PlaceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict(self, user)

    def townships(self):
        return self.filter(kind=Place.Kind.TOWNSHIP)

    def villages(self):
        return self.filter(kind__in=[Place.Kind.VILLAGE, Place.Kind.COMMUNITY])


class Place(models.Model):
    """A township, village or community of the county (administrative division)."""

    class Kind(models.TextChoices):
        COUNTY = "county", _("County")
        TOWNSHIP = "township", _("Township")
        VILLAGE = "village", _("Village")
        COMMUNITY = "community", _("Community")

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    division_code = models.CharField(_("division code"), max_length=12, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The union body answerable for the place: a township's committee, or a village's union.
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="places"
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["division_code", "name"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="place_unique_name_in_parent")]

    def __str__(self):
        return self.name


class EnterpriseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict(self, user)

    def coal_mines(self):
        return self.filter(is_coal_mine=True)

    def search(self, text="", *, coal_only=False):
        """The enterprise list's filters, shared by the page and its export."""
        rows = self
        text = (text or "").strip()
        if text:
            rows = rows.filter(Q(name__contains=text) | Q(credit_code__icontains=text))
        if coal_only:
            rows = rows.coal_mines()
        return rows


class Enterprise(models.Model):
    """A workplace: enterprise, mine, school, hospital or organ."""

    class Ownership(models.TextChoices):
        STATE = "state", _("State-owned")
        COLLECTIVE = "collective", _("Collective")
        PRIVATE = "private", _("Private")
        JOINT_STOCK = "joint_stock", _("Joint-stock")
        FOREIGN = "foreign", _("Foreign-invested")
        HMT = "hmt", _("Hong Kong, Macao or Taiwan invested")
        INDIVIDUAL = "individual", _("Individual business")
        PUBLIC_INSTITUTION = "institution", _("Public institution")
        ORGAN = "organ", _("Government organ")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True
    )
    ownership = models.CharField(
        _("ownership"), max_length=20, choices=Ownership.choices, default=Ownership.PRIVATE
    )
    township = models.ForeignKey(
        Place, verbose_name=_("township"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="enterprises"
    )
    staff_count = models.PositiveIntegerField(_("staff"), default=0)
    women_staff_count = models.PositiveIntegerField(_("women staff"), default=0)
    is_coal_mine = models.BooleanField(_("coal mine"), default=False)
    coal_mine_pairs = models.PositiveSmallIntegerField(_("pairs of shafts"), default=0)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(women_staff_count__lte=models.F("staff_count")),
                name="enterprise_women_within_staff",
            ),
            models.CheckConstraint(
                condition=Q(is_coal_mine=True) | Q(coal_mine_pairs=0), name="enterprise_pairs_only_for_mines"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("orgs:enterprise-detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.credit_code:
            try:
                self.credit_code = validate_credit_code(self.credit_code)
            except ValidationError as e:
                errors["credit_code"] = e
        if self.women_staff_count > self.staff_count:
            errors["women_staff_count"] = _("Women staff cannot outnumber all staff.")
        if self.is_coal_mine and not self.coal_mine_pairs:
            errors["coal_mine_pairs"] = _("A coal mine needs its number of shaft pairs.")
        if not self.is_coal_mine and self.coal_mine_pairs:
            errors["coal_mine_pairs"] = _("Only a coal mine has shaft pairs.")
        if errors:
            raise ValidationError(errors)


class Role(models.TextChoices):
    FEDERATION_ADMIN = "federation_admin", _("Federation administrator")
    COMMITTEE_OFFICER = "committee_officer", _("Committee officer")
    GRASSROOTS_OFFICER = "grassroots_officer", _("Grassroots officer")
    LEADER = "leader", _("Read-only leader")
    AUDITOR = "auditor", _("Auditor")


class User(AbstractUser):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.GRASSROOTS_OFFICER)
    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    # What each role may do is decided here, next to the role, and nowhere else.
    @property
    def can_edit(self):
        return self.is_superuser or self.role in {
            Role.FEDERATION_ADMIN,
            Role.COMMITTEE_OFFICER,
            Role.GRASSROOTS_OFFICER,
        }

    @property
    def can_unmask_id_numbers(self):
        return self.is_superuser or self.role in {Role.FEDERATION_ADMIN, Role.COMMITTEE_OFFICER}

    @property
    def can_see_minors(self):
        return self.is_superuser or self.role in {Role.FEDERATION_ADMIN, Role.COMMITTEE_OFFICER}

    @property
    def can_read_audit(self):
        return self.is_superuser or self.role in {Role.FEDERATION_ADMIN, Role.AUDITOR}

    @property
    def can_configure(self):
        """Lists the federation office keeps for everyone: causes, eligibility lines, holidays."""
        return self.is_superuser or self.role == Role.FEDERATION_ADMIN


class TallyQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict(self, user)


class Tally(models.Model):
    """How many rows of a large table each organisation owns, kept by the database itself.

    On PostgreSQL, triggers on each table registered with ``scoping.register_tally`` keep these
    numbers in the same transaction as the rows (``gonghui.orgs.tally``), so the county's count of
    a million-row registry is a sum of a few hundred numbers. Nothing else writes here.
    """

    table_name = models.CharField(max_length=63)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    row_count = models.BigIntegerField(default=0)

    objects = TallyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["table_name", "organization"], name="tally_once")]

    def __str__(self):
        return f"{self.table_name}:{self.organization_id}={self.row_count}"
