import functools

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Navigation by area of the union's work; areas that land later add themselves here. The key is
# the area's URL namespace, so the entry shows as current on every page of the area; a key
# "namespace:prefix" marks the pages of a namespace whose URL names begin with prefix (the
# workplaces are pages of orgs). tests/test_new_area.py holds every app with URLs to this.
AREAS = [
    ("home", _("Home"), "home"),
    ("people", _("People"), "people:person-list"),
    ("orgs", _("Organisations"), "orgs:organization-list"),
    ("orgs:enterprise", _("Workplaces"), "orgs:enterprise-list"),
    ("assistance", _("Assistance"), "assistance:index"),
    ("threecares", _("Three Cares"), "threecares:index"),
    ("relief", pgettext_lazy("navigation", "Donations"), "relief:index"),
    ("safety", _("Safety"), "safety:index"),
    ("membership", _("Unions and members"), "membership:index"),
    ("ledgers", _("Ledgers"), "ledgers:index"),
    ("reporting", _("Figures"), "reporting:figures"),
    ("summary", _("Annual summary"), "summary:summary"),
]


# The areas grouped, so a part-time officer on a phone finds a task in two taps (menu, then the
# entry) and the top bar holds five words on a laptop. Every key of AREAS sits in one group.
GROUPS = [
    (_("Care for workers"), ["assistance", "threecares", "relief"]),
    (_("Union building"), ["membership", "safety"]),
    (_("People and units"), ["people", "orgs", "orgs:enterprise", "ledgers"]),
    (_("Figures and reports"), ["reporting", "summary", "audit"]),
]


def current_key(keys, resolver_match):
    """The navigation key of a page: its namespace, or the longest "namespace:prefix" its view name starts with."""
    if resolver_match is None or not resolver_match.namespace:
        return "home"
    view = resolver_match.view_name
    matching = [k for k in keys if k == resolver_match.namespace or (":" in k and view.startswith(k))]
    return max(matching, key=len, default=resolver_match.namespace)


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    items = list(_area_items())
    if user.can_read_audit:
        items.append({"key": "audit", "label": _("Audit log"), "url": reverse("audit:entry-list")})
    current = current_key([item["key"] for item in items], getattr(request, "resolver_match", None))
    by_key = {item["key"]: item for item in items}
    groups = []
    for label, keys in GROUPS:
        entries = [by_key.pop(key) for key in keys if key in by_key]
        if entries:
            groups.append({"label": label, "items": entries, "current": any(e["key"] == current for e in entries)})
    ungrouped = list(by_key.values())  # home, and any area not yet placed in a group
    return {"nav_items": items, "nav_top": ungrouped, "nav_groups": groups, "nav_current": current}


@functools.cache
def _area_items():
    # The menu's URLs are the same on every page: reversed once per process, not per request.
    return tuple({"key": key, "label": label, "url": reverse(name)} for key, label, name in AREAS)
