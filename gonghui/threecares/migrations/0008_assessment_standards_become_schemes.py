"""The Three Cares assessment standards become schemes of the reporting machinery.

Each threecares.AssessmentStandard is copied to a reporting.Scheme with the code "three-cares"
(same organisation, year and title; assessing township committees), each of its items to a
SchemeItem scored as gonghui.threecares.assessment.MEASURES says (copied here: a migration does not
follow later code). The inspection item is scored by hand from the inspection visits: each township
visited that year gets the mean of its visits' scores, out of 100, scaled to the item's points.
A standard whose organisation already has a "three-cares" scheme that year is left to that scheme.
The next migration removes the old tables.
"""

from decimal import Decimal

from django.db import migrations
from django.db.models import Avg

CODE = "three-cares"
MEASURES = {
    "registries": ("any", {"codes": ["three_cares.out_migrants", "three_cares.incoming", "three_cares.returnees",
                                     "three_cares.elders", "three_cares.children"]}),
    "pairing": ("share", {"code": "three_cares.elders_paired", "of": "three_cares.elders"}),
    "proxy": ("share", {"code": "three_cares.children_with_proxy_parent", "of": "three_cares.children"}),
    "visits": ("any", {"codes": ["three_cares.migrants_visited", "three_cares.elders_visited",
                                 "three_cares.children_visited"]}),
    "phones_mailboxes": ("any", {"codes": ["three_cares.family_phones", "three_cares.family_mailboxes"]}),
    "societies": ("any", {"codes": ["three_cares.mutual_aid_societies"]}),
    "symposium": ("any", {"codes": ["three_cares.symposiums"]}),
    "reports": ("reports", {"form": "three-cares-info"}),
    "inspection": ("manual", {"from": "inspections"}),
}  # fmt: skip


def forward(apps, schema_editor):
    AssessmentStandard = apps.get_model("threecares", "AssessmentStandard")
    InspectionVisit = apps.get_model("threecares", "InspectionVisit")
    Organization = apps.get_model("orgs", "Organization")
    Scheme = apps.get_model("reporting", "Scheme")
    SchemeItem = apps.get_model("reporting", "SchemeItem")
    ManualScore = apps.get_model("reporting", "ManualScore")
    for standard in AssessmentStandard.objects.order_by("pk").iterator():
        scheme, made = Scheme.objects.get_or_create(
            organization_id=standard.organization_id, year=standard.year, code=CODE,
            defaults={"name": standard.title, "assessed": "townships"},
        )  # fmt: skip
        if not made:
            continue
        for item in standard.items.order_by("order", "pk"):
            kind, params = MEASURES[item.measure]
            row = SchemeItem.objects.create(scheme=scheme, order=item.order, text=item.text, points=item.points,
                                            kind=kind, params=params)  # fmt: skip
            if kind != "manual":
                continue
            townships = Organization.objects.filter(parent_id=standard.organization_id, category="township")
            means = (
                InspectionVisit.objects.filter(inspection__year=standard.year, organization__in=townships)
                .values("organization_id").annotate(mean=Avg("score"))
            )  # fmt: skip
            for visited in means:
                mean = Decimal(visited["mean"]).quantize(Decimal("0.1"))
                ManualScore.objects.create(
                    item=row, organization_id=visited["organization_id"], note=f"督导组检查平均得分{mean}",
                    score=(row.points * mean / 100).quantize(Decimal("0.1")),
                )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("threecares", "0007_sponsor_names"),
        ("reporting", "0006_step_names"),
        ("orgs", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
