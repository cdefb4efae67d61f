"""Everything that writes Three Cares records: keyword-only, atomic, checked against other data."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import models as m

REGISTRIES = {
    "out_migrants": m.OutMigrant,
    "incoming": m.IncomingWorker,
    "returnees": m.Returnee,
    "elders": m.Elder,
    "children": m.LeftBehindChild,
    "proxy_parents": m.ProxyParent,
}
VISIT_REGISTRY = {"migrant": m.OutMigrant, "elder": m.Elder, "child": m.LeftBehindChild}


def answerable_organization(township, village=None):
    """The village's union when the village has one, else the township's committee."""
    if village is not None:
        if village.parent_id != township.pk:
            raise ValidationError(
                {"village": ValidationError(
                    _("%(village)s is not in %(township)s."), code="village_township",
                    params={"village": village.name, "township": township.name},
                )}
            )  # fmt: skip
        return village.organization
    return township.organization


@transaction.atomic
def register_entry(*, registry, person, township, village=None, registered_on, **fields):
    """Put a person on one registry (once); the answerable organisation follows the place."""
    model = REGISTRIES[registry]
    if model.objects.filter(person=person).exists():
        raise ValidationError(
            {"person": ValidationError(
                _("%(name)s is already on the register of %(registry)s."), code="duplicate",
                params={"name": person.name, "registry": model._meta.verbose_name_plural},
            )}
        )  # fmt: skip
    entry = model(
        person=person,
        township=township,
        village=village,
        organization=answerable_organization(township, village),
        registered_on=registered_on,
        **fields,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def pair_elder(*, elder, helper_name, paired_on, helper=None, helper_unit="", helper_phone=""):
    if elder.pairings.filter(ended_on__isnull=True).exists():
        raise ValidationError(
            {"elder": ValidationError(
                _("%(name)s already has a helper; end that pairing first."), code="already_paired",
                params={"name": elder.person.name},
            )}
        )  # fmt: skip
    pairing = m.Pairing(
        elder=elder,
        helper=helper,
        helper_name=helper_name or (helper.name if helper else ""),
        helper_unit=helper_unit,
        helper_phone=helper_phone,
        organization=elder.organization,
        paired_on=paired_on,
    )
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def assign_proxy_parent(*, child, proxy):
    if proxy.ended_on is not None:
        raise ValidationError(
            {"proxy_parent": ValidationError(
                _("%(name)s is no longer a proxy parent."), code="ended", params={"name": proxy.person.name}
            )}
        )  # fmt: skip
    if proxy.township_id != child.township_id:
        raise ValidationError(
            {"proxy_parent": ValidationError(
                _("A proxy parent looks after children of their own township; %(name)s is in %(township)s."),
                code="township", params={"name": proxy.person.name, "township": proxy.township.name},
            )}
        )  # fmt: skip
    child.proxy_parent = proxy
    child.save(update_fields=["proxy_parent", "updated_at"])
    return child


@transaction.atomic
def record_visit(*, kind, person, visited_on, amount, organization=None, visited_by="", note=""):
    """A visit to someone on the registry of that kind; the money is never negative."""
    entry = VISIT_REGISTRY[kind].objects.filter(person=person).first()
    if entry is None:
        raise ValidationError(
            {"person": ValidationError(
                _("%(name)s is not on the register of %(registry)s; register them first."), code="not_registered",
                params={"name": person.name, "registry": VISIT_REGISTRY[kind]._meta.verbose_name_plural},
            )}
        )  # fmt: skip
    visit = m.Visit(
        kind=kind,
        person=person,
        organization=organization or entry.organization,
        visited_on=visited_on,
        amount=Decimal(amount),
        visited_by=visited_by,
        note=note,
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def record_medical_waiver(*, elder, granted_on, amount, provider=""):
    if elder.waivers.filter(granted_on=granted_on, provider=provider).exists():
        _refuse("provider", _("A waiver for %(name)s by %(provider)s on %(day)s is already recorded."), "duplicate",
                name=elder.person.name, provider=provider or "—", day=granted_on)  # fmt: skip
    waiver = m.MedicalWaiver(
        elder=elder,
        organization=elder.organization,
        granted_on=granted_on,
        amount=Decimal(amount),
        provider=provider,
    )
    waiver.full_clean()
    waiver.save()
    return waiver


@transaction.atomic
def install(*, model, township, village=None, installed_on, location, **fields):
    """A family phone or family mailbox, counted by place."""
    if model.objects.filter(township=township, village=village, location=location).exists():
        _refuse("location", _("A %(what)s at %(location)s here is already recorded."), "duplicate",
                what=model._meta.verbose_name, location=location)  # fmt: skip
    row = model(
        township=township,
        village=village,
        organization=answerable_organization(township, village),
        installed_on=installed_on,
        location=location,
        **fields,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def found_society(*, name, township, village=None, founded_on, leader_name="", members=()):
    if m.MutualAidSociety.objects.filter(township=township, name=name).exists():
        _refuse("name", _("%(township)s already has a society named %(name)s."), "duplicate",
                township=township.name, name=name)  # fmt: skip
    society = m.MutualAidSociety(
        name=name,
        township=township,
        village=village,
        organization=answerable_organization(township, village),
        founded_on=founded_on,
        leader_name=leader_name,
    )
    society.full_clean()
    society.save()
    for elder in members:
        if elder.township_id != township.pk:
            raise ValidationError(
                {"members": ValidationError(
                    _("%(name)s lives in another township and cannot join this society."), code="township",
                    params={"name": elder.person.name},
                )}
            )  # fmt: skip
        m.SocietyMembership.objects.create(society=society, elder=elder, joined_on=founded_on)
    return society


@transaction.atomic
def record_training(*, organization, title, held_on, trainee_count, funds, trade="", venue="", attendees=()):
    attendees = list(attendees)
    if attendees and trainee_count < len(attendees):
        raise ValidationError(
            {"trainee_count": ValidationError(
                _("The attendance list has %(n)d names but only %(count)d trainees were entered."),
                code="attendance", params={"n": len(attendees), "count": trainee_count},
            )}
        )  # fmt: skip
    training = m.Training(
        organization=organization, title=title, held_on=held_on, trainee_count=trainee_count,
        funds=Decimal(funds), trade=trade, venue=venue,
    )  # fmt: skip
    training.full_clean()
    training.save()
    if attendees:
        training.attendees.add(*attendees)
    return training


@transaction.atomic
def record_referral_event(*, organization, title, held_on, referrals=(), referred_count=None,
                          employed_count=None, venue=""):  # fmt: skip
    """A referral event; with a list of (person, employed, employer) the counts come from it."""
    referrals = list(referrals)
    if referrals:
        referred_count = len(referrals)
        employed_count = sum(1 for _p, employed, _e in referrals if employed)
    if referred_count is None or employed_count is None:
        raise ValidationError(
            _("Give the people referred and employed, or the list of referrals."), code="counts"
        )
    if employed_count > referred_count:
        raise ValidationError(
            {"employed_count": ValidationError(
                _("%(employed)d employed is more than the %(referred)d referred."), code="employed_over",
                params={"employed": employed_count, "referred": referred_count},
            )}
        )  # fmt: skip
    event = m.ReferralEvent(
        organization=organization, title=title, held_on=held_on, venue=venue,
        referred_count=referred_count, employed_count=employed_count,
    )  # fmt: skip
    event.full_clean()
    event.save()
    m.Referral.objects.bulk_create(
        [
            m.Referral(event=event, person=p, employed=employed, employer=employer)
            for p, employed, employer in referrals
        ]
    )
    return event


@transaction.atomic
def record_mailing(*, organization, title, sent_on, cards, sponsors, note=""):
    """Greeting cards mailed; the cost is what the sponsors paid, share by share."""
    sponsors = [(name.strip(), Decimal(amount)) for name, amount in sponsors]
    names = [name for name, _amount in sponsors]
    if not sponsors:
        raise ValidationError(
            {"sponsors": ValidationError(_("Name at least one sponsor."), code="no_sponsor")}
        )
    if len(set(names)) != len(names):
        raise ValidationError(
            {"sponsors": ValidationError(_("A sponsor is named twice."), code="sponsor_twice")}
        )
    for name, amount in sponsors:
        if amount <= 0:
            raise ValidationError(
                {"sponsors": ValidationError(
                    _("The share of %(name)s must be more than 0 yuan."), code="share", params={"name": name}
                )}
            )  # fmt: skip
    mailing = m.GreetingMailing(
        organization=organization, title=title, sent_on=sent_on, cards=cards,
        cost=sum(amount for _n, amount in sponsors), note=note,
    )  # fmt: skip
    mailing.full_clean()
    mailing.save()
    m.MailingSponsor.objects.bulk_create(
        [m.MailingSponsor(mailing=mailing, name=name, amount=amount) for name, amount in sponsors]
    )
    return mailing


@transaction.atomic
def submit_info_report(*, organization, year, month, submitted_on, content):
    report, _created = m.InfoReport.objects.update_or_create(
        organization=organization, year=year, month=month,
        defaults={"submitted_on": submitted_on, "content": content},
    )  # fmt: skip
    report.full_clean()
    return report


@transaction.atomic
def record_inspection_visit(*, inspection, organization, visited_on, score, findings=""):
    if organization.category != "township":
        raise ValidationError(
            {"organization": ValidationError(
                _("%(name)s is not a township committee; supervision teams inspect townships."),
                code="not_township", params={"name": organization.name},
            )}
        )  # fmt: skip
    visit = m.InspectionVisit(
        inspection=inspection, organization=organization, visited_on=visited_on, score=Decimal(score),
        findings=findings,
    )  # fmt: skip
    visit.full_clean()
    visit.save()
    return visit


def _refuse(field, message, code, **params):
    raise ValidationError({field: ValidationError(message, code=code, params=params)})


def _check_township_committee(organization, field="organization"):
    if organization.category != "township":
        _refuse(field, _("%(name)s is not a township committee."), "not_township", name=organization.name)


@transaction.atomic
def record_joint_meeting(*, organization, held_on, title, attendees, minutes):
    """联席会议: who came and what was decided; one meeting of a title a day per organisation."""
    if m.JointMeeting.objects.filter(organization=organization, held_on=held_on, title=title).exists():
        _refuse("title", _("A joint meeting titled %(title)s on %(day)s is already recorded."), "duplicate",
                title=title, day=held_on)  # fmt: skip
    meeting = m.JointMeeting(
        organization=organization, held_on=held_on, title=title, attendees=attendees, minutes=minutes
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def record_half_year_review(*, organization, year, half, held_on, summary):
    """半年调度: once per half-year; held during or soon after that half-year."""
    if held_on.year not in (year, year + 1):
        _refuse(
            "held_on", _("%(day)s is not in or just after %(year)d."), "held_on_year", day=held_on, year=year
        )
    if m.HalfYearReview.objects.filter(organization=organization, year=year, half=half).exists():
        _refuse(
            "half", _("The review of this half-year of %(year)d is already recorded."), "duplicate", year=year
        )
    review = m.HalfYearReview(
        organization=organization, year=year, half=half, held_on=held_on, summary=summary
    )
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def record_info_report(*, organization, year, month, submitted_on, content):
    """A township's monthly information report (信息报送); a second report of a month replaces it."""
    _check_township_committee(organization)
    if (submitted_on.year, submitted_on.month) < (year, month):
        _refuse("submitted_on", _("A report for %(year)d-%(month)02d cannot be submitted before that month."),
                "early", year=year, month=month)  # fmt: skip
    return submit_info_report(
        organization=organization, year=year, month=month, submitted_on=submitted_on, content=content
    )


