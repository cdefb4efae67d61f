"""Democratic management (民主管理) per workplace: contracts, workers' congress, open factory affairs."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by

from .base import ScopedQuerySet

# 国有、集体及其控股企业、学校、医院和站、所 (seed 二.5(2)); everything else is non-public (非公有制).
PUBLIC_OWNERSHIPS = ("state", "collective", "institution", "organ")


class CollectiveContractQuerySet(ScopedQuerySet):
    def women_special(self):
        return self.filter(kind=CollectiveContract.Kind.WOMEN_SPECIAL)

    def in_force_on(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class CollectiveContract(models.Model):
    """集体合同: signed for a workplace, or for a region or a sector (then no workplace)."""

    class Kind(models.TextChoices):
        COMPREHENSIVE = "comprehensive", _("Comprehensive")
        WAGE = "wage", _("Wage")
        WOMEN_SPECIAL = "women_special", _("Women workers' special")
        REGIONAL = "regional", _("Regional")
        SECTORAL = "sectoral", _("Sectoral")

    organization = owned_by(_("signing union"), related_name="+")
    workplace = models.ForeignKey("orgs.Enterprise", verbose_name=_("workplace"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="collective_contracts")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    scope = models.CharField(_("region or sector"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("in force from"))
    ends_on = models.DateField(_("in force until"))
    workers_covered = models.PositiveIntegerField(_("workers covered"))
    women_covered = models.PositiveIntegerField(_("women covered"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = CollectiveContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("collective contract")
        verbose_name_plural = _("collective contracts")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="collectivecontract_ends_after"
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(women_covered__lte=models.F("workers_covered")),
                name="collectivecontract_women_within_workers",
            ),  # fmt: skip
        ]
        indexes = [models.Index(fields=["kind", "signed_on"], name="collectivecontract_kind_signed")]

    def __str__(self):
        return f"{self.workplace or self.scope} {self.get_kind_display()} {self.signed_on}"


class LabourContractReturn(models.Model):
    """A workplace's labour contracts for one year: the count the summary left blank (劳动合同 份)."""

    organization = owned_by(_("union"), related_name="+")
    workplace = models.ForeignKey("orgs.Enterprise", verbose_name=_("workplace"), on_delete=models.PROTECT,
                                  related_name="labour_contract_returns")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"))
    signed = models.PositiveIntegerField(_("labour contracts signed in the year"))
    workers_with_contract = models.PositiveIntegerField(_("workers with a labour contract at year end"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("labour contract return")
        verbose_name_plural = _("labour contract returns")
        ordering = ["-year", "workplace__name"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "year"], name="labourcontractreturn_once_a_year"),
        ]

    def __str__(self):
        return f"{self.workplace} {self.year}"


class WorkersCongress(models.Model):
    """职代会: whether a workplace has its workers' congress in place, and its last session."""

    organization = owned_by(_("union"), related_name="+")
    workplace = models.OneToOneField("orgs.Enterprise", verbose_name=_("workplace"), on_delete=models.PROTECT,
                                     related_name="workers_congress")  # fmt: skip
    established_on = models.DateField(_("in place since"))
    last_session_on = models.DateField(_("last session"), null=True, blank=True)
    delegates = models.PositiveIntegerField(_("delegates"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("workers' congress")
        verbose_name_plural = _("workers' congresses")
        ordering = ["workplace__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_session_on__isnull=True)
                | Q(last_session_on__gte=models.F("established_on")),
                name="workerscongress_session_after_established",
            ),
        ]

    def __str__(self):
        return str(self.workplace)


class DemocracyInspection(models.Model):
    """A working group's inspection of democratic management (专项检查指导)."""

    organization = owned_by(_("inspecting union"), related_name="+")
    title = models.CharField(_("title"), max_length=100)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"))
    team = models.CharField(_("team"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("democratic management inspection")
        verbose_name_plural = _("democratic management inspections")
        ordering = ["-started_on"]
        constraints = [models.CheckConstraint(condition=Q(ended_on__gte=models.F("started_on")),
                                              name="democracyinspection_ends_after")]  # fmt: skip

    def __str__(self):
        return self.title


class OpenAffairsCheck(models.Model):
    """What an inspection found at one workplace: open factory affairs (厂务公开) practised or not."""

    organization = owned_by(_("union"), related_name="+")
    inspection = models.ForeignKey(DemocracyInspection, verbose_name=_("inspection"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="checks")  # fmt: skip
    workplace = models.ForeignKey("orgs.Enterprise", verbose_name=_("workplace"), on_delete=models.PROTECT,
                                  related_name="open_affairs_checks")  # fmt: skip
    checked_on = models.DateField(_("checked on"))
    practised = models.BooleanField(_("open factory affairs practised"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("open factory affairs check")
        verbose_name_plural = _("open factory affairs checks")
        ordering = ["-checked_on", "-pk"]
        indexes = [models.Index(fields=["workplace", "checked_on"], name="openaffairs_workplace_on")]

    def __str__(self):
        return f"{self.workplace} {self.checked_on}"
