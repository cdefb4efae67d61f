import pytest

from .factories import ArchiveFactory, ProgrammeFactory, new_person


@pytest.fixture
def household(cast):
    """An archived household in 高桥村 (township A), filed by the village union."""
    head = new_person(cast.village_a, name="张元飞")
    return ArchiveFactory(organization=cast.village_union_a, head=head)


@pytest.fixture
def programme(cast):
    return ProgrammeFactory(organization=cast.county, per_payment_cap=500, per_person_year_cap=800)
