"""Exports of the list pages in the ledger layout offices use (title, unit and date, header, rows, 合计).

Each export starts from the same QuerySet and filters as its list page, so it shows exactly
what the page shows. Rows are fetched in chunks and written in constant memory; headers are
the import headers, so an exported ledger can be corrected and imported again.
"""

from django.utils.translation import gettext as _

from gonghui.orgs.models import Enterprise, Organization
from gonghui.people.models import Person
from gonghui.people.privacy import reveal_for_export

from .registry import get_kind

CHUNK = 2000


def _chunks(queryset):
    chunk = []
    for row in queryset.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _name(value):
    return value.name if value is not None else ""


def _headers(kind_code, keys):
    kind = get_kind(kind_code)
    return [kind.column(key).header for key in keys]


PEOPLE_KEYS = [
    "name",
    "id_number",
    "gender",
    "ethnicity",
    "phone",
    "township",
    "village",
    "address",
    "birth_date",
]


def _labels(kind_code, key):
    """Stored value → the ledger's own label (data, the same in every language), as the import reads it."""
    return {value: label for label, value in reversed(get_kind(kind_code).column(key).choices.items())}


def people_rows(queryset, user):
    """Rows of the people ledger; clear ID numbers only for roles that may see them (logged)."""
    people = queryset.select_related("township", "village").order_by("name", "pk")
    genders = _labels("people", "gender")
    for chunk in _chunks(people):
        numbers = reveal_for_export(chunk, user, purpose="people list export")
        for p in chunk:
            yield [p.name, numbers.get(p.pk, p.id_number_masked), genders.get(p.gender, ""), p.ethnicity, p.phone,
                   _name(p.township), _name(p.village), p.address, p.birth_date]  # fmt: skip


def people_export(user, q=""):
    return {
        "title": get_kind("people").title,
        "headers": _headers("people", PEOPLE_KEYS),
        "rows": people_rows(Person.objects.visible_to(user).search(q), user),
        "sum_columns": (),
    }


ENTERPRISE_KEYS = ["name", "credit_code", "ownership", "township", "staff_count", "women_staff_count",
                   "is_coal_mine", "coal_mine_pairs"]  # fmt: skip


def enterprise_rows(queryset):
    labels = {
        value: label for label, value in reversed(get_kind("enterprises").column("ownership").choices.items())
    }
    for chunk in _chunks(queryset.select_related("township").order_by("name", "pk")):
        for e in chunk:
            yield [e.name, e.credit_code or "", labels.get(e.ownership, e.get_ownership_display()),
                   _name(e.township), e.staff_count, e.women_staff_count, "是" if e.is_coal_mine else "否",
                   e.coal_mine_pairs]  # fmt: skip


def enterprises_export(user, q="", coal_only=False):
    return {
        "title": get_kind("enterprises").title,
        "headers": _headers("enterprises", ENTERPRISE_KEYS),
        "rows": enterprise_rows(Enterprise.objects.visible_to(user).search(q, coal_only=coal_only)),
        "sum_columns": (4, 5, 7),
    }


def organization_rows(queryset):
    for chunk in _chunks(queryset.select_related("parent").order_by("path")):
        for o in chunk:
            yield [o.name, o.short_name, o.code, o.get_level_display(), o.get_category_display(), _name(o.parent),
                   o.chair, o.phone, o.established_on]  # fmt: skip


def organizations_export(user, q="", level=""):
    return {
        "title": _("Organisations"),
        "headers": [
            _("Name"),
            _("Short name"),
            _("Code"),
            _("Level"),
            _("Category"),
            _("Parent"),
            _("Chair"),
            _("Phone"),
            _("Established on"),
        ],  # fmt: skip
        "rows": organization_rows(Organization.objects.visible_to(user).search(q, level=level)),
        "sum_columns": (),
    }
