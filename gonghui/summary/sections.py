"""The annual summary's sections as data, and how a template's placeholders become sentences.

A template is Chinese text with placeholders ``{code}`` or ``{code|format}`` (``{code@教育工会|万余元}``
takes the figure of a named unit inside the summary's subtree). Formats, in the seed's ways of
writing figures:

    (none)   the number as it is: 92388
    元       19256元                   万元     3.032万元 (exact, at most four decimals)
    万余元   15万余元 (whole 万, 余 when there is more)
    余 / 多  900余 / 900多 (rounded down to one significant figure, two when it starts with 1)
    %        80%
    任务     （超任务4个）against the target, （完成任务的92%）below it; nothing without a target
    同比     比上年增加12% / 减少 / 与上年持平; nothing without last year's figure

Add ``|零`` where zero is a true figure (no accident is good news); otherwise a zero is a figure
nobody recorded and becomes a note. A figure that is missing, unregistered or failing a quality
check is never printed: the sentence carries a highlighted note saying what is missing and where
to fix it.
"""

import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext_lazy as _

PLACEHOLDER = re.compile(r"\{([a-z_]+\.[a-z_.]+)(?:@([^|}]+))?((?:\|[^|}]+)*)\}")
SENTENCE_END = re.compile(r"(?<=[。；！？])")


@dataclass(frozen=True)
class Section:
    key: str
    heading: str  # with its numbering, as the seed writes it
    level: int  # 0: no heading (opening); 1: 一、 (黑体); 2: 1、 (楷体)
    template: str  # the default; the office may replace it per organisation and year
    paragraph_replaces_template: bool = (
        False  # the opening: the office's own words, when written, stand alone
    )


