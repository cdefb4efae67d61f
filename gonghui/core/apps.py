from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gonghui.core"
    label = "core"
    verbose_name = _("Shared building blocks")

    def ready(self):
        from gonghui.audit.registry import audit

        from .models import Holiday

        audit(Holiday)
