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
        from .models import IdNumberAccess, Person
        from .privacy import hide_minors

        # Minors (by birth date, or by a minor's record an area declared) are listed only to roles
        # that may see them.
        scoping.register_people_filter(hide_minors)

        # The cipher and hash never go into the audit trail; the masked form is enough there.
        audit(Person, exclude=["id_number_cipher", "id_number_hash", "name_initials", "phone_tail"])
        exempt(IdNumberAccess, reason="is itself an access log, appended once per look and never edited")
