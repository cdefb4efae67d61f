"""Exports of the list pages in the ledger layout offices use (title, unit and date, header, rows, 合计).

Each export starts from the same QuerySet and filters as its list page, so it shows exactly
what the page shows. Rows are fetched in chunks and written in constant memory; headers are
the import headers, so an exported ledger can be corrected and imported again.

Every export is registered here by code (``register_export``): a builder ``f(user, params, reveal)``
returning an ``Export``. The same builder serves the download on the spot and the background job
(``tasks.run_export_job``) that writes a large export while the user watches its progress.
ID numbers are masked unless a role that may see them asked for them with a purpose: then the
builder gets a ``people.privacy.BulkReveal`` and the reveal is logged once, with its count.
A written export file (it may hold full ID numbers) is kept for ``EXPORT_RETENTION_HOURS`` only:
every new export first deletes the older files (``delete_old_exports``), and so does the command
``gonghui delete_old_exports``; no scheduler is needed.
"""

import datetime
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.formats import download_name
from gonghui.orgs.models import Enterprise, Organization
from gonghui.people.models import Person
from gonghui.people.privacy import BulkReveal, conceal_minors

from .models import ExportJob
from .registry import get_kind
from .xlsx import write_ledger


@dataclass
class Export:
    title: str  # sheet title and the download's Chinese file name
    headers: list
    rows: Any  # an iterable of row lists, produced lazily
    count: int | None = None  # rows to come (decides background work and the progress bar)
    sum_columns: tuple = ()


@dataclass(frozen=True)
class ExportSpec:
    code: str
    build: Any  # f(user, params, reveal) -> Export
    reveals: bool = False  # carries ID numbers that a role may ask to see in full
    what: str = ""  # how the reveal log names it
    params: tuple = field(default_factory=tuple)  # the query-string keys it reads


_exports = {}


def register_export(code, *, reveals=False, what="", params=()):
    def decorator(build):
        _exports[code] = ExportSpec(code=code, build=build, reveals=reveals, what=what or code, params=tuple(params))
        return build

    return decorator


def get_export(code):
    return _exports[code]


CHUNK = 2000


def chunks(queryset):
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


def people_rows(queryset, user, reveal=None):
    """Rows of the people ledger: masked ID numbers, or clear ones when asked for (logged by `reveal`)."""
    # Only the ledger's columns: model instances with every field (timestamps, hashes) cost twice as much.
    people = queryset.select_related("township", "village").order_by("name", "pk").only(
        "name", "id_number_masked", "id_number_cipher", "gender", "ethnicity", "phone", "address", "birth_date",
        "township__name", "village__name",
    )  # fmt: skip
    genders = _labels("people", "gender")
    for chunk in chunks(people):
        conceal_minors(chunk, user)
        numbers = reveal.numbers(chunk) if reveal is not None else {}
        for p in chunk:
            yield [p.name, numbers.get(p.pk, p.id_number_masked), genders.get(p.gender, ""), p.ethnicity, p.phone,
                   _name(p.township), _name(p.village), p.address, p.birth_date]  # fmt: skip


@register_export("people", reveals=True, what="人员名册", params=("q",))
def people_export(user, params=None, reveal=None):
    people = Person.objects.visible_to(user).search((params or {}).get("q", ""))
    return Export(
        title=get_kind("people").title,
        headers=_headers("people", PEOPLE_KEYS),
        rows=people_rows(people, user, reveal),
        count=people.count(),
    )


ENTERPRISE_KEYS = ["name", "credit_code", "ownership", "township", "staff_count", "women_staff_count",
                   "is_coal_mine", "coal_mine_pairs"]  # fmt: skip


def enterprise_rows(queryset):
    labels = {
        value: label for label, value in reversed(get_kind("enterprises").column("ownership").choices.items())
    }
    for chunk in chunks(queryset.select_related("township").order_by("name", "pk")):
        for e in chunk:
            yield [e.name, e.credit_code or "", labels.get(e.ownership, e.get_ownership_display()),
                   _name(e.township), e.staff_count, e.women_staff_count, "是" if e.is_coal_mine else "否",
                   e.coal_mine_pairs]  # fmt: skip


