"""Registering people and what ties a left-behind child to guardian, parents and proxy parent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import models as m
from .. import registries
from .common import adult_on, answerable_organization, check_end


@transaction.atomic
def register_entry(*, registry, person, township, village=None, registered_on, **fields):
    """Put a person on one registry (once); the answerable organisation follows the place.

    ``registry`` is a name of the registry (its key, see registries.find)."""
    model = registries.find(registry).model
    if model.objects.filter(person=person).exists():
        raise ValidationError(
            {"person": ValidationError(
                _("%(name)s is already on the register of %(registry)s."), code="duplicate",
                params={"name": person.name, "registry": model._meta.verbose_name_plural},
            )}
        )  # fmt: skip
    entry = model(
        person=person,
        township=township,
        village=village,
        organization=answerable_organization(township, village),
        registered_on=registered_on,
        **fields,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def assign_proxy_parent(*, child, proxy):
    if proxy.ended_on is not None:
        raise ValidationError(
            {"proxy_parent": ValidationError(
                _("%(name)s is no longer a proxy parent."), code="ended", params={"name": proxy.person.name}
            )}
        )  # fmt: skip
    if proxy.township_id != child.township_id:
        raise ValidationError(
            {"proxy_parent": ValidationError(
                _("A proxy parent looks after children of their own township; %(name)s is in %(township)s."),
                code="township", params={"name": proxy.person.name, "township": proxy.township.name},
            )}
        )  # fmt: skip
    child.proxy_parent = proxy
    child.save(update_fields=["proxy_parent", "updated_at"])
    return child


def keeps_ledger_guardian(child, typed):
    """The guardian line still says the name on the ledger (imported with nobody on file): it stays."""
    typed = (typed or "").strip()
    return bool(typed) and not child.guardian_id and typed == child.guardian_name


@transaction.atomic
def set_child_guardians(*, child, guardian=None, guardian_relation="", father=None, father_works_in="",
                        mother=None, mother_works_in="", guardian_typed=""):  # fmt: skip
    """The guardian at home (a person on file), the father and mother, and where the parents work.

    ``guardian_typed``: the guardian line as typed. With no guardian picked, a line that still says
    the name on the ledger (imported, with no person on file) keeps that name; otherwise it goes.
    """
    keep_guardian_name = guardian is None and keeps_ledger_guardian(child, guardian_typed)
    errors = {}
    for field, who in (("guardian", guardian), ("father", father), ("mother", mother)):
        if who is not None and who.pk == child.person_id:
            errors[field] = ValidationError(
                _("%(name)s is the child."), code="self", params={"name": who.name}
            )
    if father is not None and mother is not None and father.pk == mother.pk:
        errors.setdefault("mother", ValidationError(
            _("The father and the mother cannot be the same person."), code="same_parent"
        ))  # fmt: skip
    if father is not None and father.gender == "F":
        errors.setdefault("father", ValidationError(
            _("%(name)s is recorded as female."), code="gender", params={"name": father.name}
        ))  # fmt: skip
    if mother is not None and mother.gender == "M":
        errors.setdefault("mother", ValidationError(
            _("%(name)s is recorded as male."), code="gender", params={"name": mother.name}
        ))  # fmt: skip
    if guardian is not None:
        parents = {p.pk for p in (father, mother) if p is not None}
        if not guardian_relation:
            errors["guardian_relation"] = ValidationError(
                _("Say how the guardian is related to the child."), code="relation_missing"
            )
        elif guardian.pk in parents and guardian_relation != m.LeftBehindChild.Relation.PARENT:
            errors["guardian_relation"] = ValidationError(
                _("%(name)s is the child's parent; choose “Parent at home”."), code="relation_parent",
                params={"name": guardian.name},
            )  # fmt: skip
        if not adult_on(guardian, timezone.localdate()):
            errors.setdefault("guardian", ValidationError(
                _("%(name)s is under 18 and cannot be a guardian."), code="minor", params={"name": guardian.name}
            ))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    child.guardian = guardian
    if guardian is not None:
        child.guardian_name = guardian.name
    elif not keep_guardian_name:
        child.guardian_name = ""
    child.guardian_relation = guardian_relation if (guardian or child.guardian_name) else ""
    child.father, child.father_works_in = father, father_works_in
    child.mother, child.mother_works_in = mother, mother_works_in
    child.full_clean()
    child.save()
    return child


@transaction.atomic
def unassign_proxy_parent(*, child):
    child.proxy_parent = None
    child.save(update_fields=["proxy_parent", "updated_at"])
    return child


@transaction.atomic
def end_proxy_parent(*, proxy, ended_on):
    """A proxy parent stops; the children they looked after then wait for another proxy parent."""
    proxy = m.ProxyParent.objects.select_for_update().get(pk=proxy.pk)
    check_end(started_on=proxy.registered_on, ended_on=ended_on, already_ended=proxy.ended_on,
              start_label=_("registered on"))  # fmt: skip
    proxy.ended_on = ended_on
    proxy.full_clean()
    proxy.save()
    for child in m.LeftBehindChild.objects.filter(proxy_parent=proxy):
        unassign_proxy_parent(child=child)  # one by one, so each child's history shows it
    return proxy
