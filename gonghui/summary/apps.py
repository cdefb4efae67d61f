from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SummaryConfig(AppConfig):
    name = "gonghui.summary"
    label = "summary"
    verbose_name = _("Work dashboard and annual summary")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from gonghui.audit.registry import audit

        from . import models as m

        audit(m.SectionText)
        # Each area app's dashboard.py registers its to-dos and charts (see dashboard.py).
        autodiscover_modules("dashboard")
