"""The model-worker registry."""

from django.db import transaction


@transaction.atomic
def save_model_worker(*, worker):
    """Add or correct a model worker; one entry per person, level and year honoured (as the ledger keys it)."""
    worker.full_clean()
    worker.save()
    return worker
