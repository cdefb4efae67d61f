"""Ledger kinds of the assistance area: archives, payments, hotline calls, rights cases, model workers.

Headers and aliases are data: what county and township offices write above their columns. Rules
that depend on other data (caps, one open archive per head, programmes of the year) are checked in
``check`` for the whole batch, so a file either goes in whole or not at all.

One module per kind; importing this package registers every kind.
"""

from .archives import HardshipArchivesKind
from .cases import CASE_STATUSES, PLAUSIBLE_CLAIM, RightsCasesKind
from .columns import EXAMPLE_ID, ID_NUMBER, MODEL_LEVELS, NAME, TOWNSHIP, VILLAGE
from .hotline import TIME, HotlineCallsKind
from .model_workers import ModelWorkersKind
from .payments import AssistancePaymentsKind

__all__ = [
    "EXAMPLE_ID",
    "NAME",
    "ID_NUMBER",
    "TOWNSHIP",
    "VILLAGE",
    "MODEL_LEVELS",
    "HardshipArchivesKind",
    "AssistancePaymentsKind",
    "TIME",
    "HotlineCallsKind",
    "CASE_STATUSES",
    "PLAUSIBLE_CLAIM",
    "RightsCasesKind",
    "ModelWorkersKind",
]
