from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "gonghui.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from gonghui.audit.registry import audit, exempt
        from gonghui.orgs import scoping

        from . import indicators  # noqa: F401
        from .models import IdNumberAccess, OutsideLink, Person
        from .privacy import hide_minors

        # Minors (by birth date, or by a minor's record an area declared) are listed only to roles
        # that may see them.
        scoping.register_people_filter(hide_minors)

        # The cipher and hash never go into the audit trail; the masked form is enough there.
        audit(Person, exclude=["id_number_cipher", "id_number_hash", "name_initials", "phone_tail"])
        exempt(IdNumberAccess, reason="is itself an access log, appended once per look and never edited")
        exempt(
            OutsideLink,
            reason="kept by database triggers from the audited records about people; never entered",
        )

        from django.db.models.signals import post_migrate

        from . import carried, outside

        # After every migrate: the triggers on every registered person link, the table rebuilt
        # (before it, none: gonghui.core.triggers).
        post_migrate.connect(outside.install, sender=self, dispatch_uid="gonghui_outside_install")
        # The people's names carried on registered record tables (people.carried): triggers, rows put right.
        post_migrate.connect(carried.install, sender=self, dispatch_uid="gonghui_carried_install")
