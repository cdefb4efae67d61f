"""Field encryption at rest, for every area: one key derivation, AES-GCM, keyed lookup hashes.

Every key is derived from settings.FIELD_ENCRYPTION_KEY with a purpose label of its own
(``gonghui-id-encrypt``, ``gonghui-field-encrypt`` …), so a ciphertext made for one purpose can
never be opened as another, and a lookup hash is useless without the key. ``aad`` (associated
data) binds a ciphertext to the kind of value it holds ("id", "bank_account" …).

    token = crypto.encrypt("6223…", purpose="gonghui-field-encrypt", aad="bank_account")
    crypto.decrypt(token, purpose="gonghui-field-encrypt", aad="bank_account")
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


@lru_cache(maxsize=16)
def _derive(secret, purpose):
    root = hashlib.sha256(secret.encode()).digest()
    return hmac.new(root, purpose.encode(), hashlib.sha256).digest()


def derive_key(purpose):
    """The 32-byte key of one purpose, derived from FIELD_ENCRYPTION_KEY."""
    return _derive(settings.FIELD_ENCRYPTION_KEY, purpose)


@lru_cache(maxsize=16)
def _aead(key):
    return AESGCM(key)


def encrypt(text, *, purpose, aad):
    nonce = os.urandom(12)
    aead = _aead(derive_key(purpose))
    return base64.b64encode(nonce + aead.encrypt(nonce, text.encode(), aad.encode())).decode()


def decrypt(token, *, purpose, aad):
    raw = base64.b64decode(token)
    return _aead(derive_key(purpose)).decrypt(raw[:12], raw[12:], aad.encode()).decode()


def keyed_hash(text, *, purpose):
    """A keyed hash (HMAC-SHA256, hex) for exact lookup and de-duplication of an encrypted value."""
    return hmac.new(derive_key(purpose), text.encode(), hashlib.sha256).hexdigest()
