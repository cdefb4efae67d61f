"""Writes on people that touch several models: merging two records of one human, and the one rule
by which every write path (forms, every ledger kind, the API to come) finds a person to write about."""

from dataclasses import dataclass

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.orgs.scoping import restrict_people
from gonghui.text import prefix_q

from . import idnumbers
from .models import Person

# Facts copied from the removed record when the kept one lacks them.
FILLED_FIELDS = ["gender", "birth_date", "ethnicity", "phone", "township", "village", "address"]


def _relations():
    """Every relation from another model to Person (foreign keys, one-to-ones, many-to-manys)."""
    from .models import OutsideLink

    for field in Person._meta.get_fields(include_hidden=True):
        # OutsideLink follows the records by trigger (people/outside.py): moving its rows too would count them twice.
        if field.auto_created and not field.concrete and field.is_relation and field.related_model is not OutsideLink:
            yield field


def _move_links(*, keep, remove):
    moved = {}
    for rel in _relations():
        model = rel.related_model
        if rel.many_to_many:
            through = rel.through
            source = next(
                f for f in through._meta.get_fields()
                if f.is_relation and f.concrete and f.related_model is Person
            )  # fmt: skip
            links = through._base_manager.filter(**{source.name: remove})
        else:
            source = rel.field
            links = model._base_manager.filter(**{source.name: remove})
            through = model
        try:
            with transaction.atomic():
                count = links.update(**{source.name: keep})
        except IntegrityError:
            label = through._meta.verbose_name
            raise ValidationError(
                _("Both records have a %(what)s that can exist only once per person; resolve it first.")
                % {"what": label},
                code="conflicting_link",
            )
        if count:
            moved[str(model._meta.verbose_name)] = moved.get(str(model._meta.verbose_name), 0) + count
    return moved


@transaction.atomic
def merge_people(*, keep, remove, by):
    """Join `remove` into `keep`: every record linked to either ends on `keep`; `remove` is deleted.

    Audited: the kept record's changes and the deletion go to the audit trail under `by`, plus
    one entry on the kept record naming the merged record and what moved.
    """
    if keep.pk == remove.pk:
        raise ValidationError(_("A record cannot be merged with itself."), code="same")
    if keep.has_id_number and remove.has_id_number and keep.id_number_hash != remove.id_number_hash:
        raise ValidationError(
            _("The two records have different ID numbers (%(a)s and %(b)s): they are two people.")
            % {"a": keep.id_number_masked, "b": remove.id_number_masked},
            code="different_id_numbers",
        )
    if not (may_change(keep, by) and may_change(remove, by)):
        # A merge changes both records: only the unit the people live under (or one above) merges.
        raise ValidationError(
            _("Only the unit these people live under can merge their records."), code="outside"
        )
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    remove = Person.objects.select_for_update().get(pk=remove.pk)
    with set_actor(by):
        moved = _move_links(keep=keep, remove=remove)
        id_cipher, id_hash, id_masked = (
            remove.id_number_cipher,
            remove.id_number_hash,
            remove.id_number_masked,
        )
        removed_pk, removed_name = remove.pk, remove.name
        for name in FILLED_FIELDS:
            attname = Person._meta.get_field(name).attname
            if getattr(keep, attname) in (None, "") and getattr(remove, attname) not in (None, ""):
                setattr(keep, attname, getattr(remove, attname))
        remove.delete()
        if not keep.has_id_number and id_hash:
            # The hash is unique: the removed row is gone first, then the number moves.
            keep.id_number_cipher, keep.id_number_hash, keep.id_number_masked = id_cipher, id_hash, id_masked
        keep.save()
        LogEntry.objects.log_create(
            keep,
            force_log=True,
            action=LogEntry.Action.UPDATE,
            changes={"merged_from": [str(removed_pk), f"{removed_name} #{removed_pk}"]},
            additional_data={"merged_from": removed_pk, "moved": moved},
        )
    return keep


def likely_duplicates(people, limit=50):
    """Pairs of visible records with the same name, birth date and village, one lacking an ID number."""
    groups = (
        people.values("name", "birth_date", "village_id")
        .annotate(n=Count("pk"), with_id=Count("id_number_hash"))
        .filter(n__gt=1)
        .filter(with_id__lt=models.F("n"))
        .order_by("name")[:limit]
    )
    pairs = []
    for group in groups:
        same = list(
            people.filter(name=group["name"], birth_date=group["birth_date"], village_id=group["village_id"])
            .select_related("township", "village")
            .order_by("pk")
        )
        # The record with an ID number first: it is the one to keep.
        same.sort(key=lambda p: not p.has_id_number)
        if len(same) >= 2:
            pairs.append(same[:2])
    return pairs


