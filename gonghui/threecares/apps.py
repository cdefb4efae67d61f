from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThreeCaresConfig(AppConfig):
    name = "gonghui.threecares"
    label = "threecares"
    verbose_name = _("Three Cares programme")

    def ready(self):

        from gonghui.audit.registry import audit
        from gonghui.orgs import scoping
        from gonghui.people.privacy import register_minor_record

        from . import indicators, ledgers, registries, sections  # noqa: F401  three_cares.* figures, ledger kinds, person page
        from . import models as m

        # A left-behind child is a minor's record: the people rule hides the child from other roles.
        register_minor_record(m.LeftBehindChild)
        registries.register_exports()

        # A registry row makes the person visible to the organisation answerable for it.
        for model in (registry.model for registry in registries.REGISTRIES.values()):
            scoping.register_person_link(model, person_field="person", via="organization")
            scoping.register_tally(model)  # the registry pages count whole registries on every view
            audit(model)
        for model in (
            m.Family, m.Pairing, m.Visit, m.MedicalWaiver, m.FamilyPhone, m.FamilyMailbox, m.MutualAidSociety,
            m.Training, m.ReferralEvent, m.ReturneeSymposium, m.GreetingMailing, m.JointMeeting,
            m.HalfYearReview, m.Inspection,
            m.InspectionVisit, m.Referral, m.SocietyMembership, m.MailingSponsor,
        ):  # fmt: skip
            audit(model)
