"""Ledger records for other tests."""

from gonghui.ledgers.models import ExportJob, ImportJob


def crawl_records(cast, side):
    """A checked import of the township (the URL-leak crawl's fixture)."""
    ImportJob.objects.create(kind="people", organization=side.township, user=side.officer,
                             filename=f"{side.tag}名册.xlsx", status=ImportJob.Status.CHECKED)  # fmt: skip
    ExportJob.objects.create(export="people", organization=side.township, user=side.officer,
                             title=f"{side.tag}人员名册", status=ExportJob.Status.RUNNING)  # fmt: skip
