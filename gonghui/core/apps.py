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

        from django.db.models.signals import pre_migrate

        from . import triggers

        # Every family of our triggers goes before migrations run; each puts its own back after.
        pre_migrate.connect(triggers.drop_before_migrate, sender=self, dispatch_uid="gonghui_triggers_drop")
