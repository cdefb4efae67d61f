"""The ledgers of work for migrants: skills training, job referral events, returnee symposiums."""

from django.utils.translation import gettext as _

from gonghui.ledgers.registry import Column, register_kind

from .. import models as m
from .base import ServiceKind, mark_against, recorded


@register_kind
class TrainingsKind(ServiceKind):
    code = "trainings"
    title = "农民工技能培训台账"
    columns = [
        Column(
            "title",
            "培训名称",
            "text",
            required=True,
            max_length=100,
            aliases=["培训班名称", "培训项目"],
            example="2008年农民工电焊培训班",
        ),
        Column(
            "held_on",
            "培训时间",
            "date",
            required=True,
            aliases=["培训日期", "举办时间"],
            example="2008-04-10",
        ),
        Column("venue", "培训地点", "text", max_length=100, aliases=["地点"]),
        Column("trade", "培训工种", "text", max_length=40, aliases=["工种", "培训内容"]),
        Column(
            "trainee_count", "培训人数", "integer", required=True, aliases=["参训人数", "人数"], example="60"
        ),
        Column("funds", "培训经费", "amount", aliases=["经费", "投入资金", "经费(元)"]),
    ]
    key = ["title", "held_on"]
    compared = ["venue", "trade", "trainee_count", "funds"]

    def check(self, rows, ctx):
        existing = recorded(m.Training, rows, organization=ctx.organization)
        for row in rows:
            mark_against(row, existing.get((row["title"], row["held_on"])), self.compared, self, key="title")

    def build(self, row, ctx):
        return m.Training(
            title=row["title"],
            held_on=row["held_on"],
            venue=row["venue"] or "",
            trade=row["trade"] or "",
            trainee_count=row["trainee_count"],
            funds=row["funds"] or 0,
            organization=ctx.organization,
        )


@register_kind
class ReferralsKind(ServiceKind):
    code = "referrals"
    title = "农民工职业介绍台账"
    columns = [
        Column(
            "title",
            "活动名称",
            "text",
            required=True,
            max_length=100,
            aliases=["招聘会名称", "名称"],
            example="2008年春风行动招聘会",
        ),
        Column("held_on", "举办时间", "date", required=True, aliases=["时间", "日期"], example="2008-02-18"),
        Column("venue", "地点", "text", max_length=100, aliases=["举办地点"]),
        Column(
            "referred_count",
            "介绍人数",
            "integer",
            required=True,
            aliases=["介绍就业人数", "推荐人数"],
            example="300",
        ),
        Column(
            "employed_count",
            "实现就业人数",
            "integer",
            required=True,
            aliases=["就业人数", "实现就业"],
            example="180",
        ),
    ]
    key = ["title", "held_on"]
    compared = ["venue", "referred_count", "employed_count"]

    def check(self, rows, ctx):
        existing = recorded(m.ReferralEvent, rows, organization=ctx.organization)
        for row in rows:
            if row["employed_count"] > row["referred_count"]:
                row.error("employed_count", _("%(employed)d employed is more than the %(referred)d referred.")
                          % {"employed": row["employed_count"], "referred": row["referred_count"]})  # fmt: skip
                continue
            mark_against(row, existing.get((row["title"], row["held_on"])), self.compared, self, key="title")

    def build(self, row, ctx):
        return m.ReferralEvent(
            title=row["title"],
            held_on=row["held_on"],
            venue=row["venue"] or "",
            referred_count=row["referred_count"],
            employed_count=row["employed_count"],
            organization=ctx.organization,
        )


@register_kind
class SymposiumsKind(ServiceKind):
    code = "symposiums"
    title = "返乡农民工座谈会台账"
    columns = [
        Column("holder", "举办单位", "text", max_length=100,
               aliases=["乡镇", "举办乡镇", "主办单位", "举办单位/乡镇", "单位", "乡(镇)", "组织单位"],
               example="高桥镇", help="乡镇名或工会名称；不填则为导入单位。"),
        Column("held_on", "座谈时间", "date", required=True, aliases=["座谈日期", "召开时间", "时间", "日期"],
               example="2009-01-20"),
        Column("venue", "地点", "text", max_length=100, aliases=["座谈地点", "召开地点"], example="镇政府会议室"),
        Column("attendees", "参加人数", "integer", required=True, aliases=["参会人数", "人数", "参加人员数"],
               example="45"),
        Column("notes", "主要内容", "text", aliases=["座谈内容", "内容", "备注"], example="就业与创业意愿"),
    ]  # fmt: skip
    key = ["held_on", "holder"]
    instructions = ["同一单位同一天只登记一次座谈会；已登记的行不再重复登记。"]

    def natural_key(self, row):
        return None if row["held_on"] is None else (row["holder"] or "", row["held_on"])

    def holders(self, rows, ctx):
        """{text: organisation or reason}: a union's name in the subtree, else a township or village name."""
        from gonghui.ledgers.places import PlaceResolver
        from gonghui.orgs.models import Organization

        names = {row["holder"] for row in rows if row["holder"]}
        found = {o.name: o for o in Organization.objects.filter(name__in=names)}
        resolver = ctx.cache.get("places")
        if resolver is None and names - set(found):
            resolver = ctx.cache["places"] = PlaceResolver(ctx.organization)
        answer = {}
        for name in names:
            if name in found:
                answer[name] = found[name]
                continue
            place, reason = resolver.township(name)
            if place is None:
                place, _why = resolver.village(name)
            answer[name] = place.organization if place is not None else reason
        return answer

    def check(self, rows, ctx):
        holders = self.holders(rows, ctx)
        root = ctx.organization.path
        seen = ctx.cache.setdefault("symposiums", {})
        for row in rows:
            holder = holders.get(row["holder"], ctx.organization) if row["holder"] else ctx.organization
            if isinstance(holder, str):
                row.error("holder", _("%(name)s is neither a union nor a township or village of the county.")
                          % {"name": row["holder"]})  # fmt: skip
                continue
            if not holder.path.startswith(root):
                row.error("holder", _("%(place)s is outside %(org)s; the unit responsible for it must import this "
                                      "row.") % {"place": row["holder"], "org": ctx.organization.name})  # fmt: skip
                continue
            if row["attendees"] < 1:
                row.error("attendees", _("A symposium needs at least one attendee."))
                continue
            first = seen.setdefault((holder.pk, row["held_on"]), (row.sheet, row.number))
            if first != (row.sheet, row.number):
                row.error("held_on", _("This row repeats row %(row)d.") % {"row": first[1]})
                continue
            row.extra["holder"] = holder
        rows = [row for row in rows if "holder" in row.extra]
        existing = {
            (s.organization_id, s.held_on): s
            for s in m.ReturneeSymposium.objects.filter(
                organization__in={row.extra["holder"].pk for row in rows}, held_on__in={row["held_on"] for row in rows}
            )
        }  # fmt: skip
        for row in rows:
            symposium = existing.get((row.extra["holder"].pk, row["held_on"]))
            mark_against(row, symposium, ["venue", "attendees", "notes"], self, key="held_on")

    def build(self, row, ctx):
        return m.ReturneeSymposium(
            organization=row.extra["holder"],
            held_on=row["held_on"],
            venue=row["venue"] or "",
            attendees=row["attendees"],
            notes=row["notes"] or "",
        )
