"""The model-worker roll (劳动模范名册)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.ledgers.persons import INSERT_BATCH
from gonghui.ledgers.registry import Column, LedgerKind, register_kind

from ..models import ModelWorker
from .columns import ID_NUMBER, MODEL_LEVELS, NAME, TOWNSHIP, VILLAGE, _owner, _people


@register_kind
class ModelWorkersKind(LedgerKind):
    code = "model_workers"
    title = "劳动模范名册"
    columns = [
        NAME, ID_NUMBER, TOWNSHIP, VILLAGE,
        Column("level", "级别", "choice", required=True, choices=MODEL_LEVELS, aliases=["劳模级别", "荣誉级别"],
               example="县级"),
        Column("honour", "荣誉称号", "text", required=True, max_length=80, example="县劳动模范"),
        Column("year_honoured", "授予年份", "integer", required=True, aliases=["获得年份", "表彰年份"], example=2005),
        Column("situation", "现状", "choice", required=True,
               choices={"在岗": "working", "退休": "retired", "下岗": "laid_off", "务农": "farming", "去世": "deceased",
                        "已故": "deceased"}, example="在岗"),
        Column("in_hardship", "是否困难", "yesno", aliases=["困难劳模"], example="否"),
        Column("in_countryside_survey", "新农村建设劳模在行动", "yesno", aliases=["参加新农村建设劳模在行动"], example="是"),
        Column("note", "先进事迹", "text", aliases=["主要事迹"]),
    ]  # fmt: skip
    key = ["id_number", "level", "year_honoured"]
    fields = ["honour", "situation", "in_hardship", "in_countryside_survey", "note"]

    def check(self, rows, ctx):
        this_year = (ctx.today or timezone.localdate()).year
        people = ctx.people_by_id_number(rows)
        existing = {
            (m.person_id, m.level, m.year_honoured): m
            for m in ModelWorker.objects.filter(person__in=people.values())
        }
        for row in rows:
            if not 1950 <= row["year_honoured"] <= this_year:
                row.error("year_honoured", _("%(value)s is not a plausible year of the honour.")
                          % {"value": row["year_honoured"]})  # fmt: skip
                continue
            person = people.get(row["id_number"])
            found = existing.get((person.pk if person else None, row["level"], row["year_honoured"]))
            if found is None:
                row.mark("new")
                continue
            row.instance = found
            changes = [(self.column(f).header, getattr(found, f), row[f]) for f in self.fields
                       if row[f] not in (None, "") and getattr(found, f) != row[f]]  # fmt: skip
            row.mark("changed" if changes else "unchanged", changes=changes)

    def write(self, rows, ctx):
        people = _people([r for r in rows if r.instance is None], ctx)
        new, changed = [], []
        for row in rows:
            values = {f: row[f] for f in self.fields if row[f] is not None}
            if row.instance is None:
                new.append(ModelWorker(organization=_owner(row, ctx), person=people[row["id_number"]],
                                       level=row["level"], year_honoured=row["year_honoured"], **values))  # fmt: skip
            elif row.status == "changed":
                for f, v in values.items():
                    setattr(row.instance, f, v)
                changed.append(row.instance)
        ModelWorker.objects.bulk_create(new, batch_size=INSERT_BATCH)
        if changed:
            ModelWorker.objects.bulk_update(changed, self.fields, batch_size=INSERT_BATCH)
        return len(new), len(changed)
