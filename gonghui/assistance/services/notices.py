"""The public notice (公示): posting reviewed payments and the rows printed on it."""

from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core.calendar import add_working_days, is_working_day

from .. import crypto
from ..models import (
    PaymentStatus,
    PaymentStep,
    PublicNotice,
)
from .errors import _error


@transaction.atomic
def post_notice(*, organization, payments, title, posted_on, place_posted="", by=None):
    """Post reviewed payments on the public notice for five working days."""
    payments = list(payments)
    if not payments:
        raise _error("payments", _("Choose at least one reviewed payment to post."), "empty")
    for p in payments:
        if p.status != PaymentStatus.REVIEWED:
            raise _error("payments", _("The payment to %(name)s is %(status)s: only reviewed payments are posted."),
                         "not_reviewed", name=p.person.name, status=PaymentStatus(p.status).label)  # fmt: skip
    # Five working days counting the day of posting when that is a working day.
    first_day_counts = is_working_day(posted_on)
    ends_on = add_working_days(posted_on, PublicNotice.MIN_WORKING_DAYS - (1 if first_day_counts else 0))
    notice = PublicNotice.objects.create(organization=organization, title=title, posted_on=posted_on,
                                         ends_on=ends_on, place_posted=place_posted, created_by=by)  # fmt: skip
    for p in payments:
        p.status = PaymentStatus.NOTICED
        p.notice = notice
        p.save(update_fields=["status", "notice"])
        PaymentStep.objects.create(payment=p, status=PaymentStatus.NOTICED, on=posted_on, by=by)
    return notice


def notice_rows(notice):
    """The rows of a public notice, masked for posting on a wall: 张*飞, 5201**********123X."""
    rows = []
    for p in notice.payments.select_related("person", "programme", "archive").order_by("pk"):
        rows.append({
            "name": crypto.mask_name(p.person.name),
            "id_number": crypto.mask_id_for_notice(p.person.id_number_masked),
            "programme": p.programme.name,
            "kind": p.get_beneficiary_kind_display(),
            "amount": p.amount,
            "place": str(p.person.village or p.person.township or ""),
        })  # fmt: skip
    return rows