SECTIONS = [
    Section("opening", "", 0,
            "{year}年，{org}在上级工会的领导下，紧紧围绕党政工作大局，以维护职工合法权益为主线，"
            "团结动员广大职工勤奋工作、努力进取，较好地完成了全年各项工作任务。现将年度工作完成情况和主要做法总结如下：",
            paragraph_replaces_template=True),
    Section("planning", "一、抓好年度工作安排部署", 1,
            "深入基层调查研究，认真分析、精心起草，形成了全年工作意见等{docs.issued}个系列文件，汇编成册。"
            "召开全委（扩大）会议安排部署全年工作后，{org.followup_meetings}个工会工委及时召开了基层工会负责人会议，"
            "传达学习会议精神，结合实际制定具体工作意见贯彻执行。"),
    Section("main", "二、突出重点、全面推进，主要工作有新突破", 1, ""),
    Section("assistance", "1、困难职工帮扶和帮扶中心建设工作", 2,
            "全年共发放帮扶资金{assistance.amount|万余元}，受益困难职工（含农民工、劳模及困难职工子女）"
            "{assistance.person_times|多}人次，比上年{assistance.amount|同比}。"
            "教育工会出资{assistance.amount@教育工会|万余元}春节慰问特困教职工{assistance.person_times@教育工会|余}人次。"
            "{assistance.spring_festival_committees}个乡镇工会工委开展了春节慰问活动。"
            "全年受理维权和法律援助案件{rights.cases}件，涉及职工{rights.people}人，"
            "为职工追回或争取赔偿{rights.amount_recovered|万元}。"),
    Section("relief", "2、动员组织职工捐款，支援抗灾救灾", 2,
            "雪凝灾害期间，出资{relief.amount|万元}慰问了{relief.households}户受灾严重的职工。"
            "抗震救灾中，全县共捐款捐物{donations.amount|万余元}，其中工会组织、工会会员、企事业单位和职工捐款占"
            "{donations.union_share|%}，充分体现了工会的作用。"),
    Section("safety", "3、深入开展群众安全生产工作", 2,
            "坚持“月督查制度”，每季度深入煤矿督导检查，集中培训群监员{safety.supervisors_trained|余}名，"
            "考核合格后{safety.supervisors_certified}名领证上岗。"
            "全县{safety.coal_mine_pairs}对乡镇煤矿全年发生安全事故{safety.accidents|零}起，死亡{safety.deaths|零}人。"
            "在非煤企业，配合开展专项行动，共督查企（事）业{safety.enterprises_inspected}家，查出安全隐患"
            "{safety.hazards_found}条，督促整改{safety.hazards_rectified}条。"),
    Section("threecares", "4、扎实开展“三关”工程", 2,
            "摸清并建立了全县{three_cares.out_migrants}名外出务工、{three_cares.incoming}名外来务工、"
            "返乡创业{three_cares.returnees}名、空巢老人{three_cares.elders}名、留守儿童{three_cares.children}名"
            "（其中留守学生{three_cares.children_pupils}名、学龄前儿童{three_cares.children_preschool}名）人员的档案；"
            "全县出资{three_cares.training_funds|元}培训农民工{three_cares.trainings}次{three_cares.trainees}人、"
            "介绍就业{three_cares.referral_events}次{three_cares.referred}人、实现就业{three_cares.employed}人；"
            "受理农民工维权{three_cares.rights_cases}起、{three_cares.rights_people}人，涉及金额{three_cares.rights_amount|万元}；"
            "慰问农民工{three_cares.migrants_visited}人，发放慰问金{three_cares.migrants_visited_amount|元}；"
            "与{three_cares.elders_paired}位空巢老人结对，慰问{three_cares.elders_visited}人发放慰问金"
            "{three_cares.elders_visited_amount|元}，医疗减免优惠{three_cares.elders_medical_waivers|元}；"
            "为留守儿童聘代理家长{three_cares.proxy_parents}名，慰问留守儿童{three_cares.children_visited}名发放慰问金"
            "{three_cares.children_visited_amount|元}，安装亲情电话{three_cares.family_phones}门，"
            "设立亲情信箱{three_cares.family_mailboxes}个，设立老年人互助会{three_cares.mutual_aid_societies}个。"
            "印制贺年卡{three_cares.greeting_cards}份寄赠在外务工人员，共同出资{three_cares.greeting_cards_funds|万元}。"),
    Section("others", "5、其它工作稳中有升", 2, ""),
    Section("organisation", "（1）工会组织建设和会员发展工作", 2,
            "全年新组建工会{org.new_unions}个{org.new_unions|任务:个}，发展会员{org.new_members}人"
            "{org.new_members|任务:名}，农民工源头入会{org.joined_at_source}人，调整充实基层组织{org.reorganised}个。"),
    Section("democracy", "（2）民主管理和厂务公开工作", 2,
            "新签集体合同{democracy.collective_contracts}份，劳动合同{democracy.labour_contracts}份，"
            "建立健全职代会{democracy.workers_congresses}家。"
            "全县{democracy.open_affairs_public}家国有、集体及其控股企业、学校、医院和站、所坚持厂务公开，"
            "{democracy.open_affairs_private}家非公有制企业实行了厂务公开。"),
    Section("events", "（3）职工活动", 2, ""),
    Section("women", "（4）女职工工作", 2,
            "签订《女职工专项集体合同》{women.special_contracts}份，覆盖女职工{women.special_contracts_women}人，"
            "占应签合同数的{women.special_contracts_coverage|%}；出资{women.assistance_amount|万元}对困难女职工进行了慰问帮扶；"
            "开展宣传咨询活动，发放资料{women.leaflets}份；表彰了{women.commended}名先进女职工。"),
    Section("modelworkers", "（5）“新农村建设劳模在行动”和挂帮工作", 2, ""),
    Section("self", "（6）工会自身建设", 2,
            "各基层工会以建设“职工之家”为载体，产生了{homes.qualified}个合格职工之家、{homes.excellent}个优秀职工之家和"
            "{homes.model_small}个模范职工小家。"),
    Section("problems", "三、存在问题和下步打算", 1, ""),
]  # fmt: skip

