"""The Three Cares assessment standard (“三关”工程考核标准) is a scheme of the reporting machinery.

A level (the county) sets its standard for a year as a `reporting.Scheme` with the code
``three-cares``, assessing its township committees; its items are scored from the programme's
figures, the monthly information reports and, for the supervision teams' inspection, by hand: the
score of an inspection visit is the hand-given score of the item marked ``{"from": "inspections"}``
(the mean of the teams' scores out of 100, scaled to the item's points). Scores, ranking and the
per-item breakdown come from `reporting.assessment`; the scheme's page is the reporting one.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Avg

from gonghui.orgs import scoping

SCHEME_CODE = "three-cares"
INSPECTIONS = {"from": "inspections"}  # the params marking the item the inspection visits score

REGISTRY_FIGURES = ["three_cares.out_migrants", "three_cares.incoming", "three_cares.returnees",
                    "three_cares.elders", "three_cares.children"]  # fmt: skip
VISIT_FIGURES = ["three_cares.migrants_visited", "three_cares.elders_visited", "three_cares.children_visited"]

# How each measure of the former threecares.AssessmentItem is scored as a scheme item (kind, params);
# the data migration that moved the standards onto schemes used the same table.
MEASURES = {
    "registries": ("any", {"codes": REGISTRY_FIGURES}),
    "pairing": ("share", {"code": "three_cares.elders_paired", "of": "three_cares.elders"}),
    "proxy": ("share", {"code": "three_cares.children_with_proxy_parent", "of": "three_cares.children"}),
    "visits": ("any", {"codes": VISIT_FIGURES}),
    "phones_mailboxes": ("any", {"codes": ["three_cares.family_phones", "three_cares.family_mailboxes"]}),
    "societies": ("any", {"codes": ["three_cares.mutual_aid_societies"]}),
    "symposium": ("any", {"codes": ["three_cares.symposiums"]}),
    "reports": ("reports", {"form": "three-cares-info"}),
    "inspection": ("manual", INSPECTIONS),
}

# The county's standard of 2008 (seed 二.4: five registries, pairing, proxy parents, visits, family
# phones and mailboxes, societies, symposiums, monthly reports, the supervision teams' inspection).
COUNTY_STANDARD = [
    ("registries", "建立外出务工、外来务工、返乡创业、空巢老人、留守儿童五本台账", 20),
    ("pairing", "空巢老人结对帮扶", 15),
    ("proxy", "留守儿童聘请代理家长", 15),
    ("visits", "慰问外出民工、空巢老人、留守儿童", 10),
    ("phones_mailboxes", "开设亲情电话、亲情信箱", 10),
    ("societies", "成立老年人互助会", 5),
    ("symposium", "召开返乡农民工座谈会", 5),
    ("reports", "按月报送信息", 10),
    ("inspection", "督导组检查评分", 10),
]


def scheme_items(scheme, standard=COUNTY_STANDARD):
    """Unsaved SchemeItems of `scheme` for a standard given as (measure, text, points) lines."""
    from gonghui.reporting.models import SchemeItem

    items = []
    for order, (measure, text, points) in enumerate(standard, start=1):
        kind, params = MEASURES[measure]
        items.append(SchemeItem(scheme=scheme, order=order, text=text, points=Decimal(points), kind=kind,
                                params=params))  # fmt: skip
    return items


@transaction.atomic
def set_standard(*, organization, year, name, standard=COUNTY_STANDARD):
    """The level's Three Cares standard for a year (made once, with its items); returns the scheme."""
    from gonghui.reporting.models import Scheme, SchemeItem

    scheme, made = Scheme.objects.get_or_create(
        organization=organization, year=year, code=SCHEME_CODE,
        defaults={"name": name, "assessed": Scheme.Assessed.TOWNSHIPS},
    )  # fmt: skip
    if made:
        SchemeItem.objects.bulk_create(scheme_items(scheme, standard))
    return scheme


def standard_for(user, year):
    """The standard the user's page shows for a year: one the user keeps, else the nearest set above."""
    from gonghui.reporting.models import Scheme

    schemes = Scheme.objects.filter(code=SCHEME_CODE, year=year).prefetch_related("items")
    own = schemes.visible_to(user).order_by("organization__path").first()
    if own is not None or user.organization is None:
        return own
    return scoping.applying_to(schemes, user.organization).order_by("-organization__path").first()


def inspection_score(item, township, year):
    """What the inspection visits of a year give `township` on the item: their mean out of 100,
    scaled to the item's points, and the note saying so; None without a visit."""
    from .models import InspectionVisit

    mean = InspectionVisit.objects.filter(organization=township, inspection__year=year).aggregate(
        mean=Avg("score")
    )["mean"]
    if mean is None:
        return None
    mean = Decimal(mean).quantize(Decimal("0.1"))
    return (item.points * mean / 100).quantize(Decimal("0.1")), f"督导组检查平均得分{mean}"


def score_inspections(*, township, year):
    """Give the township its inspection score on every Three Cares standard of the year assessing it."""
    from gonghui.reporting import assessment
    from gonghui.reporting.models import SchemeItem

    items = SchemeItem.objects.filter(
        scheme__code=SCHEME_CODE, scheme__year=year, scheme__organization=township.parent_id, kind="manual",
        params__from=INSPECTIONS["from"],
    ).select_related("scheme")  # fmt: skip
    for item in items:
        scored = inspection_score(item, township, year)
        if scored is not None:
            assessment.give_score(item=item, organization=township, score=scored[0], note=scored[1], from_visits=True)
