"""Demo residents of 黔山县: valid ID numbers, Chinese names, spread over the villages."""

import datetime
import random

from django.db import transaction

from gonghui.orgs.models import Place

from . import idnumbers
from .models import Person
from .pinyin import initials

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红梅兰凤云辉建国文志海燕飞鹏林成荣发祥福贵兴德宝金银春秋菊莲珍丹琴"
ETHNICITIES = ["汉族"] * 6 + ["苗族", "布依族", "侗族", "土家族", "仡佬族"]
DEMO_PEOPLE = 3000
# Named residents the README and the how-tos use (pinyin search: `zs` finds 张三). Created after
# the random ones, so the first DEMO_PEOPLE rows other areas draw from never move.
NAMED_RESIDENTS = [("张三", "高桥镇", "高桥村", datetime.date(1975, 3, 8), 123, "13800001111")]


def demo_people(rng, villages, count=DEMO_PEOPLE):
    """Yield (fields, id_number) for `count` people; the same every run."""
    seen = set()
    while len(seen) < count:
        village = rng.choice(villages)
        birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 66))
        number = idnumbers.make_valid(village.division_code[:6], birth, rng.randint(1, 999))
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        phone = f"1{rng.choice([3, 5, 8])}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        ethnicity = rng.choice(ETHNICITIES)
        if number in seen:
            continue
        seen.add(number)
        yield (
            {
                "name": name,
                "ethnicity": ethnicity,
                "phone": phone,
                "township_id": village.parent_id,
                "village_id": village.pk,
                "address": f"{village.parent.name}{village.name}{rng.randint(1, 12)}组",
            },
            number,
        )


@transaction.atomic
def build(rng=None):
    rng = rng or random.Random(20080512)
    villages = list(Place.objects.villages().select_related("parent").order_by("division_code"))
    rows = list(demo_people(rng, villages))
    existing = set(
        Person.objects.filter(id_number_hash__in=[idnumbers.lookup_hash(n) for _f, n in rows]).values_list(
            "id_number_hash", flat=True
        )
    )
    new = []
    for fields, number in rows:
        if idnumbers.lookup_hash(number) in existing:
            continue
        person = Person(**fields, name_initials=initials(fields["name"]))
        person.set_id_number(number)
        new.append(person)
    Person.objects.bulk_create(new, batch_size=1000)
    for name, township, village_name, birth, sequence, phone in NAMED_RESIDENTS:
        village = (
            Place.objects.villages().select_related("parent").get(name=village_name, parent__name=township)
        )
        number = idnumbers.make_valid(village.division_code[:6], birth, sequence)
        if Person.objects.with_id_number(number).exists():
            continue
        person = Person(name=name, phone=phone, ethnicity="汉族", township_id=village.parent_id, village=village,
                        address=f"{township}{village_name}1组")  # fmt: skip
        person.set_id_number(number)
        person.save()
        new.append(person)
    return {"people": len(rows) + len(NAMED_RESIDENTS), "created": len(new)}
