"""The registries (台账): families, out-migrant and incoming workers, returnees, empty-nest elders,
proxy parents and left-behind children, each row a person on file with where they live."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by
from gonghui.orgs.models import Place
from gonghui.people.models import Person

from .. import querysets


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
            # A township and a province, newest first: the page walks this index backwards and
            # stops after 50 rows, checking the scope on the entry; the count reads one range of
            # it. Through the index above, PostgreSQL fetched every match from the table and
            # sorted them (8,000 rows of one township, 18-28 ms).
            models.Index(
                fields=["township", "destination_province", "id", "organization"],
                name="outmigrant_town_dest_id_org",
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
