"""The Three Cares figures of BRIEF.md (three_cares.*), computed from the records.

Registry figures are stocks (registered by the period's end); service figures are flows within
the period. The migrant workers' rights cases (three_cares.rights_*) come from the assistance
app's rights cases, not from here.
"""

from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.reporting import tallies
from gonghui.reporting.indicators import register, register_activity

from . import models as m


def _count(model, org, day, **filters):
    return scoping.restrict(model.objects.on_register(day), org).filter(**filters).count()


REGISTRY_COLUMNS = [
    ("organization__name", _("Organisation")), ("person__name", _("person")), ("township__name", _("township")),
    ("village__name", _("village")), ("registered_on", _("registered on")),
]  # fmt: skip


def _stock(code, model, name, unit, **filters):
    def rows(org, period):
        return scoping.restrict(model.objects.on_register(period.end), org).filter(**filters)

    # A stock of up to a million rows: the county's figure sums the registry's monthly tally.
    kept = tallies.series(code, model, date="registered_on", where=Q(**filters))

    @register(code, name=name, unit=unit, records=rows, columns=REGISTRY_COLUMNS,
              minors=model is m.LeftBehindChild, tally=tallies.Tally(kept, stock=True))  # fmt: skip
    def stock(org, period):
        return _count(model, org, period.end, **filters)

    return stock


_stock("three_cares.out_migrants", m.OutMigrant, _("Out-migrant workers registered"), _("people"))
_stock("three_cares.incoming", m.IncomingWorker, _("Incoming workers registered"), _("people"))
_stock("three_cares.returnees", m.Returnee, _("Returnee entrepreneurs registered"), _("people"))
_stock("three_cares.elders", m.Elder, _("Empty-nest elders registered"), _("people"))
_stock("three_cares.children", m.LeftBehindChild, _("Left-behind children registered"), _("children"))
_stock("three_cares.children_pupils", m.LeftBehindChild, _("Left-behind pupils"), _("children"), kind="pupil")
_stock(
    "three_cares.children_preschool", m.LeftBehindChild, _("Left-behind preschool children"), _("children"),
    kind="preschool",
)  # fmt: skip
_stock(
    "three_cares.children_with_proxy_parent", m.LeftBehindChild, _("Left-behind children with a proxy parent"),
    _("children"), proxy_parent__isnull=False,
)  # fmt: skip


def _in(model, org, period, field):
    return scoping.restrict(model.objects.all(), org).filter(
        **{f"{field}__gte": period.start, f"{field}__lte": period.end}
    )


TRAINING_COLUMNS = [
    ("organization__name", _("Organisation")), ("title", _("title")), ("held_on", _("held on")),
    ("trainee_count", _("trainees")), ("funds", _("funds (yuan)")),
]  # fmt: skip
REFERRAL_COLUMNS = [
    ("organization__name", _("Organisation")), ("title", _("title")), ("held_on", _("held on")),
    ("referred_count", _("people referred")), ("employed_count", _("people employed")),
]  # fmt: skip
VISIT_COLUMNS = [
    ("organization__name", _("Organisation")), ("person__name", _("person")), ("visited_on", _("visited on")),
    ("amount", _("amount (yuan)")), ("visited_by", _("visited by")),
]  # fmt: skip
PAIRING_COLUMNS = [
    ("organization__name", _("Organisation")), ("elder__person__name", _("person")),
    ("helper_name", _("helper's name")), ("paired_on", _("paired on")), ("ended_on", _("ended on")),
]  # fmt: skip
WAIVER_COLUMNS = [
    ("organization__name", _("Organisation")), ("elder__person__name", _("person")),
    ("granted_on", _("granted on")), ("amount", _("amount waived (yuan)")), ("provider", _("clinic or hospital")),
]  # fmt: skip
PLACE_COLUMNS = [
    ("organization__name", _("Organisation")), ("township__name", _("township")), ("village__name", _("village")),
    ("installed_on", _("installed on")),
]  # fmt: skip
SOCIETY_COLUMNS = [
    ("organization__name", _("Organisation")), ("name", _("name")), ("village__name", _("village")),
    ("founded_on", _("founded on")),
]  # fmt: skip
MAILING_COLUMNS = [
    ("organization__name", _("Organisation")), ("title", _("title")), ("sent_on", _("sent on")), ("cards", _("cards")),
]  # fmt: skip
SPONSOR_COLUMNS = [
    ("mailing__title", _("title")), ("name", _("sponsor")), ("amount", _("share (yuan)")),
]  # fmt: skip


def _trainings(org, period):
    return _in(m.Training, org, period, "held_on")


