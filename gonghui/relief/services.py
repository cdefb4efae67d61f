"""Everything that writes in the relief area: keyword-only, atomic, refusing with a reason.

Receipt numbers: one ``ReceiptCounter`` row per (campaign, collecting union), incremented by an
UPDATE inside the transaction that inserts the receipt. On PostgreSQL the UPDATE takes the row's
lock until commit, so concurrent entries queue on it and each reads its own number; on SQLite
settings open every transaction with BEGIN IMMEDIATE (``transaction_mode``), so writers are
serialised from the start. Either way a rolled-back entry also rolls its number back: no gaps,
no repeats (the unique constraint on the receipt is the last guard).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.formats import cn_date
from gonghui.orgs.models import Enterprise, Organization
from gonghui.people.models import Person

from .models import (
    Campaign,
    Channel,
    CollectionEvent,
    Donation,
    DonorKind,
    HandOver,
    Receipt,
    ReceiptCounter,
    through_unions,
)

DOUBLE_ENTRY_WINDOW = datetime.timedelta(minutes=10)


def _error(field, message, code, /, **params):
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def _in_subtree(org, root):
    return org is not None and root is not None and org.path.startswith(root.path)


def _check_user_scope(user, organization, field="organization"):
    """A user records only for unions in their own subtree (a superuser without one: anywhere)."""
    if user is None or (user.is_superuser and user.organization_id is None):
        return
    if not _in_subtree(organization, user.organization):
        raise _error(field, _("%(org)s is outside your area."), "out_of_scope", org=organization.name)


def parse_amount(value, field="amount"):
    """Decimal yuan from what was typed (元, thousands separators, full-width digits tolerated)."""
    if isinstance(value, Decimal):
        amount = value
    else:
        import unicodedata

        text = unicodedata.normalize("NFKC", str(value or "")).replace(",", "").replace("元", "").strip()
        if not text:
            raise _error(field, _("Enter the amount in yuan."), "required")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise _error(field, _("%(value)s is not an amount in yuan."), "invalid", value=value)
    if not amount.is_finite():
        raise _error(field, _("%(value)s is not an amount in yuan."), "invalid", value=value)
    return amount


# Campaigns and events ----------------------------------------------------------------------------


@transaction.atomic
def save_campaign(*, campaign, asked_unions=None, by=None):
    """Create or edit a campaign run by a union in the user's area."""
    _check_user_scope(by, campaign.organization)
    campaign.name = (campaign.name or "").strip()
    if campaign.ends_on and campaign.starts_on and campaign.ends_on < campaign.starts_on:
        raise _error("ends_on", _("The campaign cannot end before it starts."), "ends_before_start")
    if campaign.appeal_issued_on and campaign.ends_on and campaign.appeal_issued_on > campaign.ends_on:
        raise _error("appeal_issued_on", _("The appeal cannot be issued after the campaign ended."), "appeal_late")
    if campaign.relief_programme_id and campaign.relief_programme.organization_id != campaign.organization_id:
        owner = campaign.relief_programme.organization
        if not campaign.organization.path.startswith(owner.path):
            raise _error("relief_programme", _("%(programme)s is a programme of %(owner)s, outside this campaign's "
                                               "union."), "programme_out_of_scope",
                         programme=campaign.relief_programme.name, owner=owner.name)  # fmt: skip
    if not campaign.pk and not campaign.created_by_id:
        campaign.created_by = by
    campaign.full_clean()
    campaign.save()
    if asked_unions is not None:
        outside = [o.name for o in asked_unions if not _in_subtree(o, campaign.organization)]
        if outside:
            raise _error("asked_unions", _("Only unions under %(org)s can be asked to mobilise: %(names)s."),
                         "asked_out_of_scope", org=campaign.organization.name, names="、".join(outside))  # fmt: skip
        campaign.asked_unions.set(asked_unions)
    return campaign


def _check_day_in_campaign(campaign, day, field):
    if day < campaign.starts_on:
        raise _error(field, _("%(date)s is before the campaign began (%(start)s)."), "before_campaign",
                     date=cn_date(day), start=cn_date(campaign.starts_on))  # fmt: skip
    if campaign.ends_on and day > campaign.ends_on:
        raise _error(field, _("%(date)s is after the campaign ended (%(end)s)."), "after_campaign",
                     date=cn_date(day), end=cn_date(campaign.ends_on))  # fmt: skip


