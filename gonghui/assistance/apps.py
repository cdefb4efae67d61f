from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "gonghui.assistance"
    label = "assistance"
    verbose_name = _("Hardship assistance and rights protection")

    def ready(self):

        from gonghui.audit.registry import audit, exempt
        from gonghui.orgs import scoping
        from gonghui.people.sections import register_section

        from . import (
            indicators,  # noqa: F401  registers assistance.*, rights.*, three_cares.rights_*
            ledgers,  # noqa: F401  registers the area's ledger kinds
        )
        from . import models as m
        from .sections import load_person_section

        # Records about a person make that person visible to the owning union's subtree.
        scoping.register_person_link(m.HardshipArchive, person_field="head")
        scoping.register_person_link(m.HouseholdMember, person_field="person", via="archive__organization")
        scoping.register_person_link(m.Payment, person_field="person")
        scoping.register_person_link(m.CasePerson, person_field="person", via="case__organization")
        scoping.register_person_link(m.ModelWorker, person_field="person")

        # The bank-account ciphertext never goes into the audit trail; the masked form is enough.
        audit(m.HardshipArchive, exclude=["bank_account_cipher"], m2m_fields={"secondary_causes"})
        for model in (m.HardshipCause, m.EligibilityLine, m.HouseholdMember, m.ArchiveCheck, m.IncomeRecord, m.Programme,
                      m.Payment, m.PublicNotice, m.HotlineCall, m.RightsCase, m.CasePerson, m.ModelWorker,
                      m.CaseDocument):  # fmt: skip
            audit(model)
        for model in (m.ArchiveTransition, m.PaymentStep, m.CaseStep):
            exempt(
                model, reason="is itself the record's dated history, written once by the lifecycle service"
            )

        register_section("assistance", _("Hardship assistance and rights cases"),
                         "assistance/partials/person_section.html", load_person_section)  # fmt: skip
