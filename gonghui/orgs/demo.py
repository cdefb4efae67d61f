"""The demo county 黔山县 (fictional), shaped like the county of the seed document.

Deterministic (fixed seed) and idempotent: every row is keyed on a natural code, so running
`gonghui demo` twice gives the same county, not two.
"""

import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .codes import credit_code_check_char
from .models import Enterprise, Organization, Place, Role, User

COUNTY_DIVISION = "520199"
DEMO_PASSWORD = "Qianshan#2008"

# 24 townships; the seed names 高桥镇, 水坝塘镇 and 风水乡.
TOWNSHIPS = [
    "城关镇", "高桥镇", "水坝塘镇", "风水乡", "龙场镇", "青山镇", "石门乡", "白岩镇",
    "大坪乡", "桃源镇", "新店镇", "马场镇", "黄泥乡", "清水镇", "长岭乡", "花溪乡",
    "云雾镇", "平寨乡", "金竹镇", "羊场镇", "茶园乡", "岩脚镇", "河坝乡", "沙坝镇",
]  # fmt: skip
VILLAGE_WORDS = [
    "新寨", "大田", "中心", "松林", "红岩", "坪上", "杨柳", "龙井", "石桥", "光明",
    "营盘", "竹林", "团结", "岔河", "水井", "坡脚", "沙田", "凉水", "核桃", "关口",
]  # fmt: skip
INDUSTRY_UNIONS = [
    ("EDU", "教育工会"), ("HEALTH", "卫生工会"), ("TRANS", "交通工会"), ("TRADE", "财贸工会"),
    ("BUILD", "建设工会"), ("AGRI", "农林水工会"), ("COAL", "煤炭工会"), ("POST", "邮电工会"),
    ("FIN", "金融工会"), ("GRAIN", "粮食工会"), ("SUPPLY", "供销社工会"), ("NONPUB", "非公有制企业工会工委"),
    ("PARK", "工业园区工会工委"),
]  # fmt: skip
# Coal mines per township as pairs of shafts; they add up to the seed's 61 pairs.
COAL_MINE_PAIRS = {
    "高桥镇": [2, 1, 1, 2], "水坝塘镇": [2, 2, 1], "风水乡": [1, 1, 2], "龙场镇": [2, 1, 1],
    "石门乡": [1, 2, 1], "白岩镇": [2, 1], "大坪乡": [1, 1, 1], "马场镇": [2, 2, 1],
    "黄泥乡": [1, 1], "长岭乡": [2, 1, 1], "云雾镇": [1, 1], "平寨乡": [2, 1],
    "羊场镇": [1, 2, 1], "岩脚镇": [2, 1, 1], "沙坝镇": [1, 1], "桃源镇": [2, 1],
    "新店镇": [1, 2],
}  # fmt: skip
ENTERPRISE_KINDS = [
    "建材厂",
    "茶叶公司",
    "食品厂",
    "木材加工厂",
    "运输公司",
    "酒厂",
    "农业开发公司",
    "水泥厂",
]


def credit_code(serial):
    """A valid demo credit code: 9 (business) 1 (enterprise) 520199 + 9-char org code + check."""
    first17 = f"91{COUNTY_DIVISION}{serial:09d}"
    return first17 + credit_code_check_char(first17)


def _org(code, **fields):
    org, _created = Organization.objects.update_or_create(code=code, defaults=fields)
    return org


def _place(division_code, **fields):
    place, _created = Place.objects.update_or_create(division_code=division_code, defaults=fields)
    return place


