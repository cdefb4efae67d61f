"""Things a village keeps: family phones and mailboxes, elders' mutual-aid societies and their members."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.fields import owned_by
from gonghui.orgs.models import Place

from .. import querysets
from .registries import Elder


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
    elder = models.ForeignKey(
        Elder, verbose_name=_("elder"), on_delete=models.CASCADE, related_name="memberships"
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("society membership")
        verbose_name_plural = _("society memberships")
        constraints = [models.UniqueConstraint(fields=["society", "elder"], name="membership_once")]

    def __str__(self):
        return f"{self.society} · {self.elder}"
