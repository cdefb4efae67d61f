from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReliefConfig(AppConfig):
    name = "gonghui.relief"
    label = "relief"
    verbose_name = _("Disaster relief and donations")

    def ready(self):
        from gonghui.audit.registry import audit, exempt
        from gonghui.orgs import scoping
        from gonghui.people.sections import register_section

        from . import (
            indicators,  # noqa: F401  registers relief.* and donations.*
            ledgers,  # noqa: F401  registers the donation and hand-over ledger kinds
        )
        from . import models as m
        from .sections import load_person_section

        # A gift by a registered person shows on their person page, in the collecting union's scope.
        scoping.register_person_link(m.Donation, person_field="donor_person")
        for model in (m.Campaign, m.CollectionEvent, m.Donation, m.Receipt, m.HandOver):
            audit(model, m2m_fields={"asked_unions"} if model is m.Campaign else None)
        exempt(m.ReceiptCounter, reason="the last receipt number issued, derived: every number is an audited receipt")

        register_section("relief", _("Donations and relief"), "relief/partials/person_section.html", load_person_section)
