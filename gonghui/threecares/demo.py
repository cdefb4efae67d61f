"""The demo county's Three Cares programme in 2008 (seed section 二.4), built from records.

About 133,000 people: the registries (126,650) plus the proxy parents. Sizes are TARGETS times
`scale` (tests build a small county; `gonghui demo` the full one). Deterministic and idempotent:
people are keyed on their ID number's hash, registry rows on the person, services on their
natural keys, so a second run creates nothing.
"""

import datetime
import random
from collections import defaultdict
from decimal import Decimal
from functools import cache
from itertools import accumulate

from django.db import transaction
from django.db.models.base import ModelState
from django.utils import timezone

from gonghui.ledgers.bulk import adapt, insert_rows
from gonghui.ledgers.bulk import fast_initials as initials
from gonghui.orgs.models import Organization, Place
from gonghui.people import idnumbers
from gonghui.people.demo import GIVEN, SURNAMES
from gonghui.people.models import Person

from . import models as m
from .registries import REGISTRIES

# The seed's figures for 2008 (BRIEF.md); every one is produced by records built below.
TARGETS = {
    "out_migrants": 92388,
    "incoming": 8764,
    "returnees": 208,
    "elders": 8129,
    "children_pupils": 12406,
    "children_preschool": 4755,
    "proxy_parents": 6880,
    "trainings": 47,
    "trainees": 26724,
    "training_funds": 150000,
    "referral_events": 19,
    "referred": 5319,
    "employed": 3211,
    "migrants_visited": 354,
    "migrants_visited_amount": 19256,
    "elders_paired": 3410,
    "elders_visited": 395,
    "elders_visited_amount": 39645,
    "elders_medical_waivers": 45841,
    "children_visited": 2007,
    "children_visited_amount": 46831,
    "family_phones": 224,
    "family_mailboxes": 116,
    "mutual_aid_societies": 109,
    "greeting_cards": 15000,
}
# 邮政、电信、移动、联通、信用联社 and the federation: 45,000 yuan, the federation 25,000.
SPONSORS = [("黔山县总工会", 25000), ("黔山县邮政局", 4000), ("中国电信黔山分公司", 4000),
            ("中国移动黔山分公司", 4000), ("中国联通黔山分公司", 4000), ("黔山县农村信用合作联社", 4000)]  # fmt: skip
YEAR = 2008
DESTINATIONS = [("广东", ["广州", "东莞", "深圳", "佛山"]), ("浙江", ["宁波", "温州", "义乌"]),
                ("福建", ["厦门", "泉州", "晋江"]), ("江苏", ["苏州", "昆山"]), ("上海", ["上海"]),
                ("黔州", ["黔东", "省城"])]  # fmt: skip
INDUSTRIES = ["建筑", "制造", "电子", "服装", "餐饮", "运输", "家政", "采矿"]
BUSINESSES = ["养殖场", "茶叶加工坊", "农家乐", "汽修店", "建材店", "食用菌基地", "服装加工厂", "运输队"]
LOCATIONS = ["村委会", "村小学", "村卫生室", "村文化活动室", "中心校"]

# Registry person index: each role draws from its own birth-year range, the ID numbers are
# derived from a per-role serial so that the scale changes no other person's number.
BIRTHS = {
    "out_migrants": (1958, 1990),
    "incoming": (1960, 1990),
    "returnees": (1960, 1985),
    "elders": (1920, 1948),
    "children_pupils": (1994, 2001),
    "children_preschool": (2003, 2007),
    "proxy_parents": (1950, 1985),
}


def scaled(key, scale):
    value = TARGETS[key]
    return value if scale == 1 else max(1, round(value * scale))


def split(total, n, rng, *, step=1):
    """n positive integers (multiples of `step` where possible) that add up to `total` exactly."""
    if n <= 0:
        return []
    if total < n:
        raise ValueError(f"cannot split {total} into {n} positive parts")
    values = [max(step, round(total / n * rng.uniform(0.6, 1.4) / step) * step) for _ in range(n)]
    diff = total - sum(values)
    i = 0
    while diff:
        j = i % n
        move = min(diff, step) if diff > 0 else -min(-diff, step, values[j] - 1)
        values[j] += move
        diff -= move
        i += 1
    return values


