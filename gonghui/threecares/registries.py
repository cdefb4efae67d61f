"""The six registries of people, one declaration each: model, title, columns (the ledger layout),
what registering asks, the kind of visit paid to people on it, its ledger kind and its figure.

Everything that differs between registries is read from here (pages, registration, visits, the
registry ledgers, the person page, counts); a name a registry goes by elsewhere (its ledger code,
the visit kind) finds the same declaration through `find`.

Column headers are the ledger headers county offices use (data, like the import aliases), so an
exported ledger can be filled in and imported again.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import models as m

# As the ledgers write them (data): the same labels the import reads.
GENDER_LABELS = {"M": "男", "F": "女"}


def _yes(value):
    return "是" if value else "否"


@dataclass(frozen=True)
class Registry:
    key: str
    model: type
    title: str
    columns: tuple  # (header, getter(entry) -> value); the first two are 姓名 and 身份证号
    list_columns: tuple  # indexes into columns shown on the web page beyond name and ID
    ledger: str  # the code of its ledger kind (ledgers/registries.py)
    indicator: str  # the figure counting the people on it
    # What registering someone asks beyond the person and place; guardians, parents and proxy
    # parents are linked later from their own records, so no person is picked twice on one page.
    fields: tuple
    visit: str = ""  # the Visit.Kind of a visit to someone on it ("" when nobody on it is visited)
    minors: bool = False


_BASE = (
    ("姓名", lambda e: e.person.name),
    ("身份证号", lambda e: e.person.id_number_masked),
    ("性别", lambda e: GENDER_LABELS.get(e.person.gender, "")),
    ("联系电话", lambda e: e.person.phone),
    ("乡镇", lambda e: e.township.name),
    ("村(社区)", lambda e: e.village.name if e.village else ""),
)

REGISTRIES = {
    r.key: r
    for r in [
        Registry(
            "out_migrants",
            m.OutMigrant,
            _("Out-migrant workers"),
            _BASE
            + (
                ("外出时间", lambda e: e.left_on),
                ("务工地点", lambda e: e.destination),
                ("务工单位", lambda e: e.employer),
                ("从事行业", lambda e: e.industry),
                ("是否会员", lambda e: _yes(e.is_member)),
                ("通信地址", lambda e: e.mailing_address),
                ("返乡时间", lambda e: e.returned_on),
            ),
            (4, 5, 7, 8),
            ledger="out_migrants",
            indicator="three_cares.out_migrants",
            fields=("left_on", "destination_province", "destination_city", "employer", "industry", "is_member",
                    "mailing_address", "postcode"),  # fmt: skip
            visit=m.Visit.Kind.MIGRANT,
        ),
        Registry(
            "incoming",
            m.IncomingWorker,
            _("Incoming workers"),
            _BASE
            + (
                ("籍贯", lambda e: e.home_place),
                ("务工单位", lambda e: e.employer),
                ("从事行业", lambda e: e.industry),
                ("是否会员", lambda e: _yes(e.is_member)),
            ),
            (4, 6, 7),
            ledger="incoming_workers",
            indicator="three_cares.incoming",
            fields=("home_place", "employer", "industry", "is_member"),
        ),
        Registry(
            "returnees",
            m.Returnee,
            _("Returnee entrepreneurs"),
            _BASE
            + (
                ("创业项目", lambda e: e.business),
                ("创业时间", lambda e: e.started_on),
                ("带动就业人数", lambda e: e.jobs_created),
            ),
            (4, 6, 8),
            ledger="returnees",
            indicator="three_cares.returnees",
            fields=("business", "started_on", "jobs_created"),
        ),
        Registry(
            "elders",
            m.Elder,
            _("Empty-nest elders"),
            _BASE
            + (
                ("子女外出人数", lambda e: e.children_away),
                ("健康状况", lambda e: e.get_health_display()),
                ("是否独居", lambda e: _yes(e.lives_alone)),
            ),
            (4, 5, 7, 8),
            ledger="elders",
            indicator="three_cares.elders",
            fields=("children_away", "health", "lives_alone"),
            visit=m.Visit.Kind.ELDER,
        ),
        Registry(
            "children",
            m.LeftBehindChild,
            _("Left-behind children"),
            _BASE
            + (
                ("类别", lambda e: e.get_kind_display()),
                ("学校", lambda e: e.school),
                ("年级", lambda e: e.grade),
                ("监护人", lambda e: e.guardian.name if e.guardian_id else e.guardian_name),
                ("与监护人关系", lambda e: e.get_guardian_relation_display()),
                ("父亲务工地", lambda e: e.father_works_in),
                ("母亲务工地", lambda e: e.mother_works_in),
                ("代理家长", lambda e: e.proxy_parent.person.name if e.proxy_parent_id else ""),
            ),
            (4, 5, 6, 7, 9),
            ledger="children",
            indicator="three_cares.children",
            fields=("kind", "school", "grade", "guardian_name", "guardian_relation", "father_works_in",
                    "mother_works_in"),  # fmt: skip
            visit=m.Visit.Kind.CHILD,
            minors=True,
        ),
        Registry(
            "proxy_parents",
            m.ProxyParent,
            _("Proxy parents"),
            _BASE + (("工作单位或职务", lambda e: e.workplace), ("职责", lambda e: e.duties)),
            (4, 5, 6),
            ledger="proxy_parents",
            indicator="three_cares.proxy_parents",
            fields=("workplace", "duties"),
        ),
    ]
}

BY_VISIT = {r.visit: r for r in REGISTRIES.values() if r.visit}


def find(name):
    """The registry a name stands for: its key, its ledger code or its visit kind; None if no registry."""
    if name in REGISTRIES:
        return REGISTRIES[name]
    return next((r for r in REGISTRIES.values() if name in (r.ledger, r.visit)), None)


def related_for(registry):
    """select_related that makes every column of the registry free of extra queries."""
    fields = ["person", "township", "village"]
    if registry.key == "children":
        fields += ["guardian", "proxy_parent__person"]
    return fields


TOWNSHIP, VILLAGE, PHONE = 4, 5, 3  # indexes of 乡镇, 村(社区) and 联系电话 in _BASE


def list_columns_for(registry, *, local):
    """[(column index, shown on a phone)] for the registry's page.

    ``local``: the user sees one township only; 乡镇 would repeat on every row, so the village
    and the phone take its place, and both stay on a phone. Others keep 乡镇 on a phone.
    """
    if not local:
        return [(i, n == 0) for n, i in enumerate(registry.list_columns)]
    rest = [i for i in registry.list_columns if i not in (TOWNSHIP, VILLAGE, PHONE)]
    return [(VILLAGE, True), (PHONE, True)] + [(i, False) for i in rest]


EXPORT_PERSON_FIELDS = ["person__name", "person__id_number_masked", "person__id_number_cipher", "person__gender",
                        "person__phone", "person__birth_date"]  # fmt: skip


def _export_builder(registry):
    def build(user, params=None, reveal=None):
        from gonghui.ledgers.exports import Export, chunks
        from gonghui.people.privacy import conceal_minors
        from gonghui.querystring import parse_id

        from .querysets import minors_visible_to

        params = params or {}
        entries = registry.model.objects.search(
            q=params.get("q", ""), township=parse_id(params.get("township")), village=parse_id(params.get("village")),
            destination=params.get("destination", ""),
        ).visible_to(user)  # fmt: skip
        if registry.minors and not minors_visible_to(user):
            entries = entries.none()
        count = entries.count()

        def rows():
            rows = entries.select_related(*related_for(registry)).order_by("-pk")
            if registry.key != "children":
                # Only the columns the ledger shows: model instances with every field cost twice as much.
                own = [f.name for f in registry.model._meta.concrete_fields]
                rows = rows.only(*own, *EXPORT_PERSON_FIELDS, "township__name", "village__name")
            for chunk in chunks(rows):
                people = [e.person for e in chunk]
                conceal_minors(people, user)
                numbers = reveal.numbers(people) if reveal is not None else {}
                for e in chunk:
                    cells = [getter(e) for _header, getter in registry.columns]
                    cells[1] = numbers.get(e.person_id, cells[1])
                    yield cells

        return Export(title=registry.title, headers=[h for h, _g in registry.columns], rows=rows(), count=count)

    return build


def register_exports():
    from gonghui.ledgers.exports import register_export

    for registry in REGISTRIES.values():
        register_export(f"registry-{registry.key}", reveals=True, what=registry.title,
                        params=("q", "township", "village", "destination"))(_export_builder(registry))  # fmt: skip
