import functools
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.db.models.functions import Right
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from gonghui.orgs import scoping
from gonghui.orgs.models import Place
from gonghui.text import prefix_q

from . import idnumbers
from .pinyin import initials


@functools.lru_cache(maxsize=16)
def _detail_url(_prefix, _urlconf):
    """The person page's URL around its id, resolved once: a list of 50 people called reverse() 50
    times, a tenth of the page's time in Python."""
    head, _zero, tail = reverse("people:person-detail", args=[0]).rpartition("0")
    return head, tail


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


_CODEPOINT_COLLATIONS = {"C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"}
_collation = {}


def _codepoint_collation():
    """Whether the PostgreSQL database sorts text by code point (collation C and its kin)."""
    if "db" not in _collation:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datcollate FROM pg_database WHERE datname = current_database()")
            _collation["db"] = cursor.fetchone()[0] in _CODEPOINT_COLLATIONS
    return _collation["db"]


def _search_kind(text):
    """What a search looks for, as the text looks: ("", ""), ("id", number), ("phone", digits),
    ("initials", letters) or ("name", text)."""
    text = re.sub(r"\s+", "", str(text or ""))
    if not text:
        return "", ""
    number = idnumbers.normalize(text)
    if len(number) == 18 and number[:17].isdigit():
        return "id", number
    if text.isdigit():
        return "phone", text
    if text.isascii() and text.isalpha():
        return "initials", text.lower()
    return "name", text


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict_people(self, user)

    def with_id_number(self, number):
        return self.filter(id_number_hash=idnumbers.lookup_hash(number))

    def search(self, text):
        """Name, pinyin initials (zs → 张三), ID number (exact) or phone, as the text looks."""
        kind, text = _search_kind(text)
        if not kind:
            return self
        if kind == "id":
            return self.filter(id_number_hash=idnumbers.lookup_hash(text))
        if kind == "phone":
            return self._with_phone(text)
        if kind == "initials":
            return self.filter(prefix_q("name_initials", text))
        # Officers type the surname first: a prefix search, answered from the name index.
        rows = self.filter(prefix_q("name", text))
        if connection.vendor == "postgresql" and not _codepoint_collation():
            # LIKE cannot bound the collation-ordered name index, so for a common surname the
            # planner walked that index from its first entry to fill a page ordered by name
            # (0.2-0.5 s at 1,000,000 people). Every name starting with the text sorts at or
            # after it, so this lower bound changes no result and starts the walk at the text.
            rows = rows.filter(name__gte=text)
        # Where names sort by code point (collation C), LIKE alone is best: PostgreSQL reads it as a
        # range of the covering pattern index (name, township, village, id), index only. Range
        # bounds of our own used the name index instead, which cannot bound a pattern, and
        # multiplied the planner's estimates (one row expected for 王 among a county's 9,358):
        # 50 ms reading the table against 10 ms from the index.
        return rows

    def _with_phone(self, digits):
        """Four digits are a phone's last four (尾号); more are its start or its end."""
        if len(digits) < 4:
            return self.none()
        ends = Q(phone_tail=digits[-4:])
        if len(digits) > 4:
            ends &= Q(phone__endswith=digits)
        return self.filter(ends | prefix_q("phone", digits)) if len(digits) >= 7 else self.filter(ends)


