"""The Three Cares on the work dashboard: the registries by township (see gonghui/summary/dashboard.py)."""

from django.utils.translation import gettext as _

from gonghui.summary.dashboard import Chart, counts_by_child, register_chart

from .models import Elder, LeftBehindChild, OutMigrant


@register_chart
def registries_by_township(user, org, year):
    series = []
    for label, model in ((_("Out-migrant workers"), OutMigrant), (_("Empty-nest elders"), Elder),
                         (_("Left-behind children"), LeftBehindChild)):  # fmt: skip
        if model is LeftBehindChild and not user.can_see_minors:
            continue
        counts = counts_by_child(model.objects.visible_to(user), org)
        series.append((label, counts))
    children = list(series[0][1]) if series else []
    if not children or not any(any(c.values()) for _label, c in series):
        return None
    return Chart(
        "threecares-registries", _("Three Cares registries by unit"), [c.name for c in children],
        [(label, [counts[c] for c in children]) for label, counts in series], unit=_("people"),
    )  # fmt: skip
