from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Organization


def resolve_organization(name_or_code):
    """The one organisation named or coded so; an unknown or ambiguous name says why."""
    matches = list(Organization.objects.lookup(name_or_code).order_by("path")[:20])
    if not matches:
        raise ValidationError(
            _("No organisation is named or coded %(text)s."), code="unknown", params={"text": name_or_code}
        )
    exact_code = [o for o in matches if o.code == name_or_code.strip()]
    if exact_code:
        return exact_code[0]
    if len(matches) > 1:
        candidates = "; ".join(
            f"{o.code} {o.name} ({' / '.join(a.name for a in o.ancestors())})" for o in matches
        )
        raise ValidationError(
            _("%(text)s names %(n)d organisations; give one of these codes: %(candidates)s"),
            code="ambiguous",
            params={"text": name_or_code, "n": len(matches), "candidates": candidates},
        )
    return matches[0]