class _People:
    """Builds Persons in bulk, each keyed on the hash of a deterministic ID number."""

    def __init__(self, rng):
        self.rng = rng
        self.rows = []  # (key, Person)
        self.numbers = set()
        self._initials = {}

    def name(self, surname=None):
        rng = self.rng
        return (surname or rng.choice(SURNAMES)) + "".join(
            rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2]))
        )

    def add(self, role, village, *, surname=None, gender=None):
        rng = self.rng
        lo, hi = BIRTHS[role]
        while True:
            birth = datetime.date(lo, 1, 1) + datetime.timedelta(days=rng.randint(0, (hi - lo) * 365 + 364))
            seq = rng.randint(1, 999)
            if gender == "M" and seq % 2 == 0 or gender == "F" and seq % 2 == 1:
                seq = seq % 999 + 1
            number = idnumbers.make_valid(village.division_code[:6], birth, seq)
            if number not in self.numbers:
                break
        self.numbers.add(number)
        name = self.name(surname)
        if name not in self._initials:
            self._initials[name] = initials(name)
        person = _new(
            Person,
            name=name,
            name_initials=self._initials[name],
            phone=f"1{rng.choice([3, 5, 8])}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}" if role not in (
                "children_pupils", "children_preschool") else "",
            township_id=village.parent_id,
            village_id=village.pk,
            address=f"{village.parent.name}{village.name}{rng.randint(1, 12)}组",
            ethnicity=rng.choice(["汉族"] * 6 + ["苗族", "布依族", "侗族"]),
        )  # fmt: skip
        person._number = number
        self.rows.append(person)
        return person

    def save(self):
        """Insert the people not yet there; afterwards every Person here has its pk."""
        for person in self.rows:
            person.id_number_hash = idnumbers.lookup_hash(person._number)
        existing = {}
        hashes = [p.id_number_hash for p in self.rows]
        for i in range(0, len(hashes), 5000):
            existing.update(
                Person.objects.filter(id_number_hash__in=hashes[i : i + 5000]).values_list(
                    "id_number_hash", "pk"
                )
            )
        new = []
        for person in self.rows:
            if person.id_number_hash in existing:
                person.pk = existing[person.id_number_hash]
            else:
                # What set_id_number stores, without validating numbers make_valid made valid.
                number = person._number
                person.id_number_cipher = idnumbers.encrypt(number)
                person.id_number_masked = idnumbers.mask(number)
                fact = idnumbers.facts(number)
                person.gender, person.birth_date = fact.gender, fact.birth_date
                new.append(person)
        _write(Person, new)
        if new:
            ids = {}
            for i in range(0, len(hashes), 5000):
                ids.update(
                    Person.objects.filter(id_number_hash__in=hashes[i : i + 5000]).values_list(
                        "id_number_hash", "pk"
                    )
                )
            for person in new:
                person.pk = ids[person.id_number_hash]
        return len(new)


@cache
def _defaults(model):
    return {f.attname: f.get_default() for f in model._meta.concrete_fields if not getattr(f, "generated", False)}


def _new(model, **values):
    """An unsaved instance from column values (attnames), without Model.__init__'s per-field work:
    at 250,000 rows that was the largest cost of the build. Fields left out get their defaults."""
    obj = model.__new__(model)
    obj._state = ModelState()
    obj.__dict__.update(_defaults(model))
    obj.__dict__.update(values)
    return obj