# ---- finding a person to write about: the one rule of every write path --------------------------

# Shown when an ID number is registered to someone outside the writer's subtree under another
# name. It names neither the person nor the unit: typing ID numbers into a file or a form must not
# be a way to look anyone in the county up.
NAME_MISMATCH = gettext_lazy(
    "This ID number is already registered, but the name does not match; please check."
)


NOT_FOUND = gettext_lazy("Nobody with this ID number is registered in your area.")


@dataclass(frozen=True)
class Match:
    """What a write may do with the person an ID number (or a name) found.

    ``person``: the registered person, or None (nobody registered, or refused);
    ``owned``: the person lives in the writer's subtree, so the write may change their own fields
    (name, phone, address ...); otherwise it may only link a record to them;
    ``refused``: why the row or form may not use this ID number at all (names nobody).
    """

    person: Person | None = None
    owned: bool = False
    refused: str = ""

    @property
    def outside(self):
        """A person found outside the writer's subtree: a link to them goes to the audit trail."""
        return self.person is not None and not self.owned


def _root(scope):
    from gonghui.orgs.scoping import _root_path

    return _root_path(scope)


def subtree_places(scope):
    """Ids of the places (townships, villages) answered for in the scope's subtree; None: all of them."""
    root = _root(scope)
    if root == "":
        return None
    if root is None:
        return set()
    from gonghui.orgs.models import Place

    return set(Place.objects.filter(prefix_q("organization__path", root)).values_list("pk", flat=True))


def owned_q(scope, places=None):
    """People whose home township or village is answered for in the scope's subtree."""
    places = subtree_places(scope) if places is None else places
    if places is None:
        return Q()
    return Q(township__in=places) | Q(village__in=places)


def _owns(person, places, seen=None):
    """The person lives in the subtree; one with no home place belongs to whoever sees them."""
    if places is None:
        return True
    if person.township_id is None and person.village_id is None:
        return seen is not None and person.pk in seen
    return person.township_id in places or person.village_id in places


def _same_name(a, b):
    return "".join((a or "").split()) == "".join((b or "").split())


def match_people(entries, scope, *, places=None, hashes=None):
    """The one rule for every write that finds a person by ID number or by name.

    ``entries``: (key, id number or "", name or "") triples; ``scope``: the writing user or
    organisation. Returns {key: Match} for the entries that found someone or were refused.

    - By ID number, a person living in the subtree is found by the number alone.
    - A person outside the subtree is found only when the name matches the registered name too
      (a person the writer already sees through a record of the subtree may be given without a
      name); otherwise the entry is refused with NAME_MISMATCH, which names nobody.
    - By name alone (no ID number), only people living in the subtree are found, and only when
      the name is unique there.
    A found person outside the subtree is never to be changed (``Match.owned`` is False).
    ``hashes``: {number: lookup hash} already computed (a ledger import hashes each number once).
    """
    entries = list(entries)
    places = subtree_places(scope) if places is None else places
    numbers = {number for _key, number, _name in entries if number}
    known = hashes or {}
    hashes = {known.get(n) or idnumbers.lookup_hash(n): n for n in numbers}
    by_number = {}
    keys = list(hashes)
    for start in range(0, len(keys), 500):
        for person in Person.objects.filter(id_number_hash__in=keys[start : start + 500]):
            by_number[hashes[person.id_number_hash]] = person
    # A user (a form) also meets the rules on who is seen at all (minors); an organisation (an
    # import, whose kinds check minors themselves) only the subtree.
    is_user = not hasattr(scope, "path")
    unsure = [p.pk for p in by_number.values() if is_user or not _owns(p, places)]
    seen = set()
    for start in range(0, len(unsure), 500):
        chunk = Person.objects.filter(pk__in=unsure[start : start + 500])
        seen.update(restrict_people(chunk, scope).values_list("pk", flat=True))
    names = {name for _key, number, name in entries if not number and name}
    by_name = {}
    if names:
        for person in people_named(names, scope, places=places):
            by_name.setdefault(person.name, []).append(person)
    result = {}
    for key, number, name in entries:
        if number:
            person = by_number.get(number)
            if person is None:
                continue
            owned = _owns(person, places, seen)
            if is_user and owned and person.pk not in seen:
                result[key] = Match(None, refused=str(NOT_FOUND))  # hidden from this role (a minor)
            elif owned:
                result[key] = Match(person, owned=True)
            elif _same_name(name, person.name) or (not name and person.pk in seen):
                result[key] = Match(person, owned=False)
            else:
                result[key] = Match(None, refused=str(NAME_MISMATCH))
        elif name:
            same = by_name.get("".join(name.split()), [])
            if len(same) == 1:
                result[key] = Match(same[0], owned=True)
    return result


