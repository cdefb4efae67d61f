"""The Three Cares section of the person page: which registries hold this person."""

from django.utils.translation import gettext_lazy as _

from gonghui.people.sections import register_section

from . import models as m
from .querysets import minors_visible_to
from .registries import REGISTRIES


def load(person, user):
    entries = []
    for model in (m.OutMigrant, m.IncomingWorker, m.Returnee, m.Elder, m.ProxyParent, m.LeftBehindChild):
        # LeftBehindChild.objects.visible_to hides a minor's record from roles without access.
        entry = model.objects.visible_to(user).filter(person=person).select_related("family").first()
        if entry is not None:
            entries.append((model._meta.verbose_name, entry))
    visits = list(m.Visit.objects.visible_to(user).filter(person=person)[:20])
    register = []
    if user.can_edit:
        held = {type(entry) for _label, entry in entries}
        register = [
            r for r in REGISTRIES.values()
            if r.model not in held and (not r.minors or minors_visible_to(user))
        ]  # fmt: skip
    if not entries and not visits and not register:
        return None
    return {"entries": entries, "visits": visits, "register": register}


register_section("threecares", _("Three Cares programme"), "threecares/partials/person_section.html", load)
