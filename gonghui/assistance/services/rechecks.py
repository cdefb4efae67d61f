"""The yearly re-check of archives, with its random draw of home visits."""

import math
import random
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ArchiveCheck, ArchiveStatus
from .errors import _error

RECHECK_VISIT_SHARE = Decimal("0.3")


@transaction.atomic
def start_yearly_recheck(*, archives, year, seed=None):
    """Open one re-check per archive for the year and draw ≥30% of them for a home visit.

    `archives` is the (already scoped) set of archives to re-check; archives that already have
    this year's re-check keep it, so running twice draws nothing new.
    """
    archives = list(archives.filter(status=ArchiveStatus.ARCHIVED).order_by("pk"))
    done = set(
        ArchiveCheck.objects.filter(year=year, archive__in=archives).values_list("archive_id", flat=True)
    )
    fresh = [a for a in archives if a.pk not in done]
    if not fresh:
        return []
    visits = set(random.Random(seed).sample(range(len(fresh)), math.ceil(len(fresh) * RECHECK_VISIT_SHARE)))
    return ArchiveCheck.objects.bulk_create(
        [ArchiveCheck(archive=a, year=year, must_visit=i in visits) for i, a in enumerate(fresh)]
    )


@transaction.atomic
def record_check(*, check, checked_on, visited, still_eligible, finding="", by=None):
    if check.must_visit and not visited:
        raise _error("visited", _("Archive %(code)s was drawn for a home visit: record the visit in person."),
                     "visit_required", code=check.archive.code)  # fmt: skip
    if checked_on.year != check.year:
        raise _error("checked_on", _("The re-check of %(year)s must be dated in %(year)s."), "wrong_year",
                     year=check.year)  # fmt: skip
    check.checked_on = checked_on
    check.visited = visited
    check.still_eligible = still_eligible
    check.finding = finding
    check.by = by
    check.save()
    archive = check.archive
    archive.last_updated_on = max(checked_on, archive.last_updated_on)
    archive.save(update_fields=["last_updated_on"])
    return check
