"""Union building on the work dashboard: committee terms ending or overdue, workplaces missing counts."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.summary.dashboard import Todo, register_todo
from gonghui.summary.services import register_remark

from . import selectors


@register_todo
def membership_todos(user, org, year):
    terms = selectors.terms_due(user, timezone.localdate())
    missing = selectors.workplaces_missing_counts(user, year)
    return [
        Todo(_("Committee terms overdue for re-election"), len(terms["overdue"]), reverse("membership:unions"),
             urgent=True),
        Todo(_("Committee terms ending within 90 days"), len(terms["ending"]), reverse("membership:unions")),
        Todo(_("Workplaces without this year's contract counts"), missing.count(),
             reverse("membership:democracy") + f"?year={year}"),
    ]  # fmt: skip


@register_remark
def workplaces_without_counts(org, period):
    """The summary prints the labour-contract count it has and names the workplaces that sent none."""
    missing = selectors.workplaces_missing_counts(org, period.start.year)
    n = missing.count()
    if not n:
        return {}
    names = "、".join(w.name for w in missing[:5])
    more = _("and %(n)d more") % {"n": n - 5} if n > 5 else ""
    message = _("%(n)d workplaces sent no count: %(names)s%(more)s") % {"n": n, "names": names, "more": more}
    return {"democracy.labour_contracts": [message]}
