"""The Three Cares services, one declaration each: how the service is listed and exported, its ledger
kind and figures, how a new record is entered and how a record's page shows and corrects it.

Pages (the lists, the entry pages, the record pages), the ledger kinds and the tests read this one
table; a name the service goes by elsewhere (its ledger code) finds the same declaration (`find`).
The record's own rules stay in services: the entries here only say which service function saves.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import Place

from . import forms, selectors, services
from . import models as m


@dataclass(frozen=True)
class Service:
    key: str  # in URLs (services/<key>/) and record links
    title: str
    model: type
    queryset: object  # callable(user) -> the list's QuerySet (always visible_to)
    columns: tuple  # (header, getter)
    sums: tuple = ()  # the columns the exported ledger totals on its 合计 row
    ledger: str = ""  # the code of its ledger kind, if it has one
    indicators: tuple = ()  # the figures (reporting indicators) counted from its records
    # Its entry page, if it has one: the form, whether the form picks places among the user's,
    # save(user, **cleaned) -> record (one service function), the page's title.
    entry_form: type = None
    entry_places: bool = False
    create: object = None
    create_title: str = ""
    # Its record page, if it has one: select_related, the fields shown in order, those in yuan, the
    # correction form (record, user, data) -> form, update(record, user, **cleaned) through one
    # service function, and a template of the record's own sections (people, members).
    related: tuple = ()
    fields: tuple = ()
    money: tuple = ()
    edit_form: object = None
    update: object = None
    sections: str = ""

    def record_queryset(self):
        return self.model.objects.select_related(*self.related)


def _place(r):
    return f"{r.township}{r.village or ''}"


def _values(record, names):
    return {name: getattr(record, name) for name in names}


def _place_values(record):
    return {"township": record.township_id, "village": record.village_id}


def _places(user):
    return Place.objects.visible_to(user)


def _found_society(user, *, members, **fields):
    listed = selectors.elders_listed(user, members, township=fields["township"], field="members")
    return services.found_society(members=listed, **fields)


def _record_training(user, *, attendees, **fields):
    listed = selectors.people_listed(user, attendees, field="attendees")
    return services.record_training(organization=user.organization, attendees=listed, **fields)


def _update_training(training, user, *, attendees, **fields):
    listed = selectors.people_listed(user, attendees, field="attendees", keep=training.attendees.all())
    return services.update_training(training=training, attendees=listed, **fields)


SERVICE_LISTS = {
    s.key: s
    for s in [
        Service(
            "pairings", _("Pairings with elders"), m.Pairing,
            lambda u: m.Pairing.objects.visible_to(u).select_related("elder__person", "elder__township"),
            ((_("Elder"), lambda r: r.elder.person.name), (_("Township"), lambda r: r.elder.township),
             (_("Helper"), lambda r: r.helper_name), (_("Helper's unit"), lambda r: r.helper_unit),
             (_("Paired on"), lambda r: r.paired_on)),
            ledger="pairings", indicators=("three_cares.elders_paired",),
            related=("elder__person", "organization"),
            fields=("elder", "helper_name", "helper_unit", "helper_phone", "paired_on", "ended_on", "organization"),
            edit_form=lambda r, u, data: forms.PairingEditForm(
                data, initial=_values(r, ("helper_name", "helper_unit", "helper_phone", "paired_on", "ended_on"))
            ),
            update=lambda r, u, **f: services.update_pairing(pairing=r, **f),
            sections="threecares/partials/pairing_end.html",
        ),
        Service(
            "visits", _("Visits with money"), m.Visit,
            lambda u: m.Visit.objects.visible_to(u).select_related("person", "organization"),
            ((_("Visited"), lambda r: r.get_kind_display()), (_("Name"), lambda r: r.person.name),
             (_("Organisation"), lambda r: r.organization), (_("Visited on"), lambda r: r.visited_on),
             (_("Amount (yuan)"), lambda r: r.amount)),
            sums=(4,),
            ledger="visits",
            indicators=("three_cares.migrants_visited", "three_cares.migrants_visited_amount",
                        "three_cares.elders_visited", "three_cares.elders_visited_amount",
                        "three_cares.children_visited", "three_cares.children_visited_amount"),
            related=("person", "organization"),
            fields=("kind", "person", "organization", "visited_on", "amount", "visited_by", "note"),
            money=("amount",),
            edit_form=lambda r, u, data: forms.VisitForm(
                data, initial=_values(r, ("visited_on", "amount", "visited_by", "note"))
            ),
            update=lambda r, u, **f: services.update_visit(visit=r, **f),
        ),
        Service(
            "waivers", _("Medical fee waivers"), m.MedicalWaiver,
            lambda u: m.MedicalWaiver.objects.visible_to(u).select_related("elder__person"),
            ((_("Elder"), lambda r: r.elder.person.name), (_("Clinic or hospital"), lambda r: r.provider),
             (_("Granted on"), lambda r: r.granted_on), (_("Amount (yuan)"), lambda r: r.amount)),
            sums=(3,),
            ledger="medical_waivers", indicators=("three_cares.elders_medical_waivers",),
            related=("elder__person", "organization"),
            fields=("elder", "organization", "granted_on", "amount", "provider"),
            money=("amount",),
            edit_form=lambda r, u, data: forms.WaiverForm(
                data, initial=_values(r, ("granted_on", "amount", "provider"))
            ),
            update=lambda r, u, **f: services.update_medical_waiver(waiver=r, **f),
        ),
        Service(
            "phones", _("Family phones"), m.FamilyPhone,
            lambda u: m.FamilyPhone.objects.visible_to(u).select_related("township", "village"),
            ((_("Place"), _place), (_("Where"), lambda r: r.location), (_("Number"), lambda r: r.number),
             (_("Installed on"), lambda r: r.installed_on)),
            ledger="family_phones", indicators=("three_cares.family_phones",),
            entry_form=forms.PhoneForm, entry_places=True,
            create=lambda u, **f: services.install(model=m.FamilyPhone, **f),
            create_title=_("Record a family phone"),
            related=("township", "village", "organization"),
            fields=("township", "village", "location", "number", "installed_on", "organization"),
            edit_form=lambda r, u, data: forms.PhoneForm(
                data, places=_places(u),
                initial=_place_values(r) | _values(r, ("location", "number", "installed_on")),
            ),
            update=lambda r, u, **f: services.update_installation(row=r, **f),
        ),
        Service(
            "mailboxes", _("Family mailboxes"), m.FamilyMailbox,
            lambda u: m.FamilyMailbox.objects.visible_to(u).select_related("township", "village"),
            ((_("Place"), _place), (_("Where"), lambda r: r.location), (_("Installed on"), lambda r: r.installed_on)),
            ledger="family_mailboxes", indicators=("three_cares.family_mailboxes",),
            entry_form=forms.MailboxForm, entry_places=True,
            create=lambda u, **f: services.install(model=m.FamilyMailbox, **f),
            create_title=_("Record a family mailbox"),
            related=("township", "village", "organization"),
            fields=("township", "village", "location", "installed_on", "organization"),
            edit_form=lambda r, u, data: forms.MailboxForm(
                data, places=_places(u), initial=_place_values(r) | _values(r, ("location", "installed_on"))
            ),
            update=lambda r, u, **f: services.update_installation(row=r, **f),
        ),
        Service(
            "societies", _("Elders' mutual-aid societies"), m.MutualAidSociety,
            lambda u: m.MutualAidSociety.objects.visible_to(u).select_related("township", "village")
            .annotate(n_members=Count("memberships")).order_by("-founded_on", "pk"),
            ((_("Society name"), lambda r: r.name), (_("Place"), _place), (_("Leader"), lambda r: r.leader_name),
             (_("Members"), lambda r: r.n_members), (_("Founded on"), lambda r: r.founded_on)),
            sums=(3,),
            ledger="mutual_aid_societies", indicators=("three_cares.mutual_aid_societies",),
            entry_form=forms.SocietyForm, entry_places=True, create=_found_society,
            create_title=_("Record a mutual-aid society"),
            related=("township", "village", "organization"),
            fields=("name", "township", "village", "leader_name", "founded_on", "organization"),
            edit_form=lambda r, u, data: forms.SocietyEditForm(
                data, places=_places(u), initial=_place_values(r) | _values(r, ("name", "founded_on", "leader_name"))
            ),
            update=lambda r, u, **f: services.update_society(society=r, **f),
            sections="threecares/partials/society_members.html",
        ),
        Service(
            "trainings", _("Skills training sessions"), m.Training,
            lambda u: m.Training.objects.visible_to(u).select_related("organization")
            .annotate(n_listed=Count("attendees")).order_by("-held_on", "pk"),
            ((_("Title"), lambda r: r.title), (_("Held on"), lambda r: r.held_on), (_("Venue"), lambda r: r.venue),
             (_("Trainees"), lambda r: r.trainee_count), (_("On the attendance list"), lambda r: r.n_listed),
             (_("Funds (yuan)"), lambda r: r.funds)),
            sums=(3, 4, 5),
            ledger="trainings",
            indicators=("three_cares.trainings", "three_cares.trainees", "three_cares.training_funds"),
            entry_form=forms.TrainingForm, create=_record_training, create_title=_("Record a training session"),
            related=("organization",),
            fields=("title", "trade", "held_on", "venue", "trainee_count", "funds", "organization"),
            money=("funds",),
            edit_form=lambda r, u, data: forms.TrainingForm(
                data,
                initial=_values(r, ("title", "trade", "held_on", "venue", "trainee_count", "funds"))
                | {"attendees": "\n".join(p.name for p in r.attendees.order_by("pk"))},
            ),
            update=_update_training,
            sections="threecares/partials/training_attendees.html",
        ),
        Service(
            "referrals", _("Job referral events"), m.ReferralEvent,
            lambda u: m.ReferralEvent.objects.visible_to(u).select_related("organization"),
            ((_("Title"), lambda r: r.title), (_("Held on"), lambda r: r.held_on),
             (_("People referred"), lambda r: r.referred_count), (_("People employed"), lambda r: r.employed_count)),
            sums=(2, 3),
            ledger="referrals",
            indicators=("three_cares.referral_events", "three_cares.referred", "three_cares.employed"),
            entry_form=forms.ReferralEventForm,
            create=lambda u, **f: services.record_referral_event(organization=u.organization, **f),
            create_title=_("Record a job referral event"),
            related=("organization",),
            fields=("title", "held_on", "venue", "referred_count", "employed_count", "organization"),
            edit_form=lambda r, u, data: forms.ReferralEventForm(
                data, initial=_values(r, ("title", "held_on", "venue", "referred_count", "employed_count"))
            ),
            update=lambda r, u, **f: services.update_referral_event(event=r, **f),
            sections="threecares/partials/referral_people.html",
        ),
        Service(
            "symposiums", _("Returnee symposiums"), m.ReturneeSymposium,
            lambda u: m.ReturneeSymposium.objects.visible_to(u).select_related("organization"),
            ((_("Organisation"), lambda r: r.organization), (_("Held on"), lambda r: r.held_on),
             (_("Venue"), lambda r: r.venue), (_("Attendees"), lambda r: r.attendees)),
            sums=(3,),
            ledger="symposiums",
            entry_form=forms.SymposiumForm,
            create=lambda u, **f: services.record_symposium(organization=u.organization, **f),
            create_title=_("Record a returnee symposium"),
            related=("organization",),
            fields=("organization", "held_on", "venue", "attendees", "notes"),
            edit_form=lambda r, u, data: forms.SymposiumForm(
                data, initial=_values(r, ("held_on", "venue", "attendees", "notes"))
            ),
            update=lambda r, u, **f: services.update_symposium(symposium=r, **f),
        ),
        Service(
            "proxy", _("Children with a proxy parent"), m.ProxyParent,
            # Counts per proxy parent only: no child's name appears here.
            lambda u: m.ProxyParent.objects.visible_to(u).select_related("person", "township")
            .annotate(n_children=Count("children")).order_by("-pk"),
            ((_("Proxy parent"), lambda r: r.person.name), (_("Township"), lambda r: r.township),
             (_("Workplace or position"), lambda r: r.workplace), (_("Children"), lambda r: r.n_children)),
            sums=(3,),
            indicators=("three_cares.proxy_parents",),
        ),
    ]
}  # fmt: skip


def find(name):
    """The service a name stands for: its key or its ledger code; None if no service."""
    if name in SERVICE_LISTS:
        return SERVICE_LISTS[name]
    return next((s for s in SERVICE_LISTS.values() if s.ledger and name == s.ledger), None)
