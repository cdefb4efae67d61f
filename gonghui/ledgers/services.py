"""Import jobs: upload, check (dry run), commit; small files at once, large ones in the background."""

import json
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from . import readers
from .importer import UsageError, run_import
from .models import JOB_MOVES, ImportJob
from .registry import get_kind
from .xlsx import write_rejected

# Above this many bytes a file is checked and imported by the background worker.
BACKGROUND_BYTES = int(os.environ.get("GONGHUI_LEDGER_BACKGROUND_BYTES", 400_000))


def progress_path(job):
    # Progress goes to a small file, not the database: during a commit the import's transaction
    # holds SQLite's write lock, and its own updates would stay invisible until the end anyway.
    return Path(settings.MEDIA_ROOT) / "ledgers" / "progress" / f"{job.pk}.json"


def read_progress(job):
    try:
        data = json.loads(progress_path(job).read_text())
        return int(data["done"]), int(data["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return job.progress_done, job.progress_total


STALLED_AFTER = 300  # seconds without progress: the worker was killed (the transaction rolled back)


def waiting_or_stalled(job):
    """For a busy job: "waiting" (no worker has started it yet), "stalled" (its worker died), or ""."""
    if not job.is_busy:
        return ""
    try:
        age = time.time() - progress_path(job).stat().st_mtime
    except OSError:
        return "waiting"
    return "stalled" if age > STALLED_AFTER else ""


def move_job(*, job, to, **fields):
    """The one door for a job's status: refuses any move not in JOB_MOVES, by name.

    ``fields`` are other fields of the job set in the same save (summary, finished_at, …).
    """
    if (job.status, to) not in JOB_MOVES:
        raise ValidationError(
            _("A ledger import that is %(current)s cannot be moved to %(to)s."), code="illegal_move",
            params={"current": ImportJob.Status(job.status).label, "to": ImportJob.Status(to).label},
        )  # fmt: skip
    job.status = to
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()
    return job


def give_up_stalled(job):
    """A job whose worker died wrote nothing (one transaction); say so, so the file can be checked again."""
    return move_job(job=job, to=ImportJob.Status.FAILED, summary={**(job.summary or {}), "interrupted": True},
                    finished_at=timezone.now())  # fmt: skip


def _progress_writer(job):
    path = progress_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    last = [0.0]

    def report(done, total):
        now = time.monotonic()
        if now - last[0] < 0.5 and done < total:
            return
        last[0] = now
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"done": done, "total": max(total, done)}))
        tmp.replace(path)

    return report


def start_import(*, kind_code, organization, user, upload, skip_invalid=False, sheet=""):
    """Save the uploaded file as a job and check it (now, or in the background when large)."""
    kind = get_kind(kind_code)
    if not kind.can_import(user):
        raise PermissionDenied("role may not import")
    suffix = Path(upload.name).suffix.lower()
    if suffix not in readers.SUFFIXES:
        raise ValidationError(
            {
                "file": _("Files of type %(suffix)s cannot be imported; use .xlsx, .xls or .csv.")
                % {"suffix": suffix}
            }
        )
    job = ImportJob(kind=kind.code, organization=organization, user=user, filename=Path(upload.name).name[:200],
                    skip_invalid=skip_invalid, sheet=sheet, status=ImportJob.Status.CHECKING)  # fmt: skip
    job.file.save(f"{kind.code}{suffix}", upload, save=False)
    job.save()
    _run_or_enqueue(job, commit=False)
    return job


def schedule(job, *, commit):
    """Check the job's file again, or commit it: now when the file is small, else in the worker."""
    move_job(job=job, to=ImportJob.Status.IMPORTING if commit else ImportJob.Status.CHECKING, progress_done=0)
    return _run_or_enqueue(job, commit=commit)


def _run_or_enqueue(job, *, commit):
    if job.file.size <= BACKGROUND_BYTES:
        run_job(job, commit=commit)
    else:
        from .tasks import run_import_job

        run_import_job.enqueue(job.pk, commit)
    return job


