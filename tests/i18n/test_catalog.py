"""The UI is Simplified Chinese: every source string has a translation, compiled and current."""

import gettext
import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

PO = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


@pytest.fixture(scope="module")
def fresh_catalog(tmp_path_factory):
    """What makemessages extracts from the sources today, without touching the real catalog."""
    root = tmp_path_factory.mktemp("src")
    shutil.copytree(
        settings.BASE_DIR, root / "gonghui", ignore=shutil.ignore_patterns("locale", "static", "__pycache__")
    )
    (root / "gonghui" / "locale").mkdir()
    cwd = os.getcwd()
    os.chdir(root / "gonghui")
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(settings, "LOCALE_PATHS", [root / "gonghui" / "locale"])
            call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_location=True)
    finally:
        os.chdir(cwd)
    return polib.pofile(str(root / "gonghui" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_every_source_string_is_in_the_catalog_and_translated(fresh_catalog):
    committed = {key(e): e for e in polib.pofile(str(PO)) if not e.obsolete}
    missing = [e.msgid for e in fresh_catalog if key(e) not in committed]
    assert not missing, f"run bin/messages: {len(missing)} strings not in the catalog, e.g. {missing[:5]}"
    untranslated = [
        e.msgid
        for e in fresh_catalog
        if not (committed[key(e)].msgstr or any(committed[key(e)].msgstr_plural.values()))
        or "fuzzy" in committed[key(e)].flags
    ]
    assert not untranslated, (
        f"{len(untranslated)} strings lack a Chinese translation, e.g. {untranslated[:5]}"
    )


def test_the_compiled_catalog_is_current():
    translations = gettext.GNUTranslations(MO.open("rb"))
    stale = []
    for entry in polib.pofile(str(PO)):
        if entry.obsolete or entry.msgid_plural or not entry.msgstr:
            continue
        got = (
            translations.pgettext(entry.msgctxt, entry.msgid)
            if entry.msgctxt
            else translations.gettext(entry.msgid)
        )
        if got != entry.msgstr:
            stale.append(entry.msgid)
    assert not stale, f"compile the catalog (bin/messages): {stale[:5]}"


def test_placeholders_survive_translation():
    broken = []
    for entry in polib.pofile(str(PO)):
        for source, target in [(entry.msgid, entry.msgstr)] + [
            (entry.msgid_plural, t) for t in entry.msgstr_plural.values()
        ]:
            if target and sorted(_placeholders(source)) != sorted(_placeholders(target)):
                broken.append(entry.msgid)
    assert not broken, broken[:5]


def _placeholders(text):
    import re

    text = re.sub(r"(%\(\w+\))[#0 +-]*\d*([sd])", r"\1\2", text or "")  # widths may differ by language
    return re.findall(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|%[sd]", text)


def test_pages_speak_chinese(client, cast):
    client.force_login(cast.township_a_officer)
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert "退出" in body or "首页" in body
    assert Path(PO).exists()
