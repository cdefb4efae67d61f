"""Reads of the audit trail kept by django-auditlog (who, when, old and new values)."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from gonghui.orgs import scoping

from .changes import with_change_lines


def history_for(obj, limit=50):
    """The change history of one record, newest first, with its actor loaded."""
    ct = ContentType.objects.get_for_model(type(obj))
    entries = (
        LogEntry.objects.filter(content_type=ct, object_pk=str(obj.pk))
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
    return with_change_lines(entries)


def visible_entries(user):
    """Entries made by users of the reader's subtree (one scoping rule for the trail too)."""
    return scoping.restrict(LogEntry.objects.all(), user, via="actor__organization")


def filtered_entries(user, *, actor="", model="", object_pk="", text="", date_from=None, date_to=None):
    entries = visible_entries(user).select_related("actor", "content_type")
    if actor:
        entries = entries.filter(actor__username=actor)
    if model:
        app_label, _dot, model_name = model.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model_name)
    if object_pk:
        entries = entries.filter(object_pk=str(object_pk))
    if text:
        entries = entries.filter(object_repr__contains=text)
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries.order_by("-timestamp")


def audited_models():
    from auditlog.registry import auditlog

    return sorted(
        ((f"{m._meta.app_label}.{m._meta.model_name}", m._meta.verbose_name) for m in auditlog.get_models()),
        key=lambda pair: str(pair[1]),
    )
