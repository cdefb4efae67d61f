"""The migration that moved the Three Cares assessment standards onto reporting schemes."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("threecares", "0007_sponsor_names")]
AFTER = [("threecares", "0008_assessment_standards_become_schemes")]


@pytest.mark.django_db(transaction=True)
def test_a_standard_becomes_a_scheme_with_its_items_and_the_inspection_scores():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Organization = old.get_model("orgs", "Organization")
    county = Organization.objects.create(name="县总", code="X", level="county", category="federation", path="0001.")
    town = Organization.objects.create(name="镇工委", code="X-1", level="committee", category="township",
                                       parent=county, path="0001.0001.")  # fmt: skip
    standard = old.get_model("threecares", "AssessmentStandard").objects.create(
        organization=county, year=2008, title="2008年考核标准"
    )
    Item = old.get_model("threecares", "AssessmentItem")
    Item.objects.create(standard=standard, order=1, text="结对", measure="pairing", points=20)
    Item.objects.create(standard=standard, order=2, text="督导", measure="inspection", points=10)
    inspection = old.get_model("threecares", "Inspection").objects.create(
        organization=county, year=2008, team="第一督导组", leader="甲"
    )
    Visit = old.get_model("threecares", "InspectionVisit")
    Visit.objects.create(inspection=inspection, organization=town, visited_on="2008-11-03", score=Decimal(90))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    scheme = new.get_model("reporting", "Scheme").objects.get(organization=county.pk, year=2008)
    assert (scheme.code, scheme.name, scheme.assessed) == ("three-cares", "2008年考核标准", "townships")
    items = list(scheme.items.order_by("order").values_list("text", "kind", "points", "params"))
    assert items == [
        ("结对", "share", Decimal("20.0"), {"code": "three_cares.elders_paired", "of": "three_cares.elders"}),
        ("督导", "manual", Decimal("10.0"), {"from": "inspections"}),
    ]
    score = new.get_model("reporting", "ManualScore").objects.get(organization=town.pk)
    assert (score.score, score.note) == (Decimal("9.0"), "督导组检查平均得分90.0")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
