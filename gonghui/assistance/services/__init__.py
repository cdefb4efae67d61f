"""Everything that writes in the assistance area: keyword-only, atomic, refusing with a reason.

One module per subdomain; every name is re-exported here, so `services.move_payment` and
`from gonghui.assistance.services import X` work wherever X lives.
"""

from .archives import (
    LIFT_OUT_MONTHS,
    add_member,
    check_disability,
    check_lift_out,
    check_one_open_archive,
    create_archive,
    first_of_month,
    months_before,
    move_archive,
    record_income,
    reveal_bank_account,
    update_archive,
)
from .cases import add_case_person, attach_document, move_case, open_case
from .errors import _error
from .hotline import record_call
from .lists import save_cause, save_eligibility_line
from .model_workers import save_model_worker
from .notices import MINOR_ON_NOTICE, notice_rows, post_notice
from .payments import (
    NEEDS_ARCHIVE,
    _household_sources,
    apply_for_payment,
    check_amount,
    check_approver,
    check_archive_open,
    check_caps,
    check_payable,
    household_year_total,
    move_payment,
    person_year_total,
    register_household_source,
    reverse_payment,
    save_programme,
    update_payment,
)
from .rechecks import RECHECK_VISIT_SHARE, record_check, start_yearly_recheck

__all__ = [
    "_error",
    "save_cause",
    "save_eligibility_line",
    "check_disability",
    "check_one_open_archive",
    "create_archive",
    "update_archive",
    "add_member",
    "move_archive",
    "LIFT_OUT_MONTHS",
    "first_of_month",
    "months_before",
    "check_lift_out",
    "record_income",
    "reveal_bank_account",
    "RECHECK_VISIT_SHARE",
    "start_yearly_recheck",
    "record_check",
    "_household_sources",
    "register_household_source",
    "household_year_total",
    "check_amount",
    "check_caps",
    "person_year_total",
    "NEEDS_ARCHIVE",
    "check_payable",
    "apply_for_payment",
    "check_approver",
    "check_archive_open",
    "move_payment",
    "reverse_payment",
    "update_payment",
    "save_programme",
    "post_notice",
    "notice_rows",
    "MINOR_ON_NOTICE",
    "record_call",
    "attach_document",
    "open_case",
    "add_case_person",
    "move_case",
    "save_model_worker",
]
