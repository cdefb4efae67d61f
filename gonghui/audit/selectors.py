"""Reads of the audit trail kept by django-auditlog (who, when, old and new values)."""

import json
from functools import reduce
from operator import or_

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT

from gonghui.orgs import scoping
from gonghui.people.models import IdNumberAccess, Person
from gonghui.people.privacy import CONCEALED_NAME, conceal_minors, may_see_minors, minor_ids, minors_q

from .changes import with_change_lines


def history_for(obj, limit=50, *, user=None):
    """The change history of one record, newest first, with its actor loaded.

    Given the reader, a record about a minor shows which fields changed but not the values to roles
    without access to minors' records (``conceal_minor_entries``).
    """
    ct = ContentType.objects.get_for_model(type(obj))
    entries = (
        LogEntry.objects.filter(content_type=ct, object_pk=str(obj.pk))
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )
    entries = with_change_lines(entries)
    if user is not None:
        conceal_minor_entries(entries, user)
    return entries


def visible_entries(user):
    """Entries made by users of the reader's subtree (one scoping rule for the trail too)."""
    return scoping.restrict(LogEntry.objects.all(), user, via="actor__organization")


def _ids(ids, *, as_text=False):
    """A subquery listing `ids`, sent as one JSON parameter: a county has thousands of minors, more than a
    query may have parameters, and a subquery of minors repeated for every field would be worked out
    again each time."""
    data = json.dumps([str(pk) if as_text else pk for pk in ids])
    if connection.vendor == "postgresql":
        value = "value" if as_text else "value::bigint"
        return RawSQL(f"SELECT {value} FROM jsonb_array_elements_text(%s::jsonb) AS value", [data])
    return RawSQL("SELECT value FROM json_each(%s)", [data])


def entries_about_minors():
    """Every entry about a minor, as ``conceal_minor_entries`` decides it: a minor's own record, a record
    that points at a minor now (a payment, a household member), and a record whose change recorded a
    minor in one of its person fields (also for rows deleted since)."""
    from auditlog.registry import auditlog

    minor_pks = list(Person.objects.filter(minors_q()).values_list("pk", flat=True))
    minors, minors_text = _ids(minor_pks), _ids(minor_pks, as_text=True)
    keys = {}
    about = Q(content_type=ContentType.objects.get_for_model(Person), object_pk__in=minors_text)
    for model in auditlog.get_models():
        fields = _person_fields(model)
        if not fields:
            continue
        pointing = model._default_manager.filter(
            reduce(or_, [Q(**{f"{f.attname}__in": minors}) for f in fields])
        ).values_list("pk", flat=True)
        recorded = []
        for f in fields:
            for n in (0, 1):  # [old, new]
                key = keys.setdefault((f.name, n), f"_person_{len(keys)}")
                recorded.append(Q(**{f"{key}__in": minors_text}))
        about |= Q(content_type=ContentType.objects.get_for_model(model)) & (
            Q(object_pk__in=_ids(pointing, as_text=True)) | reduce(or_, recorded)
        )
    aliases = {key: KT(f"changes__{name}__{n}") for (name, n), key in keys.items()}
    return LogEntry.objects.alias(**aliases).filter(about)


def without_minors(entries, user):
    """The entries a role without access to minors' records may know of: none about a minor, not even
    concealed (a row or a count would tell that a child's record exists). Other roles: all of them."""
    if may_see_minors(user):
        return entries
    return entries.exclude(pk__in=entries_about_minors().values("pk"))


def filtered_entries(user, *, actor="", model="", object_pk="", text="", date_from=None, date_to=None):
    entries = without_minors(visible_entries(user), user).select_related("actor", "content_type")
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


def visible_reveals(user):
    """Every clear ID number shown or exported by users of the reader's subtree, newest first.

    Every reveal is listed, a child's too: who looked at a child's number is exactly what an auditor
    must be able to check. For a role without access to minors' records the child is concealed
    (`conceal_reveals`): the row says that an officer revealed a minor's number, not whose.
    """
    rows = scoping.restrict(IdNumberAccess.objects.all(), user, via="user__organization")
    return rows.select_related("user", "person").order_by("-at", "-pk")


def conceal_reveals(reveals, user):
    """The people of single reveals, minors concealed for roles without access to minors' records."""
    reveals = list(reveals)
    conceal_minors([r.person for r in reveals], user)
    return reveals


HIDDEN = "…"


def _person_fields(model):
    if model is Person:
        return []
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Person]


def _as_pk(value):
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def conceal_minor_entries(entries, user):
    """For a role without access to minors' records: entries about a minor (a child's own record, or a
    record pointing at a child such as a payment or a household member) keep their kind, action and
    time, but neither the record's name nor the values changed: that a child's record changed, not whose.
    Call after ``with_change_lines``. Sets `entry.concealed`; returns the entries."""
    entries = list(entries)
    for entry in entries:
        entry.concealed = False
    if not entries or may_see_minors(user):
        return entries
    concerned = {}  # entry pk -> person ids it is about
    by_model = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:
            continue
        if model is Person:
            concerned[entry.pk] = {_as_pk(entry.object_pk)}
            continue
        fields = _person_fields(model)
        if not fields:
            continue
        ids = set()
        for f in fields:  # what the entry itself recorded (also for deleted rows)
            for value in (entry.changes_dict or {}).get(f.name, []) or []:
                ids.add(_as_pk(value))
        concerned[entry.pk] = ids
        by_model.setdefault(model, []).append(entry)
    for model, model_entries in by_model.items():
        fields = _person_fields(model)
        pks = {_as_pk(e.object_pk) for e in model_entries} - {None}
        current = {row[0]: row[1:] for row in model._default_manager.filter(pk__in=pks).values_list(
            "pk", *[f.attname for f in fields])}  # fmt: skip
        for entry in model_entries:
            concerned[entry.pk].update(current.get(_as_pk(entry.object_pk), ()))
    minors = minor_ids({pk for ids in concerned.values() for pk in ids})
    for entry in entries:
        if concerned.get(entry.pk, set()) & minors:
            entry.concealed = True
            entry.object_repr = str(CONCEALED_NAME)
            entry.change_lines = [(label, HIDDEN) for label, _text in getattr(entry, "change_lines", [])]
    return entries
