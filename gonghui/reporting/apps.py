from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "gonghui.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from gonghui.audit.registry import audit, exempt

        from . import models as m

        for model in (
            m.Target,
            m.YearClose,
            m.Unlock,
            m.QualityRule,
            m.ReportForm,
            m.Submission,
            m.SubmissionMove,
            m.Scheme,
            m.SchemeItem,
            m.ManualScore,
        ):
            audit(model)
        from . import closing

        closing.register_areas()  # every write of a dated record meets the closed-year rule
        exempt(m.FigureSnapshot, reason="figures computed from audited records, written once when a year is closed")
        for tally in (m.MonthTally, m.PeopleTally):
            exempt(tally, reason="sums the database keeps by trigger; derived from audited rows, never entered")
        from django.db.models.signals import post_migrate

        from . import tallies

        post_migrate.connect(tallies.install, sender=self, dispatch_uid="gonghui_month_tallies_install")
