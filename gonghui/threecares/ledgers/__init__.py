"""The Three Cares ledger kinds (三关工程系列台账), through the ledger engine.

Headers and aliases are data: what township offices write above their columns. A person already
on a registry (from an earlier file, or another township's) is not registered twice: the row is
marked a duplicate, warned about and skipped.

The service ledgers (waivers, phones, mailboxes, societies, symposiums, trainings, referrals)
keep the rules of ``services``: a row whose record already exists (the same identity as the
services refuse to record twice) is left as it is, so importing the same file again changes
nothing; one that differs is a conflict, skipped with a warning, corrected on the record's page.

One module per subdomain (importing this package registers every kind): ``base`` (shared columns
and the matching of rows against records), ``registries``, ``care`` (pairings, visits, waivers),
``jobs`` (trainings, referrals, symposiums), ``facilities`` (phones, mailboxes, societies).
"""

from .base import ServiceKind, mark_against, person_columns, place_columns, recorded
from .care import MedicalWaiversKind, PairingsKind, VisitsKind
from .facilities import FamilyMailboxesKind, FamilyPhonesKind, MutualAidSocietiesKind
from .jobs import ReferralsKind, SymposiumsKind, TrainingsKind
from .registries import (
    ChildrenKind,
    EldersKind,
    IncomingWorkersKind,
    OutMigrantsKind,
    ProxyParentsKind,
    RegistryKind,
    ReturneesKind,
    split_destination,
)

__all__ = [
    "ChildrenKind",
    "EldersKind",
    "FamilyMailboxesKind",
    "FamilyPhonesKind",
    "IncomingWorkersKind",
    "MedicalWaiversKind",
    "MutualAidSocietiesKind",
    "OutMigrantsKind",
    "PairingsKind",
    "ProxyParentsKind",
    "ReferralsKind",
    "RegistryKind",
    "ReturneesKind",
    "ServiceKind",
    "SymposiumsKind",
    "TrainingsKind",
    "VisitsKind",
    "mark_against",
    "person_columns",
    "place_columns",
    "recorded",
    "split_destination",
]
