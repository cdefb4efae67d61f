from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self):
        from auditlog.registry import auditlog

        from . import indicators  # noqa: F401  registers org.* and enterprises.* figures
        from .models import Enterprise, Organization, Place, User

        auditlog.register(Organization)
        auditlog.register(Place)
        auditlog.register(Enterprise)
        auditlog.register(User, exclude_fields=["password", "last_login"])
