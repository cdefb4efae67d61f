"""Every ledger kind's downloadable template carries an example row that its own importer accepts."""

import pytest

from gonghui.assistance.models import Programme
from gonghui.ledgers.importer import run_import
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
    "collective_contracts": ["enterprises"],
    "workplace_democracy": ["enterprises"],
}


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
def test_the_example_row_of_the_template_passes_a_dry_run(kind, cast, tmp_path):
    if kind.code == "assistance_payments":
        Programme.objects.create(organization=cast.county, year=2008, kind=Programme.Kind.HOLIDAY_WARMTH,
                                 name="2008年元旦春节送温暖")  # fmt: skip
    for code in FIRST.get(kind.code, []):
        first = import_template(get_kind(code), cast, tmp_path, dry_run=False)
        assert first.status == "committed", [e.as_dict() for e in first.errors]
    result = import_template(kind, cast, tmp_path, dry_run=True)
    assert result.rows_read == 1
    assert not result.errors, [e.as_dict() for e in result.errors]
