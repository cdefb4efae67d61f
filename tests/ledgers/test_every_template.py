"""Every ledger kind's downloadable template carries an example row that its own importer would accept,
and that the importer never imports (it carries the example marker)."""

import pytest

from gonghui.assistance.models import Programme
from gonghui.ledgers.importer import Importer, run_import
from gonghui.ledgers.registry import all_kinds, get_kind
from gonghui.ledgers.xlsx import write_template

pytestmark = pytest.mark.django_db

# Examples that name records which must exist first, as an officer's would: the ledgers imported
# before them, in order.
FIRST = {
    "pairings": ["elders"],
    "visits": ["elders"],
    "medical_waivers": ["elders"],
    "assistance_payments": ["hardship_archives"],
    "donation_handovers": ["donations"],  # a hand-over needs money held
    "safety_workplaces": ["enterprises"],
    "safety_hazards": ["enterprises", "safety_workplaces"],
    "safety_accidents": ["enterprises", "safety_workplaces"],
    "collective_contracts": ["enterprises"],
    "workplace_democracy": ["enterprises"],
    "safety_exam_results": ["safety_supervisors"],  # the trainee must already be a supervisor
}
NEEDS_A_COAL_MINE = {"safety_supervisors", "safety_monthly_reports", "safety_exam_results"}
NEEDS_A_CAMPAIGN = {"donations", "donation_handovers"}


def example_campaign(cast):
    """The county's drive and market-day event that the donations ledgers' example rows name."""
    import datetime

    from gonghui.relief import services
    from gonghui.relief.models import Campaign, CollectionEvent

    campaign = services.save_campaign(campaign=Campaign(
        organization=cast.county, name="抗震救灾献爱心捐款", code="KZ-EXAMPLE", cause=Campaign.Cause.EARTHQUAKE,
        starts_on=datetime.date(2008, 5, 15), ends_on=datetime.date(2008, 6, 30)))  # fmt: skip
    services.add_event(campaign=campaign, organization=cast.township_a, name="5月21日赶场天献爱心捐赠",
                       kind=CollectionEvent.Kind.MARKET_DAY, held_on=datetime.date(2008, 5, 21))  # fmt: skip


def import_template(kind, cast, tmp_path, *, dry_run):
    path = tmp_path / f"{kind.code}.xlsx"
    write_template(str(path), kind)
    return run_import(
        kind, str(path), organization=cast.township_a, user=cast.township_a_officer, dry_run=dry_run
    )


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda k: k.code)
def test_every_required_column_has_an_example(kind):
    assert not [c.header for c in kind.columns if c.required and not c.example]


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda k: k.code)
def test_the_example_row_of_the_template_would_pass_a_dry_run(kind, cast, tmp_path, monkeypatch):
    # The values are valid, as an officer who copies the example row and edits it expects.
    monkeypatch.setattr(Importer, "_is_example", lambda self, plan, cells: False)
    if kind.code == "assistance_payments":
        Programme.objects.create(organization=cast.county, year=2008, kind=Programme.Kind.HOLIDAY_WARMTH,
                                 name="2008年元旦春节送温暖")  # fmt: skip
    if kind.code in NEEDS_A_COAL_MINE:
        from tests.safety.factories import example_mine

        example_mine(cast)
    if kind.code in NEEDS_A_CAMPAIGN:
        example_campaign(cast)
    for code in FIRST.get(kind.code, []):
        first = import_template(get_kind(code), cast, tmp_path, dry_run=False)
        assert first.status == "committed", [e.as_dict() for e in first.errors]
    result = import_template(kind, cast, tmp_path, dry_run=True)
    assert result.rows_read == 1
    assert not result.errors, [e.as_dict() for e in result.errors]


@pytest.mark.parametrize("code", ["people", "elders", "hardship_archives", "out_migrants"])
def test_a_template_imported_as_downloaded_imports_nothing_and_says_the_example_row_was_left_out(
    code, cast, tmp_path
):
    result = import_template(get_kind(code), cast, tmp_path, dry_run=False)
    assert (result.rows_read, result.rows_imported) == (0, 0)
    assert result.example_rows == [{"sheet": get_kind(code).title[:31], "row": 2}]
    assert [w.row for w in result.warnings if w.row] == [2]
