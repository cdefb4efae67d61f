"""What the Three Cares ledger kinds share: the person and place columns, a service ledger's
matching of rows against records already kept, records kept by place."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.ledgers.registry import Column, LedgerKind
from gonghui.ledgers.vocabulary import TOWNSHIP_ALIASES, VILLAGE_ALIASES

TOWNSHIP = TOWNSHIP_ALIASES
VILLAGE = VILLAGE_ALIASES
YES_MEMBER = ["是否工会会员", "会员", "是否入会", "工会会员"]
# Example rows of the templates: a valid adult (an elder in the elders' ledger) and a child.
ELDER_EXAMPLE_ID = "520199194203150023"
CHILD_EXAMPLE_ID = "52019920000601002X"


def _example_gender(number):
    # The template's example row agrees with its own ID number (the 17th digit: odd for men).
    return "男" if int(number[16]) % 2 else "女"


def person_columns(example_id="520199197503080016"):
    return [
        Column("name", "姓名", "name", required=True, aliases=["名字", "人员姓名"], example="张三"),
        Column("id_number", "身份证号", "id_number", required=True,
               aliases=["身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码"],
               example=example_id, help="18位；请把本列设为“文本”。"),
        Column("gender", "性别", "gender", example=_example_gender(example_id)),
        Column("phone", "联系电话", "phone", aliases=["手机号码", "手机号", "手机", "电话", "联系方式"],
               example="13800001111"),
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP, example="高桥镇"),
        Column("village", "村(社区)", "place", place="village", within="township", aliases=VILLAGE,
               example="高桥村"),
        Column("registered_on", "登记日期", "date", aliases=["建档日期", "登记时间"], example="2008-03-01",
               help="不填则为导入当天。"),
    ]  # fmt: skip


class ServiceKind(LedgerKind):
    """A service ledger: each new row becomes one record (``build``); matched rows are left as they are."""

    def in_scope(self, ctx, model):
        return model.objects.visible_to(ctx.organization)

    def build(self, row, ctx):
        raise NotImplementedError

    def write(self, rows, ctx):
        new = [self.build(row, ctx) for row in rows if row.status == "new"]
        if new:
            type(new[0]).objects.bulk_create(new, batch_size=1000)
        return len(new), len(rows) - len(new)


def same(old, new):
    """A stored value and a parsed cell agree (a blank cell matches a blank text or zero)."""
    if new is None:
        return old in (None, "", 0)
    if isinstance(new, Decimal) or isinstance(old, Decimal):
        return Decimal(old or 0) == Decimal(new)
    return old == new


def recorded(model, rows, **scope):
    """{(title, held_on): record} of the records of `model` the titled rows of a batch may repeat."""
    found = model.objects.filter(
        title__in={r["title"] for r in rows}, held_on__in={r["held_on"] for r in rows}, **scope
    )
    return {(r.title, r.held_on): r for r in found}


def mark_against(row, record, compared, kind, *, key, fields=None):
    """A row whose record already exists is not recorded again: unchanged, or a conflict if it differs.

    ``compared`` are column keys; ``fields`` maps a column key to the record's field when they differ.
    A conflicting row is skipped with a warning: the services refuse a second record with the same
    identity, and a record is corrected on its own page, with that page's checks.
    """
    if record is None:
        row.mark("new")
        return
    row.instance = record
    fields = fields or {}
    changes = []
    for column in compared:
        field, new = fields.get(column, column), row[column]
        if kind.column(column).type == "place":
            # Places compare by id; the stored one is loaded only to show a difference.
            if getattr(record, f"{field}_id") == (new.pk if new is not None else None):
                continue
        elif same(getattr(record, field), new):
            continue
        changes.append((row.headers.get(column) or kind.column(column).header, getattr(record, field), new))
    row.mark("conflict" if changes else "unchanged", changes=changes)
    if changes:
        differences = "；".join(f"{header}: {display(old)} → {display(new)}" for header, old, new in changes)
        row.warn(key, _("This is already recorded with other values (%(changes)s); the row was skipped. Correct "
                        "the record on its page.") % {"changes": differences})  # fmt: skip
    else:
        row.warn(key, _("This is already recorded; the row was left as it is."))


def display(value):
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def place_columns(township_example="高桥镇", village_example="高桥村"):
    return [
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP, example=township_example),
        Column("village", "村(社区)", "place", place="village", within="township", aliases=VILLAGE,
               example=village_example, help="不填则为全乡镇的，由乡镇工会工委登记。"),
    ]  # fmt: skip


def township_id_of(row):
    township, village = row["township"], row["village"]
    return township.pk if township is not None else (village.parent_id if village is not None else None)


class PlacedKind(ServiceKind):
    """Records kept by place (township, village): the answerable organisation owns them."""

    def places(self, rows, ctx):
        """Set each row's township (from its village when only that is given) and owner; False after an error."""
        from gonghui.orgs.models import Place

        from ..services import answerable_organization

        needed = {
            row["village"].parent_id for row in rows if row["township"] is None and row["village"] is not None
        }
        townships = Place.objects.select_related("organization").in_bulk(needed)
        root = ctx.organization.path
        for row in rows:
            village = row["village"]
            township = row["township"] or (townships.get(village.parent_id) if village is not None else None)
            if township is None:
                row.error("township", _("Give the township (or the village) of this row."))
                continue
            try:
                owner = answerable_organization(township, village)
            except ValidationError as e:
                row.error("village", e.message_dict["village"][0])
                continue
            if not owner.path.startswith(root):
                place = village or township
                row.error("village" if village else "township",
                          _("%(place)s is outside %(org)s; the unit responsible for it must import this row.")
                          % {"place": place.name, "org": ctx.organization.name})  # fmt: skip
                continue
            row.extra["township"], row.extra["owner"] = township, owner

    def placed(self, rows):
        return [row for row in rows if row.ok and "owner" in row.extra]