class Person(models.Model):
    """One human, shared by every registry (hardship, Three Cares, membership, ...)."""

    # Indexes are declared in Meta, not with db_index/unique: on PostgreSQL those add a second
    # "_like" index per column, and at a million people the six of them cost 250 MB and a fifth
    # of an import's time while the pattern indexes below already answer every prefix search.
    name = models.CharField(_("name"), max_length=50)
    name_initials = models.CharField(_("pinyin initials"), max_length=40, editable=False)
    # The clear ID number is never stored: AES-GCM ciphertext, a keyed hash for lookup and the
    # masked form for lists (so list pages need no key and leak nothing).
    id_number_cipher = models.TextField(blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Officers look a phone up by its last four digits (尾号): the database keeps them in a column
    # of their own, so that search is an index lookup instead of a scan of every number.
    phone_tail = models.GeneratedField(
        expression=Right("phone", 4), output_field=models.CharField(max_length=4), db_persist=True
    )
    # No index of their own: (township, name) and (village, name) below lead with them.
    township = models.ForeignKey(
        Place, verbose_name=_("township"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )  # fmt: skip
    village = models.ForeignKey(
        Place,
        verbose_name=_("village or community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["id_number_hash"], name="person_id_number_hash_unique")
        ]
        indexes = [
            models.Index(fields=["name"], name="person_name_idx"),  # the lists' order
            # A phone's first digits: a prefix search, which on PostgreSQL needs the pattern class.
            models.Index(fields=["phone"], name="person_phone_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["phone_tail"], name="person_phone_tail_idx"),
            models.Index(fields=["township", "name"]),
            # A township's searches by initials and by a phone's last four read only its rows.
            models.Index(
                fields=["township", "name_initials", "name"],
                name="person_township_initials_idx",
                opclasses=["int8_ops", "varchar_pattern_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["township", "phone_tail"], name="person_township_tail_idx"),
            models.Index(fields=["village", "name"]),
            # Covering indexes for a township officer's prefix search: the scope check reads the
            # township, village and id from the index instead of from each candidate row (the id
            # is explicit because PostgreSQL, unlike SQLite, does not put it in every index).
            # On PostgreSQL the text column takes the pattern operator class, without which a
            # LIKE prefix cannot use the index unless the database collation is "C"; the
            # initials index carries the name too, so a page of initials matches sorted by name
            # is read from the index alone. SQLite ignores the operator classes.
            models.Index(
                fields=["name", "township", "village", "id"],
                name="person_name_scope_idx",
                opclasses=["varchar_pattern_ops", "int8_ops", "int8_ops", "int8_ops"],
            ),
            models.Index(
                # The name last, as a key column (SQLite has no INCLUDE): read, never searched.
                fields=["name_initials", "township", "village", "id", "name"],
                name="person_initials_scope_idx",
                opclasses=["varchar_pattern_ops", "int8_ops", "int8_ops", "int8_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        head, tail = _detail_url(get_script_prefix(), get_urlconf())
        return f"{head}{self.pk}{tail}"

    @property
    def has_id_number(self):
        return bool(self.id_number_hash)

    def set_id_number(self, value):
        """Validate, then store encrypted + hashed + masked; gender and birth date follow the number."""
        if value in (None, ""):
            self.id_number_cipher = ""
            self.id_number_hash = None
            self.id_number_masked = ""
            return
        number = idnumbers.validate(value)
        self.id_number_cipher = idnumbers.encrypt(number)
        self.id_number_hash = idnumbers.lookup_hash(number)
        self.id_number_masked = idnumbers.mask(number)
        fact = idnumbers.facts(number)
        self.gender = fact.gender
        self.birth_date = fact.birth_date

    def clear_id_number(self):
        """The ID number in clear; callers outside people.privacy must not use this."""
        return idnumbers.decrypt(self.id_number_cipher) if self.id_number_cipher else ""

    def age_on(self, day):
        if not self.birth_date:
            return None
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def clean(self):
        if self.village_id and self.township_id and self.village.parent_id != self.township_id:
            raise ValidationError({"village": _("This village is not in the chosen township.")})

    def save(self, *args, **kwargs):
        if getattr(self, "_concealed", False):
            raise ValueError("a person concealed for display (privacy.conceal_minors) is never saved")
        self.name = (self.name or "").strip()
        self.name_initials = initials(self.name)
        if self.village_id and not self.township_id:
            self.township_id = self.village.parent_id
        super().save(*args, **kwargs)


class IdNumberAccess(models.Model):
    """Every time a clear ID number was shown or exported, and to whom.

    One row per number shown on a page (`person` set), or one row per export that asked for clear
    numbers (a bulk reveal: no person, `count` numbers, `what` was exported).
    """

    person = models.ForeignKey(Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")  # fmt: skip
    count = models.PositiveIntegerField(_("numbers shown"), default=1)
    what = models.CharField(_("what was shown"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=100)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("ID number access")
        verbose_name_plural = _("ID number accesses")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.person or self.what} {self.at:%Y-%m-%d %H:%M}"

    @property
    def is_bulk(self):
        return self.person_id is None


class OutsideLinkQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict(self, user)


class OutsideLink(models.Model):
    """An organisation holding records about a person who lives outside its subtree, kept by triggers.

    A person is visible to an organisation when their home township or village lies in its subtree
    or when a record about them exists there (``scoping.register_person_link``). The second half
    was an EXISTS over every registered record table, a million out-migrant rows read for a
    township's search; almost every record is about someone living inside the subtree, which the
    first half already answers. This table keeps only the others: one row per person and
    organisation, with the number of records behind it, kept by database triggers on every link
    table, on people (a move) and on places (``gonghui.people.outside``). Nothing else writes here.
    """

    # No index of their own: the unique constraint leads with the person, the index below with
    # the organisation.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    records = models.IntegerField(default=0)

    objects = OutsideLinkQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "organization"], name="outside_link_once")]
        # A subtree's people: read from the index alone.
        indexes = [models.Index(fields=["organization", "person"], name="outside_link_org_idx")]

    def __str__(self):
        return f"{self.person_id}@{self.organization_id}×{self.records}"
