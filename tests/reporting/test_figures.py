import json

import pytest
from django.core.management import CommandError, call_command

from gonghui.reporting import indicators
from tests.factories import EnterpriseFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(cast):
    mine_union = OrganizationFactory(parent=cast.township_a, category="coal_mine")
    EnterpriseFactory(organization=mine_union, is_coal_mine=True, coal_mine_pairs=2)
    EnterpriseFactory(organization=cast.township_b)
    PersonFactory(township=cast.place_a, village=cast.village_a)
    PersonFactory(township=cast.place_b, village=cast.village_b)
    PersonFactory(township=cast.place_b)


def run_figures(*args):
    from io import StringIO

    out = StringIO()
    call_command("figures", *args, stdout=out)
    return out.getvalue()


def test_json_gives_every_registered_code_as_a_number(records):
    values = json.loads(run_figures("--org", "黔山县总工会", "--year", "2008", "--json"))
    assert set(values) == {ind.code for ind in indicators.all_indicators()}
    assert values["org.committees"] == 2
    assert values["org.unions"] == 2  # the village union and the mine's union
    assert values["enterprises.registered"] == 2
    assert values["people.registered"] == 3


def test_figures_cover_only_the_organisations_subtree(records):
    values = json.loads(run_figures("--org", "QS-T03", "--year", "2008", "--json"))
    assert values["people.registered"] == 2
    assert values["enterprises.registered"] == 1
    assert values["org.unions"] == 0


def test_a_union_established_after_the_year_is_not_counted(cast, records):
    OrganizationFactory(parent=cast.township_b, established_on="2009-03-01")
    values = json.loads(run_figures("--org", "QS", "--year", "2008", "--json"))
    assert values["org.unions"] == 2


def test_an_unknown_organisation_is_a_clear_error(records):
    with pytest.raises(CommandError, match="No organisation is named or coded"):
        run_figures("--org", "不存在的工会", "--year", "2008")


def test_an_ambiguous_name_lists_the_candidates(cast):
    OrganizationFactory(name="中心村工会", code="A-1", parent=cast.township_a)
    OrganizationFactory(name="中心村工会", code="B-1", parent=cast.township_b)
    with pytest.raises(CommandError) as info:
        run_figures("--org", "中心村工会", "--year", "2008")
    assert "A-1" in str(info.value) and "B-1" in str(info.value)
    assert "高桥镇工会工委" in str(info.value)


def test_text_output_names_each_figure(records):
    out = run_figures("--org", "QS", "--year", "2008")
    assert "org.committees" in out


def test_registering_a_code_twice_with_another_function_is_refused():
    with pytest.raises(ValueError):
        indicators.register("org.unions", name="x", unit="y")(lambda org, period: 0)
