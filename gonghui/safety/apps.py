from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "gonghui.safety"
    label = "safety"
    verbose_name = _("Mass safety supervision")

    def ready(self):
        from gonghui.audit.registry import audit
        from gonghui.orgs import scoping
        from gonghui.people.sections import register_section

        from . import (
            exports,  # noqa: F401  registers the supervisors' export (masked unless asked for)
            indicators,  # noqa: F401  registers safety.*
            ledgers,  # noqa: F401  registers the area's ledger kinds
        )
        from . import models as m
        from .sections import load_person_section

        # A supervisor and an inspection's leaders are people: their records make them visible.
        scoping.register_person_link(m.Supervisor, person_field="person")
        scoping.register_person_link(
            m.InspectionLeader, person_field="person", via="inspection__organization"
        )

        for model in (m.Workplace, m.WorkplaceStatus, m.MonthlyReport, m.MonthlyReportStep, m.Inspection,
                      m.InspectionLeader, m.InspectionVisit, m.Supervisor, m.TrainingBatch, m.ExamResult,
                      m.Certificate, m.Hazard, m.Accident, m.MechanismDocument):  # fmt: skip
            audit(model)

        register_section("safety", _("Mass safety supervision"), "safety/partials/person_section.html",
                         load_person_section)  # fmt: skip
