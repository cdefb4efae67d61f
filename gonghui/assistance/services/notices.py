"""The public notice (公示): posting reviewed payments and the rows printed on it."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.calendar import add_working_days, is_working_day
from gonghui.people.privacy import minor_ids

from .. import crypto
from ..models import PaymentStatus, PaymentStep, PublicNotice
from .errors import _error

# What a public notice prints for a minor it cannot list under an adult: never a name, even masked.
MINOR_ON_NOTICE = gettext_lazy("Minor")


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
    """The rows of a public notice, masked for posting on a wall: 张*飞, 5201**********123X.

    A notice is public, so no minor is named on it, not even masked: aid to a household's child is
    listed under the adult who heads the household (the kind says whom it is for); a minor with no
    adult to list under reads 未成年人, without an ID number.
    """
    payments = list(
        notice.payments.select_related(
            "person__village", "person__township", "programme", "archive__head__village", "archive__head__township"
        ).order_by("pk")
    )
    heads = [p.archive.head for p in payments if p.archive is not None]
    # Minors on the day of posting: the notice is the document as posted, and stays so.
    minors = minor_ids([p.person_id for p in payments] + [h.pk for h in heads], today=notice.posted_on)
    rows = []
    for p in payments:
        listed = p.person
        if listed.pk in minors:
            head = p.archive.head if p.archive is not None else None
            listed = head if head is not None and head.pk not in minors else None
        place = (listed or p.person).village or (listed or p.person).township
        rows.append({
            "name": crypto.mask_name(listed.name) if listed else str(MINOR_ON_NOTICE),
            "id_number": crypto.mask_id_for_notice(listed.id_number_masked) if listed else "",
            "programme": p.programme.name,
            "kind": p.get_beneficiary_kind_display(),
            "amount": p.amount,
            "place": str(place or ""),
        })  # fmt: skip
    return rows