@register_export("enterprises", params=("q", "coal"))
def enterprises_export(user, params=None, reveal=None):
    params = params or {}
    rows = Enterprise.objects.visible_to(user).search(params.get("q", ""), coal_only=params.get("coal") == "1")
    return Export(
        title=get_kind("enterprises").title,
        headers=_headers("enterprises", ENTERPRISE_KEYS),
        rows=enterprise_rows(rows),
        count=rows.count(),
        sum_columns=(4, 5, 7),
    )


def organization_rows(queryset):
    for chunk in chunks(queryset.select_related("parent").order_by("path")):
        for o in chunk:
            yield [o.name, o.short_name, o.code, o.get_level_display(), o.get_category_display(), _name(o.parent),
                   o.chair, o.phone, o.established_on]  # fmt: skip


@register_export("organizations", params=("q", "level"))
def organizations_export(user, params=None, reveal=None):
    params = params or {}
    rows = Organization.objects.visible_to(user).search(params.get("q", ""), level=params.get("level", ""))
    return Export(
        title=_("Organisations"),
        headers=[
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
        rows=organization_rows(rows),
        count=rows.count(),
    )


# Writing an export, on the spot or in the background ------------------------------------------

# Above this many rows an export is written by the background worker (about 2 s of work at the
# bench's speed on a quiet machine; several times that on a busy one).
BACKGROUND_ROWS = int(os.environ.get("GONGHUI_EXPORT_BACKGROUND_ROWS", 20000))


def file_name(title):
    """Every export's download name: its Chinese title and today's date (外出务工人员台账-20081130.xlsx)."""
    return download_name(title, "xlsx", day=timezone.localdate())


def write_export(target, export, *, unit, progress=None):
    return write_ledger(target, title=str(export.title), unit=unit, headers=[str(h) for h in export.headers],
                        rows=export.rows, sum_columns=export.sum_columns, progress=progress)  # fmt: skip


def reveal_for(spec, user, purpose, ip_address=None):
    """The logged bulk reveal of an export whose user asked for clear numbers, else None (masked)."""
    if not purpose or not spec.reveals:
        return None
    return BulkReveal(user, purpose=purpose, what=spec.what, ip_address=ip_address)


EXPORTS_DIR = "exports"


def _stored_files(storage, folder):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_files(storage, f"{folder}/{sub}")


def delete_old_exports(now=None):
    """Delete every export file written more than ``EXPORT_RETENTION_HOURS`` ago: those of finished jobs
    (the job stays, saying its file is gone) and any left behind by a job deleted since. Returns how
    many files were deleted. Called on each new export and by ``gonghui delete_old_exports``."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.EXPORT_RETENTION_HOURS)
    storage = default_storage
    deleted = 0
    for job in ExportJob.objects.filter(finished_at__lt=cutoff).exclude(file=""):
        if storage.exists(job.file.name):
            storage.delete(job.file.name)
            deleted += 1
        ExportJob.objects.filter(pk=job.pk).update(file="")
    kept = set(ExportJob.objects.exclude(file="").values_list("file", flat=True))
    for name in _stored_files(storage, EXPORTS_DIR):
        if name not in kept and storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            deleted += 1
    return deleted


def queue_export(*, spec, user, params, purpose, count, title):
    delete_old_exports()
    job = ExportJob.objects.create(export=spec.code, params=params, purpose=purpose, user=user, title=str(title),
                                   organization=user.organization, progress_total=count or 0)  # fmt: skip
    from .tasks import run_export_job

    run_export_job.enqueue(job.pk)
    return job


def run_export(job):
    """Write the job's export to its file (the background worker calls this)."""
    spec = get_export(job.export)
    user = job.user
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    try:
        reveal = reveal_for(spec, user, job.purpose)
        export = spec.build(user, job.params, reveal)

        def progress(n):
            ExportJob.objects.filter(pk=job.pk).update(progress_done=n)

        with tempfile.TemporaryFile() as handle:
            n = write_export(handle, export, unit=str(user.organization or ""), progress=progress)
            handle.seek(0)
            job.filename = file_name(export.title)
            job.file.save(f"export-{job.pk}.xlsx", File(handle), save=False)
        if reveal is not None:
            reveal.finish()
    except Exception:
        job.status = ExportJob.Status.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        raise
    job.status = ExportJob.Status.DONE
    job.progress_done = job.progress_total = n
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress_done", "progress_total", "file", "filename", "finished_at"])
    return job