@transaction.atomic
def record_inspection(
    *, organization, year, team, leader, township, visited_on, score, members="", findings=""
):
    """A supervision team's visit to one township; the team is created with its first visit."""
    _check_township_committee(township, field="township")
    if visited_on.year != year:
        _refuse("visited_on", _("%(day)s is not in %(year)d."), "visited_year", day=visited_on, year=year)
    inspection = m.Inspection.objects.filter(organization=organization, year=year, team=team).first()
    if inspection is None:
        inspection = m.Inspection(
            organization=organization, year=year, team=team, leader=leader, members=members
        )
        inspection.full_clean()
        inspection.save()
    elif inspection.leader != leader:
        _refuse("leader", _("%(team)s of %(year)d is led by %(leader)s."), "leader",
                team=team, year=year, leader=inspection.leader)  # fmt: skip
    if inspection.visits.filter(organization=township).exists():
        _refuse("township", _("%(team)s has already recorded its visit to %(name)s."), "duplicate",
                team=team, name=township.name)  # fmt: skip
    return record_inspection_visit(
        inspection=inspection, organization=township, visited_on=visited_on, score=score, findings=findings
    )


@transaction.atomic
def record_symposium(*, organization, held_on, attendees, venue="", notes=""):
    """返乡农民工座谈会: one a day per organisation."""
    if m.ReturneeSymposium.objects.filter(organization=organization, held_on=held_on).exists():
        _refuse(
            "held_on", _("A returnee symposium on %(day)s is already recorded."), "duplicate", day=held_on
        )
    symposium = m.ReturneeSymposium(
        organization=organization, held_on=held_on, venue=venue, attendees=attendees, notes=notes
    )
    symposium.full_clean()
    symposium.save()
    return symposium
