"""Hardship archives, assistance programmes and payments, hotline, rights cases, model workers.

Seed section 二.1: archives per household (以户建档), payments through programmes with a public
notice (公开栏), legal aid and a rights hotline, and the model-worker registry.

One module per subdomain; every public name is re-exported here, so
`from gonghui.assistance.models import X` works wherever X lives.
"""

from gonghui.orgs import scoping

from .archives import (
    ARCHIVE_MOVES,
    OPEN_ARCHIVE_STATUSES,
    ArchiveCheck,
    ArchiveStatus,
    ArchiveTransition,
    HardshipArchive,
    HardshipArchiveQuerySet,
    HouseholdMember,
    IncomeRecord,
)
from .cases import (
    CASE_MOVES,
    CLOSED_CASE_STATUSES,
    CaseDocument,
    CasePerson,
    CaseStatus,
    CaseStep,
    RightsCase,
    RightsCaseQuerySet,
)
from .hotline import HotlineCall
from .lists import EligibilityLine, EligibilityLineQuerySet, HardshipCause
from .model_workers import ModelWorker, ModelWorkerQuerySet
from .notices import PublicNotice
from .payments import (
    PAYMENT_MOVES,
    BeneficiaryKind,
    FundSource,
    Payment,
    PaymentQuerySet,
    PaymentStatus,
    PaymentStep,
    Programme,
    ProgrammeQuerySet,
)

ScopedQuerySet = scoping.ScopedQuerySet  # one definition, in the scoping module

__all__ = [
    "HardshipCause",
    "EligibilityLineQuerySet",
    "EligibilityLine",
    "ProgrammeQuerySet",
    "Programme",
    "PaymentStatus",
    "PAYMENT_MOVES",
    "BeneficiaryKind",
    "FundSource",
    "PaymentQuerySet",
    "Payment",
    "PaymentStep",
    "PublicNotice",
    "ArchiveStatus",
    "ARCHIVE_MOVES",
    "OPEN_ARCHIVE_STATUSES",
    "HardshipArchiveQuerySet",
    "HardshipArchive",
    "HouseholdMember",
    "ArchiveTransition",
    "IncomeRecord",
    "ArchiveCheck",
    "HotlineCall",
    "CaseStatus",
    "CLOSED_CASE_STATUSES",
    "CASE_MOVES",
    "RightsCaseQuerySet",
    "RightsCase",
    "CasePerson",
    "CaseStep",
    "CaseDocument",
    "ModelWorkerQuerySet",
    "ModelWorker",
    "ScopedQuerySet",
]
