"""The Three Cares pages, one module per subdomain (the record pages are in ../records.py):
``home`` (the front page), ``registries``, ``services``, ``mailings`` and ``mechanisms``."""

from .home import index
from .mailings import mailing_create, mailing_letters
from .mechanisms import inspection_create, mechanisms, meeting_create, report_create, review_create
from .registries import (
    entry_detail,
    entry_export,
    entry_list,
    entry_register,
    entry_register_pick,
    family_detail,
    pairing_create,
    visit_create,
    waiver_create,
)
from .services import service_create, service_export, service_list

__all__ = [
    "entry_detail", "entry_export", "entry_list", "entry_register", "entry_register_pick", "family_detail",
    "index", "inspection_create", "mailing_create", "mailing_letters", "mechanisms", "meeting_create",
    "pairing_create", "report_create", "review_create", "service_create", "service_export", "service_list",
    "visit_create", "waiver_create",
]  # fmt: skip