def remap(*, job, mapping, skip_invalid, user):
    """The officer corrected the column mapping (or the skip choice): check the file again."""
    if job.is_busy and waiting_or_stalled(job) == "stalled":
        job = give_up_stalled(job)  # its worker died having written nothing: check the file again
    if job.is_busy:
        raise ValidationError(_("This file is still being processed."), code="busy")
    if not job.file:
        raise ValidationError(_("This file was imported or rejected and is no longer kept; upload it again."),
                              code="no_file")  # fmt: skip
    job.mapping = mapping
    job.skip_invalid = skip_invalid
    job.save(update_fields=["mapping", "skip_invalid"])
    return schedule(job, commit=False)


def commit(*, job, user):
    if not job.can_commit:
        raise ValidationError(_("This file has errors; correct them or choose to skip invalid rows."),
                              code="cannot_commit")  # fmt: skip
    return schedule(job, commit=True)


def import_from_command_line(*, kind, path, organization, dry_run=False, skip_invalid=False, sheet=None):
    """``gonghui import``: the same import, recorded as a job so the office sees every import in one list.

    The job has no user (the command line) and keeps no file (it was never uploaded). Returns
    (job, result); a UsageError is recorded as a failed job and raised again.
    """
    Status = ImportJob.Status
    job = ImportJob.objects.create(kind=kind.code, organization=organization, user=None,
                                   filename=Path(path).name[:200], skip_invalid=skip_invalid, sheet=sheet or "",
                                   status=Status.CHECKING if dry_run else Status.IMPORTING)  # fmt: skip
    try:
        result = run_import(kind, path, organization=organization, dry_run=dry_run, skip_invalid=skip_invalid,
                            sheet=sheet, filename=Path(path).name)  # fmt: skip
    except UsageError as e:
        summary = {"errors": [{"sheet": "", "row": 0, "column": "", "value": "", "reason": str(e)}]}
        move_job(job=job, to=Status.FAILED, summary=summary, finished_at=timezone.now())
        raise
    except Exception:
        move_job(job=job, to=Status.FAILED, finished_at=timezone.now())
        raise
    if dry_run:
        to = Status.CHECKED
    else:
        to = Status.COMMITTED if result.status == "committed" else Status.REJECTED
    move_job(job=job, to=to, summary=result.as_summary(kind), finished_at=timezone.now(),
             progress_done=result.rows_read + result.rows_blank,
             progress_total=result.rows_read + result.rows_blank)  # fmt: skip
    return job, result


def run_job(job, *, commit):
    """Check (dry run) or commit the job's file; records the summary. Called inline or by the worker."""
    kind = get_kind(job.kind)
    report = _progress_writer(job)
    report(0, 1)
    try:
        with (
            job.file.open("rb") as handle,
            tempfile.NamedTemporaryFile(suffix=Path(job.filename).suffix) as tmp,
        ):
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                tmp.write(chunk)
            tmp.flush()
            result = run_import(kind, tmp.name, organization=job.organization, user=job.user,
                                dry_run=not commit, skip_invalid=job.skip_invalid, sheet=job.sheet or None,
                                mapping=job.mapping, progress=report, filename=job.filename)  # fmt: skip
    except UsageError as e:
        summary = {"errors": [{"sheet": "", "row": 0, "column": "", "value": "", "reason": str(e)}]}
        return move_job(job=job, to=ImportJob.Status.FAILED, summary=summary, finished_at=timezone.now())
    except Exception:
        move_job(job=job, to=ImportJob.Status.FAILED, finished_at=timezone.now())
        raise
    job.summary = result.as_summary(kind)
    job.progress_done = job.progress_total = result.rows_read + result.rows_blank
    if commit:
        to = ImportJob.Status.COMMITTED if result.status == "committed" else ImportJob.Status.REJECTED
        job.finished_at = timezone.now()
        if result.status == "committed" and result.rejected:
            with tempfile.TemporaryFile() as handle:
                write_rejected(handle, result)
                handle.seek(0)
                job.rejected_file.save(f"rejected-{job.pk}.xlsx", ContentFile(handle.read()), save=False)
        # The uploaded ledger holds clear ID numbers; once imported or rejected it is not kept.
        job.file.delete(save=False)
    else:
        to = ImportJob.Status.CHECKED
    move_job(job=job, to=to)
    try:
        progress_path(job).unlink()
    except OSError:
        pass
    return job
