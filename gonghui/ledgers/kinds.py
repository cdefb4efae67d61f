"""The first two ledger kinds: the people register (人员名册) and the workplaces (单位名册).

Headers and aliases are data: what township offices actually write above their columns.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.orgs import scoping
from gonghui.orgs.codes import credit_code_check_char, validate_credit_code
from gonghui.orgs.models import Enterprise, Place
from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.people.services import people_named, suggest_changes

from .bulk import adapt, fast_initials, insert_rows
from .persons import INSERT_BATCH
from .registry import Column, LedgerKind, register_kind
from .vocabulary import TOWNSHIP_ALIASES, VILLAGE_ALIASES


def _place_name(place):
    return place.name if place else ""


@register_kind
class PeopleKind(LedgerKind):
    code = "people"
    title = "人员名册"
    columns = [
        Column("name", "姓名", "name", required=True, aliases=["名字", "职工姓名", "人员姓名"], example="张三",
               help="必填。"),
        Column("id_number", "身份证号", "id_number",
               aliases=["身份证号码", "公民身份号码", "身份证", "身份证件号码", "证件号码", "身份证号(18位)"],
               example=idnumbers.make_valid("520199", datetime.date(1975, 3, 8), 1),
               help="18位，末位X可大写或小写；请把本列设为“文本”，否则Excel会把号码变成5.20123E+17。"),
        Column("gender", "性别", "gender", example="男", help="与身份证号不符时以身份证号为准。"),
        Column("ethnicity", "民族", "text", max_length=20, example="汉族"),
        Column("phone", "联系电话", "phone", aliases=["手机号码", "手机号", "手机", "电话", "联系方式", "电话号码"],
               example="13800001111", help="11位手机号，或带区号的固定电话，如0851-5221234。"),
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP_ALIASES, example="高桥镇"),
        Column("village", "村(社区)", "place", place="village", within="township", aliases=VILLAGE_ALIASES,
               example="高桥村"),
        Column("address", "住址", "text", max_length=200, aliases=["家庭住址", "家庭地址", "现住址", "地址", "居住地址"],
               example="高桥镇高桥村3组"),
        Column("birth_date", "出生日期", "date", aliases=["出生年月"], example="1975-03-08",
               help="有身份证号时可不填，以身份证号为准。"),
    ]  # fmt: skip
    key = ["id_number"]
    instructions = [
        "同一人在一个文件中只能出现一次；已登记的人按身份证号匹配并更新，不会重复登记。",
        "没有身份证号的人按姓名、出生日期和村核对，可能重复的会列出，请到“人员合并”处理。",
    ]
    fields = ["name", "gender", "ethnicity", "phone", "township", "village", "address", "birth_date"]

    def check(self, rows, ctx):
        # The engine found each ID number's person by the one rule (people.services.match_people):
        # someone outside the subtree only with the right name, and never to be changed here.
        ctx.people_by_id_number(rows)
        for row in rows:
            if row["id_number"]:
                row.extra["hash"] = idnumbers.lookup_hash(row["id_number"])
        namesakes = self._namesakes(rows, ctx)
        seen_no_id = ctx.cache.setdefault("people_no_id", {})
        default = self._default_place(ctx)
        for row in rows:
            if row["township"] is None and row["village"] is None:
                if default is not None:
                    row.values[default.kind if default.kind == "township" else "village"] = default
                    if default.kind != "township" and default.parent and default.parent.kind == "township":
                        row.values["township"] = default.parent
                else:
                    row.warn("township", _("No township or village is given: only the units above %(org)s will "
                                           "see this person.") % {"org": ctx.organization.name}, value="")  # fmt: skip
            number = row["id_number"]
            if number:
                fact = idnumbers.facts(number)  # the gender column was checked against it on reading
                if row["birth_date"] and row["birth_date"] != fact.birth_date:
                    row.warn("birth_date", _("The birth date contradicts the ID number, which says %(date)s; the "
                                             "ID number was followed.") % {"date": fact.birth_date})  # fmt: skip
                row.values["birth_date"] = fact.birth_date
                match = row.extra["person"]
                person = match.person
                if person is None:
                    row.mark("new")
                    self._likely_duplicates(row, namesakes, with_id=False)
                elif match.owned:
                    row.instance = person
                    self._mark_changes(row, person)
                else:
                    row.instance = person
                    row.mark("conflict")
                    # What the file says differently goes to the owning unit as a suggestion; the
                    # importer is not shown the registered values.
                    row.extra["suggested"] = self._suggested(row, person)
                    row.warn("id_number", _("This person is registered by another unit; the row matched their "
                                            "ID number and name and left their record as that unit keeps it."))  # fmt: skip
            else:
                key = (row["name"], row["birth_date"], row["village"].pk if row["village"] else None)
                if key in seen_no_id:
                    row.warn("name", _("Same name, birth date and village as row %(row)d; if they are one "
                                       "person, merge them after the import.") % {"row": seen_no_id[key]})  # fmt: skip
                seen_no_id.setdefault(key, row.number)
                twin = self._same_without_id(row, namesakes)
                if twin is not None:
                    # Name-only matching: only people of the importer's subtree (people_named).
                    row.instance = twin
                    self._mark_changes(row, twin)
                    row.warn("name", _("Row %(row)d has no ID number; it was matched by name, birth date and "
                                       "village to a person registered in your area. Check that it is the same "
                                       "person.") % {"row": row.number})  # fmt: skip
                else:
                    row.mark("new")
                    self._likely_duplicates(row, namesakes, with_id=True)

    @staticmethod
    def _default_place(ctx):
        # A township committee's or village union's ledger often leaves out its own place.
        if "default_place" not in ctx.cache:
            places = list(Place.objects.filter(organization=ctx.organization).select_related("parent")[:2])
            ctx.cache["default_place"] = (
                places[0] if len(places) == 1 and places[0].kind != "county" else None
            )
        return ctx.cache["default_place"]

    @staticmethod
    def _namesakes(rows, ctx):
        """Registered people of the importer's subtree who may be the same as a row: those without
        ID numbers bearing a row's name, and, for rows without ID numbers, everyone bearing that
        name (two queries a batch). Name-only matching never reaches outside the subtree."""
        found = {}
        fields = (
            "id",
            "name",
            "birth_date",
            "village_id",
            "township_id",
            "id_number_hash",
            "id_number_masked",
        )
        names = {row["name"] for row in rows}
        names_no_id = {row["name"] for row in rows if not row["id_number"]}
        places = ctx.subtree_places()
        named = people_named(names, ctx.organization, places=places)
        queries = [named.filter(id_number_hash__isnull=True)]
        if names_no_id:
            queries.append(people_named(names_no_id, ctx.organization, places=places)
                           .filter(id_number_hash__isnull=False))  # fmt: skip
        for query in queries:
            for person in query.only(*fields):
                found.setdefault(person.name, []).append(person)
        return found

    @staticmethod
    def _matches(row, person):
        village = row["village"]
        if village is not None and person.village_id != village.pk:
            return False
        if village is None and row["township"] is not None and person.township_id != row["township"].pk:
            return False
        return not (row["birth_date"] and person.birth_date and row["birth_date"] != person.birth_date)

    def _same_without_id(self, row, namesakes):
        # Re-importing a file whose rows lack ID numbers finds the same records again.
        twins = [p for p in namesakes.get(row["name"], []) if not p.id_number_hash and self._matches(row, p)
                 and p.birth_date == row["birth_date"]]  # fmt: skip
        return twins[0] if len(twins) == 1 else None

    def _likely_duplicates(self, row, namesakes, *, with_id):
        for person in namesakes.get(row["name"], []):
            if (
                bool(person.id_number_hash) == with_id
                and self._matches(row, person)
                and (row["village"] is not None or row["township"] is not None)
            ):
                row.mark("duplicate")
                row.warn("name", _("Probably the same person as %(name)s (record %(pk)d) already registered; "
                                   "merge them if so.") % {"name": person.name, "pk": person.pk})  # fmt: skip
                return

    def _mark_changes(self, row, person):
        changes = []
        for attr in self.fields:
            new = row[attr]
            if new is None or new == "":
                continue
            old = getattr(person, attr)
            if hasattr(new, "pk"):
                if person.__dict__.get(f"{attr}_id") != new.pk:
                    changes.append(
                        (row.headers.get(attr, self.column(attr).header), old_place(person, attr), new)
                    )
            elif old != new:
                changes.append((row.headers.get(attr, self.column(attr).header), old, new))
        row.mark("changed" if changes else "unchanged", changes=changes)

    def _suggested(self, row, person):
        """{header: the file's value} where the row differs from the person kept by another unit."""
        suggested = {}
        for attr in ("phone", "address", "ethnicity"):
            new = row[attr]
            if new not in (None, "") and getattr(person, attr) != new:
                suggested[str(row.headers.get(attr, self.column(attr).header))] = str(new)
        return suggested

    INSERT_FIELDS = ["name", "name_initials", "id_number_cipher", "id_number_hash", "id_number_masked", "gender",
                     "birth_date", "ethnicity", "phone", "township_id", "village_id", "address", "created_at",
                     "updated_at"]  # fmt: skip

    def write(self, rows, ctx):
        now = timezone.now()
        new, updated, touched = [], [], set()
        stamp = adapt(Person, "created_at", now)  # adapted once, not 200,000 times
        for row in rows:
            if row.instance is None:
                new.append(self._insert_row(row, stamp))
            elif row.status == "changed":
                person = row.instance
                values = {attr: row[attr] for attr in self.fields if row[attr] not in (None, "")}
                for attr, value in values.items():
                    setattr(person, attr, value)
                person.name_initials = fast_initials(person.name)
                if person.village_id and not person.township_id:
                    person.township_id = person.village.parent_id
                person.updated_at = now  # bulk_update does not apply auto_now
                updated.append(person)
                touched.update(values)
        insert_rows(Person, self.INSERT_FIELDS, new, adapted={"created_at", "updated_at"})
        suggestions = [(row.instance, row.extra["suggested"]) for row in rows if row.extra.get("suggested")]
        suggest_changes(suggestions, actor=ctx.user, organization=ctx.organization, what=self.title)
        if updated:
            fields = sorted({*touched, "name_initials", "updated_at"})
            Person.objects.bulk_update(updated, fields, batch_size=INSERT_BATCH)
        return len(new), sum(1 for row in rows if row.instance is not None)

    @staticmethod
    def _insert_row(row, now):
        number = row["id_number"]
        township, village = row["township"], row["village"]
        township_id = township.pk if township else (village.parent_id if village else None)
        return (
            row["name"],
            fast_initials(row["name"]),
            idnumbers.encrypt(number) if number else "",
            row.extra.get("hash") if number else None,
            idnumbers.mask(number) if number else "",
            row["gender"] or "",
            row["birth_date"],
            row["ethnicity"] or "",
            row["phone"] or "",
            township_id,
            village.pk if village else None,
            row["address"] or "",
            now,
            now,
        )


def old_place(person, attr):
    place_id = person.__dict__.get(f"{attr}_id")
    if place_id is None:
        return ""
    return Place.objects.filter(pk=place_id).values_list("name", flat=True).first() or ""


OWNERSHIPS = {
    "国有": Enterprise.Ownership.STATE,
    "国有企业": Enterprise.Ownership.STATE,
    "集体": Enterprise.Ownership.COLLECTIVE,
    "集体企业": Enterprise.Ownership.COLLECTIVE,
    "私营": Enterprise.Ownership.PRIVATE,
    "民营": Enterprise.Ownership.PRIVATE,
    "私营企业": Enterprise.Ownership.PRIVATE,
    "非公": Enterprise.Ownership.PRIVATE,
    "股份制": Enterprise.Ownership.JOINT_STOCK,
    "股份有限公司": Enterprise.Ownership.JOINT_STOCK,
    "有限责任公司": Enterprise.Ownership.JOINT_STOCK,
    "外资": Enterprise.Ownership.FOREIGN,
    "外商投资": Enterprise.Ownership.FOREIGN,
    "港澳台": Enterprise.Ownership.HMT,
    "港澳台投资": Enterprise.Ownership.HMT,
    "个体": Enterprise.Ownership.INDIVIDUAL,
    "个体工商户": Enterprise.Ownership.INDIVIDUAL,
    "事业单位": Enterprise.Ownership.PUBLIC_INSTITUTION,
    "机关": Enterprise.Ownership.ORGAN,
    "党政机关": Enterprise.Ownership.ORGAN,
    "其他": Enterprise.Ownership.OTHER,
}


@register_kind
class EnterprisesKind(LedgerKind):
    code = "enterprises"
    title = "单位名册"
    columns = [
        Column("name", "单位名称", "text", required=True, max_length=120, aliases=["企业名称", "单位", "企业"],
               example="高桥建材厂"),
        Column("credit_code", "统一社会信用代码", "text", aliases=["信用代码", "社会信用代码", "统一代码"],
               example="91520199000000001" + credit_code_check_char("91520199000000001"), help="18位；没有的可不填，按单位名称核对。"),
        Column("ownership", "经济类型", "choice", choices=OWNERSHIPS, aliases=["所有制", "经济性质", "单位性质"],
               example="私营"),
        Column("township", "乡镇", "place", place="township", aliases=TOWNSHIP_ALIASES, example="高桥镇"),
        Column("staff_count", "职工人数", "integer", aliases=["职工数", "从业人数", "职工总数"], example=50),
        Column("women_staff_count", "女职工人数", "integer", aliases=["女职工数", "其中女职工"], example=20),
        Column("is_coal_mine", "是否煤矿", "yesno", aliases=["煤矿"], example="否"),
        Column("coal_mine_pairs", "煤矿对数", "integer", aliases=["矿井对数", "对数"], example=0,
               help="煤矿按“对”计（一对主副井为一对）；不是煤矿填0或不填。"),
    ]  # fmt: skip
    key = ["credit_code"]
    fields = [
        "name",
        "ownership",
        "township",
        "staff_count",
        "women_staff_count",
        "is_coal_mine",
        "coal_mine_pairs",
    ]

    def natural_key(self, row):
        return ("code", row["credit_code"]) if row["credit_code"] else ("name", row["name"])

    def check(self, rows, ctx):
        for row in rows:
            if row["credit_code"]:
                try:
                    row.values["credit_code"] = validate_credit_code(row["credit_code"])
                except ValidationError as e:
                    row.error("credit_code", e.messages[0])
            staff, women = row["staff_count"], row["women_staff_count"]
            if staff is not None and women is not None and women > staff:
                row.error("women_staff_count", _("Women staff (%(women)d) cannot outnumber all staff (%(staff)d).")
                          % {"women": women, "staff": staff})  # fmt: skip
            mine, pairs = row["is_coal_mine"], row["coal_mine_pairs"]
            if mine and not pairs:
                row.error("coal_mine_pairs", _("A coal mine needs its number of shaft pairs."))
            if not mine and pairs:
                row.error("coal_mine_pairs", _("Only a coal mine has shaft pairs; fill in 是 under 是否煤矿 or "
                                                "leave the pairs empty."))  # fmt: skip
        rows = [row for row in rows if row.ok]
        codes = [row["credit_code"] for row in rows if row["credit_code"]]
        names = [row["name"] for row in rows if not row["credit_code"]]
        by_code = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=codes)}
        by_name = {}
        for ent in scoping.restrict(Enterprise.objects.filter(name__in=names), ctx.organization):
            by_name.setdefault(ent.name, []).append(ent)
        visible = set(
            scoping.restrict(
                Enterprise.objects.filter(Q(credit_code__in=codes)), ctx.organization
            ).values_list("pk", flat=True)
        )
        for row in rows:
            if row["credit_code"]:
                ent = by_code.get(row["credit_code"])
                if ent is not None and ent.pk not in visible:
                    row.error("credit_code", _("This credit code is registered to %(name)s by another unit.")
                              % {"name": ent.name})  # fmt: skip
                    continue
            else:
                same = by_name.get(row["name"], [])
                ent = same[0] if len(same) == 1 else None
            if ent is None:
                row.mark("new")
                continue
            row.instance = ent
            changes = []
            for attr in self.fields:
                new = row[attr]
                if new is None:
                    continue
                if hasattr(new, "pk"):
                    if ent.township_id != new.pk:
                        changes.append((self._header(row, attr), old_place(ent, attr), new))
                elif getattr(ent, attr) != new:
                    changes.append((self._header(row, attr), getattr(ent, attr), new))
            row.mark("changed" if changes else "unchanged", changes=changes)

    def _header(self, row, attr):
        return row.headers.get(attr, self.column(attr).header)

    def _owner(self, row, ctx):
        township = row["township"]
        if township is not None and township.organization.path.startswith(ctx.organization.path):
            return township.organization
        return ctx.organization

    def write(self, rows, ctx):
        created, updated = [], []
        for row in rows:
            values = {attr: row[attr] for attr in self.fields if row[attr] is not None}
            if values.get("is_coal_mine") is False:
                values.setdefault("coal_mine_pairs", 0)
            if row.instance is None:
                created.append(Enterprise(credit_code=row["credit_code"] or None, organization=self._owner(row, ctx),
                                          **values))  # fmt: skip
            elif row.status == "changed":
                for attr, value in values.items():
                    setattr(row.instance, attr, value)
                updated.append(row.instance)
        Enterprise.objects.bulk_create(created, batch_size=INSERT_BATCH)
        if updated:
            Enterprise.objects.bulk_update(updated, self.fields, batch_size=INSERT_BATCH)
        return len(created), sum(1 for row in rows if row.instance is not None)
