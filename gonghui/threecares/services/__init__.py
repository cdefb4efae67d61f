"""Everything that writes Three Cares records: keyword-only, atomic, checked against other data.

One module per subdomain; every public name is here too (`from gonghui.threecares import services`):
``registries`` (registering people; a child's guardian, parents and proxy parent), ``care``
(pairings, visits, waivers), ``facilities`` (phones, mailboxes, societies), ``jobs`` (trainings,
referral events, symposiums), ``mailings``, ``mechanisms`` (meetings, reviews, information reports,
inspections) and ``common`` (refusals, the organisation answerable for a place, deleting a record).
"""

from .care import (
    check_one_helper,
    end_pairing,
    pair_elder,
    record_medical_waiver,
    record_visit,
    update_medical_waiver,
    update_pairing,
    update_visit,
)
from .common import answerable_organization, delete_record
from .facilities import (
    add_society_members,
    found_society,
    install,
    remove_society_member,
    update_installation,
    update_society,
)
from .jobs import (
    add_referrals,
    record_referral_event,
    record_symposium,
    record_training,
    remove_referral,
    update_referral,
    update_referral_event,
    update_symposium,
    update_training,
)
from .mailings import record_mailing
from .mechanisms import (
    INFO_REPORT_FIELDS,
    INFO_REPORT_FORM,
    info_report_form,
    record_half_year_review,
    record_info_report,
    record_inspection,
    record_inspection_visit,
    record_joint_meeting,
)
from .registries import (
    assign_proxy_parent,
    end_proxy_parent,
    keeps_ledger_guardian,
    register_entry,
    set_child_guardians,
    unassign_proxy_parent,
)

__all__ = [
    "INFO_REPORT_FIELDS", "INFO_REPORT_FORM", "add_referrals",
    "add_society_members", "answerable_organization", "assign_proxy_parent", "check_one_helper",
    "delete_record", "end_pairing", "end_proxy_parent", "found_society", "info_report_form", "install",
    "keeps_ledger_guardian", "pair_elder", "record_half_year_review", "record_info_report",
    "record_inspection", "record_inspection_visit", "record_joint_meeting", "record_mailing",
    "record_medical_waiver", "record_referral_event", "record_symposium", "record_training",
    "record_visit", "register_entry", "remove_referral", "remove_society_member", "set_child_guardians",
    "unassign_proxy_parent", "update_installation", "update_medical_waiver", "update_pairing",
    "update_referral", "update_referral_event", "update_society", "update_symposium", "update_training",
    "update_visit",
]  # fmt: skip
