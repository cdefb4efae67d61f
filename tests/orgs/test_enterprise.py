import pytest
from django.core.exceptions import ValidationError

from gonghui.orgs.codes import credit_code_check_char, validate_credit_code
from gonghui.orgs.demo import credit_code
from gonghui.orgs.models import Enterprise

pytestmark = pytest.mark.django_db


def test_a_published_credit_code_validates():
    # The example of GB 32100-2015's own check-character computation.
    assert credit_code_check_char("91350100M000100Y4") == "3"


def test_credit_code_is_normalised_from_full_width_and_lower_case():
    code = credit_code(7)
    assert validate_credit_code(" " + code.lower().replace("9", "９") + " ") == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("9152019900000000", "length"),
        ("91520199000000007I", "character"),
        ("915201990000000071", "check_digit"),
    ],
)
def test_bad_credit_codes_are_refused_saying_why(value, code):
    if code == "check_digit":
        good = credit_code(7)
        value = good[:-1] + ("1" if good[-1] != "1" else "2")
    with pytest.raises(ValidationError) as info:
        validate_credit_code(value)
    assert info.value.code == code


def test_coal_mine_needs_pairs_and_others_have_none(cast):
    mine = Enterprise(name="一号煤矿", organization=cast.township_a, is_coal_mine=True, coal_mine_pairs=0)
    with pytest.raises(ValidationError) as info:
        mine.full_clean()
    assert "coal_mine_pairs" in info.value.message_dict
    factory = Enterprise(name="水泥厂", organization=cast.township_a, coal_mine_pairs=2)
    with pytest.raises(ValidationError):
        factory.full_clean()


def test_women_staff_cannot_outnumber_staff(cast):
    ent = Enterprise(name="茶厂", organization=cast.township_a, staff_count=10, women_staff_count=11)
    with pytest.raises(ValidationError) as info:
        ent.full_clean()
    assert "women_staff_count" in info.value.message_dict
