"""Targets, periodic report forms and submissions, assessment schemes, quality rules and closed
years: all data, all owned by an organisation and scoped to its subtree."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.formats import cn_month
from gonghui.orgs import scoping
from gonghui.orgs.fields import owned_by

VALUE = {"max_digits": 16, "decimal_places": 2}


ScopedQuerySet = scoping.ScopedQuerySet  # one definition, in the scoping module


# --- Targets (指标任务) ---------------------------------------------------------------------


class Target(models.Model):
    """A figure an organisation must reach for a period, assigned by a higher level.

    The county's own target comes from the city; the county splits it among its committees
    (``parent`` is the target split). The actual figure is never stored: it is computed live.
    """

    organization = owned_by(_("organisation that must reach it"))
    code = models.CharField(_("indicator"), max_length=80)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    value = models.DecimalField(_("target"), validators=[MinValueValidator(0)], **VALUE)
    assigned_by = models.ForeignKey("orgs.Organization", verbose_name=_("assigned by"), on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    parent = models.ForeignKey("self", verbose_name=_("split from"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="parts")  # fmt: skip
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["code", "organization__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code", "period_start", "period_end"], name="target_once"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="target_period"
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.code} {self.value}"


# --- Closing a year ----------------------------------------------------------------------------


class YearClose(models.Model):
    """The county accepted a year's figures: every figure of every organisation is kept as it was."""

    organization = owned_by()
    year = models.PositiveSmallIntegerField(_("year"))
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("closed year")
        verbose_name_plural = _("closed years")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="year_closed_once")]

    def __str__(self):
        return f"{self.organization} {self.year}"


class FigureSnapshot(models.Model):
    """Every figure of one organisation when its year was closed: {code: value as a string}."""

    closing = models.ForeignKey(YearClose, on_delete=models.CASCADE, related_name="figures")
    organization = owned_by(db_index=False)
    values = models.JSONField(_("figures"), default=dict)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("figures at closing")
        verbose_name_plural = _("figures at closing")
        constraints = [
            models.UniqueConstraint(fields=["organization", "closing"], name="snapshot_once_per_org")
        ]

    def __str__(self):
        return f"{self.organization_id} {self.closing_id}"