def _write(model, objects):
    """INSERT unsaved instances in one executemany (COPY on PostgreSQL) per batch, as bulk_create
    would store them (defaults, one timestamp for auto_now columns) at a fraction of its cost.
    Primary keys do not come back: callers look them up by their natural keys."""
    if not objects:
        return 0
    fields = [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)
              and not (f.primary_key and f.get_internal_type().endswith("AutoField"))]  # fmt: skip
    stamped = {f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    if stamped:
        now = timezone.now()
        for obj in objects:
            obj.__dict__.update(dict.fromkeys(stamped, now))
    attnames = [f.attname for f in fields]
    rows = [tuple(obj.__dict__[name] for name in attnames) for obj in objects]
    if stamped:  # one adapted timestamp for the batch, not one adaptation per row
        stamp = adapt(model, next(iter(stamped)), now)
        positions = [i for i, name in enumerate(attnames) if name in stamped]
        rows = [tuple(stamp if i in positions else v for i, v in enumerate(row)) for row in rows]
    return insert_rows(model, attnames, rows, adapted=stamped)


def _insert_missing(model, rows, key, batch_size=2000):
    """Insert the rows whose natural key is not there yet; afterwards every row has its pk."""
    keys = [key(r) for r in rows]

    field_names = key.fields

    def stored(everything=False):
        if everything:  # the table held none before: every row in it is one of ours
            return {tuple(row[:-1]): row[-1] for row in model.objects.values_list(*field_names, "pk")}
        found = {}
        values = sorted({getattr(r, field_names[0]) for r in rows}, key=str)
        for i in range(0, len(values), 5000):
            q = model.objects.filter(**{f"{field_names[0]}__in": values[i : i + 5000]})
            for row in q.values_list(*field_names, "pk"):
                found[tuple(row[:-1])] = row[-1]
        return found

    empty = not model.objects.exists()
    existing = {} if empty else stored()
    new = [r for r, k in zip(rows, keys, strict=True) if k not in existing]
    _write(model, new)
    result = stored(everything=empty) if new else existing
    for r, k in zip(rows, keys, strict=True):
        r.pk = result.get(k, r.pk)
    return len(new)


def keyed(*fields):
    def key(row):
        return tuple(getattr(row, f) for f in fields)

    key.fields = list(fields)
    return key


@transaction.atomic
def build(rng=None, *, scale=1.0):
    rng = rng or random.Random(2008)
    county = Organization.objects.filter(code="QS").first()
    villages = list(
        Place.objects.villages().select_related("parent", "organization").order_by("division_code")
    )
    if county is None or not villages:
        return {"skipped": "no demo county"}
    townships = sorted({v.parent for v in villages}, key=lambda p: p.division_code)
    by_township = defaultdict(list)
    for v in villages:
        by_township[v.parent_id].append(v)
    # Some townships send more people away than others: a fixed weight per village.
    weights = [rng.uniform(0.5, 1.5) for _ in villages]

    cumulative = list(accumulate(weights))  # what choices() would add up on every call

    def pick_village():
        return rng.choices(villages, cum_weights=cumulative)[0]

    people = _People(rng)
    entries = defaultdict(list)  # registry -> [(entry without person_id, person)]

    def entry(model, registry, person, village, **fields):
        row = _new(
            model,
            township_id=village.parent_id,
            village_id=village.pk,
            organization_id=village.organization_id,
            registered_on=datetime.date(YEAR, rng.randint(1, 11), rng.randint(1, 28)),
            **fields,
        )
        entries[registry].append((row, person))
        return row

    # Families: parents away, children at home, a grandparent (an empty-nest elder) for most.
    n_pupils, n_preschool = scaled("children_pupils", scale), scaled("children_preschool", scale)
    n_children = n_pupils + n_preschool
    n_families = max(1, round(n_children * 0.76))
    n_elders = scaled("elders", scale)
    families = []
    for f in range(n_families):
        village = pick_village()
        surname = rng.choice(SURNAMES)
        family = m.Family(
            number=f"{village.organization.code}-F{f + 1:05d}",
            name=f"{surname}家",
            township_id=village.parent_id,
            village_id=village.pk,
            organization_id=village.organization_id,
        )
        family._village = village
        family._surname = surname
        families.append(family)
    _insert_missing(m.Family, families, keyed("number"))

    parents = []
    for family in families:
        v = family._village
        father = people.add("out_migrants", v, surname=family._surname, gender="M")
        mother = people.add("out_migrants", v, gender="F")
        province, cities = rng.choice(DESTINATIONS)
        city = rng.choice(cities)
        for p in (father, mother):
            entry(
                m.OutMigrant,
                "out_migrants",
                p,
                v,
                family_id=family.pk,
                **_migrant_fields(rng, province, city),
            )
        parents.append((family, father, mother, f"{province}{city}"))
    elders_by_family = {}
    for i in range(n_elders):
        if i < len(families):
            family = families[i]
            v, surname = family._village, family._surname
        else:
            family, v, surname = None, pick_village(), None
        person = people.add("elders", v, surname=surname)
        entry(m.Elder, "elders", person, v, family_id=family.pk if family else None,
              children_away=rng.randint(1, 4), health=rng.choice(["good", "good", "fair", "fair", "poor", "disabled"]),
              lives_alone=rng.random() < 0.4)  # fmt: skip
        if family:
            elders_by_family[family.pk] = person
    for c in range(n_children):
        family, father, mother, works_in = parents[c % len(parents)]
        v = family._village
        pupil = c < n_pupils
        child = people.add("children_pupils" if pupil else "children_preschool", v, surname=family._surname)
        grandparent = elders_by_family.get(family.pk)
        entry(m.LeftBehindChild, "children", child, v, family_id=family.pk, kind="pupil" if pupil else "preschool",
              school=f"{v.name}小学" if pupil else "", grade=f"{rng.randint(1, 6)}年级" if pupil else "",
              guardian_id=None, guardian_name="" if grandparent else people.name(family._surname),
              guardian_relation="grandparent" if grandparent else "relative",
              father_works_in=works_in, mother_works_in=works_in)  # fmt: skip
        entries["children"][-1][0]._links = (grandparent, father, mother)
    n_out = scaled("out_migrants", scale)
    while len(entries["out_migrants"]) < n_out:
        v = pick_village()
        province, cities = rng.choice(DESTINATIONS)
        entry(m.OutMigrant, "out_migrants", people.add("out_migrants", v), v,
              **_migrant_fields(rng, province, rng.choice(cities)))  # fmt: skip
    del entries["out_migrants"][n_out:]
    for _i in range(scaled("incoming", scale)):
        v = pick_village()
        entry(m.IncomingWorker, "incoming", people.add("incoming", v), v,
              home_place=rng.choice(["四川省", "云南省", "湖南省", "重庆市", "广西"]),
              employer=f"黔山县{v.parent.name[:-1]}{rng.choice(['建材厂', '煤矿', '茶叶公司'])}",
              industry=rng.choice(INDUSTRIES), is_member=rng.random() < 0.5)  # fmt: skip
    for _i in range(scaled("returnees", scale)):
        v = pick_village()
        entry(m.Returnee, "returnees", people.add("returnees", v), v, business=rng.choice(BUSINESSES),
              started_on=datetime.date(rng.randint(2004, YEAR), rng.randint(1, 12), 1),
              jobs_created=rng.randint(2, 40))  # fmt: skip
    for _i in range(scaled("proxy_parents", scale)):
        v = pick_village()
        entry(m.ProxyParent, "proxy_parents", people.add("proxy_parents", v), v,
              workplace=rng.choice([f"{v.name}小学教师", f"{v.name}村委会", "乡镇干部", "村民"]),
              duties="每月家访一次；关注学习与心理；与外出父母保持联系。")  # fmt: skip

    created_people = people.save()
    created = {"people": created_people}
    # Children last: their rows point to people of the registries before them.
    for declared in sorted(REGISTRIES.values(), key=lambda r: r.minors):
        registry, model = declared.key, declared.model
        rows = []
        for row, person in entries[registry]:
            row.person_id = person.pk
            links = getattr(row, "_links", None)
            if links:
                grandparent, father, mother = links
                row.guardian_id = grandparent.pk if grandparent else None
                row.father_id, row.mother_id = father.pk, mother.pk
            rows.append(row)
        created[registry] = _insert_missing(model, rows, keyed("person_id"), batch_size=1000)
        entries[registry] = rows

    created.update(_services(rng, scale, county, townships, by_township, villages, entries))
    return created


def _migrant_fields(rng, province, city):
    has_address = rng.random() < 0.93
    return {
        "left_on": datetime.date(rng.randint(1998, YEAR), rng.randint(1, 12), rng.randint(1, 28)),
        "destination_province": province,
        "destination_city": city,
        "employer": f"{city}{rng.choice(['电子', '制衣', '建筑', '五金', '物流'])}有限公司",
        "industry": rng.choice(INDUSTRIES),
        "is_member": rng.random() < 0.3,
        "mailing_address": f"{province}省{city}市{rng.choice(['工业园', '开发区', '新区'])}{rng.randint(1, 300)}号"
        if has_address
        else "",
        "postcode": f"{rng.randint(100000, 899999)}" if has_address else "",
    }


def _day(rng, months=(1, 12)):
    return datetime.date(YEAR, rng.randint(*months), rng.randint(1, 28))


def _services(rng, scale, county, townships, by_township, villages, entries):
    created = {}
    committees = {t.pk: t.organization for t in townships}
    names = {t.pk: t.name for t in townships}
    elders = entries["elders"]
    children = entries["children"]
    migrants = entries["out_migrants"]

    # Pairings: 结对帮扶 for the first elders of each village, in file order.
    pairings = [
        m.Pairing(
            elder_id=e.pk,
            helper_name=_name(rng),
            helper_unit=rng.choice(["村委会", "村小学", "乡镇机关", "卫生院"]),
            organization_id=e.organization_id,
            paired_on=_day(rng, (1, 10)),
        )  # fmt: skip
        for e in elders[: scaled("elders_paired", scale)]
    ]
    created["pairings"] = _insert_missing(m.Pairing, pairings, keyed("elder_id", "helper_name", "paired_on"))

    # Proxy parents for children of their own township.
    proxies_by_township = defaultdict(list)
    for p in entries["proxy_parents"]:
        proxies_by_township[p.township_id].append(p)
    to_update = []
    for i, child in enumerate(children):
        pool = proxies_by_township.get(child.township_id)
        if pool and child.proxy_parent_id is None and i % 8 != 7:
            child.proxy_parent_id = pool[i % len(pool)].pk
            to_update.append(child)
    m.LeftBehindChild.objects.bulk_update(to_update, ["proxy_parent"], batch_size=1000)

    def visits(kind, rows, n_key, amount_key, months):
        chosen = rows[:: max(1, len(rows) // scaled(n_key, scale))][: scaled(n_key, scale)]
        amounts = split(scaled(amount_key, scale), len(chosen), rng, step=10)
        visit_rows = [
            m.Visit(
                kind=kind,
                person_id=r.person_id,
                organization_id=r.organization_id,
                visited_on=_day(rng, months),
                amount=Decimal(a),
                visited_by=rng.choice(["县总工会", "乡镇工会工委", "村工会"]),
            )  # fmt: skip
            for r, a in zip(chosen, amounts, strict=True)
        ]
        return _insert_missing(m.Visit, visit_rows, keyed("kind", "person_id", "visited_on"))

    created["visits"] = (
        visits("migrant", migrants, "migrants_visited", "migrants_visited_amount", (1, 2))
        + visits("elder", elders[1::2], "elders_visited", "elders_visited_amount", (1, 12))
        + visits("child", children, "children_visited", "children_visited_amount", (5, 6))
    )
    waived = elders[::7][: max(1, len(elders[::7]) // 3)]
    amounts = split(scaled("elders_medical_waivers", scale), len(waived), rng)
    created["waivers"] = _insert_missing(
        m.MedicalWaiver,
        [
            m.MedicalWaiver(
                elder_id=e.pk,
                organization_id=e.organization_id,
                granted_on=_day(rng),
                amount=Decimal(a),
                provider=f"{names[e.township_id]}卫生院",
            )  # fmt: skip
            for e, a in zip(waived, amounts, strict=True)
        ],
        keyed("elder_id", "granted_on", "provider"),
    )

    # Family phones and mailboxes, by village: (village, location) is the natural key.
    slots = [(v, loc) for loc in LOCATIONS for v in villages]
    phones = [m.FamilyPhone(township_id=v.parent_id, village_id=v.pk, organization_id=v.organization_id,
                            installed_on=_day(rng), location=loc, number=f"0851-{rng.randint(2000000, 8999999)}")
              for v, loc in slots[: scaled("family_phones", scale)]]  # fmt: skip
    created["phones"] = _insert_missing(m.FamilyPhone, phones, keyed("township_id", "village_id", "location"))
    boxes = [m.FamilyMailbox(township_id=v.parent_id, village_id=v.pk, organization_id=v.organization_id,
                             installed_on=_day(rng), location=loc)
             for v, loc in slots[len(villages) // 2 :][: scaled("family_mailboxes", scale)]]  # fmt: skip
    created["mailboxes"] = _insert_missing(
        m.FamilyMailbox, boxes, keyed("township_id", "village_id", "location")
    )

    elders_by_village = defaultdict(list)
    for e in elders:
        elders_by_village[e.village_id].append(e)
    society_villages = (villages * 2)[: scaled("mutual_aid_societies", scale)]
    societies = []
    for i, v in enumerate(society_villages):
        suffix = "" if i < len(villages) else "第二"
        societies.append(m.MutualAidSociety(
            name=f"{v.name}{suffix}老年人互助会", township_id=v.parent_id, village_id=v.pk,
            organization_id=v.organization_id, founded_on=_day(rng, (3, 10)), leader_name=_name(rng)))  # fmt: skip
    created["societies"] = _insert_missing(m.MutualAidSociety, societies, keyed("township_id", "name"))
    members = [m.SocietyMembership(society_id=s.pk, elder_id=e.pk, joined_on=s.founded_on)
               for s in societies for e in elders_by_village[s.village_id][:12]]  # fmt: skip
    _insert_missing(m.SocietyMembership, members, keyed("society_id", "elder_id"))

    # Trainings and referral events, each with its attendance list from the township's migrants.
    migrants_by_township = defaultdict(list)
    for r in migrants:
        migrants_by_township[r.township_id].append(r.person_id)
    n_trainings = scaled("trainings", scale)
    trainee_counts = split(scaled("trainees", scale), n_trainings, rng)
    funds = split(scaled("training_funds", scale), n_trainings, rng, step=100)
    trainings = []
    for i in range(n_trainings):
        t = townships[i % len(townships)]
        trainings.append(m.Training(
            title=f"{t.name}农民工{rng.choice(['建筑', '电焊', '缝纫', '厨师', '电工', '驾驶'])}技能培训班",
            trade=rng.choice(INDUSTRIES), held_on=_day(rng, (1, 3) if i % 2 else (6, 12)),
            venue=f"{t.name}文化站", organization_id=committees[t.pk].pk if i % 5 else county.pk,
            trainee_count=trainee_counts[i], funds=Decimal(funds[i])))  # fmt: skip
        trainings[-1]._township = t
    created["trainings"] = _insert_missing(
        m.Training, trainings, keyed("organization_id", "held_on", "title")
    )
    through = m.Training.attendees.through
    attendance = []
    for t in trainings:
        pool = migrants_by_township[t._township.pk]
        start = rng.randrange(len(pool)) if pool else 0
        chosen = (pool[start:] + pool[:start])[: t.trainee_count]
        attendance += [_new(through, training_id=t.pk, person_id=p) for p in chosen]
    _insert_missing(through, attendance, keyed("training_id", "person_id"), batch_size=5000)

    n_events = scaled("referral_events", scale)
    referred = split(scaled("referred", scale), n_events, rng)
    events, referrals = [], []
    for i in range(n_events):
        t = townships[(i * 5) % len(townships)]
        events.append(m.ReferralEvent(title=f"{t.name}春风行动招聘会", held_on=_day(rng, (2, 4)),
                                      venue=f"{t.name}集镇", organization_id=committees[t.pk].pk,
                                      referred_count=referred[i], employed_count=0))  # fmt: skip
        events[-1]._township = t
    _balance(events, scaled("referred", scale), scaled("employed", scale))
    created["referral_events"] = _insert_missing(
        m.ReferralEvent, events, keyed("organization_id", "held_on", "title")
    )
    for e in events:
        pool = migrants_by_township[e._township.pk]
        for j, p in enumerate(pool[: e.referred_count]):
            referrals.append(_new(m.Referral, event_id=e.pk, person_id=p, employed=j < e.employed_count,
                                  employer="黔山县工业园区企业"))  # fmt: skip
    _insert_missing(m.Referral, referrals, keyed("event_id", "person_id"), batch_size=5000)

    symposiums = [m.ReturneeSymposium(organization_id=committees[t.pk].pk, held_on=datetime.date(YEAR, 2, 2 + i % 5),
                                      venue=f"{t.name}工会工委会议室", attendees=rng.randint(20, 80),
                                      notes="倾听打工经历，畅叙家乡建设，联手共谋发展。")
                  for i, t in enumerate(townships)]  # fmt: skip
    created["symposiums"] = _insert_missing(
        m.ReturneeSymposium, symposiums, keyed("organization_id", "held_on")
    )

    mailing = m.GreetingMailing.objects.filter(organization=county, title="2008年新春贺年卡").first()
    if mailing is None:
        share = Decimal(scaled("greeting_cards", scale)) / TARGETS["greeting_cards"]
        mailing = m.GreetingMailing.objects.create(
            organization=county, title="2008年新春贺年卡", sent_on=datetime.date(YEAR, 1, 18),
            cards=scaled("greeting_cards", scale), cost=sum(Decimal(a) for _n, a in SPONSORS) * share,
            note="宣传党的政策、打工技能和维权知识，寄赠在外务工的我县民工。",
        )  # fmt: skip
        m.MailingSponsor.objects.bulk_create(
            [m.MailingSponsor(mailing=mailing, name=n, amount=Decimal(a) * share) for n, a in SPONSORS]
        )
        created["mailings"] = 1
    created.update(_mechanisms(rng, county, townships, committees))
    return created


def _balance(events, referred_total, employed_total):
    """Employed within referred at every event, adding up to the totals."""
    for e in events:
        e.employed_count = e.referred_count * employed_total // referred_total
    diff = employed_total - sum(e.employed_count for e in events)
    for e in events:
        move = min(diff, e.referred_count - e.employed_count)
        e.employed_count += move
        diff -= move


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def _mechanisms(rng, county, townships, committees):
    created = {}
    meetings = [
        m.JointMeeting(organization=county, held_on=datetime.date(YEAR, 3, 6), title="2008年“三关”工程第一次联席会议",
                       attendees="县总工会\n县委组织部\n县民政局\n县教育局\n县劳动就业局\n团县委\n县妇联",
                       minutes="通报2007年“三关”工程情况，部署2008年工作，印发《考核标准》。"),
        m.JointMeeting(organization=county, held_on=datetime.date(YEAR, 9, 12), title="2008年“三关”工程第二次联席会议",
                       attendees="县总工会\n县民政局\n县教育局\n县劳动就业局\n县妇联",
                       minutes="研究留守儿童代理家长职责落实和空巢老人结对帮扶问题。"),
    ]  # fmt: skip
    created["joint_meetings"] = _insert_missing(
        m.JointMeeting, meetings, keyed("organization_id", "held_on", "title")
    )
    reviews = [m.HalfYearReview(organization=county, year=YEAR, half=h, held_on=datetime.date(YEAR, 7 if h == 1 else 12, 20),
                                summary="各乡镇工会工委汇报“三关”工程进度，县总工会调度安排下阶段工作。")
               for h in (1, 2)]  # fmt: skip
    created["reviews"] = _insert_missing(m.HalfYearReview, reviews, keyed("organization_id", "year", "half"))
    created["info_reports"] = _info_reports(county, townships, committees)
    leaders = ["县人大常委会副主任 罗永康", "县政府副县长 唐明", "县政协副主席 彭华", "县总工会主席 王建国"]
    inspections = [m.Inspection(organization=county, year=YEAR, team=f"第{'一二三四'[i]}督导组", leader=leader)
                   for i, leader in enumerate(leaders)]  # fmt: skip
    _insert_missing(m.Inspection, inspections, keyed("organization_id", "year", "team"))
    visits = [m.InspectionVisit(inspection_id=inspections[i % 4].pk, organization=committees[t.pk],
                                visited_on=datetime.date(YEAR, 11, 3 + i // 4), score=Decimal(rng.randint(72, 98)),
                                findings="台账基本健全；个别村代理家长家访记录不全。")
              for i, t in enumerate(townships)]  # fmt: skip
    created["inspection_visits"] = _insert_missing(
        m.InspectionVisit, visits, keyed("inspection_id", "organization_id")
    )
    created["standard_scores"] = _standard(county, committees)
    return created


def _standard(county, committees):
    """The county's 2008 standard, a scheme of the reporting machinery (built here, once), and each
    township's inspection score on it (what assessment.score_inspections gives, in one insert)."""
    from gonghui.reporting.models import ManualScore

    from .assessment import inspection_score, set_standard

    scheme = set_standard(organization=county, year=YEAR, name="2008年“三关”工程考核标准")
    item = scheme.items.get(params__from="inspections")
    done = set(ManualScore.objects.filter(item=item).values_list("organization_id", flat=True))
    rows = []
    for township in committees.values():
        scored = None if township.pk in done else inspection_score(item, township, YEAR)
        if scored is not None:
            rows.append(ManualScore(item=item, organization=township, score=scored[0], note=scored[1]))
    ManualScore.objects.bulk_create(rows)
    return len(rows)


def _info_reports(county, townships, committees):
    """The monthly information reports on the county's form (reporting.Submission), some late,
    some months missing, one returned for correction; each with its moves."""
    from gonghui.reporting import reports as periodic
    from gonghui.reporting.indicators import Period
    from gonghui.reporting.models import Submission, SubmissionMove

    from .services import info_report_form

    form = info_report_form(county)
    rows = []
    for i, t in enumerate(townships):
        missing = {(i * 7 + k) % 12 + 1 for k in range(i % 4)}  # some townships miss a few months
        for month in range(1, 13):
            if month in missing:
                continue
            period = Period.month(YEAR, month)
            due = periodic.deadline(form, period)
            late = (i + month) % 9 == 0  # a few reports come in after the deadline
            on = due + datetime.timedelta(days=6) if late else period.end - datetime.timedelta(days=5)
            returned = i == 0 and month == 11  # 高桥镇's November report was returned for correction
            status = "returned" if returned else ("accepted" if month < 12 else "submitted")
            rows.append(Submission(
                form=form, organization=committees[t.pk], period_start=period.start, period_end=period.end,
                status=status, content=f"{t.name}{month}月“三关”工程信息。", submitted_on=on, deadline=due,
                comment="慰问人数与台账不符，请核对后重报。" if returned else "",
            ))  # fmt: skip
    made = _insert_missing(Submission, rows, keyed("organization_id", "form_id", "period_start"))
    if made:
        new = Submission.objects.filter(form=form, moves__isnull=True)
        moves = []
        for s in new:
            moves.append(
                SubmissionMove(submission=s, from_status="", to_status="submitted", on=s.submitted_on)
            )
            if s.status in ("accepted", "returned"):
                to = s.status
                moves.append(SubmissionMove(submission=s, from_status="submitted", to_status=to,
                                            on=s.submitted_on + datetime.timedelta(days=3), comment=s.comment))  # fmt: skip
        SubmissionMove.objects.bulk_create(moves)
    return made