def _check_collecting_union(campaign, organization, field="organization"):
    if not _in_subtree(organization, campaign.organization):
        raise _error(field, _("%(org)s is not under %(owner)s, which runs this campaign."), "not_in_campaign",
                     org=organization.name, owner=campaign.organization.name)  # fmt: skip


@transaction.atomic
def add_event(*, campaign, organization, name, kind, held_on, place="", by=None):
    """A collection event of a campaign, run by a union under the campaign's organiser."""
    _check_user_scope(by, organization)
    _check_collecting_union(campaign, organization)
    _check_day_in_campaign(campaign, held_on, "held_on")
    if not (name or "").strip():
        raise _error("name", _("Give the event a name."), "required")
    event = CollectionEvent(campaign=campaign, organization=organization, name=name.strip(), kind=kind,
                            held_on=held_on, place=place)  # fmt: skip
    event.full_clean()
    event.save()
    return event


# Donations -------------------------------------------------------------------------------------------


def _resolve_donor(*, donor_kind, donor_name, donor_union, donor_enterprise, donor_person, on_behalf_of):
    """The donor's name from the registry record it points to; refuses a kind without its record."""
    donor_name = (donor_name or "").strip()
    on_behalf_of = (on_behalf_of or "").strip()
    if donor_kind not in DonorKind.values:
        raise _error("donor_kind", _("Say who the donor is."), "required")
    if donor_kind == DonorKind.UNION:
        if donor_union is None:
            raise _error("donor_union", _("Choose the donating union."), "required")
        donor_name = donor_name or donor_union.name
    elif donor_kind == DonorKind.WORKPLACE:
        if donor_enterprise is None:
            raise _error("donor_enterprise", _("Choose the donating workplace from the registry."), "required")
        donor_name = donor_name or donor_enterprise.name
    elif donor_kind in (DonorKind.PERSON, DonorKind.ON_BEHALF):
        if donor_person is not None:
            donor_name = donor_name or donor_person.name
    if not donor_name:
        raise _error("donor_name", _("Enter the donor's name."), "required")
    if donor_kind == DonorKind.ON_BEHALF and not on_behalf_of:
        raise _error("on_behalf_of", _("Say on whose behalf the gift is given."), "required")
    if donor_kind != DonorKind.ON_BEHALF:
        on_behalf_of = ""
    return donor_name, on_behalf_of


def _check_gift(*, kind, amount, item, quantity, unit):
    if kind not in Donation.Kind.values:
        raise _error("kind", _("Say whether the gift is cash or in kind."), "required")
    if kind == Donation.Kind.IN_KIND:
        if not (item or "").strip():
            raise _error("item", _("Say what was given (the item)."), "no_item")
        if amount is None or amount <= 0:
            raise _error("amount", _("A gift in kind needs its value in yuan, more than zero."), "in_kind_no_value")
        if quantity is not None and quantity <= 0:
            raise _error("quantity", _("The quantity must be more than zero."), "not_positive")
    else:
        if amount is None or amount <= 0:
            raise _error("amount", _("The amount must be more than zero."), "not_positive")
    if amount >= Decimal("1e10"):
        raise _error("amount", _("%(amount)s yuan is not a plausible gift; check the figure."), "implausible",
                     amount=amount)  # fmt: skip