BY_KEY = {s.key: s for s in SECTIONS}

# Where a missing figure is fixed: the area's pages, by the code's first part.
AREA_PAGES = {
    "assistance": "assistance:index", "rights": "assistance:index", "three_cares": "threecares:index",
    "relief": "relief:index", "donations": "relief:index", "safety": "safety:index",
    "org": "membership:index", "docs": "membership:index", "democracy": "membership:index",
    "women": "membership:index", "homes": "membership:index",
}  # fmt: skip


@dataclass
class Segment:
    text: str
    note: bool = False  # a highlighted note instead of a figure
    url: str = ""  # where to fix it


@dataclass
class FigureUse:
    code: str
    org_name: str
    name: str
    value: object
    unit: str
    printed: str


@dataclass
class Context:
    """What placeholders are filled from; built by ``services.build_summary``."""

    org: object
    year: int
    figure: object  # callable(code, org) -> (indicator | None, value)
    previous: object  # callable(code, org) -> value | None
    target: object  # callable(code, org) -> value | None
    findings: dict  # code -> [message]: the figure is replaced by a note
    find_org: object  # callable(name) -> org | None (inside the subtree)
    area_url: object  # callable(code) -> url
    remarks: dict = field(default_factory=dict)  # code -> [message]: a note follows the figure
    used: list = field(default_factory=list)


def _floor_round(value):
    """900余: one significant figure, two when it starts with 1 (15万, 1500); exact below 100."""
    n = int(value)
    if n < 100:
        return n
    digits = len(str(n))
    keep = 2 if str(n)[0] == "1" else 1
    step = 10 ** (digits - keep)
    return n // step * step


def _plain(value):
    value = Decimal(str(value))
    return f"{value.normalize():f}" if value != value.to_integral_value() else str(int(value))


def _wan(value, places=4):
    wan = (Decimal(str(value)) / 10000).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN).normalize()
    return f"{wan:f}"


