"""The one door to a clear ID number, and the one rule about minors.

ID numbers: role check, then an access-log row, then the number. Lists and exports show the masked
form; a role that may see numbers asks for them (a page: one number; an export: every number of it,
with a stated purpose), and each ask is one row of the ID-number access log, which auditors read.

Minors: whether a person is a minor is decided here (`is_minor`, `minors_q`), and whether a user may
see minors' names and records (`may_see_minors`). Areas apply it through `conceal_minors` on the
people they are about to show, so a child's name reaches only roles with access to minors' records.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import IdNumberAccess

ADULT_AGE = 18
MIN_PURPOSE = 4


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


def clean_purpose(purpose):
    """A bulk reveal states what the numbers are for, in words: 'x' is not a purpose."""
    purpose = " ".join(str(purpose or "").split())
    if len(purpose) < MIN_PURPOSE:
        raise ValidationError(
            {"purpose": ValidationError(_("Say what the ID numbers are needed for (at least %(n)d characters)."),
                                        code="no_purpose", params={"n": MIN_PURPOSE})}  # fmt: skip
        )
    return purpose[:100]


class BulkReveal:
    """Clear ID numbers for one export, asked for by a role that may see them, with a stated purpose.

    The log row (who, when, purpose, what) is written when the export starts, so a reveal is on record
    even if the export fails; `finish()` records how many numbers it showed.
    """

    def __init__(self, user, *, purpose, what, ip_address=None):
        if not getattr(user, "can_unmask_id_numbers", False):
            raise PermissionDenied("role may not see ID numbers")
        self.user = user
        self.count = 0
        self.entry = IdNumberAccess.objects.create(person=None, user=user, purpose=clean_purpose(purpose),
                                                   what=str(what)[:120], count=0, ip_address=ip_address)  # fmt: skip

    def numbers(self, people):
        """{person pk: clear number} for these people (those with a number)."""
        numbers = {}
        for p in people:
            if p.id_number_cipher and not is_concealed(p):
                numbers[p.pk] = p.clear_id_number()
        self.count += len(numbers)
        return numbers

    def finish(self):
        IdNumberAccess.objects.filter(pk=self.entry.pk).update(count=self.count)
        self.entry.count = self.count
        return self.entry


# Minors ---------------------------------------------------------------------------------------

_minor_records = []  # (model, person field): a record that makes its person a minor's (留守儿童)
CONCEALED_NAME = gettext_lazy("(minor)")


def register_minor_record(model, *, person_field="person"):
    """Declare that a person with a row of `model` is a minor whatever their recorded birth date."""
    entry = (model, person_field)
    if entry not in _minor_records:
        _minor_records.append(entry)


def adult_born_before(today=None):
    """People born after this day are minors today."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:  # 29 February
        return today.replace(year=today.year - ADULT_AGE, day=28)


def minors_q(today=None, *, prefix=""):
    """A Q selecting minors (rows whose person, through `prefix`, is a minor)."""
    condition = Q(**{f"{prefix}birth_date__gt": adult_born_before(today)})
    for model, person_field in _minor_records:
        condition |= Exists(model._default_manager.filter(**{person_field: OuterRef(f"{prefix}pk" if prefix else "pk")}))
    return condition


def is_minor(person, today=None):
    if person is None:
        return False
    if person.birth_date is not None and person.birth_date > adult_born_before(today):
        return True
    return any(model._default_manager.filter(**{field: person.pk}).exists() for model, field in _minor_records)


def may_see_minors(user):
    """The one decision: may this user see minors' names and records? (Figures: an organisation, yes.)"""
    if hasattr(user, "path") and hasattr(user, "level"):
        return True
    return bool(getattr(user, "can_see_minors", False))


def hide_minors(people, user):
    """People filter (registered with scoping): minors are not listed to roles without access."""
    if may_see_minors(user):
        return people
    return people.exclude(minors_q())


def minor_ids(person_ids, today=None):
    """The ids among `person_ids` that are minors, in one query."""
    from .models import Person

    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return set()
    return set(Person.objects.filter(pk__in=ids).filter(minors_q(today)).values_list("pk", flat=True))


def conceal_minors(people, user, today=None):
    """For a role without access to minors' records, blank out the minors among these (loaded) people:
    their name reads "(minor)", their ID number, phone and address are empty. Shows that a record exists,
    not whose. Returns the set of concealed person ids. The instances must not be saved afterwards."""
    people = [p for p in people if p is not None]
    if not people or may_see_minors(user):
        return set()
    hidden = minor_ids([p.pk for p in people], today)
    for person in people:
        if person.pk in hidden:
            person.name = str(CONCEALED_NAME)
            person.name_initials = ""
            person.id_number_masked = ""
            person.phone = ""
            person.address = ""
            person.birth_date = None
            person._concealed = True
    return hidden


def is_concealed(person):
    return getattr(person, "_concealed", False)
