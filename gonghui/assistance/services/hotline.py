"""The rights hotline."""

from django.db import transaction


@transaction.atomic
def record_call(*, call):
    """Log a hotline call as the officer took it."""
    call.full_clean()
    call.save()
    return call
