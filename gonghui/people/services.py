"""Writes on people that touch several models: merging two records of one human."""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from .models import Person

# Facts copied from the removed record when the kept one lacks them.
FILLED_FIELDS = ["gender", "birth_date", "ethnicity", "phone", "township", "village", "address"]


def _relations():
    """Every relation from another model to Person (foreign keys, one-to-ones, many-to-manys)."""
    for field in Person._meta.get_fields(include_hidden=True):
        if field.auto_created and not field.concrete and field.is_relation:
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