@transaction.atomic
def record_donation(*, campaign, organization, amount, donor_kind, received_on, donor_name="", donor_union=None,
                    donor_enterprise=None, donor_person=None, on_behalf_of="", display_name="", anonymous=False,
                    kind=Donation.Kind.CASH, item="", quantity=None, unit="", event=None, channel=Channel.ON_SITE,
                    note="", by=None):  # fmt: skip
    """Record one gift; a cash gift gets the next receipt number of (campaign, collecting union)."""
    if organization is None:
        raise _error("organization", _("Choose the collecting union."), "required")
    _check_user_scope(by, organization)
    _check_collecting_union(campaign, organization)
    amount = None if amount in (None, "") else parse_amount(amount)
    _check_gift(kind=kind, amount=amount, item=item, quantity=quantity, unit=unit)
    _check_day_in_campaign(campaign, received_on, "received_on")
    if event is not None and event.campaign_id != campaign.pk:
        raise _error("event", _("%(event)s belongs to another campaign."), "other_campaign", event=event.name)
    if channel not in Channel.values:
        raise _error("channel", _("Choose how the gift was received."), "required")
    donor_name, on_behalf_of = _resolve_donor(donor_kind=donor_kind, donor_name=donor_name, donor_union=donor_union,
                                              donor_enterprise=donor_enterprise, donor_person=donor_person,
                                              on_behalf_of=on_behalf_of)  # fmt: skip
    if donor_kind != DonorKind.UNION:
        donor_union = None
    if donor_kind != DonorKind.WORKPLACE:
        donor_enterprise = None
    if donor_kind not in (DonorKind.PERSON, DonorKind.ON_BEHALF):
        donor_person = None
    display_name = (display_name or "").strip() or default_display_name(donor_name, on_behalf_of)
    donation = Donation.objects.create(
        organization=organization, campaign=campaign, event=event, kind=kind, item=(item or "").strip(),
        quantity=quantity, unit=(unit or "").strip(), amount=amount, donor_kind=donor_kind, donor_union=donor_union,
        donor_enterprise=donor_enterprise, donor_person=donor_person, donor_name=donor_name,
        on_behalf_of=on_behalf_of, display_name=display_name[:120], anonymous=bool(anonymous),
        received_on=received_on, channel=channel,
        through_unions=through_unions(donor_kind=donor_kind, channel=channel,
                                      donor_person_id=donor_person.pk if donor_person else None),
        note=note, entered_by=by,
    )  # fmt: skip
    for field in ("donor_union", "donor_enterprise", "donor_person"):
        value = getattr(donation, field)
        if value is not None and value._state.adding:  # a stub from donor_from_text: load it when asked
            Donation._meta.get_field(field).delete_cached_value(donation)
    # The receipt rides along for the page that shows its number (no second query).
    donation.new_receipt = issue_receipt(donation=donation, on=received_on) if needs_receipt(donation) else None
    return donation


def default_display_name(donor_name, on_behalf_of=""):
    return _("%(donor)s (for %(other)s)") % {"donor": donor_name, "other": on_behalf_of} if on_behalf_of else donor_name


def needs_receipt(donation):
    """A cash gift the union took in gets its receipt; a joint organiser's receipt covers what it took in."""
    return donation.kind == Donation.Kind.CASH and donation.channel != Channel.PARTNER and not donation.is_void


def reserve_receipt_numbers(*, campaign_id, organization_id, count=1):
    """Advance the (campaign, union) counter by `count` inside the caller's transaction; the last number.

    The numbers last - count + 1 … last are the caller's: nobody else can be given them, and if the
    caller's transaction rolls back the counter rolls back with it.
    """
    assert transaction.get_connection().in_atomic_block, "receipt numbers are issued inside a transaction"
    rows = ReceiptCounter.objects.filter(campaign_id=campaign_id, organization_id=organization_id)
    if not rows.update(last_number=F("last_number") + count):
        # First receipt of this union in this campaign: create the row (a concurrent creator wins
        # the unique constraint; get_or_create then reads its row) and increment as usual.
        ReceiptCounter.objects.get_or_create(campaign_id=campaign_id, organization_id=organization_id)
        rows.update(last_number=F("last_number") + count)
    return rows.values_list("last_number", flat=True).get()


@transaction.atomic
def issue_receipt(*, donation, on=None):
    if donation.kind != Donation.Kind.CASH:
        raise _error("kind", _("Receipts are issued for cash gifts; a gift in kind is acknowledged on the thanks "
                               "list."), "not_cash")  # fmt: skip
    if donation.is_void:
        raise _error("donation", _("This gift is void: no receipt is issued for it."), "void")
    number = reserve_receipt_numbers(campaign_id=donation.campaign_id, organization_id=donation.organization_id)
    return Receipt.objects.create(organization=donation.organization, campaign=donation.campaign, number=number,
                                  donation=donation, issued_on=on or timezone.localdate())  # fmt: skip


def likely_double(*, campaign, donor_name, amount, organization=None, now=None):
    """An earlier counted gift of the same donor and amount in this campaign in the last ten minutes."""
    now = now or timezone.now()
    rows = Donation.objects.counted().filter(
        campaign=campaign, donor_name=(donor_name or "").strip(), amount=amount,
        entered_at__gte=now - DOUBLE_ENTRY_WINDOW,
    )  # fmt: skip
    if organization is not None:
        rows = rows.filter(organization=organization)
    return rows.only("pk", "amount", "entered_at", "donor_name").order_by("-entered_at").first()


def _printed_receipt(donation):
    return donation.receipts.filter(status=Receipt.Status.ISSUED, printed_at__isnull=False).first()


