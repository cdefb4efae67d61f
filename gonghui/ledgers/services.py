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
from .models import ImportJob
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


def give_up_stalled(job):
    """A job whose worker died wrote nothing (one transaction); say so, so the file can be checked again."""
    job.status = ImportJob.Status.FAILED
    job.summary = {**(job.summary or {}), "interrupted": True}
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "summary", "finished_at"])
    return job


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
                    skip_invalid=skip_invalid, sheet=sheet)  # fmt: skip
    job.file.save(f"{kind.code}{suffix}", upload, save=False)
    job.save()
    schedule(job, commit=False)
    return job


def schedule(job, *, commit):
    """Run the job's check or commit now when the file is small, else hand it to the worker."""
    job.status = ImportJob.Status.IMPORTING if commit else ImportJob.Status.CHECKING
    job.progress_done = 0
    job.save(update_fields=["status", "progress_done"])
    if job.file.size <= BACKGROUND_BYTES:
        run_job(job, commit=commit)
    else:
        from .tasks import run_import_job

        run_import_job.enqueue(job.pk, commit)
    return job


def remap(*, job, mapping, skip_invalid, user):
    """The officer corrected the column mapping (or the skip choice): check the file again."""
    if job.is_busy:
        raise ValidationError(_("This file is still being processed."))
    job.mapping = mapping
    job.skip_invalid = skip_invalid
    job.save(update_fields=["mapping", "skip_invalid"])
    return schedule(job, commit=False)


def commit(*, job, user):
    if not job.can_commit:
        raise ValidationError(_("This file has errors; correct them or choose to skip invalid rows."))
    return schedule(job, commit=True)


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
        job.status = ImportJob.Status.FAILED
        job.summary = {"errors": [{"sheet": "", "row": 0, "column": "", "value": "", "reason": str(e)}]}
        job.finished_at = timezone.now()
        job.save()
        return job
    except Exception:
        job.status = ImportJob.Status.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        raise
    job.summary = result.as_summary(kind)
    job.progress_done = job.progress_total = result.rows_read + result.rows_blank
    if commit:
        job.status = ImportJob.Status.COMMITTED if result.status == "committed" else ImportJob.Status.REJECTED
        job.finished_at = timezone.now()
        if result.status == "committed" and result.rejected:
            with tempfile.TemporaryFile() as handle:
                write_rejected(handle, result)
                handle.seek(0)
                job.rejected_file.save(f"rejected-{job.pk}.xlsx", ContentFile(handle.read()), save=False)
        # The uploaded ledger holds clear ID numbers; once imported or rejected it is not kept.
        job.file.delete(save=False)
    else:
        job.status = ImportJob.Status.CHECKED
    job.save()
    try:
        progress_path(job).unlink()
    except OSError:
        pass
    return job
