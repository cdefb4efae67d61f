"""The service ledgers as lists: what each shows, from which QuerySet (always visible_to)."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import models as m


@dataclass(frozen=True)
class ServiceList:
    key: str
    title: str
    queryset: object  # callable(user) -> QuerySet
    columns: tuple  # (header, getter)
    sums: tuple = ()  # the columns the exported ledger totals on its 合计 row


def _place(r):
    return f"{r.township}{r.village or ''}"


SERVICE_LISTS = {
    s.key: s
    for s in [
        ServiceList(
            "pairings", _("Pairings with elders"),
            lambda u: m.Pairing.objects.visible_to(u).select_related("elder__person", "elder__township"),
            ((_("Elder"), lambda r: r.elder.person.name), (_("Township"), lambda r: r.elder.township),
             (_("Helper"), lambda r: r.helper_name), (_("Helper's unit"), lambda r: r.helper_unit),
             (_("Paired on"), lambda r: r.paired_on)),
        ),
        ServiceList(
            "visits", _("Visits with money"),
            lambda u: m.Visit.objects.visible_to(u).select_related("person", "organization"),
            ((_("Visited"), lambda r: r.get_kind_display()), (_("Name"), lambda r: r.person.name),
             (_("Organisation"), lambda r: r.organization), (_("Visited on"), lambda r: r.visited_on),
             (_("Amount (yuan)"), lambda r: r.amount)),
            sums=(4,),
        ),
        ServiceList(
            "waivers", _("Medical fee waivers"),
            lambda u: m.MedicalWaiver.objects.visible_to(u).select_related("elder__person"),
            ((_("Elder"), lambda r: r.elder.person.name), (_("Clinic or hospital"), lambda r: r.provider),
             (_("Granted on"), lambda r: r.granted_on), (_("Amount (yuan)"), lambda r: r.amount)),
            sums=(3,),
        ),
        ServiceList(
            "phones", _("Family phones"),
            lambda u: m.FamilyPhone.objects.visible_to(u).select_related("township", "village"),
            ((_("Place"), _place), (_("Where"), lambda r: r.location), (_("Number"), lambda r: r.number),
             (_("Installed on"), lambda r: r.installed_on)),
        ),
        ServiceList(
            "mailboxes", _("Family mailboxes"),
            lambda u: m.FamilyMailbox.objects.visible_to(u).select_related("township", "village"),
            ((_("Place"), _place), (_("Where"), lambda r: r.location), (_("Installed on"), lambda r: r.installed_on)),
        ),
        ServiceList(
            "societies", _("Elders' mutual-aid societies"),
            lambda u: m.MutualAidSociety.objects.visible_to(u).select_related("township", "village")
            .annotate(n_members=Count("memberships")).order_by("-founded_on", "pk"),
            ((_("Society name"), lambda r: r.name), (_("Place"), _place), (_("Leader"), lambda r: r.leader_name),
             (_("Members"), lambda r: r.n_members), (_("Founded on"), lambda r: r.founded_on)),
            sums=(3,),
        ),
        ServiceList(
            "trainings", _("Skills training sessions"),
            lambda u: m.Training.objects.visible_to(u).select_related("organization")
            .annotate(n_listed=Count("attendees")).order_by("-held_on", "pk"),
            ((_("Title"), lambda r: r.title), (_("Held on"), lambda r: r.held_on), (_("Venue"), lambda r: r.venue),
             (_("Trainees"), lambda r: r.trainee_count), (_("On the attendance list"), lambda r: r.n_listed),
             (_("Funds (yuan)"), lambda r: r.funds)),
            sums=(3, 4, 5),
        ),
        ServiceList(
            "referrals", _("Job referral events"),
            lambda u: m.ReferralEvent.objects.visible_to(u).select_related("organization"),
            ((_("Title"), lambda r: r.title), (_("Held on"), lambda r: r.held_on),
             (_("People referred"), lambda r: r.referred_count), (_("People employed"), lambda r: r.employed_count)),
            sums=(2, 3),
        ),
        ServiceList(
            "symposiums", _("Returnee symposiums"),
            lambda u: m.ReturneeSymposium.objects.visible_to(u).select_related("organization"),
            ((_("Organisation"), lambda r: r.organization), (_("Held on"), lambda r: r.held_on),
             (_("Venue"), lambda r: r.venue), (_("Attendees"), lambda r: r.attendees)),
            sums=(3,),
        ),
        ServiceList(
            "proxy", _("Children with a proxy parent"),
            # Counts per proxy parent only: no child's name appears here.
            lambda u: m.ProxyParent.objects.visible_to(u).select_related("person", "township")
            .annotate(n_children=Count("children")).order_by("-pk"),
            ((_("Proxy parent"), lambda r: r.person.name), (_("Township"), lambda r: r.township),
             (_("Workplace or position"), lambda r: r.workplace), (_("Children"), lambda r: r.n_children)),
            sums=(3,),
        ),
    ]
}  # fmt: skip
