"""The one door to a clear ID number: role check, then an access-log row, then the number."""

from django.core.exceptions import PermissionDenied

from .models import IdNumberAccess


def shown_id_number(person, user):
    """What this user sees without asking: the masked number, always."""
    return person.id_number_masked


def reveal_id_number(person, user, *, purpose, ip_address=None):
    if not person.has_id_number:
        return ""
    if not getattr(user, "can_unmask_id_numbers", False):
        raise PermissionDenied("role may not see ID numbers")
    IdNumberAccess.objects.create(person=person, user=user, purpose=purpose[:100], ip_address=ip_address)
    return person.clear_id_number()


def reveal_for_export(people, user, *, purpose):
    """Clear numbers for an export by a role that may see them, logged in one bulk write."""
    if not getattr(user, "can_unmask_id_numbers", False):
        return {p.pk: p.id_number_masked for p in people}
    IdNumberAccess.objects.bulk_create(
        [IdNumberAccess(person=p, user=user, purpose=purpose[:100]) for p in people if p.has_id_number]
    )
    return {p.pk: p.clear_id_number() for p in people}