def _referrals(org, period):
    return _in(m.ReferralEvent, org, period, "held_on")


def _visits_of(kind):
    def rows(org, period):
        return _in(m.Visit, org, period, "visited_on").filter(kind=kind)

    return rows


def _pairings(org, period):
    return scoping.restrict(m.Pairing.objects.all(), org).filter(_active("paired_on", "ended_on", period))


def _waivers(org, period):
    return _in(m.MedicalWaiver, org, period, "granted_on")


def _proxy_parents(org, period):
    return scoping.restrict(m.ProxyParent.objects.all(), org).filter(
        _active("registered_on", "ended_on", period)
    )


def _installed(model):
    def rows(org, period):
        return scoping.restrict(model.objects.filter(installed_on__lte=period.end), org)

    return rows


def _societies(org, period):
    return scoping.restrict(m.MutualAidSociety.objects.filter(founded_on__lte=period.end), org)


def _mailings(org, period):
    return _in(m.GreetingMailing, org, period, "sent_on")


def _sponsors(org, period):
    return m.MailingSponsor.objects.filter(mailing__in=_mailings(org, period))


@register("three_cares.trainings", name=_("Skills training sessions for migrant workers"), unit=_("sessions"),
          records=_trainings, columns=TRAINING_COLUMNS, total="count")  # fmt: skip
def trainings(org, period):
    return _in(m.Training, org, period, "held_on").count()


@register("three_cares.trainees", name=_("Migrant workers trained"), unit=_("person-times"),
          records=_trainings, columns=TRAINING_COLUMNS, total="sum:trainee_count")  # fmt: skip
def trainees(org, period):
    return _in(m.Training, org, period, "held_on").aggregate(n=Sum("trainee_count"))["n"] or 0


@register("three_cares.training_funds", name=_("Funds spent on migrant workers' training"), unit=_("yuan"),
          records=_trainings, columns=TRAINING_COLUMNS, total="sum:funds")  # fmt: skip
def training_funds(org, period):
    return _in(m.Training, org, period, "held_on").aggregate(n=Sum("funds"))["n"] or 0


SYMPOSIUM_COLUMNS = [
    ("organization__name", _("Organisation")), ("held_on", _("held on")), ("venue", _("venue")),
    ("attendees", _("attendees")),
]  # fmt: skip


def _symposiums(org, period):
    return _in(m.ReturneeSymposium, org, period, "held_on")


@register("three_cares.symposiums", name=_("Returnee symposiums held"), unit=_("meetings"),
          records=_symposiums, columns=SYMPOSIUM_COLUMNS, total="count")  # fmt: skip
def symposiums(org, period):
    return _symposiums(org, period).count()


@register("three_cares.referral_events", name=_("Job referral events"), unit=_("events"),
          records=_referrals, columns=REFERRAL_COLUMNS, total="count")  # fmt: skip
def referral_events(org, period):
    return _in(m.ReferralEvent, org, period, "held_on").count()


@register("three_cares.referred", name=_("Migrant workers referred to jobs"), unit=_("people"),
          records=_referrals, columns=REFERRAL_COLUMNS, total="sum:referred_count")  # fmt: skip
def referred(org, period):
    return _in(m.ReferralEvent, org, period, "held_on").aggregate(n=Sum("referred_count"))["n"] or 0


@register("three_cares.employed", name=_("Migrant workers employed through referral"), unit=_("people"),
          records=_referrals, columns=REFERRAL_COLUMNS, total="sum:employed_count")  # fmt: skip
def employed(org, period):
    return _in(m.ReferralEvent, org, period, "held_on").aggregate(n=Sum("employed_count"))["n"] or 0


def _visits(kind, org, period):
    rows = _in(m.Visit, org, period, "visited_on").filter(kind=kind)
    return rows.aggregate(people=Count("person", distinct=True), amount=Sum("amount"))


@register("three_cares.migrants_visited", name=_("Migrant workers visited"), unit=_("people"),
          records=_visits_of("migrant"), columns=VISIT_COLUMNS, total="distinct:person")  # fmt: skip
def migrants_visited(org, period):
    return _visits("migrant", org, period)["people"]


@register("three_cares.migrants_visited_amount", name=_("Money given on visits to migrant workers"),
          unit=_("yuan"),
          records=_visits_of("migrant"), columns=VISIT_COLUMNS, total="sum:amount")  # fmt: skip
def migrants_visited_amount(org, period):
    return _visits("migrant", org, period)["amount"] or 0


@register("three_cares.elders_visited", name=_("Empty-nest elders visited"), unit=_("people"),
          records=_visits_of("elder"), columns=VISIT_COLUMNS, total="distinct:person")  # fmt: skip
