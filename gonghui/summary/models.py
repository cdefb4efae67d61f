"""What the office writes itself for its annual summary, per organisation, year and section."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.fields import owned_by


class SectionTextQuerySet(scoping.ScopedQuerySet):
    pass


class SectionText(models.Model):
    """A section's sentence template (figures woven in) or the office's own paragraph.

    Without a row the section's default template (``sections.SECTIONS``) is used and no paragraph
    is added. Text is data the office edits; figures come only from the registry.
    """

    class Kind(models.TextChoices):
        TEMPLATE = "template", _("template with figures")
        PARAGRAPH = "paragraph", _("paragraph written by the office")

    organization = owned_by(verbose_name=_("organisation"))
    year = models.PositiveSmallIntegerField(_("year"))
    section = models.CharField(_("section"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SectionTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("summary text")
        verbose_name_plural = _("summary texts")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "section", "kind"], name="summary_text_once"
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.year} {self.section} {self.get_kind_display()}"