class Unlock(models.Model):
    """Leave to change records of a closed year in an organisation's subtree, with the reason."""

    organization = owned_by()
    year = models.PositiveSmallIntegerField(_("year"))
    reason = models.TextField(_("reason"))
    unlocked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("unlocked by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    unlocked_at = models.DateTimeField(_("unlocked at"), auto_now_add=True)
    relocked_at = models.DateTimeField(_("locked again at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("unlock of a closed year")
        verbose_name_plural = _("unlocks of closed years")
        ordering = ["-unlocked_at"]

    def __str__(self):
        return f"{self.organization} {self.year}"


# --- Data-quality rules (逻辑检查) ------------------------------------------------------------


class QualityRule(models.Model):
    """One logic check over the figures, as the statistics offices keep them.

    ``params`` by kind (codes may name indicators no area has registered yet: the rule is
    skipped until one does):
    - parts: {"total": code, "parts": [code, ...]}, the parts add up to the total;
    - relation: {"left": code, "op": "<=", "right": code or number};
    - average: {"code": code, "field": "amount_claimed", "limit": 1000000, "filter": {"kind": "wages"}},
      the field's average over the indicator's records (those matching the filter) is at most the
      limit; the finding names the records above it;
    - required: {"code": code}, the figure has records;
    - yoy: {"code": code, "ratio": 0.5}, the figure is within ratio of last year's.
    """

    class Kind(models.TextChoices):
        PARTS = "parts", _("Parts add up to the total")
        RELATION = "relation", _("Relation between figures")
        AVERAGE = "average", _("Plausible average per record")
        REQUIRED = "required", _("Required figure has records")
        YOY = "yoy", _("Close to last year's figure")

    organization = owned_by(_("defined by"))
    code = models.SlugField(_("rule code"), max_length=60)
    name = models.CharField(_("rule"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality rule")
        verbose_name_plural = _("quality rules")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="quality_rule_once")]

    def __str__(self):
        return self.name


# --- Periodic reports (信息报送) -----------------------------------------------------------


class ReportForm(models.Model):
    """A report the organisation collects from the committees below it, every period.

    ``fields`` is a list of {"key", "label", "indicator"}: a field with an indicator code is
    prefilled with that figure for the committee and period (the committee may correct it).
    """

    class Frequency(models.TextChoices):
        MONTHLY = "month", _("Monthly")
        QUARTERLY = "quarter", _("Quarterly")
        HALF_YEARLY = "half", _("Half-yearly")
        YEARLY = "year", _("Yearly")

    class Respondents(models.TextChoices):
        COMMITTEES = "committees", _("Every committee")
        TOWNSHIPS = "townships", _("Township committees")

    organization = owned_by(_("collected by"))
    code = models.SlugField(_("form code"), max_length=60)
    name = models.CharField(_("report"), max_length=100)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    deadline_days = models.PositiveSmallIntegerField(_("deadline (working days after the period)"), default=5)
    respondents = models.CharField(_("who reports"), max_length=20, choices=Respondents.choices,
                                   default=Respondents.COMMITTEES)  # fmt: skip
    fields = models.JSONField(_("fields"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="report_form_once")]

    def __str__(self):
        return self.name


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    ACCEPTED = "accepted", _("Accepted and locked")


class Submission(models.Model):
    """One committee's report on one form for one period; its status moves by SUBMISSION_MOVES."""

    form = models.ForeignKey(ReportForm, verbose_name=_("report"), on_delete=models.PROTECT,
                             related_name="submissions")  # fmt: skip
    organization = owned_by(_("reported by"), db_index=False)
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    status = models.CharField(_("status"), max_length=20, choices=SubmissionStatus.choices, default="")
    values = models.JSONField(_("figures"), default=dict, blank=True)
    content = models.TextField(_("content"), blank=True)
    submitted_on = models.DateField(_("first submitted on"))
    deadline = models.DateField(_("deadline"))
    comment = models.TextField(_("comment of the last return"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")
        ordering = ["-period_start", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "form", "period_start"], name="submission_once"),
        ]

    def __str__(self):
        return f"{self.form} {self.organization} {cn_month(self.period_start)}"

    @property
    def on_time(self):
        return self.submitted_on <= self.deadline

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("reporting:submission", args=[self.pk])


class SubmissionMove(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="moves")
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    on = models.DateField(_("on"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("step of a report")
        verbose_name_plural = _("steps of reports")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.submission_id} {self.from_status}→{self.to_status}"


# --- Assessment (考核) ----------------------------------------------------------------------


class Scheme(models.Model):
    """An assessment scheme for a year: items with points, scoring the organisations below."""

    class Assessed(models.TextChoices):
        CHILDREN = "children", _("Every organisation directly below")
        TOWNSHIPS = "townships", _("Township committees")
        STAFF = "staff", _("The office's own staff")  # 机关量化考核: the subject is a user

    organization = owned_by(_("assessed by"))
    year = models.PositiveSmallIntegerField(_("year"))
    code = models.SlugField(_("scheme code"), max_length=60)
    name = models.CharField(_("scheme"), max_length=120)
    assessed = models.CharField(_("who is assessed"), max_length=20, choices=Assessed.choices,
                                default=Assessed.CHILDREN)  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "year", "code"], name="scheme_once")]

    def __str__(self):
        return self.name


class SchemeItem(models.Model):
    """One item: its points and how it is scored.

    ``params`` by kind: target {"code"} (actual against the organisation's target); share
    {"code", "of"} (one figure as a share of another); any {"codes": [...]} (the share of the
    figures that are not zero); reports {"form": code, "on_time": bool}; manual {} (scored by hand
    with a note).
    """

    class Kind(models.TextChoices):
        TARGET = "target", _("Figure against its target")
        SHARE = "share", _("Figure as a share of another")
        ANY = "any", _("Figures that are not zero")
        REPORTS = "reports", _("Periodic reports submitted")
        MANUAL = "manual", _("Scored by hand")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("item"), max_length=200)
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)]
    )
    kind = models.CharField(_("scored by"), max_length=20, choices=Kind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # In a scheme for the office's staff, an item on a figure may name the staff member responsible
    # for it: it is then scored for that member only (the office's figure against its target).
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("staff member responsible"),
                                    null=True, blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class ManualScore(models.Model):
    """A hand-given score for one item and one organisation, with the note that justifies it."""

    item = models.ForeignKey(SchemeItem, on_delete=models.CASCADE, related_name="manual_scores")
    organization = owned_by(db_index=False)
    # Set in a scheme for the office's staff (the organisation is then the office itself).
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("staff member"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")  # fmt: skip
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=200)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("given by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hand-given score")
        verbose_name_plural = _("hand-given scores")
        constraints = [
            models.UniqueConstraint(fields=["organization", "item"], condition=Q(staff__isnull=True),
                                    name="manual_score_once"),
            models.UniqueConstraint(fields=["staff", "item"], condition=Q(staff__isnull=False),
                                    name="manual_score_once_per_staff"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.item} {self.organization_id} {self.score}"


# --- Monthly tallies behind the large figures (tallies.py) ------------------------------------------


class MonthTally(models.Model):
    """One series' rows of one organisation dated in one month: how many (``n``, a reversal counting
    -1 where the series says so) and how much (``fen``, the summed amount in fen).

    Triggers keep these numbers in the same transaction as the rows (``gonghui.reporting.tallies``),
    so a county's stock of a million-row registry, or its year of payments, is a sum of a few
    thousand numbers. Nothing else writes here.
    """

    series = models.CharField(max_length=63)
    organization = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    key = models.BigIntegerField(default=0)  # the id the series keeps apart (a payment's programme), else 0
    n = models.BigIntegerField(default=0)
    fen = models.BigIntegerField(default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "organization", "month", "key"], name="month_tally_once"
            )
        ]

    def __str__(self):
        return f"{self.series}:{self.organization_id}:{self.month:%Y-%m}:{self.key}={self.n}/{self.fen}"


class PeopleTally(models.Model):
    """How many people of the registry live in one (township, village): kept by triggers on the
    people table (``gonghui.reporting.tallies``), for people.registered. 0: no township or village."""

    township_id = models.BigIntegerField()
    village_id = models.BigIntegerField(default=0)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["township_id", "village_id"], name="people_tally_once")]

    def __str__(self):
        return f"{self.township_id}/{self.village_id}={self.n}"
