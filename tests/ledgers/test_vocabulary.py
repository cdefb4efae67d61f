"""One ledger vocabulary: every kind understands the same township and village headers and provinces."""

import pytest

from gonghui.ledgers.registry import all_kinds
from gonghui.ledgers.vocabulary import PROVINCES, TOWNSHIP_ALIASES, VILLAGE_ALIASES
from gonghui.threecares.ledgers import split_destination


@pytest.mark.parametrize("kind", [k for k in all_kinds() if any(c.type == "place" for c in k.columns)],
                         ids=lambda k: k.code)  # fmt: skip
def test_every_kind_with_places_accepts_every_township_and_village_header(kind):
    for column in kind.columns:
        if column.type == "place":
            wanted = TOWNSHIP_ALIASES if column.place == "township" else VILLAGE_ALIASES
            assert set(wanted) <= set(column.aliases), (kind.code, column.key)


def test_guizhou_is_a_province_of_destinations():
    assert "贵州" in PROVINCES and split_destination("贵州省贵阳市") == ("贵州", "贵阳")
    assert "乡镇街道" in TOWNSHIP_ALIASES and "村(社区)名称" in VILLAGE_ALIASES
