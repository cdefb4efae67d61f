import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gonghui.people import idnumbers

VALID = idnumbers.make_valid("520123", datetime.date(1978, 11, 5), 121)


def test_make_valid_gives_a_number_that_validates():
    assert idnumbers.validate(VALID) == VALID


def test_full_width_digits_spaces_and_lower_case_x_are_normalised():
    number = idnumbers.make_valid("520123", datetime.date(1980, 1, 1), 1)
    while not number.endswith("X"):  # find one ending in X to test the lower-case form
        number = idnumbers.make_valid("520123", datetime.date(1980, 1, 1), int(number[14:17]) + 1)
    messy = (
        " "
        + number[:6].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        + " "
        + number[6:-1]
        + "x "
    )
    assert idnumbers.validate(messy) == number


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        (VALID[:-1] + ("0" if VALID[-1] != "0" else "1"), "check_digit", "last character"),
        ("520123197802301214", "birth_date", "1978-02-30"),
        ("520123780230121", "old_15", "15-digit"),
        ("5.20123E+17", "scientific", "Excel"),
        ("5201231978110512", "length", "18 characters"),
        ("990123197811051213", "region", "region code"),
        ("52012319781105121Y", "characters", "characters"),
        ("", "empty", "empty"),
    ],
)
def test_bad_id_numbers_are_refused_saying_why(value, code, fragment):
    with pytest.raises(ValidationError) as info:
        idnumbers.validate(value)
    assert info.value.code == code
    assert fragment in info.value.messages[0]


def test_a_future_birth_date_is_impossible():
    future = datetime.date.today() + datetime.timedelta(days=30)
    with pytest.raises(ValidationError) as info:
        idnumbers.validate(idnumbers.make_valid("520123", future, 1))
    assert info.value.code == "birth_date"


def test_gender_and_birth_date_come_from_the_number():
    fact = idnumbers.facts(VALID)
    assert fact.birth_date == datetime.date(1978, 11, 5)
    assert fact.gender == "M"  # 121: odd 17th digit


def test_mask_keeps_region_and_last_four_only():
    assert idnumbers.mask("52012319781105121X") == "520123********121X"
    assert len(idnumbers.mask(VALID)) == 18


def test_encryption_round_trips_and_hides_the_number():
    token = idnumbers.encrypt(VALID)
    assert VALID not in token
    assert idnumbers.decrypt(token) == VALID
    assert idnumbers.encrypt(VALID) != token  # a fresh nonce each time


def test_lookup_hash_is_stable_and_keyed(settings):
    first = idnumbers.lookup_hash(VALID)
    assert idnumbers.lookup_hash(VALID) == first
    settings.FIELD_ENCRYPTION_KEY = "another-key"
    assert idnumbers.lookup_hash(VALID) != first


births = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2020, 12, 31))


@given(birth=births, sequence=st.integers(0, 999), position=st.integers(0, 16), delta=st.integers(1, 9))
def test_any_single_mistyped_digit_is_caught(birth, sequence, position, delta):
    number = idnumbers.make_valid("520123", birth, sequence)
    digit = (int(number[position]) + delta) % 10
    typo = number[:position] + str(digit) + number[position + 1 :]
    with pytest.raises(ValidationError):
        idnumbers.validate(typo)


@given(birth=births, sequence=st.integers(0, 999))
def test_every_generated_number_validates_and_derives_its_birth_date(birth, sequence):
    number = idnumbers.make_valid("520123", birth, sequence)
    assert idnumbers.validate(number) == number
    assert idnumbers.facts(number).birth_date == birth
