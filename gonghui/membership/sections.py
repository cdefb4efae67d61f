"""The membership section of the person page: which unions this person belongs or belonged to."""

from django.utils.translation import gettext_lazy as _

from gonghui.people.sections import register_section

from . import models as m


def load(person, user):
    memberships = list(m.Membership.objects.visible_to(user).filter(person=person)
                       .select_related("organization").order_by("-joined_on"))  # fmt: skip
    honours = list(m.Honour.objects.visible_to(user).filter(person=person))
    if not memberships and not honours:
        return None
    return {"memberships": memberships, "honours": honours}


register_section("membership", _("Union membership"), "membership/partials/person_section.html", load)
