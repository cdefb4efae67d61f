from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "gonghui.membership"
    label = "membership"
    verbose_name = _("Unions and members")

    def ready(self):
        from gonghui.audit.registry import audit
        from gonghui.orgs import scoping
        from gonghui.people import carried

        from . import exports, indicators, ledgers, sections  # noqa: F401  export, figures, ledger kinds, person page
        from . import models as m

        # A membership or an honour is a record about a person: the union's subtree sees the person.
        scoping.register_person_link(m.Membership, person_field="person", via="organization")
        scoping.register_person_link(m.Honour, person_field="person", via="organization")
        scoping.register_tally(m.Membership)  # the member list counts a county's members on every view
        # The member search reads the member's name and initials from the membership (kept by triggers).
        carried.register(m.Membership, person_field="person", name_field="member_name",
                         initials_field="member_initials")  # fmt: skip
        for model in m.AUDITED:
            # The carried name is the person's, audited there.
            audit(model, exclude=["member_name", "member_initials"] if model is m.Membership else ())
