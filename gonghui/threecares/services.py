"""Everything that writes Three Cares records: keyword-only, atomic, checked against other data."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.reporting import closing

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


def check_one_helper(*, elder, field="elder", exclude=None, current_helper=None):
    """One helper at a time for an elder: a new (or reopened) pairing waits until the other one ends.

    ``current_helper``: the name of the helper of the elder's open pairing when the caller already
    knows it (a ledger batch looks them up in one query); without it the database is asked.
    """
    if current_helper is None:
        others = elder.pairings.filter(ended_on__isnull=True)
        if exclude is not None:
            others = others.exclude(pk=exclude.pk)
        current_helper = others.values_list("helper_name", flat=True).first()
    if current_helper:
        _refuse(field, _("%(name)s already has a helper (%(helper)s); end that pairing first."), "already_paired",
                name=elder.person.name, helper=current_helper)  # fmt: skip


@transaction.atomic
def pair_elder(*, elder, helper_name, paired_on, helper=None, helper_unit="", helper_phone=""):
    check_one_helper(elder=elder)
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
    closing.ensure_open(organization=organization or entry.organization, day=visited_on, field="visited_on")
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
    closing.ensure_open(organization=elder.organization, day=granted_on, field="granted_on")
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
    closing.ensure_open(organization=organization, day=held_on, field="held_on")
    attendees = list(attendees)
    _check_attendance(trainee_count, attendees)
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
    closing.ensure_open(organization=organization, day=held_on, field="held_on")
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


# 信息报送制度 is one form of the reporting app's periodic reports: a township committee's monthly
# report is a reporting.Submission of its county's form "three-cares-info" (returned, corrected,
# accepted and locked there, with rates and the late list).
INFO_REPORT_FORM = "three-cares-info"
INFO_REPORT_FIELDS = [
    {"key": "trainings", "label": "本月培训农民工次数", "indicator": "three_cares.trainings"},
    {"key": "migrants_visited", "label": "本月慰问农民工人数", "indicator": "three_cares.migrants_visited"},
    {"key": "elders_visited", "label": "本月慰问空巢老人人数", "indicator": "three_cares.elders_visited"},
    {"key": "children_visited", "label": "本月慰问留守儿童人数", "indicator": "three_cares.children_visited"},
]


def info_report_form(county):
    """The county's monthly Three Cares information report form, made on first use."""
    from gonghui.reporting.models import ReportForm

    form, _created = ReportForm.objects.get_or_create(
        organization=county, code=INFO_REPORT_FORM,
        defaults={"name": "“三关”工程信息报送", "frequency": ReportForm.Frequency.MONTHLY, "deadline_days": 5,
                  "respondents": ReportForm.Respondents.TOWNSHIPS, "fields": INFO_REPORT_FIELDS},
    )  # fmt: skip
    return form


