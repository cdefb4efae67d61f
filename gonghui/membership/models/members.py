"""Members (会员实名制): each member is a ``people.Person``; a membership is one person in one union."""

from django.db import models
from django.db.models import F, Func, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.fields import owned_by
from gonghui.people import carried

from .base import ScopedQuerySet

# The columns of the list's filters (MembershipQuerySet.filtered), carried by the search's indexes.
SEARCH_FILTERS = ["is_migrant_worker", "joined_at_source", "left_on"]
# PostgreSQL answers LIKE '王%' from an index under any collation with the pattern operator class.
SEARCH_OPCLASSES = ["int8_ops", "varchar_pattern_ops", "bool_ops", "bool_ops", "date_ops", "int8_ops"]


class MembershipQuerySet(ScopedQuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)

    def new_in(self, period):
        """Members who joined a union in the period: neither transfers nor joining at source."""
        return self.between("joined_on", period).filter(
            origin=Membership.Origin.JOINED, joined_at_source=False
        )

    def joined_at_source_in(self, period):
        return self.between("joined_on", period).filter(joined_at_source=True)

    def filtered(self, *, card="", migrant=None, at_source=None, status=""):
        """The member list's filters other than the text search (flags, status, card number)."""
        rows = self
        # "in [value]", not "= value": Django writes a true boolean as the bare column on SQLite,
        # which cannot use the (organization, flag, id) index (a county's page: 90 ms → 1 ms).
        if migrant is not None:
            rows = rows.filter(is_migrant_worker__in=[migrant])
        if at_source is not None:
            rows = rows.filter(joined_at_source__in=[at_source])
        if status == "current":
            rows = rows.current()
        elif status == "left":
            rows = rows.filter(left_on__isnull=False)
        card = (card or "").strip()
        if card:
            rows = rows.filter(card_number=card)
        return rows

    def listed_for(self, user, *, q="", **filters):
        """The member list as `user` sees it (the page and its export): the filters, the text search
        (as the people search reads it: name, pinyin initials, ID number or phone), through the
        scoping door.

        A name or initials is searched in the member's name carried on the membership
        (``people.carried``: kept by triggers), from the (organization, name, id) and
        (organization, initials, id) indexes: each union of the user's subtree is one range of the
        index, read without the table (bench/members.py). An ID number or a phone finds the people
        first, then their memberships from the (person, joined_on, organization) index, with the
        union checked on the index entry (the scope on ``+organization_id``, which no index answers:
        with the scope on the bare column SQLite probed every union of a county for every matching
        person).
        """
        rows = self.without_unseen(user).filtered(**filters)
        q = (q or "").strip()
        if not q:
            return scoping.restrict(rows, user)
        rows = carried.search(rows, q)
        if not carried.by_person(q):
            return scoping.restrict(rows, user)
        owner = Func(F("organization_id"), template="+%(expressions)s", output_field=models.BigIntegerField())
        return scoping.restrict(rows.alias(_owner=owner), user, via="_owner")


class Membership(models.Model):
    """One person's membership of one union, from joining to leaving (or a transfer)."""

    class Origin(models.TextChoices):
        JOINED = "joined", _("Joined")
        TRANSFERRED = "transferred", _("Transferred in")

    class LeaveReason(models.TextChoices):
        TRANSFERRED = "transferred", _("Transferred to another union")
        CHANGED_JOB = "changed_job", _("Left the workplace")
        RETIRED = "retired", _("Retired")
        WITHDREW = "withdrew", _("Withdrew")
        DIED = "died", _("Died")
        OTHER = "other", _("Other")

    # No index of its own: (person, organization) below leads with it.
    person = models.ForeignKey("people.Person", verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="memberships", db_index=False)  # fmt: skip
    organization = owned_by(_("union"), related_name="+", db_index=False)
    joined_on = models.DateField(_("joined on"))
    card_number = models.CharField(_("member card number"), max_length=30, blank=True)
    is_migrant_worker = models.BooleanField(_("migrant worker"), default=False)
    joined_at_source = models.BooleanField(_("joined at source"), default=False,
                                           help_text=_("农民工源头入会: joined in the home place before leaving."))  # fmt: skip
    origin = models.CharField(
        _("how they came"), max_length=12, choices=Origin.choices, default=Origin.JOINED
    )
    transferred_from = models.OneToOneField("self", verbose_name=_("transferred from"), null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="transferred_to")  # fmt: skip
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=12, choices=LeaveReason.choices,
                                    blank=True)  # fmt: skip
    leave_note = models.CharField(_("note on leaving"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The person's name and initials, carried for the member search and kept by the database
    # (people.carried): never written by Django.
    member_name = carried.carried_name_field()
    member_initials = carried.carried_initials_field()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-pk"]
        constraints = [
            # Twice in one union at once is refused (rules.joining_errors says so in Chinese first).
            models.UniqueConstraint(
                fields=["person", "organization"],
                condition=Q(left_on__isnull=True),
                name="membership_once_per_union",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="membership_leaves_after_joining",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | ~Q(leave_reason=""), name="membership_leaving_has_reason"
            ),  # fmt: skip
        ]
        indexes = [
            # The list (newest first in a subtree), the people scoping rule, the figures, the filters.
            models.Index(fields=["organization", "id"], name="membership_org_id"),
            models.Index(fields=["organization", "person"], name="membership_org_person"),
            models.Index(
                fields=["organization", "joined_on", "origin", "joined_at_source"],
                name="membership_org_joined",
            ),  # fmt: skip
            models.Index(
                fields=["organization", "is_migrant_worker", "id"], name="membership_org_migrant_id"
            ),
            models.Index(fields=["organization", "left_on", "id"], name="membership_org_left_id"),  # current ones
            models.Index(fields=["organization", "joined_at_source", "id"], name="membership_org_source_id"),
            models.Index(fields=["card_number"], name="membership_card"),
            # The member search by name and by initials in a subtree: one range per union, read from
            # the index alone (people.carried), with the list's filters on the entries (a county's 王
            # among migrant workers read 9,400 rows: 50-75 ms).
            models.Index(fields=["organization", "member_name", *SEARCH_FILTERS, "id"], name="membership_org_name_flags",
                         opclasses=SEARCH_OPCLASSES),  # fmt: skip
            models.Index(fields=["organization", "member_initials", *SEARCH_FILTERS, "id"],
                         name="membership_org_initials_flags", opclasses=SEARCH_OPCLASSES),  # fmt: skip
            # The person page (a person's memberships by date), and the member search: a matching
            # person's memberships with their union, read from the index alone (id for PostgreSQL).
            models.Index(fields=["person", "joined_on", "organization", "id"], name="membership_person_joined_org"),
        ]

    def __str__(self):
        return f"{self.person} @ {self.organization}"

    def get_absolute_url(self):
        return reverse("membership:member-detail", args=[self.pk])

    @property
    def is_current(self):
        return self.left_on is None
