from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgersConfig(AppConfig):
    name = "gonghui.ledgers"
    label = "ledgers"
    verbose_name = _("Ledgers")

    def ready(self):
        from . import kinds  # noqa: F401  (registers the people and enterprises kinds)
