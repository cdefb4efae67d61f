"""Validation of the unified social credit code (统一社会信用代码, GB 32100-2015)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The 31 characters the standard allows (no I, O, Z, S, V), in the order of their values.
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_FULLWIDTH = {
    ord(c): ord(c) - 0xFEE0
    for c in "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
}


def normalize_credit_code(value):
    return str(value or "").translate(_FULLWIDTH).replace(" ", "").replace("\u3000", "").upper()


def credit_code_check_char(first17):
    total = sum(_ALPHABET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value):
    """Return the normalised code or raise ValidationError saying what is wrong."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; %(value)s has %(n)d."),
            code="length",
            params={"value": code, "n": len(code)},
        )
    bad = [c for c in code if c not in _ALPHABET]
    if bad:
        raise ValidationError(
            _("The character %(char)s cannot appear in a unified social credit code."),
            code="character",
            params={"char": bad[0]},
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character of %(value)s is wrong (expected %(expected)s): a character was mistyped."),
            code="check_digit",
            params={"value": code, "expected": expected},
        )
    return code
