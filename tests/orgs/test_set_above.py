"""What is set higher up applies below: one helper in the scoping module decides it."""

from gonghui.assistance.models import Programme
from tests.assistance.factories import ProgrammeFactory


def test_a_township_is_offered_the_county_programme_and_its_own_but_not_another_townships(cast):
    county = ProgrammeFactory(organization=cast.county)
    own = ProgrammeFactory(organization=cast.township_a)
    ProgrammeFactory(organization=cast.township_b)
    below = ProgrammeFactory(organization=cast.village_union_a)
    assert set(Programme.objects.applying_to(cast.township_a)) == {county, own}
    assert set(Programme.objects.applying_or_visible(cast.township_a_officer)) == {county, own, below}


def test_the_county_sees_everything_below_and_a_user_without_organisation_nothing(cast):
    programmes = {ProgrammeFactory(organization=o) for o in (cast.county, cast.township_a, cast.township_b)}
    assert set(Programme.objects.applying_or_visible(cast.county_admin)) == programmes
    cast.leader.organization = None
    assert not Programme.objects.applying_or_visible(cast.leader).exists()
