import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.formats import download_name
from gonghui.orgs.scoping import get_visible_or_404

from . import services
from .downloads import export_response
from .forms import UploadForm
from .models import ExportJob, ImportJob
from .registry import all_kinds, get_kind
from .xlsx import write_template


def _kind(code):
    try:
        return get_kind(code)
    except KeyError:
        raise Http404("no such ledger kind")


@login_required
def index(request):
    jobs = ImportJob.objects.visible_to(request.user).select_related("organization", "user")[:30]
    kinds = [{"kind": k, "can_import": k.can_import(request.user), "why_not": k.why_not_import(request.user)}
             for k in all_kinds()]  # fmt: skip
    # A role that imports nothing (the leader, the auditor) gets the exports, not an import page.
    imports = any(item["can_import"] for item in kinds)
    exports = ExportJob.objects.visible_to(request.user)[:10]
    context = {"kinds": kinds, "jobs": jobs, "imports": imports, "exports": exports}
    return render(request, "ledgers/index.html", context)


@login_required
def upload(request, kind):
    kind = _kind(kind)
    if not kind.can_import(request.user):
        raise Http404("not found")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_import(
                kind_code=kind.code,
                organization=form.cleaned_data["organization"],
                user=request.user,
                upload=form.cleaned_data["file"],
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
        except ValidationError as e:
            form.add_error(None, e)
        except PermissionDenied:
            raise Http404("not found")
        else:
            return redirect(job)
    columns = kind.columns
    return render(request, "ledgers/upload.html", {"kind": kind, "form": form, "columns": columns})


def _job(request, pk):
    return get_visible_or_404(ImportJob.objects.select_related("organization", "user"), request.user, pk=pk)


def _job_context(job):
    kind = _kind(job.kind)
    # Reading the page writes nothing: a job whose worker died shows as interrupted; checking the
    # file again (job_remap, a POST) records it as failed first.
    state = services.waiting_or_stalled(job)
    done, total = services.read_progress(job) if job.is_busy else (job.progress_done, job.progress_total)
    summary = job.summary or {}
    labels = {"changed": _("changed"), "unchanged": _("unchanged"), "duplicate": _("probable duplicates"),
              "conflict": _("registered elsewhere"), "new": _("new")}  # fmt: skip
    for row in summary.get("diff_rows", []):
        row["status_label"] = labels.get(row["status"], row["status"])
    percent = min(100, round(100 * done / total)) if total else 0
    diff = summary.get("diff") or {}
    # What the commit will do, as the officer reads it: new rows, rows that change a record, the rest.
    commit_counts = {
        "new": diff.get("new", 0),
        "updated": diff.get("changed", 0),
        "unchanged": diff.get("unchanged", 0) + diff.get("duplicate", 0) + diff.get("conflict", 0),
    }
    return {
        "job": job,
        "kind": kind,
        "summary": summary,
        "done": done,
        "total": total,
        "percent": percent,
        "choices": [(c.key, c.header) for c in kind.columns],
        "column_headers": [c.header for c in kind.columns],
        "waiting": state == "waiting",
        "commit_counts": commit_counts,
        "stalled": state == "stalled",
    }


@login_required
def job_detail(request, pk):
    job = _job(request, pk)
    context = _job_context(job)
    if request.htmx:
        return render(request, "ledgers/partials/job_status.html", context)
    return render(request, "ledgers/job_detail.html", context)


@login_required
@require_POST
def job_remap(request, pk):
    job = _job(request, pk)
    if not request.user.can_edit:
        raise Http404("not found")
    mapping = {}
    for sheet in (job.summary or {}).get("sheets", []):
        chosen = {}
        for column in sheet["columns"]:
            value = request.POST.get(f"map-{sheet['sheet']}-{column['index']}")
            if value is not None:
                chosen[str(column["index"])] = value
        mapping[sheet["sheet"]] = chosen
    try:
        services.remap(job=job, mapping=mapping, skip_invalid=request.POST.get("skip_invalid") == "1",
                       user=request.user)  # fmt: skip
    except ValidationError as e:
        _refused(request, e)
    return redirect(job)


def _refused(request, error):
    """A service's refusal, shown at the top of the job's page (the page has no form field for it)."""
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def job_commit(request, pk):
    job = _job(request, pk)
    if not request.user.can_edit:
        raise Http404("not found")
    try:
        services.commit(job=job, user=request.user)
    except ValidationError as e:
        _refused(request, e)
    return redirect(job)


@login_required
def job_rejected(request, pk):
    job = _job(request, pk)
    # The rows as they stood in the file, clear ID numbers included: for the uploader, or a role
    # that may see ID numbers.
    if not job.rejected_file or not (job.user_id == request.user.pk or request.user.can_unmask_id_numbers):
        raise Http404("no rejected rows")
    return FileResponse(
        job.rejected_file.open("rb"), as_attachment=True, filename=download_name(f"错误行-{Path(job.filename).stem}", "xlsx")
    )


@login_required
def template(request, kind):
    kind = _kind(kind)
    handle = tempfile.TemporaryFile()
    write_template(handle, kind)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=download_name(f"{kind.title}模板", "xlsx"))


def _params(request, keys):
    return {k: request.GET.get(k, "").strip() for k in keys if request.GET.get(k, "").strip()}


@login_required
def export_people(request):
    return export_response(request, "people", _params(request, ["q"]))


@login_required
def export_enterprises(request):
    return export_response(request, "enterprises", _params(request, ["q", "coal"]))


@login_required
def export_organizations(request):
    return export_response(request, "organizations", _params(request, ["q", "level"]))


@login_required
def export_job(request, pk):
    job = get_visible_or_404(ExportJob.objects.all(), request.user, pk=pk)
    template = "ledgers/partials/export_status.html" if request.htmx else "ledgers/export_job.html"
    return render(request, template, {"job": job})


@login_required
def export_file(request, pk):
    job = get_visible_or_404(ExportJob.objects.all(), request.user, pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404("not ready")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
