"""Factories for the Three Cares records; places and organisations come from the shared cast."""

import datetime
import itertools

from gonghui.threecares import services
from tests.factories import PersonFactory, id_number

_n = itertools.count(500)
# Another birth date than tests/assistance/factories.py's, so both areas' people can meet in one test.
BIRTH = datetime.date(1976, 4, 9)


def person(cast, name="测试人", village=None, **fields):
    village = village or cast.village_a
    return PersonFactory(
        name=name, township=village.parent, village=village, id_no=id_number(next(_n), birth=BIRTH), **fields
    )


def entry(cast, registry, *, name="测试人", village=None, registered_on=datetime.date(2008, 3, 1), **fields):
    village = village or cast.village_a
    who = person(cast, name=name, village=village)
    return services.register_entry(
        registry=registry,
        person=who,
        township=village.parent,
        village=village,
        registered_on=registered_on,
        **fields,
    )


def child(cast, *, name="小明", village=None, kind="pupil", **fields):
    if kind == "pupil":
        fields.setdefault("school", "高桥村小学")
        fields.setdefault("grade", "三年级")
    return entry(cast, "children", name=name, village=village, kind=kind, **fields)


def crawl_records(cast, side):
    """Records of every scoped Three Cares model inside one township (the URL-leak crawl's fixture)."""
    from decimal import Decimal

    from gonghui.threecares import models as m

    D = datetime.date
    village, tag = side.village, side.tag
    elder = entry(cast, "elders", name=f"{tag}老人", village=village)
    migrant = entry(cast, "out_migrants", name=f"{tag}外出", village=village, mailing_address="广东省东莞市")
    entry(cast, "incoming", name=f"{tag}进城", village=village)
    entry(cast, "returnees", name=f"{tag}返乡", village=village, business="养殖场")
    proxy = entry(cast, "proxy_parents", name=f"{tag}代理家长", village=village)
    kid = child(cast, name=f"{tag}小明", village=village)
    services.assign_proxy_parent(child=kid, proxy=proxy)
    m.Family.objects.create(number=f"JT-{tag}", name=f"{tag}家", township=side.place, village=village,
                            organization=side.union)  # fmt: skip
    services.record_visit(kind="migrant", person=migrant.person, visited_on=D(2008, 2, 1), amount=100)
    services.record_medical_waiver(elder=elder, granted_on=D(2008, 6, 1), amount=320, provider="卫生院")
    services.install(model=m.FamilyPhone, township=side.place, village=village, installed_on=D(2008, 5, 1),
                     location="村小学", number="0851-1")  # fmt: skip
    services.install(
        model=m.FamilyMailbox, township=side.place, installed_on=D(2008, 5, 1), location="镇中心校"
    )
    services.found_society(
        name=f"{tag}互助会", township=side.place, founded_on=D(2008, 4, 1), members=[elder]
    )
    services.record_training(organization=side.township, title="电焊培训", held_on=D(2008, 3, 10),
                             trainee_count=40, funds=3000)  # fmt: skip
    services.record_referral_event(organization=side.township, title="春风行动", held_on=D(2008, 2, 20),
                                   referred_count=300, employed_count=180)  # fmt: skip
    services.record_symposium(organization=side.township, held_on=D(2008, 2, 10), attendees=35)
    services.pair_elder(elder=elder, helper_name="赵干部", paired_on=D(2008, 3, 1))
    services.record_mailing(organization=side.township, title="新春慰问信", sent_on=D(2008, 1, 20), cards=100,
                            sponsors=[("邮政局", Decimal("500"))])  # fmt: skip
    services.record_joint_meeting(organization=side.township, held_on=D(2008, 3, 5), title="联席会议",
                                  attendees="镇党委、镇政府", minutes="议定事项")  # fmt: skip
    services.record_half_year_review(organization=side.township, year=2008, half=1, held_on=D(2008, 7, 5),
                                     summary="上半年")  # fmt: skip
    services.record_info_report(organization=side.township, year=2008, month=1, submitted_on=D(2008, 1, 25),
                                content="一月信息")  # fmt: skip
    services.record_inspection(organization=side.township, year=2008, team="第一督导组", leader="甲",
                               township=side.township, visited_on=D(2008, 11, 3), score=80)  # fmt: skip
