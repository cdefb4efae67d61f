import functools

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Navigation by area of the union's work; areas that land later add themselves here.
AREAS = [
    ("home", _("Home"), "home"),
    ("people", _("People"), "people:person-list"),
    ("orgs", _("Organisations"), "orgs:organization-list"),
    ("enterprises", _("Workplaces"), "orgs:enterprise-list"),
    ("assistance", _("Assistance"), "assistance:index"),
    ("threecares", _("Three Cares"), "threecares:index"),
    ("ledgers", _("Ledgers"), "ledgers:index"),
    ("figures", _("Figures"), "reporting:figures"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    items = list(_area_items())
    if user.can_read_audit:
        items.append({"key": "audit", "label": _("Audit log"), "url": reverse("audit:entry-list")})
    current = request.resolver_match.namespace if request.resolver_match else ""
    return {"nav_items": items, "nav_current": current or "home"}


@functools.cache
def _area_items():
    # The menu's URLs are the same on every page: reversed once per process, not per request.
    return tuple({"key": key, "label": label, "url": reverse(name)} for key, label, name in AREAS)
