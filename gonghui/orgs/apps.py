from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self):
        from gonghui.audit.registry import audit, exempt

        from . import indicators  # noqa: F401  registers org.* and enterprises.* figures
        from .models import Enterprise, Organization, Place, Tally, User

        audit(Organization)
        audit(Place)
        audit(Enterprise)
        audit(User, exclude=["password", "last_login"])
        exempt(
            Tally, reason="row counts the database keeps by trigger; derived from audited rows, never entered"
        )

        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from . import middleware, tally

        user_logged_in.connect(middleware.note_login, dispatch_uid="gonghui_note_login")

        # After every migrate (all apps' tables exist by the time the orgs app's signal runs).
        post_migrate.connect(tally.install, sender=self, dispatch_uid="gonghui_tally_install")
        post_migrate.connect(tally.analyze_sqlite, sender=self, dispatch_uid="gonghui_analyze_sqlite")
