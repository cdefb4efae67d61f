"""The Three Cares programme (三关工程, seed section 二.4): registries, services and mechanisms.

Every row has a non-null organisation (the township committee or the village union answerable)
so that the one scoping rule applies; left-behind children are minors and are hidden from roles
that may not see minors' records (see querysets.py, the one place that decides it).

One module per subdomain; every name is here too, so `from gonghui.threecares import models as m`
and the migrations' `threecares.Visit` keep working:
- registries: families and the six registries of people (out-migrants … left-behind children);
- care: pairings with elders, visits with money, medical fee waivers;
- facilities: family phones and mailboxes, mutual-aid societies and their members;
- jobs: skills training, job referral events, returnee symposiums;
- mailings: greeting card mailings and their sponsors;
- mechanisms: joint meetings, half-year reviews, inspections (the assessment standard is a scheme of
  gonghui.reporting: see ../assessment.py).
"""

from .care import MedicalWaiver, Pairing, Visit
from .common import MONEY
from .facilities import FamilyMailbox, FamilyPhone, Installation, MutualAidSociety, SocietyMembership
from .jobs import Referral, ReferralEvent, ReturneeSymposium, Training
from .mailings import GreetingMailing, MailingSponsor
from .mechanisms import HalfYearReview, Inspection, InspectionVisit, JointMeeting
from .registries import (
    Elder,
    Family,
    IncomingWorker,
    LeftBehindChild,
    OutMigrant,
    ProxyParent,
    RegistryEntry,
    Returnee,
)

__all__ = [
    "MONEY",
    "Elder",
    "Family",
    "FamilyMailbox",
    "FamilyPhone",
    "GreetingMailing",
    "HalfYearReview",
    "IncomingWorker",
    "Inspection",
    "InspectionVisit",
    "Installation",
    "JointMeeting",
    "LeftBehindChild",
    "MailingSponsor",
    "MedicalWaiver",
    "MutualAidSociety",
    "OutMigrant",
    "Pairing",
    "ProxyParent",
    "Referral",
    "ReferralEvent",
    "RegistryEntry",
    "Returnee",
    "ReturneeSymposium",
    "SocietyMembership",
    "Training",
    "Visit",
]
