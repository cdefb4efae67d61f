"""What an auditor reads in a change: field names and values in words, never raw Python.

One function for the change history on record pages and for the audit log (page and export):
空 for nothing, 是/否 for yes/no, choice labels, names instead of ids (looked up in one query per
related model for a whole page), lists joined, dates as offices write them, and no internal
fields (ids, the tree's path and depth, timestamps the entry already has).
"""

import ast
import datetime
import json
from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

# Bookkeeping columns an auditor has no use for: the entry's own time says when.
INTERNAL_FIELDS = {"path", "depth", "created_at", "updated_at", "progress_done", "progress_total",
                   "summary", "mapping", "file", "rejected_file"}  # fmt: skip
NOTHING = {"", "None", "null", "[]", "{}"}


def _ledger_kind(code):
    from gonghui.ledgers.registry import get_kind

    try:
        return str(get_kind(code))
    except KeyError:
        return code


# Values stored as codes that have their words elsewhere than the field's choices.
CODE_WORDS = {("ledgers", "importjob", "kind"): _ledger_kind}


def _empty():
    return _("empty")


def _model_of(entry):
    try:
        return entry.content_type.model_class()
    except AttributeError:
        return None


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _raw_changes(entry):
    try:
        changes = entry.changes_dict
    except (ValueError, TypeError):
        return {}
    return changes if isinstance(changes, dict) else {}


def _shown(model, name):
    field = _field(model, name)
    if field is None:
        return True
    return not (getattr(field, "primary_key", False) or name in INTERNAL_FIELDS or name.endswith(("_hash", "_cipher")))


def _as_list(text):
    """A stored list ("['a', 'b']" or JSON) as a Python list; None when the value is no list."""
    if isinstance(text, list | tuple):
        return list(text)
    if not isinstance(text, str) or not text.startswith("["):
        return None
    for parse in (json.loads, ast.literal_eval):
        try:
            value = parse(text)
        except (ValueError, SyntaxError):
            continue
        if isinstance(value, list | tuple):
            return list(value)
    return None


def _word(field, value, names):
    """One stored value (auditlog keeps strings) as an auditor reads it."""
    if value is None or (isinstance(value, str) and value.strip() in NOTHING):
        return _empty()
    if field is None:
        return str(value)
    words = CODE_WORDS.get((field.model._meta.app_label, field.model._meta.model_name, field.name))
    if words is not None:
        return words(str(value))
    if field.choices:
        labels = {str(k): str(v) for k, v in field.flatchoices}
        listed = _as_list(value)
        if listed is not None:
            return "、".join(labels.get(str(v), str(v)) for v in listed) or _empty()
        return labels.get(str(value), str(value))
    if isinstance(field, models.BooleanField):
        return {"True": _("yes"), "False": _("no"), "1": _("yes"), "0": _("no")}.get(str(value), str(value))
    if field.many_to_one or field.one_to_one:
        return names.get((field.related_model, str(value)), _("deleted record"))
    if isinstance(field, models.DateTimeField):
        return _datetime(value)
    if isinstance(field, models.DateField):
        return _date(value)
    listed = _as_list(value)
    if listed is not None:
        return "、".join(str(v) for v in listed) or _empty()
    return str(value)


def _date(value):
    from gonghui.templatetags.gonghui import cndate

    try:
        return cndate(datetime.date.fromisoformat(str(value)[:10])) or str(value)
    except ValueError:
        return str(value)


def _datetime(value):
    from gonghui.templatetags.gonghui import cndatetime

    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return cndatetime(moment) or str(value)


def _related_names(entries):
    """{(related model, str(pk)): name} for every id the entries' foreign keys mention, by model."""
    wanted = defaultdict(set)
    for entry in entries:
        model = _model_of(entry)
        for name, values in _raw_changes(entry).items():
            field = _field(model, name)
            if field is None or not (field.many_to_one or field.one_to_one) or isinstance(values, dict):
                continue
            for value in values if isinstance(values, list | tuple) else [values]:
                if value not in (None, "None", ""):
                    wanted[field.related_model].add(str(value))
    names = {}
    for related, pks in wanted.items():
        ids = [pk for pk in pks if pk.isdigit() and len(pk) < 19] if related._meta.pk.get_internal_type() in (
            "AutoField", "BigAutoField", "IntegerField", "BigIntegerField") else list(pks)  # fmt: skip
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, str(obj.pk))] = str(obj)
    return names


def change_lines(entry, names):
    """[(field label, text)] for one entry: "old → new", or what a list gained or lost."""
    model = _model_of(entry)
    lines = []
    for name, values in _raw_changes(entry).items():
        if not _shown(model, name):
            continue
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        if isinstance(values, dict):  # a many-to-many change: {"type": "m2m", "operation": …, "objects": […]}
            objects = "、".join(str(o) for o in values.get("objects") or []) or _empty()
            verb = _("removed") if values.get("operation") in ("delete", "remove", "clear") else _("added")
            lines.append((label, f"{verb}：{objects}"))
            continue
        if isinstance(values, list | tuple) and len(values) == 2:
            old, new = (_word(field, v, names) for v in values)
            lines.append((label, f"{old} → {new}"))
        else:
            lines.append((label, _word(field, values, names)))
    return lines


def with_change_lines(entries):
    """The entries, each with ``change_lines`` set: the one formatting for page, history and export."""
    entries = list(entries)
    names = _related_names(entries)
    for entry in entries:
        entry.change_lines = change_lines(entry, names)
    return entries
