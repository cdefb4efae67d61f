from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "gonghui.ledgers"
    label = "ledgers"
    verbose_name = _("Ledgers")

    def ready(self):
        from auditlog.registry import auditlog

        from gonghui.audit.registry import exempt

        from . import kinds  # noqa: F401  (registers the people and enterprises kinds)
        from .models import ExportJob, ImportJob

        auditlog.register(ImportJob, include_fields=["kind", "organization", "user", "filename", "status",
                                                     "skip_invalid"])  # fmt: skip
        # Who exported what is on record where it matters: an export with clear ID numbers is a row of
        # the ID-number access log (with its purpose and count), which auditors read.
        exempt(ExportJob, reason="is a download being written; exports of ID numbers are in the ID-number access log")
