import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.ledgers.registry import Column
from gonghui.ledgers.values import CellError, normalize_text, parse

from .conftest import number


def value(kind, cell, **column):
    warnings = []
    parsed = parse(cell, Column("c", "列", kind, **column), warnings.append)
    return parsed, warnings


@pytest.mark.parametrize(
    "cell",
    [39580, 39580.0, "39580", datetime.datetime(2008, 5, 12), datetime.date(2008, 5, 12), "2008-05-12",
     "2008/5/12", "2008.5.12", "2008年5月12日", "２００８年５月１２日", " 2008-5-12 ", "20080512",
     "2008-05-12 00:00:00"],
)  # fmt: skip
def test_every_date_form_offices_write_reads_as_the_same_day(cell):
    assert value("date", cell) == (datetime.date(2008, 5, 12), [])


def test_a_month_alone_is_the_first_of_the_month_with_a_warning():
    day, warnings = value("date", "2008.05")
    assert day == datetime.date(2008, 5, 1)
    assert len(warnings) == 1 and "2008.05" in warnings[0]


@pytest.mark.parametrize(
    "cell, day",
    [(2008.3, datetime.date(2008, 3, 1)), (2008.12, datetime.date(2008, 12, 1)), (2008, datetime.date(2008, 1, 1)),
     (200803, datetime.date(2008, 3, 1)), (20080512, datetime.date(2008, 5, 12)), ("200803", datetime.date(2008, 3, 1))],
)  # fmt: skip
def test_a_date_excel_kept_as_a_number_reads_as_typed_not_as_a_day_of_1905(cell, day):
    parsed, warnings = value("date", cell)
    assert parsed == day
    assert len(warnings) == (0 if day.day == 12 else 1)


def test_a_month_that_may_be_october_asks_to_be_checked():
    day, warnings = value("date", 2008.1)
    assert day == datetime.date(2008, 1, 1)
    assert "October" in warnings[0] and "2008.10" in warnings[0]


@pytest.mark.parametrize("cell", ["2008-02-30", "明天", "2008-13-01", "1800-01-01", 2008.13, 2008.123])
def test_an_impossible_date_is_refused_naming_the_value(cell):
    with pytest.raises(CellError) as e:
        value("date", cell)
    assert e.value.reason


@pytest.mark.parametrize(
    "cell, expected",
    [("1200", "1200"), ("1,200元", "1200"), ("1.2万元", "12000"), ("１２，０００元", "12000"), (1500.5, "1500.5"),
     ("￥300", "300"), ("30万", "300000"), (12000, "12000")],
)  # fmt: skip
def test_amounts_read_in_yuan(cell, expected):
    assert value("amount", cell)[0] == Decimal(expected)


@pytest.mark.parametrize("cell", ["一千元", "-5", "12元5角"])
def test_an_amount_that_is_not_money_is_refused(cell):
    with pytest.raises(CellError):
        value("amount", cell)


@pytest.mark.parametrize(
    "cell, expected",
    [("13800001111", "13800001111"), (13800001111.0, "13800001111"), ("138 0000 1111", "13800001111"),
     ("１３８００００１１１１", "13800001111"), ("0851-5221234", "0851-5221234"), ("(0851)5221234", "0851-5221234"),
     ("08515221234", "0851-5221234"), ("+86 13800001111", "13800001111")],
)  # fmt: skip
def test_phones_are_mobiles_or_landlines_with_area_code(cell, expected):
    assert value("phone", cell)[0] == expected


@pytest.mark.parametrize("cell", ["5221234", "1380000111", "23800001111", "电话"])
def test_a_phone_without_area_code_or_with_wrong_length_is_refused(cell):
    with pytest.raises(CellError):
        value("phone", cell)


@pytest.mark.parametrize("cell, expected", [("是", True), ("否", False), ("√", True), ("×", False), ("有", True),
                                            ("无", False), ("Y", True), ("n", False), (True, True)])  # fmt: skip
def test_yes_no_marks(cell, expected):
    assert value("yesno", cell)[0] is expected


def test_an_unknown_yes_no_mark_is_refused():
    with pytest.raises(CellError):
        value("yesno", "也许")


def test_id_number_with_lower_case_x_full_width_digits_and_spaces_is_normalised():
    n = next(number(i) for i in range(1000) if number(i).endswith("X"))
    messy = " " + n[:6] + " " + n[6:17].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "x"
    assert value("id_number", messy)[0] == n


def test_id_number_that_excel_turned_into_scientific_notation_is_refused_with_that_reason():
    for cell in (5.20123e17, "5.20123E+17", 520123197503080000):
        with pytest.raises(CellError) as e:
            value("id_number", cell)
        assert "Excel" in e.value.reason


def test_id_number_with_a_wrong_check_digit_is_refused():
    n = number(5)
    wrong = n[:17] + ("1" if n[17] != "1" else "2")
    with pytest.raises(CellError) as e:
        value("id_number", wrong)
    assert "mistyped" in e.value.reason


def test_id_number_that_lost_digits_is_refused_saying_how_many_it_has():
    with pytest.raises(CellError) as e:
        value("id_number", number(5)[:16])
    assert "16" in e.value.reason


def test_integers_take_a_trailing_unit_and_refuse_fractions():
    assert value("integer", "12人")[0] == 12
    assert value("integer", 3.0)[0] == 3
    with pytest.raises(CellError):
        value("integer", 2.5)


def test_choices_accept_the_label_or_the_stored_value():
    column = {"choices": {"男": "M", "女": "F"}}
    assert value("choice", "女", **column)[0] == "F"
    assert value("choice", "M", **column)[0] == "M"
    with pytest.raises(CellError) as e:
        value("choice", "未知", **column)
    assert "男、女" in e.value.reason


def test_names_lose_the_padding_between_characters():
    assert value("name", "张　 三")[0] == "张三"


def test_full_width_letters_digits_and_brackets_are_normalised():
    assert normalize_text("村（居）委会　ＡＢ１２") == "村(居)委会 AB12"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet="0123456789X", min_size=18, max_size=18),
                 st.integers(min_value=0, max_value=999).map(number)))  # fmt: skip
def test_the_fast_id_number_path_accepts_exactly_what_the_foundation_validates(text):
    from django.core.exceptions import ValidationError

    from gonghui.ledgers.values import _valid_id_number
    from gonghui.people import idnumbers

    try:
        expected = idnumbers.validate(text) == text
    except ValidationError:
        expected = False
    assert _valid_id_number(text) == expected
