"""Pinyin initials of Chinese names, so that `zs` finds 张三 (officers type on phones)."""

from pypinyin import Style, lazy_pinyin


def initials(name):
    letters = lazy_pinyin(name or "", style=Style.FIRST_LETTER, errors=lambda chars: list(chars))
    return "".join(letters).lower().replace(" ", "")[:40]
