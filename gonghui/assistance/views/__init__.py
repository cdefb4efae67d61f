"""Views parse input, call one QuerySet or service, pick a template; every record via scoping.

One module per subdomain; every view is re-exported here, so `views.archive_list` works.
"""

from .archives import (
    archive_create,
    archive_detail,
    archive_edit,
    archive_export,
    archive_list,
    archive_move,
    archive_reveal_bank,
    income_add,
    member_add,
)
from .cases import (
    case_create,
    case_detail,
    case_document,
    case_document_add,
    case_export,
    case_list,
    case_move,
    case_person_add,
)
from .common import SUBNAV
from .home import INDEX_FIGURES, index
from .hotline import hotline_list
from .lists import cause_edit, cause_list, line_edit, line_list
from .model_workers import modelworker_list
from .notices import notice_create, notice_detail, notice_docx, notice_list
from .payments import (
    payment_create,
    payment_detail,
    payment_edit,
    payment_export,
    payment_list,
    payment_move,
    payment_reverse,
    payment_totals,
    person_pick,
    programme_list,
)
from .rechecks import recheck_list, recheck_record

__all__ = [
    "SUBNAV",
    "INDEX_FIGURES",
    "index",
    "archive_list",
    "archive_export",
    "archive_detail",
    "archive_create",
    "archive_edit",
    "archive_move",
    "member_add",
    "income_add",
    "archive_reveal_bank",
    "cause_list",
    "cause_edit",
    "line_list",
    "line_edit",
    "recheck_list",
    "recheck_record",
    "programme_list",
    "payment_list",
    "person_pick",
    "payment_export",
    "payment_totals",
    "payment_create",
    "payment_detail",
    "payment_edit",
    "payment_move",
    "payment_reverse",
    "notice_list",
    "notice_create",
    "notice_detail",
    "notice_docx",
    "hotline_list",
    "case_list",
    "case_export",
    "case_create",
    "case_detail",
    "case_move",
    "case_person_add",
    "case_document_add",
    "case_document",
    "modelworker_list",
]