def format_value(value, fmt):
    """The figure written the seed's way; `fmt` is one of the formats in the module's docstring."""
    if fmt == "元":
        return f"{_plain(value)}元"
    if fmt == "万元":
        return f"{_wan(value)}万元"
    if fmt == "万余元":
        whole = int(Decimal(str(value)) // 10000)
        if whole == 0:
            return f"{_plain(value)}元"
        rest = Decimal(str(value)) - whole * 10000
        return f"{whole}万余元" if rest > 0 else f"{whole}万元"
    if fmt in ("余", "多"):
        rounded = _floor_round(value)
        return f"{rounded}{fmt}" if rounded < Decimal(str(value)) else _plain(value)
    if fmt == "%":
        return f"{Decimal(str(value)).quantize(Decimal(1))}%"
    return _plain(value)


def _compare(value, base, *, measure=""):
    """(超任务4个) or (完成任务的92%); '比上年增加12%' style for 同比 (measure None)."""
    value, base = Decimal(str(value)), Decimal(str(base))
    if measure is None:  # year on year
        if base == 0:
            return ""
        change = ((value - base) / base * 100).quantize(Decimal(1))
        if change > 0:
            return f"增加{change}%"
        if change < 0:
            return f"减少{-change}%"
        return "持平"
    if value >= base:
        over = value - base
        return f"（超任务{_plain(over)}{measure}）" if over > 0 else "（完成任务）"
    return f"（完成任务的{(value / base * 100).quantize(Decimal(1))}%）"


def fill(template, ctx):
    """Segments of text and notes for one template; sentences about a unit outside the subtree drop out."""
    segments = []
    for sentence in SENTENCE_END.split(
        template.replace("{year}", str(ctx.year)).replace("{org}", ctx.org.name)
    ):
        if not sentence:
            continue
        parts = _fill_sentence(sentence, ctx)
        if parts is not None:
            segments.extend(parts)
    return _merge(segments)


def _fill_sentence(sentence, ctx):
    out, pos = [], 0
    for match in PLACEHOLDER.finditer(sentence):
        out.append(Segment(sentence[pos : match.start()]))
        pos = match.end()
        code, unit_name, flags = match.group(1), (match.group(2) or "").strip(), match.group(3)
        formats = [f for f in flags.split("|") if f]
        org = ctx.org
        if unit_name:
            org = ctx.find_org(unit_name)
            if org is None:
                return None  # the sentence is about a unit this summary does not cover
        segment = _figure_segment(code, org, formats, ctx)
        if segment is None:
            # 同比/任务 without a base: drop the clause, and the "比上年" before it.
            if out and out[-1].text.endswith("比上年"):
                out[-1] = Segment(out[-1].text[: -len("比上年")].rstrip("，,"))
            continue
        out.append(segment)
        if not segment.note and org == ctx.org and ctx.remarks.get(code) and not set(formats) & {"同比", "任务"}:
            remark = "；".join(ctx.remarks[code])
            out.append(Segment(str(_("[note: %(remark)s]") % {"remark": remark}), note=True, url=ctx.area_url(code)))
    out.append(Segment(sentence[pos:]))
    return out


def _figure_segment(code, org, formats, ctx):
    zero_ok = "零" in formats
    main = next((f for f in formats if f not in ("零",)), "")
    measure = ""
    if main.startswith("任务"):
        main, _sep, measure = main.partition(":")
    indicator, value = ctx.figure(code, org)
    where = ctx.area_url(code)
    if indicator is None:
        if main in ("同比", "任务"):
            return None
        return Segment(str(_("[missing: no records of %(code)s are kept on the platform yet]") % {"code": code}),
                       note=True, url=where)  # fmt: skip
    name = str(indicator.name)
    if main == "同比":
        base = ctx.previous(code, org)
        return Segment(_compare(value, base, measure=None)) if base else None
    if main == "任务":
        target = ctx.target(code, org)
        return Segment(_compare(value, target, measure=measure)) if target else None
    if ctx.findings.get(code) and org == ctx.org:
        message = "；".join(ctx.findings[code])
        return Segment(str(_("[to check: %(name)s: %(problem)s]") % {"name": name, "problem": message}),
                       note=True, url=where)  # fmt: skip
    if (value is None or value == 0) and not zero_ok:
        return Segment(
            str(_("[to fill in: no records of %(name)s in %(year)s]") % {"name": name, "year": ctx.year}),
            note=True, url=where,
        )  # fmt: skip
    printed = format_value(value or 0, main)
    ctx.used.append(FigureUse(code, org.name, name, value or 0, str(indicator.unit), printed))
    return Segment(printed)


def _merge(segments):
    """Join neighbouring plain segments so a paragraph is a few runs, not dozens."""
    merged = []
    for seg in segments:
        if not seg.text:
            continue
        if merged and not seg.note and not merged[-1].note:
            merged[-1] = Segment(merged[-1].text + seg.text)
        else:
            merged.append(seg)
    return merged


def placeholders(template):
    """The codes a template uses (to check an edited template before it is saved)."""
    return [m.group(1) for m in PLACEHOLDER.finditer(template)]


def template_problems(template):
    """Why an edited template cannot be used (list of messages), e.g. an unknown format."""
    known = {"", "元", "万元", "万余元", "余", "多", "%", "同比", "零"}
    problems = []
    for m in PLACEHOLDER.finditer(template):
        for f in [f for f in m.group(3).split("|") if f]:
            if f not in known and not f.startswith("任务"):
                problems.append(str(_("Unknown format %(f)s in %(p)s.") % {"f": f, "p": m.group(0)}))
    if template.count("{") != template.count("}"):
        problems.append(str(_("A brace { or } is not closed.")))
    return problems
