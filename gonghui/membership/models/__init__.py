"""Union building, members, democratic management, women workers, events, honours, documents.

Seed sections 一 and 二.5. The grassroots unions themselves are ``orgs.Organization`` rows; what
happens to them (founded, reorganised, dissolved) is a dated event about one, so "new unions in
2008" is a query over events, not a second table of unions.
"""

from .activities import Event, HomeRating, Honour
from .democracy import (
    CollectiveContract,
    DemocracyInspection,
    LabourContractReturn,
    OpenAffairsCheck,
    WorkersCongress,
)
from .documents import Assignment, AssignmentVisit, Document, DocumentVolume, Meeting
from .members import Membership
from .unions import CommitteeTerm, Congress, LegalRegistration, UnionEvent
from .women import SpecialContractRule, WomenCampaign, WomenCommittee

AUDITED = [
    UnionEvent, LegalRegistration, CommitteeTerm, Congress, Membership, CollectiveContract,
    LabourContractReturn, WorkersCongress, DemocracyInspection, OpenAffairsCheck, WomenCommittee,
    SpecialContractRule, WomenCampaign, Event, Honour, HomeRating, DocumentVolume, Document, Meeting,
    Assignment, AssignmentVisit,
]  # fmt: skip

__all__ = [m.__name__ for m in AUDITED] + ["AUDITED"]