def elders_visited(org, period):
    return _visits("elder", org, period)["people"]


@register("three_cares.elders_visited_amount", name=_("Money given on visits to elders"), unit=_("yuan"),
          records=_visits_of("elder"), columns=VISIT_COLUMNS, total="sum:amount")  # fmt: skip
def elders_visited_amount(org, period):
    return _visits("elder", org, period)["amount"] or 0


@register("three_cares.children_visited", name=_("Left-behind children visited"), unit=_("children"),
          records=_visits_of("child"), columns=VISIT_COLUMNS, total="distinct:person", minors=True)  # fmt: skip
def children_visited(org, period):
    return _visits("child", org, period)["people"]


@register("three_cares.children_visited_amount", name=_("Money given on visits to children"), unit=_("yuan"),
          records=_visits_of("child"), columns=VISIT_COLUMNS, total="sum:amount", minors=True)  # fmt: skip
def children_visited_amount(org, period):
    return _visits("child", org, period)["amount"] or 0


def _active(field_from, field_to, period):
    return Q(**{f"{field_from}__lte": period.end}) & (
        Q(**{f"{field_to}__isnull": True}) | Q(**{f"{field_to}__gte": period.start})
    )


@register("three_cares.elders_paired", name=_("Empty-nest elders paired with a helper"), unit=_("people"),
          records=_pairings, columns=PAIRING_COLUMNS, total="distinct:elder")  # fmt: skip
def elders_paired(org, period):
    rows = scoping.restrict(m.Pairing.objects.all(), org).filter(_active("paired_on", "ended_on", period))
    return rows.values("elder").distinct().count()


@register("three_cares.elders_medical_waivers", name=_("Medical fees waived for elders"), unit=_("yuan"),
          records=_waivers, columns=WAIVER_COLUMNS, total="sum:amount")  # fmt: skip
def elders_medical_waivers(org, period):
    return _in(m.MedicalWaiver, org, period, "granted_on").aggregate(n=Sum("amount"))["n"] or 0


@register("three_cares.proxy_parents", name=_("Proxy parents appointed for children"), unit=_("people"),
          records=_proxy_parents, columns=REGISTRY_COLUMNS, total="count")  # fmt: skip
def proxy_parents(org, period):
    rows = scoping.restrict(m.ProxyParent.objects.all(), org)
    return rows.filter(_active("registered_on", "ended_on", period)).count()


@register("three_cares.family_phones", name=_("Family phones installed"), unit=_("phones"),
          records=_installed(m.FamilyPhone), columns=PLACE_COLUMNS, total="count")  # fmt: skip
def family_phones(org, period):
    return scoping.restrict(m.FamilyPhone.objects.filter(installed_on__lte=period.end), org).count()


@register("three_cares.family_mailboxes", name=_("Family mailboxes set up"), unit=_("mailboxes"),
          records=_installed(m.FamilyMailbox), columns=PLACE_COLUMNS, total="count")  # fmt: skip
def family_mailboxes(org, period):
    return scoping.restrict(m.FamilyMailbox.objects.filter(installed_on__lte=period.end), org).count()


@register("three_cares.mutual_aid_societies", name=_("Elders' mutual-aid societies"), unit=_("societies"),
          records=_societies, columns=SOCIETY_COLUMNS, total="count")  # fmt: skip
def mutual_aid_societies(org, period):
    return scoping.restrict(m.MutualAidSociety.objects.filter(founded_on__lte=period.end), org).count()


@register("three_cares.greeting_cards", name=_("Greeting cards mailed to migrant workers"), unit=_("cards"),
          records=_mailings, columns=MAILING_COLUMNS, total="sum:cards")  # fmt: skip
def greeting_cards(org, period):
    return _in(m.GreetingMailing, org, period, "sent_on").aggregate(n=Sum("cards"))["n"] or 0


@register("three_cares.greeting_cards_funds", name=_("Sponsors' funds for greeting cards"), unit=_("yuan"),
          records=_sponsors, columns=SPONSOR_COLUMNS, total="sum:amount", via="mailing__organization")  # fmt: skip
def greeting_cards_funds(org, period):
    mailings = _in(m.GreetingMailing, org, period, "sent_on")
    return m.MailingSponsor.objects.filter(mailing__in=mailings).aggregate(n=Sum("amount"))["n"] or 0


@register_activity
def latest_training(user):
    """The programme's latest training the user may see (pages' default year)."""
    return m.Training.objects.visible_to(user).aggregate(latest=Max("held_on"))["latest"]
