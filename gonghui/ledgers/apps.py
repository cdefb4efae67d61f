from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "gonghui.ledgers"
    label = "ledgers"
    verbose_name = _("Ledgers")

    def ready(self):
        from auditlog.registry import auditlog

        from . import kinds  # noqa: F401  (registers the people and enterprises kinds)
        from .models import ImportJob

        auditlog.register(ImportJob, include_fields=["kind", "organization", "user", "filename", "status",
                                                     "skip_invalid"])  # fmt: skip