EDITABLE_FIELDS = {"amount", "donor_name", "display_name", "anonymous", "on_behalf_of", "item", "quantity", "unit",
                   "note", "received_on", "event", "channel"}  # fmt: skip


@transaction.atomic
def update_donation(*, donation, by=None, **changes):
    """Correct a gift whose receipt was not printed yet; a printed receipt is never edited."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if donation.is_void:
        raise _error("donation", _("This gift is void and cannot be edited."), "void")
    printed = _printed_receipt(donation)
    if printed is not None:
        raise _error("amount", _("Receipt %(code)s was printed and is never edited: void it with a reason and issue a "
                                 "new one."), "receipt_printed", code=printed.code)  # fmt: skip
    _apply_changes(donation, changes)
    return donation


def _apply_changes(donation, changes):
    for field, value in changes.items():
        setattr(donation, field, value)
    if "amount" in changes:
        donation.amount = None if changes["amount"] in (None, "") else parse_amount(changes["amount"])
    _check_gift(kind=donation.kind, amount=donation.amount, item=donation.item, quantity=donation.quantity,
                unit=donation.unit)  # fmt: skip
    _check_day_in_campaign(donation.campaign, donation.received_on, "received_on")
    if donation.event_id and donation.event.campaign_id != donation.campaign_id:
        raise _error("event", _("%(event)s belongs to another campaign."), "other_campaign", event=donation.event.name)
    if not (donation.donor_name or "").strip():
        raise _error("donor_name", _("Enter the donor's name."), "required")
    if donation.donor_kind == DonorKind.ON_BEHALF and not donation.on_behalf_of.strip():
        raise _error("on_behalf_of", _("Say on whose behalf the gift is given."), "required")
    donation.display_name = (donation.display_name or "").strip() or default_display_name(
        donation.donor_name, donation.on_behalf_of
    )
    donation.through_unions = through_unions(donor_kind=donation.donor_kind, channel=donation.channel,
                                             donor_person_id=donation.donor_person_id)  # fmt: skip
    donation.save()


def _void_reason(reason, field="reason"):
    reason = (reason or "").strip()
    if not reason:
        raise _error(field, _("Give the reason for voiding."), "no_reason")
    return reason[:200]


@transaction.atomic
def void_receipt(*, receipt, reason, by=None):
    """Void a receipt: its number stays in the sequence, marked void, with the reason."""
    reason = _void_reason(reason)
    receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.is_void:
        raise _error("reason", _("Receipt %(code)s is already void."), "already_void", code=receipt.code)
    receipt.status = Receipt.Status.VOID
    receipt.void_reason = reason
    receipt.voided_at = timezone.now()
    receipt.voided_by = by
    receipt.save(update_fields=["status", "void_reason", "voided_at", "voided_by"])
    return receipt


@transaction.atomic
def reissue_receipt(*, receipt, reason, by=None, on=None, **changes):
    """Void a (printed) receipt with a reason, correct the gift, and issue it a new number."""
    receipt = void_receipt(receipt=receipt, reason=reason, by=by)
    donation = Donation.objects.select_for_update().get(pk=receipt.donation_id)
    if donation.is_void:
        raise _error("reason", _("This gift is void: no receipt is issued for it."), "void")
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    _apply_changes(donation, changes)
    return issue_receipt(donation=donation, on=on or timezone.localdate())


@transaction.atomic
def void_donation(*, donation, reason, by=None):
    """Take a gift out of every total (entered by mistake): it and its receipt are voided, never deleted."""
    reason = _void_reason(reason)
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.is_void:
        raise _error("reason", _("This gift is already void."), "already_void")
    for receipt in donation.receipts.filter(status=Receipt.Status.ISSUED):
        void_receipt(receipt=receipt, reason=reason, by=by)
    donation.is_void = True
    donation.void_reason = reason
    donation.save(update_fields=["is_void", "void_reason"])
    return donation


@transaction.atomic
def undo_last_entry(*, campaign, user):
    """Void the user's own latest gift in the campaign (the live page's undo)."""
    last = (
        Donation.objects.counted()
        .filter(campaign=campaign, entered_by=user)
        .order_by("-entered_at", "-pk")
        .first()
    )
    if last is None:
        raise _error("donation", _("You have no entry in this campaign to undo."), "nothing_to_undo")
    return void_donation(donation=last, reason=_("Undone by the officer who entered it"), by=user)


@transaction.atomic
def mark_printed(*, receipts, by=None):
    """Printing (page or .docx) fixes a receipt: from now on it is voided and reissued, not edited."""
    now = timezone.now()
    ids = [r.pk for r in receipts if not r.is_void and r.printed_at is None]
    Receipt.objects.filter(pk__in=ids, printed_at__isnull=True).update(printed_at=now)
    return len(ids)


# Hand-overs and reconciliation ------------------------------------------------------------------------


def reconcile(*, organization, campaign):
    """Cash a union collected, received from unions below, handed over, and still holds, for one campaign."""
    collected = (
        Donation.objects.counted().cash().exclude(channel=Channel.PARTNER)
        .filter(organization=organization, campaign=campaign)
        .aggregate(n=Sum("amount"))["n"] or Decimal("0")
    )  # fmt: skip
    handovers = HandOver.objects.counted().filter(campaign=campaign)
    received = handovers.filter(recipient_union=organization).aggregate(n=Sum("amount"))["n"] or Decimal("0")
    handed = handovers.filter(organization=organization).aggregate(n=Sum("amount"))["n"] or Decimal("0")
    held = collected + received - handed
    return {"collected": collected, "received": received, "handed_over": handed, "held": held}


def reconciliation(*, campaign, root):
    """One row per union under `root` that collected, received or handed over cash in the campaign.

    A union holding less than nothing (a gift voided after its money was handed over) is flagged.
    """
    org_ids = set(
        Donation.objects.counted().cash().exclude(channel=Channel.PARTNER)
        .filter(campaign=campaign, organization__path__startswith=root.path)
        .values_list("organization", flat=True)
    )  # fmt: skip
    handovers = HandOver.objects.counted().filter(campaign=campaign)
    org_ids |= set(handovers.filter(organization__path__startswith=root.path).values_list("organization", flat=True))
    org_ids |= set(
        handovers.filter(recipient_union__path__startswith=root.path).values_list("recipient_union", flat=True)
    )
    rows = []
    for org in Organization.objects.filter(pk__in=org_ids).order_by("path"):
        figures = reconcile(organization=org, campaign=campaign)
        flag = ""
        if figures["held"] < 0:
            flag = _("handed over %(over)s yuan more than collected and received") % {"over": -figures["held"]}
        rows.append({"organization": org, **figures, "flag": flag})
    return rows


@transaction.atomic
def record_handover(*, organization, campaign, amount, handed_on, recipient_kind, recipient_union=None,
                    recipient_name="", their_receipt="", event=None, note="", by=None):  # fmt: skip
    """Money handed on; refused when more than the union still holds of the campaign's cash."""
    if organization is None:
        raise _error("organization", _("Choose the handing union."), "required")
    _check_user_scope(by, organization)
    _check_collecting_union(campaign, organization)
    amount = None if amount in (None, "") else parse_amount(amount)
    if amount is None or amount <= 0:
        raise _error("amount", _("The amount must be more than zero."), "not_positive")
    if handed_on < campaign.starts_on:
        raise _error("handed_on", _("%(date)s is before the campaign began (%(start)s)."), "before_campaign",
                     date=cn_date(handed_on), start=cn_date(campaign.starts_on))  # fmt: skip
    if recipient_kind not in HandOver.Recipient.values:
        raise _error("recipient_kind", _("Say to whom the money was handed."), "required")
    if recipient_kind == HandOver.Recipient.UNION:
        if recipient_union is None:
            raise _error("recipient_union", _("Choose the union that received the money."), "required")
        if recipient_union.pk == organization.pk:
            raise _error("recipient_union", _("A union cannot hand money over to itself."), "self")
        if not organization.path.startswith(recipient_union.path):
            raise _error("recipient_union", _("Money is handed up: %(to)s is not above %(org)s."), "not_above",
                         to=recipient_union.name, org=organization.name)  # fmt: skip
        recipient_name = recipient_name or recipient_union.name
    else:
        recipient_union = None
    recipient_name = (recipient_name or "").strip()
    if not recipient_name:
        raise _error("recipient_name", _("Name who received the money."), "required")
    if event is not None and event.campaign_id != campaign.pk:
        raise _error("event", _("%(event)s belongs to another campaign."), "other_campaign", event=event.name)
    # One hand-over of a campaign at a time: the counter rows of the campaign are locked (on
    # SQLite the IMMEDIATE transaction already is), so two hand-overs cannot both spend one balance.
    list(Campaign.objects.select_for_update().filter(pk=campaign.pk).values_list("pk", flat=True))
    held = reconcile(organization=organization, campaign=campaign)["held"]
    if amount > held:
        raise _error("amount", _("%(org)s holds %(held)s yuan of this campaign; a hand-over of %(amount)s yuan is more "
                                 "than that."), "more_than_held", org=organization.name, held=held,
                     amount=amount)  # fmt: skip
    handover = HandOver(organization=organization, campaign=campaign, amount=amount, handed_on=handed_on,
                        recipient_kind=recipient_kind, recipient_union=recipient_union, recipient_name=recipient_name,
                        their_receipt=(their_receipt or "").strip(), event=event, note=note, entered_by=by)  # fmt: skip
    handover.full_clean()
    handover.save()
    return handover


