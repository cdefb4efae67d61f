"""Background work for large ledger files (django-tasks, database backend; `db_worker` runs it)."""

from django_tasks import task


@task()
def run_import_job(job_id, commit):
    from .models import ImportJob
    from .services import run_job

    job = ImportJob.objects.select_related("organization", "user").get(pk=job_id)
    run_job(job, commit=commit)
    return job.status


@task()
def run_export_job(job_id):
    from .exports import run_export
    from .models import ExportJob

    job = ExportJob.objects.select_related("organization", "user__organization").get(pk=job_id)
    run_export(job)
    return job.status
