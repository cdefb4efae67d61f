"""Sensitive free-text fields (bank accounts) at rest: AES-GCM ciphertext plus a masked form.

The key is derived (gonghui.core.crypto) from the same FIELD_ENCRYPTION_KEY as ID numbers, with
its own purpose, so a bank-account ciphertext can never be decrypted as an ID number or the other
way round.
"""

import re

from gonghui.core import crypto as core_crypto

PURPOSE = "gonghui-field-encrypt"


def normalize_account(value):
    """Bank accounts are typed with spaces and dashes; only the digits matter."""
    return re.sub(r"[\s\u3000\-]", "", str(value or ""))


def account_problem(value):
    """Why `value` cannot be a bank account number (a translatable sentence), or "" when it can."""
    from django.utils.translation import gettext as _

    number = normalize_account(value)
    if number and not (number.isdigit() and 8 <= len(number) <= 30):
        return _("%(value)s is not a bank account number: 8 to 30 digits, spaces allowed.") % {"value": value}
    return ""


def encrypt(text, *, label):
    return core_crypto.encrypt(text, purpose=PURPOSE, aad=label)


def decrypt(token, *, label):
    return core_crypto.decrypt(token, purpose=PURPOSE, aad=label)


def mask_account(number):
    """6222 **** **** 1234 style: the bank's prefix and the last four stay."""
    if not number:
        return ""
    if len(number) <= 8:
        return "*" * (len(number) - 4) + number[-4:]
    return f"{number[:4]}{'*' * (len(number) - 8)}{number[-4:]}"


def mask_name(name):
    """张*飞, 李*, 欧阳**锋: the public notice shows the surname and the last character only."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id_for_notice(masked_or_clear):
    """5201**********123X: the public notice shows fewer digits than the officers' masked form."""
    value = masked_or_clear or ""
    if len(value) != 18:
        return ""
    return f"{value[:4]}{'*' * 10}{value[-4:]}"