def match_person(scope, *, id_number="", name=""):
    """``match_people`` for one person (forms): a Match, empty when nobody was found."""
    return match_people([(0, id_number, name)], scope).get(0, Match())


def may_change(person, scope):
    """A write may change a person's own fields (name, phone, address ...) only inside its subtree."""
    places = subtree_places(scope)
    if places is not None and person.township_id is None and person.village_id is None:
        return restrict_people(Person.objects.filter(pk=person.pk), scope).exists()
    return _owns(person, places)


def people_named(names, scope, *, places=None):
    """People living in the scope's subtree bearing one of `names`: name-only matching stays inside.

    ``match_people`` finds by name through this; the people ledger reads these namesakes to match
    a row without an ID number by name, birth date and village.
    """
    return Person.objects.filter(owned_q(scope, places), name__in=set(names))


def record_outside_links(links, *, actor=None, organization=None, what=""):
    """Write to the audit trail every link a write made to a person outside its subtree.

    ``links``: (person, where) pairs, ``where`` saying which record (a ledger's row, a form).
    One entry on each person, so the owning unit reads on the person's page who linked them.
    """
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    links = list(links)
    if not links:
        return 0
    ct = ContentType.objects.get_for_model(Person)
    unit = getattr(organization, "name", "") or (getattr(getattr(actor, "organization", None), "name", ""))
    entries = [
        LogEntry(
            content_type=ct, object_pk=str(person.pk), object_id=person.pk, object_repr=str(person)[:200],
            action=LogEntry.Action.ACCESS, actor=actor,
            changes={"linked_by": ["", unit], "record": ["", f"{what} {where}".strip()]},
            changes_text="", additional_data={"linked_by": getattr(organization, "pk", None), "record": what},
        )
        for person, where in links
    ]  # fmt: skip
    LogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def suggest_changes(suggestions, *, actor=None, organization=None, what=""):
    """Tell the owning unit what another unit's file says differently about its people.

    ``suggestions``: (person, {field label: suggested value}) pairs. The person is not changed;
    one audit entry on each, shown on the person page to the unit the person lives under.
    """
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    suggestions = [(person, fields) for person, fields in suggestions if fields]
    if not suggestions:
        return 0
    ct = ContentType.objects.get_for_model(Person)
    unit = getattr(organization, "name", "")
    label = _("suggested by %(unit)s") % {"unit": unit}
    entries = [
        LogEntry(
            content_type=ct, object_pk=str(person.pk), object_id=person.pk, object_repr=str(person)[:200],
            action=LogEntry.Action.ACCESS, actor=actor,
            changes={f"{field} ({label})": ["", value] for field, value in fields.items()},
            additional_data={"suggested_by": getattr(organization, "pk", None), "record": what},
        )
        for person, fields in suggestions
    ]  # fmt: skip
    LogEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def records_held_elsewhere(person, user):
    """[(organisation name, record kind, count)] of records about `person` kept outside the user's subtree.

    Shown to the unit the person lives under (and the units above it), so it sees which other
    units hold records about its people; None for anyone else.
    """
    from gonghui.orgs.scoping import person_links

    root = _root(user)
    if root is None or not may_change(person, user):
        return None
    held = []
    for model, person_field, via in person_links():
        rows = model._default_manager.filter(**{person_field: person})
        if root:
            rows = rows.exclude(prefix_q(f"{via}__path", root))
        for org_name, count in (
            rows.values_list(f"{via}__name").annotate(n=Count("pk")).order_by(f"{via}__name")
        ):
            held.append((org_name, model._meta.verbose_name, count))
    return held