@transaction.atomic
def void_handover(*, handover, reason, by=None):
    reason = _void_reason(reason)
    handover = HandOver.objects.select_for_update().get(pk=handover.pk)
    if handover.is_void:
        raise _error("reason", _("This hand-over is already void."), "already_void")
    handover.is_void = True
    handover.void_reason = reason
    handover.save(update_fields=["is_void", "void_reason"])
    return handover


# Donor completion -------------------------------------------------------------------------------------


def donor_suggestions(*, user, text, campaign=None, limit=8):
    """Earlier donors (this campaign's first) and registered workplaces whose names contain the text."""
    text = (text or "").strip()
    if not text:
        return []
    names = []
    rows = Donation.objects.visible_to(user).counted().filter(donor_name__contains=text)
    if campaign is not None:
        names += list(rows.filter(campaign=campaign).values_list("donor_name", flat=True).distinct()[:limit])
    if len(names) < limit:
        names += list(rows.values_list("donor_name", flat=True).distinct()[: limit * 2])
    if len(names) < limit:
        names += list(Enterprise.objects.visible_to(user).filter(name__contains=text).values_list("name", flat=True)
                      .order_by("name")[:limit])  # fmt: skip
    seen, result = set(), []
    for name in names:
        if name not in seen:
            seen.add(name)
            result.append(name)
    return result[:limit]


