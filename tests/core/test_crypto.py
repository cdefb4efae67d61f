"""Field encryption: one key derivation for ID numbers and bank accounts, compatible with stored data."""

import hashlib
import hmac

import pytest
from cryptography.exceptions import InvalidTag
from django.conf import settings

from gonghui.assistance import crypto as accounts
from gonghui.core import crypto
from gonghui.people import idnumbers


def test_keys_are_derived_as_before_so_stored_ciphertexts_and_hashes_still_open():
    root = hashlib.sha256(settings.FIELD_ENCRYPTION_KEY.encode()).digest()
    lookup = hmac.new(root, b"gonghui-id-lookup", hashlib.sha256).digest()
    number = idnumbers.make_valid("520199", __import__("datetime").date(1975, 3, 8), 1)
    assert idnumbers.lookup_hash(number) == hmac.new(lookup, number.encode(), hashlib.sha256).hexdigest()
    assert crypto.derive_key("gonghui-field-encrypt") == hmac.new(root, b"gonghui-field-encrypt",
                                                                  hashlib.sha256).digest()  # fmt: skip
    assert idnumbers.decrypt(idnumbers.encrypt(number)) == number


def test_a_bank_account_ciphertext_cannot_be_opened_as_an_id_number():
    token = accounts.encrypt("6223512345678901", label="bank_account")
    assert accounts.decrypt(token, label="bank_account") == "6223512345678901"
    with pytest.raises(InvalidTag):
        idnumbers.decrypt(token)