@transaction.atomic
def build(rng=None):
    rng = rng or random.Random(2008)
    province = _org("GZ", name="黔州省总工会", level="province", category="federation")
    city = _org("GZ-QD", name="黔东市总工会", level="city", category="federation", parent=province)
    county = _org(
        "QS", name="黔山县总工会", short_name="县总工会", level="county", category="federation", parent=city
    )
    county_place = _place(f"{COUNTY_DIVISION}000000", name="黔山县", kind="county", organization=county)

    organs = _org("QS-ZS", name="县直属机关工会工委", short_name="县直属工委", level="committee",
                  category="county_organs", parent=county)  # fmt: skip
    industry = {
        key: _org(f"QS-{key}", name=name, level="committee", category="industry", parent=county)
        for key, name in INDUSTRY_UNIONS
    }
    for i, name in enumerate(
        ["县人民政府办公室", "县财政局", "县人力资源和社会保障局", "县民政局", "县住房和城乡建设局"]
    ):
        _org(f"QS-ZS-{i + 1:02d}", name=f"{name}工会", level="grassroots", category="organ", parent=organs)

    serial = 1
    village_count = 0
    for t_index, township_name in enumerate(TOWNSHIPS, start=1):
        division = f"{COUNTY_DIVISION}{100 + t_index:03d}000"
        committee = _org(f"QS-T{t_index:02d}", name=f"{township_name}工会工委", short_name=township_name,
                         level="committee", category="township", parent=county)  # fmt: skip
        township = _place(
            division, name=township_name, kind="township", parent=county_place, organization=committee
        )
        if committee.place_id != township.pk:
            committee.place = township
            committee.save(update_fields=["place"])
        stem = township_name[:-1]
        words = rng.sample(VILLAGE_WORDS, rng.randint(4, 7))
        names = [f"{stem}村"] + [f"{w}村" for w in words]
        if t_index == 1:
            names = ["城南社区", "城北社区"] + names[1:]
        for v_index, village_name in enumerate(names, start=1):
            kind = "community" if village_name.endswith("社区") else "village"
            union = _org(f"QS-T{t_index:02d}-V{v_index:02d}", name=f"{village_name}工会", level="grassroots",
                         category=kind, parent=committee)  # fmt: skip
            village = _place(f"{division[:9]}{200 + v_index:03d}", name=village_name, kind=kind, parent=township,
                             organization=union)  # fmt: skip
            if union.place_id != village.pk:
                union.place = village
                union.save(update_fields=["place"])
            village_count += 1
        for m_index, pairs in enumerate(COAL_MINE_PAIRS.get(township_name, []), start=1):
            mine = _enterprise(serial, name=f"黔山县{stem}{'一二三四五'[m_index - 1]}号煤矿", ownership="private",
                               township=township, staff=rng.randint(80, 400), women=rng.randint(3, 20),
                               pairs=pairs, organization=committee)  # fmt: skip
            serial += 1
            _union_for(mine, f"QS-T{t_index:02d}-M{m_index:02d}", "coal_mine", committee)
        for e_index in range(1, rng.randint(3, 6)):
            kind = rng.choice(ENTERPRISE_KINDS)
            ent = _enterprise(serial, name=f"黔山县{stem}{kind}" + ("" if e_index == 1 else f"（{e_index}）"),
                              ownership=rng.choice(["private", "private", "collective", "joint_stock", "state"]),
                              township=township, staff=rng.randint(12, 260), women=None, pairs=0,
                              organization=committee, rng=rng)  # fmt: skip
            serial += 1
            _union_for(ent, f"QS-T{t_index:02d}-E{e_index:02d}", "enterprise", committee)

    edu = industry["EDU"]
    for s_index, school in enumerate(["黔山县第一中学", "黔山县第二中学", "黔山县民族中学", "黔山县实验小学",
                                      "黔山县职业技术学校", "城关镇中心小学", "高桥镇中学", "水坝塘镇中心小学"],
                                     start=1):  # fmt: skip
        ent = _enterprise(serial, name=school, ownership="institution", township=None, staff=rng.randint(40, 180),
                          women=None, pairs=0, organization=edu, rng=rng)  # fmt: skip
        serial += 1
        _union_for(ent, f"QS-EDU-{s_index:02d}", "school", edu)
    health = industry["HEALTH"]
    for h_index, hospital in enumerate(["黔山县人民医院", "黔山县中医院", "黔山县妇幼保健院"], start=1):
        ent = _enterprise(serial, name=hospital, ownership="institution", township=None, staff=rng.randint(90, 300),
                          women=None, pairs=0, organization=health, rng=rng)  # fmt: skip
        serial += 1
        _union_for(ent, f"QS-HEALTH-{h_index:02d}", "hospital", health)

    _users(county, organs, edu)
    return {
        "committees": Organization.objects.committees().filter(parent=county).count(),
        "villages": village_count,
    }


def _enterprise(serial, *, name, ownership, township, staff, women, pairs, organization, rng=None):
    if women is None:
        women = rng.randint(staff // 5, staff // 2)
    ent, _created = Enterprise.objects.update_or_create(
        credit_code=credit_code(serial),
        defaults={
            "name": name,
            "ownership": ownership,
            "township": township,
            "organization": organization,
            "staff_count": staff,
            "women_staff_count": women,
            "is_coal_mine": pairs > 0,
            "coal_mine_pairs": pairs,
        },
    )
    return ent


def _union_for(enterprise, code, category, committee):
    union = _org(code, name=f"{enterprise.name}工会", level="grassroots", category=category, parent=committee,
                 enterprise=enterprise, place=enterprise.township)  # fmt: skip
    if enterprise.organization_id != union.pk:
        enterprise.organization = union
        enterprise.save(update_fields=["organization"])
    return union


# (username, full name, role, organisation code); printed by `gonghui serve`.
DEMO_USERS = [
    ("county_admin", "王建国", Role.FEDERATION_ADMIN, "QS"),
    ("leader", "李国强", Role.LEADER, "QS"),
    ("auditor", "赵审计", Role.AUDITOR, "QS"),
    ("bangfu", "孙帮扶", Role.COMMITTEE_OFFICER, "QS"),  # the county's assistance centre: applies, reviews
    ("gaoqiao", "陈高桥", Role.COMMITTEE_OFFICER, "QS-T02"),
    ("shuibatang", "刘水坝", Role.COMMITTEE_OFFICER, "QS-T03"),
    ("fengshui", "杨风水", Role.COMMITTEE_OFFICER, "QS-T04"),
    ("gaoqiaocun", "张村官", Role.GRASSROOTS_OFFICER, "QS-T02-V01"),
    ("education", "周教育", Role.COMMITTEE_OFFICER, "QS-EDU"),
    ("county_organs", "吴直属", Role.COMMITTEE_OFFICER, "QS-ZS"),
]


def _users(*_orgs):
    hashed = None  # one PBKDF2 hash for the one demo password (each costs a good part of a second)
    for username, full_name, role, org_code in DEMO_USERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "role": role,
                "organization": Organization.objects.get(code=org_code),
                "is_active": True,
            },
        )
        if created or not user.has_usable_password():
            hashed = hashed or make_password(DEMO_PASSWORD)
            user.password = hashed
            user.save(update_fields=["password"])
