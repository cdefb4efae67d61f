"""Cell values as township ledgers hold them, parsed to what they mean.

Each parser takes the cell (str, int, float, date, datetime or bool, as the readers give it)
and the Column, returns the value, or raises ``CellError`` with a reason an officer understands.
A parser may call ``warn(reason)`` for something to look at that does not stop the row.
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from operator import mul

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.people import idnumbers


class CellError(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = str(reason)


_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def normalize_text(value):
    """Full-width letters, digits, brackets and spaces made ordinary (NFKC); stray spaces trimmed."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        if "\u200b" in text or "\ufeff" in text:
            text = text.replace("\u200b", " ").replace("\ufeff", " ")
    return " ".join(text.split())


def cell_text(value):
    """How a cell reads to a person: 12.0 as 12, dates as 2008-05-12."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 1e15:
            return f"{value:.5E}".replace("E+", "E+")
        return repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return normalize_text(value)


def is_blank(value):
    if value is None or value == "":
        return True
    if not isinstance(value, str):
        return False
    if value.isspace():
        return True
    # Zero-width spaces and byte-order marks are not str.isspace(); a cell of only those is blank too.
    return ("\u200b" in value or "\ufeff" in value) and not _SPACES.sub("", value)


# --- ID numbers ------------------------------------------------------------------------------


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _valid_id_number(number):
    """The clean, valid 18-character case quickly; anything else goes to idnumbers.validate for its reason."""
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        return False
    if number[:2] not in idnumbers.PROVINCE_CODES:
        return False
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if birth.year < 1880 or (birth.year >= 2000 and birth > datetime.date.today()):
        return False
    total = sum(map(mul, map(int, number[:17]), _ID_WEIGHTS))
    return number[17] == idnumbers._CHECK[total % 11]


def parse_id_number(value, column, warn):
    if isinstance(value, float | int) and not isinstance(value, bool):
        # A number cell: Excel keeps 15 significant digits, so an 18-digit number has lost its end.
        if isinstance(value, float) and not value.is_integer():
            shown = f"{value:.5E}"
        elif abs(value) >= 1e15:
            shown = f"{float(value):.5E}"
        else:
            shown = str(int(value))
        if abs(value) >= 1e15:
            raise CellError(
                _(
                    "The ID number %(value)s was turned into a number by Excel and its last digits are lost; "
                    "set the column to text and type the number again."
                )
                % {"value": shown}
            )
        value = shown
    if isinstance(value, str):
        number = value.strip().upper()
        if _valid_id_number(number):
            return number
    try:
        return idnumbers.validate(value)
    except ValidationError as e:
        raise CellError(e.messages[0])


# --- names and text --------------------------------------------------------------------------

_PLAIN_NAME = re.compile(r"^[\u4e00-\u9fff]+$")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])")


def parse_name(value, column, warn):
    if isinstance(value, str) and 1 < len(value) <= (column.max_length or 50) and _PLAIN_NAME.match(value):
        return value  # the common case: two to four Chinese characters, nothing to clean
    text = cell_text(value)
    # 张  三 → 张三 (offices pad two-character names to line up with three-character ones).
    text = _CJK_GAP.sub("", text)
    if any(ch.isdigit() for ch in text):
        raise CellError(_("A name cannot contain digits: %(value)s.") % {"value": text})
    limit = column.max_length or 50
    if len(text) > limit:
        raise CellError(
            _("The name %(value)s is longer than %(n)d characters.") % {"value": text, "n": limit}
        )
    return text


def parse_text(value, column, warn):
    text = cell_text(value)
    if column.max_length and len(text) > column.max_length:
        raise CellError(
            _("This text has %(len)d characters; at most %(n)d fit.")
            % {"len": len(text), "n": column.max_length}
        )
    return text


def parse_place(value, column, warn):
    # Resolved to a Place by the importer (it needs the organisation and the township column).
    return cell_text(value).replace(" ", "")


# --- dates -----------------------------------------------------------------------------------

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATE_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_DATE_TIME = re.compile(r"^(.+?)[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def _plausible(day):
    if not (1900 <= day.year <= 2100):
        raise CellError(_("The date %(value)s is not plausible.") % {"value": day.isoformat()})
    return day


def _serial(number):
    if not (1 <= number < 80000):
        raise CellError(_("%(value)s is not a date.") % {"value": cell_text(number)})
    return _EXCEL_EPOCH + datetime.timedelta(days=int(number))


def _year_month_number(number, warn):
    """2008.3 typed into a cell Excel keeps as a number: a year and a month, not day 2008 of 1900.

    Excel drops a trailing zero, so 2008.10 arrives as 2008.1: October or January cannot be told
    apart, and the officer is asked to check.
    """
    text = repr(float(number))
    year, _dot, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if not fraction:
        warn(_("Only a year was given (%(value)s); 1 January was taken.") % {"value": year})
        return _plausible(datetime.date(int(year), 1, 1))
    if len(fraction) > 2 or not 1 <= int(fraction) <= 12:
        raise CellError(_("%(value)s is not a date; write it as 2008-05-12, 2008/5/12, 2008.5.12 or 2008年5月12日.")
                        % {"value": text})  # fmt: skip
    month = int(fraction)
    if fraction == "1":
        warn(_("%(value)s was read as January %(year)s; Excel shows October (%(year)s.10) the same way, so check "
               "it.") % {"value": text, "year": year})  # fmt: skip
    else:
        warn(_("Only a month was given (%(value)s); the first day of the month was taken.") % {"value": text})
    return _plausible(datetime.date(int(year), month, 1))


def parse_date(value, column, warn):
    if isinstance(value, datetime.datetime):
        return _plausible(value.date())
    if isinstance(value, datetime.date):
        return _plausible(value)
    if isinstance(value, bool):
        raise CellError(_("%(value)s is not a date.") % {"value": cell_text(value)})
    if isinstance(value, int | float):
        if 1900 <= value < 2101:
            return _year_month_number(value, warn)
        if float(value).is_integer() and 190001 <= value <= 21001231:
            value = str(int(value))  # 20080301 or 200803 typed into a number cell: read as text below
        else:
            return _plausible(_serial(value))
    text = normalize_text(value)
    timed = _DATE_TIME.match(text) if ":" in text else None
    text = (timed.group(1) if timed else text).replace(" ", "")
    for pattern in (_DATE_FULL, _DATE_COMPACT):
        match = pattern.match(text)
        if match:
            y, m, d = (int(g) for g in match.groups())
            try:
                return _plausible(datetime.date(y, m, d))
            except ValueError:
                raise CellError(_("%(value)s is not a real date.") % {"value": text})
    match = _DATE_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        day = _plausible(datetime.date(int(match.group(1)), int(match.group(2)), 1))
        warn(_("Only a month was given (%(value)s); the first day of the month was taken.") % {"value": text})
        return day
    match = re.fullmatch(r"(\d{4})(\d{2})", text)
    if match and 1 <= int(match.group(2)) <= 12:
        warn(_("Only a month was given (%(value)s); the first day of the month was taken.") % {"value": text})
        return _plausible(datetime.date(int(match.group(1)), int(match.group(2)), 1))
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _plausible(_serial(float(text)))
    raise CellError(
        _("%(value)s is not a date; write it as 2008-05-12, 2008/5/12, 2008.5.12 or 2008年5月12日.")
        % {"value": text}
    )


# --- numbers ---------------------------------------------------------------------------------

_CENT = Decimal("0.01")


def _decimal(text):
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_amount(value, column, warn):
    if isinstance(value, bool):
        raise CellError(_("%(value)s is not an amount of money.") % {"value": cell_text(value)})
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        text = normalize_text(value).replace(" ", "").replace(",", "").replace("，", "")
        text = text.removeprefix("¥").removeprefix("￥")
        factor = Decimal(1)
        if text.endswith("万元") or text.endswith("万"):
            factor = Decimal(10000)
            text = text.removesuffix("元").removesuffix("万")
        text = text.removesuffix("元")
        amount = _decimal(text)
        if amount is None:
            raise CellError(
                _("%(value)s is not an amount of money; write a number such as 1200 or 1,200元 or 1.2万元.")
                % {"value": normalize_text(value)}
            )
        amount *= factor
    if amount < 0:
        raise CellError(_("The amount %(value)s is negative.") % {"value": cell_text(value)})
    if amount >= Decimal("1e10"):
        raise CellError(_("The amount %(value)s yuan is implausibly large.") % {"value": cell_text(value)})
    return amount.quantize(_CENT)


_INT_UNITS = "人个名户对家次元件份期场座所"


def parse_integer(value, column, warn):
    if isinstance(value, bool):
        raise CellError(_("%(value)s is not a whole number.") % {"value": cell_text(value)})
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("%(value)s is not a whole number.") % {"value": cell_text(value)})
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        text = normalize_text(value).replace(" ", "").replace(",", "").rstrip(_INT_UNITS)
        if not re.fullmatch(r"-?\d+(\.0+)?", text):
            raise CellError(_("%(value)s is not a whole number.") % {"value": normalize_text(value)})
        number = int(Decimal(text))
    if number < 0:
        raise CellError(_("%(value)s is negative; a count cannot be.") % {"value": number})
    if number > 2_000_000_000:
        raise CellError(_("%(value)s is implausibly large.") % {"value": number})
    return number


# --- phones, yes/no, choices -----------------------------------------------------------------


_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def parse_phone(value, column, warn):
    if isinstance(value, str) and _MOBILE.match(value):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = cell_text(value)
    digits = re.sub(r"[\s\-()（）]", "", text)
    digits = digits.removeprefix("+86").removeprefix("0086")
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return digits
    # Landline with its area code: 0851-5221234, (0851)5221234, 08515221234.
    match = re.fullmatch(
        r"(0\d{2,3})[-\s]?(\d{7,8})", re.sub(r"[()（）\s]", "-", text).strip("-").replace("--", "-")
    )
    if match:
        return f"{match.group(1)}-{match.group(2)}"
    if re.fullmatch(r"0(10|2\d)\d{8}|0[3-9]\d{2}\d{7,8}", digits):
        cut = 3 if digits[1] in "12" else 4
        return f"{digits[:cut]}-{digits[cut:]}"
    raise CellError(
        _("%(value)s is not a phone number: give an 11-digit mobile number or a landline with its area code.")
        % {"value": text}
    )


_YES = {"是", "√", "✓", "✔", "y", "yes", "true", "1", "有", "对", "t"}
_NO = {"否", "×", "✗", "✘", "x", "n", "no", "false", "0", "无", "不是", "f"}


def parse_yesno(value, column, warn):
    if isinstance(value, bool):
        return value
    text = cell_text(value).replace(" ", "").lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError(_("%(value)s is neither yes nor no; write 是 or 否.") % {"value": text})


_choice_lookups = {}


def _choice_lookup(column):
    cached = _choice_lookups.get(id(column))
    if cached is None or cached[0] is not column:
        lookup = {str(stored): stored for stored in column.choices.values()}
        lookup.update({label.replace(" ", ""): stored for label, stored in column.choices.items()})
        cached = _choice_lookups[id(column)] = (column, lookup)
    return cached[1]


def parse_choice(value, column, warn):
    text = cell_text(value).replace(" ", "")
    lookup = _choice_lookup(column)
    if text in lookup:
        return lookup[text]
    allowed = "、".join(column.choice_labels())
    raise CellError(_("%(value)s is not one of: %(allowed)s.") % {"value": text, "allowed": allowed})


GENDER_LABELS = {"男": "M", "女": "F", "男性": "M", "女性": "F"}


def parse_gender(value, column, warn):
    return parse_choice(value, column, warn)


# Checks of one column against the row's other columns, by column type: every ledger kind with such a
# column gets the same check. Each is f(row, key, columns) and may warn or correct the row's value.


def gender_against_id_number(row, key, columns):
    """The ID number's 17th digit says the gender: a contradicting 性别 is warned about and the number followed."""
    number = next((row[c.key] for c in columns if c.type == "id_number" and row[c.key]), None)
    if not number:
        return
    gender = idnumbers.facts(number).gender
    given = row[key]
    if given and given != gender:
        said = next(label for label, stored in GENDER_LABELS.items() if stored == gender)
        row.warn(key, _("The gender contradicts the ID number, which says %(gender)s; the ID number was followed.")
                 % {"gender": said})  # fmt: skip
    row.values[key] = gender


ROW_CHECKS = {"gender": gender_against_id_number}


PARSERS = {
    "id_number": parse_id_number,
    "name": parse_name,
    "date": parse_date,
    "amount": parse_amount,
    "phone": parse_phone,
    "yesno": parse_yesno,
    "choice": parse_choice,
    "gender": parse_gender,
    "text": parse_text,
    "integer": parse_integer,
    "place": parse_place,
}


def parse(value, column, warn):
    """The parsed value of one non-blank cell for `column`, or CellError."""
    return PARSERS[column.type](value, column, warn)
