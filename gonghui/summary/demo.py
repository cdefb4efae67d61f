"""The demo county's own paragraphs of its 2008 summary, as the federation office wrote them.

Figures are never typed here: the sentences with figures come from the section templates and the
records of every area. These are the parts only the office can write.
"""

from gonghui.orgs.models import Organization

from .models import SectionText

COUNTY = "黔山县总工会"
YEAR = 2008

PARAGRAPHS = {
    "opening": (
        "2008年，我会在贯彻落实党的十七大精神中，按照省、市总工会对工会工作的安排部署，紧紧围绕县委、县政府的"
        "工作大局和对工会工作的要求，以贯彻《劳动合同法》为契机，以发展劳动关系、维护职工合法权益为主线，"
        "以深入开展“六大活动”和抗击雪凝灾害及支援震区抗震救灾为重点，以加强工会能力建设为保障，团结动员全县"
        "广大职工，勤奋工作、努力进取，做出了应有的贡献。现将年度工作完成情况和主要做法总结如下："
    ),
    "events": (
        "对全总提出的创建“工人先锋号”活动、省总提出的“六大”活动、“节能减排”活动以及职工文化体育活动，"
        "我会分别行文作了安排。我会还组队参加了市总举办的职工采茶技能比赛，举办了全县职工象棋赛，协办了"
        "本县职工篮球赛，并与县直属工委、体育局等单位共同举办了“奥运会倒计时100天”万人健步行活动。"
    ),
    "modelworkers": (
        "班子高度重视“新农村建设劳模在行动”活动和县委、县政府下达的挂帮工作任务，明确专人负责。"
        "目前，“新农村建设劳模在行动”活动已开展先进人物调查登记建档和《方案》制定工作，即将举行启动仪式。"
    ),
    "self": (
        "鉴于县工会第十届委员会于今年10月任期已满，县总工会于11月中旬起组织力量进行县工会第十一次代表大会"
        "筹备工作，至日前止筹备工作基本就绪，即将召开代表大会进行换届。"
    ),
    "problems": (
        "主要是县总工会机关人员少、基层工会均是兼职人员，加之上半年的抗灾支灾占用了大量的人力、物力和时间、"
        "精力，使一些业务工作的进度和效果还不够理想。\n"
        "下步，我们将深入贯彻落实十七大精神，进一步激发全县工会干部和广大职工的潜能，争取推进我县工运事业和"
        "工会工作再上新台阶，为推动我县经济社会跨越发展再做新贡献。"
    ),
}


def build(rng=None):
    county = Organization.objects.get(name=COUNTY)
    SectionText.objects.filter(organization=county, year=YEAR).delete()
    rows = [
        SectionText(organization=county, year=YEAR, section=key, kind=SectionText.Kind.PARAGRAPH, text=text)
        for key, text in PARAGRAPHS.items()
    ]
    SectionText.objects.bulk_create(rows)
    return {"paragraphs": len(rows)}