ORGANISATION_ENDINGS = ("公司", "厂", "局", "院", "校", "学", "会", "矿", "所", "站", "社", "行", "店", "部", "委",
                        "中心", "集团", "办", "队", "场", "馆", "处", "室", "园")  # fmt: skip


UNION_ENDINGS = ("工会", "工委", "工会工委", "总工会")


def _stub(model, pk):
    """A model instance standing for a row known to exist (its id is all a foreign key needs)."""
    return model(pk=pk) if pk is not None else None


def donor_from_text(*, user, campaign, text):
    """What the live page's donor box means: {donor_kind, donor_name, donor_union, donor_enterprise, donor_person}.

    A donor given before in this campaign is the same donor again; else a registered workplace or
    union of that exact name; else an organisation when the name reads like one, a person otherwise.
    """
    name = (text or "").strip()
    found = {"donor_kind": DonorKind.PERSON, "donor_name": name, "donor_union": None, "donor_enterprise": None,
             "donor_person": None}  # fmt: skip
    if not name:
        return found
    # Ids only (no joins): the live page pays for every query on every Enter.
    earlier = (
        Donation.objects.counted().filter(campaign=campaign, donor_name=name).exclude(donor_kind=DonorKind.ON_BEHALF)
        .order_by("-pk").values_list("donor_kind", "donor_union_id", "donor_enterprise_id", "donor_person_id").first()
    )  # fmt: skip
    if earlier is not None:
        kind, union_id, enterprise_id, person_id = earlier
        found.update(donor_kind=kind, donor_union=_stub(Organization, union_id),
                     donor_enterprise=_stub(Enterprise, enterprise_id), donor_person=_stub(Person, person_id))  # fmt: skip
        return found
    enterprise_id = Enterprise.objects.visible_to(user).filter(name=name).order_by("pk").values_list("pk", flat=True).first()
    if enterprise_id is not None:
        found.update(donor_kind=DonorKind.WORKPLACE, donor_enterprise=_stub(Enterprise, enterprise_id))
        return found
    if name.endswith(UNION_ENDINGS):
        union = Organization.objects.visible_to(user).filter(name=name).order_by("pk").first()
        if union is not None:
            found.update(donor_kind=DonorKind.UNION, donor_union=union)
            return found
    if name.endswith(ORGANISATION_ENDINGS):
        found["donor_kind"] = DonorKind.ORGANISATION
    return found
