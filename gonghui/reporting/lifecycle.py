"""Lifecycles as data: a table of moves and the one function that refuses any other.

Any area reuses it for its own records (the safety app's monthly mine reports, say)::

    MINE_REPORT = Lifecycle({
        ("", "submitted"): "submit",
        ("submitted", "returned"): "return",
        ("returned", "submitted"): "resubmit",
        ("submitted", "accepted"): "accept",
    }, labels=MineReport.Status, needs_comment={"return"}, locked={"accepted"})

    @transaction.atomic
    def accept(*, report, by):
        return MINE_REPORT.move(report, "accepted", by=by,
                                record=lambda obj, old, new, name, comment: MineReportMove.objects.create(
                                    report=obj, from_status=old, to_status=new, by=by, comment=comment))

``move`` locks the row (select_for_update), checks the move is in the table (a field-keyed
ValidationError naming both states otherwise), requires a comment where the table says so, sets
the status, saves and calls ``record`` so the area keeps its own small table of moves.
``ensure_editable(obj)`` refuses a change to a record in a locked state.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class Lifecycle:
    def __init__(self, moves, *, field="status", labels=None, needs_comment=(), locked=()):
        self.moves = dict(moves)
        self.field = field
        self.labels = labels  # a TextChoices class (for messages), optional
        self.needs_comment = set(needs_comment)
        self.locked = set(locked)

    def label(self, status):
        if self.labels is not None and status in self.labels.values:
            return str(self.labels(status).label)
        return status or "—"

    def allowed(self, current):
        """The states reachable from `current`: {to: move name}."""
        return {to: name for (frm, to), name in self.moves.items() if frm == (current or "")}

    def check(self, current, to, comment=""):
        name = self.moves.get((current or "", to))
        if name is None:
            raise ValidationError(
                {self.field: ValidationError(_("A record that is %(current)s cannot be moved to %(to)s."),
                                             code="illegal_move",
                                             params={"current": self.label(current), "to": self.label(to)})}
            )  # fmt: skip
        if name in self.needs_comment and not (comment or "").strip():
            raise ValidationError({"comment": ValidationError(_("Say why."), code="no_comment")})
        return name

    def move(self, obj, to, *, comment="", record=None, save_fields=()):
        """Apply one move to a saved row (re-read under a lock); returns the row."""
        if obj.pk is not None:
            locked = type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
            for name in save_fields:  # the caller's changes that go with the move
                setattr(locked, name, getattr(obj, name))
            obj = locked
        current = getattr(obj, self.field)
        name = self.check(current, to, comment)
        setattr(obj, self.field, to)
        if obj.pk is None:
            obj.save()
        else:
            obj.save(update_fields=[self.field, *save_fields])
        if record is not None:
            record(obj, current, to, name, comment)
        return obj

    def ensure_editable(self, obj, field="__all__"):
        status = getattr(obj, self.field)
        if status in self.locked:
            raise ValidationError(
                {field: ValidationError(_("This record is %(status)s and locked: it cannot be changed."),
                                        code="locked", params={"status": self.label(status)})}
            )  # fmt: skip
