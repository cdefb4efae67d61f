"""The rights hotline log (维权热线来电登记)."""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.ledgers.persons import INSERT_BATCH
from gonghui.ledgers.registry import Column, LedgerKind, register_kind

from ..models import HotlineCall

TIME = re.compile(r"^(\d{1,2})[:：时点](\d{1,2})?")


@register_kind
class HotlineCallsKind(LedgerKind):
    code = "hotline_calls"
    title = "维权热线来电登记"
    columns = [
        Column("date", "来电日期", "date", required=True, aliases=["日期"], example="2008-03-10"),
        Column("time", "来电时间", "text", aliases=["时间"], example="09:30", help="24小时制，如 14:30。"),
        Column("caller_name", "来电人", "name", required=True, aliases=["来电人姓名", "姓名"], example="李四"),
        Column("caller_phone", "联系电话", "phone", aliases=["电话", "来电号码"], example="13800001111"),
        Column("topic", "来电事由", "choice", required=True,
               choices={"欠薪": "wages", "拖欠工资": "wages", "工伤": "injury", "劳动合同": "contract",
                        "社会保险": "insurance", "社保": "insurance", "困难帮扶": "hardship", "其他": "other"},
               example="拖欠工资"),
        Column("summary", "来电内容", "text", required=True, aliases=["内容", "反映问题"], example="老板拖欠工资三个月"),
        Column("answered_by", "接听人", "text", required=True, max_length=50, example="王建国"),
        Column("outcome", "处理结果", "choice",
               choices={"已解答": "advised", "解答": "advised", "转办": "referred", "已立案": "case_opened",
                        "待回复": "pending"}, example="已解答"),
    ]  # fmt: skip
    key = ["date", "time", "caller_name"]

    def check(self, rows, ctx):
        for row in rows:
            text = row["time"] or "09:00"
            match = TIME.match(text)
            if not match or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
                row.error("time", _("%(value)s is not a time of day; write it like 14:30.") % {"value": text})
                continue
            row.values["time"] = datetime.time(int(match.group(1)), int(match.group(2) or 0))
            row.mark("new")

    def write(self, rows, ctx):
        tz = timezone.get_current_timezone()
        calls = [
            HotlineCall(organization=ctx.organization, caller_name=r["caller_name"],
                        called_at=datetime.datetime.combine(r["date"], r["time"], tzinfo=tz),
                        caller_phone=r.get("caller_phone", ""), topic=r["topic"], summary=r["summary"],
                        answered_by=r["answered_by"], outcome=r["outcome"] or "advised")
            for r in rows
        ]  # fmt: skip
        HotlineCall.objects.bulk_create(calls, batch_size=INSERT_BATCH)
        return len(calls), 0
