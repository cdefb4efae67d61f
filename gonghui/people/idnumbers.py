"""Resident ID numbers (GB 11643-1999): normalise, validate, derive, mask, encrypt, hash.

Nothing here touches the database; the Person model and the ledger readers call these.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.core import crypto
from gonghui.core.formats import cn_date

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
# Province-level codes of GB/T 2260 (the first two digits of every ID number).
PROVINCE_CODES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
}  # fmt: skip
_FULLWIDTH = str.maketrans("０１２３４５６７８９ｘＸ", "0123456789XX")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def normalize(value):
    """Full-width digits, lower-case x, spaces and separators removed; may still be invalid."""
    if value is None:
        return ""
    text = str(value).translate(_FULLWIDTH)
    text = re.sub(r"[\s\u3000\-'‘’`]", "", text)
    return text.upper()


def check_char(first17):
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def validate(value):
    """Return the normalised 18-character number or raise ValidationError saying why."""
    number = normalize(value)
    if not number:
        raise ValidationError(_("The ID number is empty."), code="empty")
    if _SCIENTIFIC.match(number) or re.fullmatch(r"\d+\.\d+", number):
        raise ValidationError(
            _(
                "The ID number %(value)s was turned into a number by Excel and its last digits are lost; "
                "set the column to text and type the number again."
            ),
            code="scientific",
            params={"value": number},
        )
    if len(number) == 15 and number.isdigit():
        raise ValidationError(
            _("%(value)s is an old 15-digit ID number; enter the person's current 18-digit number."),
            code="old_15",
            params={"value": number},
        )
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; %(value)s has %(n)d."),
            code="length",
            params={"value": number, "n": len(number)},
        )
    if not (number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")):
        raise ValidationError(
            _("%(value)s contains characters that cannot be in an ID number."),
            code="characters",
            params={"value": number},
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("%(value)s does not start with a known region code."),
            code="region",
            params={"value": number},
        )
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("%(value)s contains the impossible birth date %(date)s."),
            code="birth_date",
            params={"value": number, "date": f"{number[6:10]}-{number[10:12]}-{number[12:14]}"},
        )
    if birth.year < 1880 or birth > datetime.date.today():
        raise ValidationError(
            _("%(value)s contains the impossible birth date %(date)s."),
            code="birth_date",
            params={"value": number, "date": cn_date(birth)},
        )
    expected = check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("The last character of %(value)s should be %(expected)s: a digit was mistyped."),
            code="check_digit",
            params={"value": number, "expected": expected},
        )
    return number


@dataclass(frozen=True)
class IdFacts:
    birth_date: datetime.date
    gender: str  # "M" or "F"


def facts(number):
    """Birth date and gender of a valid number (the 17th digit is odd for men)."""
    return IdFacts(
        birth_date=datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
        gender="M" if int(number[16]) % 2 else "F",
    )


def mask(number):
    """520123**********1X: the region and the last four stay, the birth date does not."""
    if not number:
        return ""
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


ENCRYPT_PURPOSE = "gonghui-id-encrypt"
LOOKUP_PURPOSE = "gonghui-id-lookup"


def lookup_hash(number):
    """Keyed hash for exact lookup and de-duplication; useless without the key."""
    return crypto.keyed_hash(number, purpose=LOOKUP_PURPOSE)


def encrypt(number):
    return crypto.encrypt(number, purpose=ENCRYPT_PURPOSE, aad="id")


def decrypt(token):
    return crypto.decrypt(token, purpose=ENCRYPT_PURPOSE, aad="id")


def make_valid(prefix, birth, sequence):
    """A valid number for region `prefix`, birth date and 3-digit sequence (demo and tests)."""
    first17 = f"{prefix}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