@transaction.atomic
def _submit_info_report(*, organization, year, month, submitted_on, content, by=None):
    """Submit (or correct) a township committee's report of a month on its county's form."""
    from gonghui.reporting import reports
    from gonghui.reporting.indicators import Period

    return reports.submit(form=info_report_form(organization.parent), organization=organization,
                          period=Period.month(year, month), content=content, on=submitted_on, by=by)  # fmt: skip


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
def record_info_report(*, organization, year, month, submitted_on, content, by=None):
    """A township's monthly information report (信息报送): the one checked path for the form, the
    ledger and the API; a second report of a month is a correction of the same submission."""
    _check_township_committee(organization)
    if (submitted_on.year, submitted_on.month) < (year, month):
        _refuse("submitted_on", _("A report for %(year)d-%(month)02d cannot be submitted before that month."),
                "early", year=year, month=month)  # fmt: skip
    return _submit_info_report(
        organization=organization, year=year, month=month, submitted_on=submitted_on, content=content, by=by
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


# ---- corrections from the record pages: the same checks as when the record was made --------------


def _adult_on(person, day):
    """False only when the birth date is known and the person is under 18 on `day`."""
    born = person.birth_date
    if born is None:
        return True
    return (day.year - born.year - ((day.month, day.day) < (born.month, born.day))) >= 18


def keeps_ledger_guardian(child, typed):
    """The guardian line still says the name on the ledger (imported with nobody on file): it stays."""
    typed = (typed or "").strip()
    return bool(typed) and not child.guardian_id and typed == child.guardian_name


@transaction.atomic
def set_child_guardians(*, child, guardian=None, guardian_relation="", father=None, father_works_in="",
                        mother=None, mother_works_in="", guardian_typed=""):  # fmt: skip
    """The guardian at home (a person on file), the father and mother, and where the parents work.

    ``guardian_typed``: the guardian line as typed. With no guardian picked, a line that still says
    the name on the ledger (imported, with no person on file) keeps that name; otherwise it goes.
    """
    keep_guardian_name = guardian is None and keeps_ledger_guardian(child, guardian_typed)
    errors = {}
    for field, who in (("guardian", guardian), ("father", father), ("mother", mother)):
        if who is not None and who.pk == child.person_id:
            errors[field] = ValidationError(
                _("%(name)s is the child."), code="self", params={"name": who.name}
            )
    if father is not None and mother is not None and father.pk == mother.pk:
        errors.setdefault("mother", ValidationError(
            _("The father and the mother cannot be the same person."), code="same_parent"
        ))  # fmt: skip
    if father is not None and father.gender == "F":
        errors.setdefault("father", ValidationError(
            _("%(name)s is recorded as female."), code="gender", params={"name": father.name}
        ))  # fmt: skip
    if mother is not None and mother.gender == "M":
        errors.setdefault("mother", ValidationError(
            _("%(name)s is recorded as male."), code="gender", params={"name": mother.name}
        ))  # fmt: skip
    if guardian is not None:
        parents = {p.pk for p in (father, mother) if p is not None}
        if not guardian_relation:
            errors["guardian_relation"] = ValidationError(
                _("Say how the guardian is related to the child."), code="relation_missing"
            )
        elif guardian.pk in parents and guardian_relation != m.LeftBehindChild.Relation.PARENT:
            errors["guardian_relation"] = ValidationError(
                _("%(name)s is the child's parent; choose “Parent at home”."), code="relation_parent",
                params={"name": guardian.name},
            )  # fmt: skip
        if not _adult_on(guardian, timezone.localdate()):
            errors.setdefault("guardian", ValidationError(
                _("%(name)s is under 18 and cannot be a guardian."), code="minor", params={"name": guardian.name}
            ))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    child.guardian = guardian
    if guardian is not None:
        child.guardian_name = guardian.name
    elif not keep_guardian_name:
        child.guardian_name = ""
    child.guardian_relation = guardian_relation if (guardian or child.guardian_name) else ""
    child.father, child.father_works_in = father, father_works_in
    child.mother, child.mother_works_in = mother, mother_works_in
    child.full_clean()
    child.save()
    return child


@transaction.atomic
def unassign_proxy_parent(*, child):
    child.proxy_parent = None
    child.save(update_fields=["proxy_parent", "updated_at"])
    return child


def _check_end(*, started_on, ended_on, already_ended, start_label):
    if already_ended is not None:
        _refuse("ended_on", _("This already ended on %(day)s."), "already_ended", day=already_ended)
    if ended_on < started_on:
        _refuse("ended_on", _("The end cannot be before the start (%(what)s %(day)s)."), "end_before_start",
                what=start_label, day=started_on)  # fmt: skip


@transaction.atomic
def end_proxy_parent(*, proxy, ended_on):
    """A proxy parent stops; the children they looked after then wait for another proxy parent."""
    proxy = m.ProxyParent.objects.select_for_update().get(pk=proxy.pk)
    _check_end(started_on=proxy.registered_on, ended_on=ended_on, already_ended=proxy.ended_on,
               start_label=_("registered on"))  # fmt: skip
    proxy.ended_on = ended_on
    proxy.full_clean()
    proxy.save()
    for child in m.LeftBehindChild.objects.filter(proxy_parent=proxy):
        unassign_proxy_parent(child=child)  # one by one, so each child's history shows it
    return proxy


@transaction.atomic
def end_pairing(*, pairing, ended_on):
    """结束结对: the helper stops; the elder can then be paired again."""
    pairing = m.Pairing.objects.select_for_update().get(pk=pairing.pk)
    _check_end(started_on=pairing.paired_on, ended_on=ended_on, already_ended=pairing.ended_on,
               start_label=_("paired on"))  # fmt: skip
    pairing.ended_on = ended_on
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def update_pairing(*, pairing, helper_name, paired_on, helper_unit="", helper_phone="", ended_on=None):
    if ended_on is not None and ended_on < paired_on:
        _refuse("ended_on", _("The end cannot be before the start (%(what)s %(day)s)."), "end_before_start",
                what=_("paired on"), day=paired_on)  # fmt: skip
    others = pairing.elder.pairings.exclude(pk=pairing.pk)
    if ended_on is None:
        check_one_helper(elder=pairing.elder, field="ended_on", exclude=pairing)
    if others.filter(helper_name=helper_name, paired_on=paired_on).exists():
        _refuse("helper_name", _("%(helper)s was already paired with this elder on %(day)s."), "duplicate",
                helper=helper_name, day=paired_on)  # fmt: skip
    pairing.helper_name, pairing.helper_unit, pairing.helper_phone = helper_name, helper_unit, helper_phone
    pairing.paired_on, pairing.ended_on = paired_on, ended_on
    pairing.full_clean()
    pairing.save()
    return pairing


@transaction.atomic
def update_visit(*, visit, visited_on, amount, visited_by="", note=""):
    for day in (visit.visited_on, visited_on):  # neither the old date nor the new one may be closed
        closing.ensure_open(organization=visit.organization, day=day, field="visited_on")
    if (
        m.Visit.objects.filter(kind=visit.kind, person=visit.person_id, visited_on=visited_on)
        .exclude(pk=visit.pk)
        .exists()
    ):
        _refuse("visited_on", _("A visit to %(name)s on %(day)s is already recorded."), "duplicate",
                name=visit.person.name, day=visited_on)  # fmt: skip
    visit.visited_on, visit.amount = visited_on, Decimal(amount)
    visit.visited_by, visit.note = visited_by, note
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def update_medical_waiver(*, waiver, granted_on, amount, provider=""):
    for day in (waiver.granted_on, granted_on):
        closing.ensure_open(organization=waiver.organization, day=day, field="granted_on")
    if waiver.elder.waivers.filter(granted_on=granted_on, provider=provider).exclude(pk=waiver.pk).exists():
        _refuse("provider", _("A waiver for %(name)s by %(provider)s on %(day)s is already recorded."), "duplicate",
                name=waiver.elder.person.name, provider=provider or "—", day=granted_on)  # fmt: skip
    waiver.granted_on, waiver.amount, waiver.provider = granted_on, Decimal(amount), provider
    waiver.full_clean()
    waiver.save()
    return waiver


@transaction.atomic
def update_installation(*, row, township, village=None, installed_on, location, **fields):
    """A family phone or mailbox moved or corrected; the answerable organisation follows the place."""
    model = type(row)
    if (
        model.objects.filter(township=township, village=village, location=location)
        .exclude(pk=row.pk)
        .exists()
    ):
        _refuse("location", _("A %(what)s at %(location)s here is already recorded."), "duplicate",
                what=model._meta.verbose_name, location=location)  # fmt: skip
    row.organization = answerable_organization(township, village)
    row.township, row.village, row.installed_on, row.location = township, village, installed_on, location
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def update_society(*, society, name, township, village=None, founded_on, leader_name=""):
    if m.MutualAidSociety.objects.filter(township=township, name=name).exclude(pk=society.pk).exists():
        _refuse("name", _("%(township)s already has a society named %(name)s."), "duplicate",
                township=township.name, name=name)  # fmt: skip
    memberships = society.memberships.select_related("elder__person")
    away = [ms.elder.person.name for ms in memberships if ms.elder.township_id != township.pk]
    if away:
        _refuse(
            "township", _("Members live in another township: %(names)s."), "township", names="、".join(away)
        )
    # Founding members joined on the founding day and move with it; later members stay.
    founders = memberships.filter(joined_on=society.founded_on)
    early = memberships.exclude(pk__in=founders.values("pk")).filter(joined_on__lt=founded_on)
    if early.exists():
        _refuse("founded_on", _("%(n)d members joined before that day."), "members_before", n=early.count())
    founders.update(joined_on=founded_on)
    society.organization = answerable_organization(township, village)
    society.name, society.township, society.village = name, township, village
    society.founded_on, society.leader_name = founded_on, leader_name
    society.full_clean()
    society.save()
    return society


@transaction.atomic
def add_society_members(*, society, elders, joined_on):
    """Elders of the society's township join it (once each), not before it was founded."""
    elders = list(elders)
    if joined_on < society.founded_on:
        _refuse(
            "joined_on", _("The society was founded on %(day)s."), "before_founded", day=society.founded_on
        )
    errors = []
    members = set(society.memberships.values_list("elder_id", flat=True))
    for elder in elders:
        if elder.township_id != society.township_id:
            errors.append(ValidationError(
                _("%(name)s lives in another township and cannot join this society."), code="township",
                params={"name": elder.person.name},
            ))  # fmt: skip
        elif elder.pk in members:
            errors.append(ValidationError(
                _("%(name)s is already a member."), code="duplicate", params={"name": elder.person.name}
            ))  # fmt: skip
    if not elders:
        errors.append(ValidationError(_("Name at least one elder."), code="empty"))
    if errors:
        raise ValidationError({"members": errors})
    return [m.SocietyMembership.objects.create(society=society, elder=e, joined_on=joined_on) for e in elders]


@transaction.atomic
def remove_society_member(*, membership):
    membership.delete()


def _check_attendance(trainee_count, attendees):
    if attendees and trainee_count < len(attendees):
        raise ValidationError(
            {"trainee_count": ValidationError(
                _("The attendance list has %(n)d names but only %(count)d trainees were entered."),
                code="attendance", params={"n": len(attendees), "count": trainee_count},
            )}
        )  # fmt: skip


@transaction.atomic
def update_training(*, training, title, held_on, trainee_count, funds, trade="", venue="", attendees=()):
    attendees = list(attendees)
    _check_attendance(trainee_count, attendees)
    same = m.Training.objects.filter(organization=training.organization_id, held_on=held_on, title=title)
    if same.exclude(pk=training.pk).exists():
        _refuse("title", _("A training session titled %(title)s on %(day)s is already recorded."), "duplicate",
                title=title, day=held_on)  # fmt: skip
    training.title, training.held_on, training.trainee_count = title, held_on, trainee_count
    training.funds, training.trade, training.venue = Decimal(funds), trade, venue
    training.full_clean()
    training.save()
    training.attendees.set(attendees)
    return training


def _referral_counts(event):
    rows = list(event.referrals.values_list("employed", flat=True))
    return len(rows), sum(1 for employed in rows if employed)


@transaction.atomic
def update_referral_event(*, event, title, held_on, referred_count, employed_count, venue=""):
    listed, employed = _referral_counts(event)
    if listed and (referred_count, employed_count) != (listed, employed):
        _refuse("referred_count", _("The event lists %(n)d people, %(employed)d of them employed; the counts "
                                    "come from that list."), "counts_from_list", n=listed, employed=employed)  # fmt: skip
    if employed_count > referred_count:
        _refuse("employed_count", _("%(employed)d employed is more than the %(referred)d referred."),
                "employed_over", employed=employed_count, referred=referred_count)  # fmt: skip
    same = m.ReferralEvent.objects.filter(organization=event.organization_id, held_on=held_on, title=title)
    if same.exclude(pk=event.pk).exists():
        _refuse("title", _("A job referral event titled %(title)s on %(day)s is already recorded."), "duplicate",
                title=title, day=held_on)  # fmt: skip
    event.title, event.held_on, event.venue = title, held_on, venue
    event.referred_count, event.employed_count = referred_count, employed_count
    event.full_clean()
    event.save()
    return event


def _recount(event):
    """With people listed, the event's counts are those of the list; with none, nothing is counted."""
    event.referred_count, event.employed_count = _referral_counts(event)
    event.save(update_fields=["referred_count", "employed_count"])
    return event


@transaction.atomic
def add_referrals(*, event, people, employed=False, employer=""):
    """People referred at the event (once each); the counts then come from the list."""
    people = list(people)
    event = m.ReferralEvent.objects.select_for_update().get(pk=event.pk)
    listed = set(event.referrals.values_list("person_id", flat=True))
    errors = [
        ValidationError(_("%(name)s is already on the list."), code="duplicate", params={"name": p.name})
        for p in people
        if p.pk in listed
    ]
    if not people:
        errors.append(ValidationError(_("Name at least one person."), code="empty"))
    if errors:
        raise ValidationError({"people": errors})
    m.Referral.objects.bulk_create(
        [m.Referral(event=event, person=p, employed=employed, employer=employer) for p in people]
    )
    return _recount(event)


@transaction.atomic
def update_referral(*, referral, employed, employer=""):
    referral.employed, referral.employer = employed, employer
    referral.full_clean()
    referral.save()
    return _recount(m.ReferralEvent.objects.select_for_update().get(pk=referral.event_id))


@transaction.atomic
def remove_referral(*, referral):
    event = m.ReferralEvent.objects.select_for_update().get(pk=referral.event_id)
    referral.delete()
    return _recount(event)


@transaction.atomic
def update_symposium(*, symposium, held_on, attendees, venue="", notes=""):
    if (
        m.ReturneeSymposium.objects.filter(organization=symposium.organization_id, held_on=held_on)
        .exclude(pk=symposium.pk)
        .exists()
    ):
        _refuse(
            "held_on", _("A returnee symposium on %(day)s is already recorded."), "duplicate", day=held_on
        )
    symposium.held_on, symposium.venue = held_on, venue
    symposium.attendees, symposium.notes = attendees, notes
    symposium.full_clean()
    symposium.save()
    return symposium


@transaction.atomic
def delete_record(*, record):
    """A service record entered by mistake; django-auditlog keeps what it was."""
    record.delete()
