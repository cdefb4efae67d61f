"""Mass safety supervision (seed section 二.3): workplaces under supervision, monthly reports,
inspections, mass safety supervisors, hazards, accidents and the area's mechanism documents.

A supervised workplace is an ``orgs.Enterprise`` (which already knows whether it is a coal mine
and its pairs of shafts) with a supervision profile here, one-to-one: no second workplace table.
Every record is owned by the workplace's union (``organization``), so a township committee sees
its mines' records and the county sees all.
"""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.formats import cn_month
from gonghui.orgs import scoping
from gonghui.orgs.fields import owned_by
from gonghui.orgs.models import Enterprise, Organization
from gonghui.orgs.scoping import ScopedQuerySet
from gonghui.people.models import Person
from gonghui.reporting.indicators import Period
from gonghui.reporting.lifecycle import Lifecycle

# A month's report is due this many working days after the month ends (weekends and holidays skipped).
REPORT_DEADLINE_WORKING_DAYS = 5


def month_start(day):
    return day.replace(day=1)


def month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def months_of(start, end):
    """First days of the months from start's month to end's month, inclusive."""
    month, last = month_start(start), month_start(end)
    months = []
    while month <= last:
        months.append(month)
        month = month_end(month) + datetime.timedelta(days=1)
    return months


# Workplaces under supervision -------------------------------------------------------------------


class WorkplaceKind(models.TextChoices):
    COAL = "coal", _("Coal mine")
    MINING = "mining", _("Non-coal mine")
    CHEMICALS = "chemicals", _("Hazardous chemicals")
    FIREWORKS = "fireworks", _("Fireworks")
    METALLURGY = "metallurgy", _("Metallurgy and non-ferrous metals")
    OTHER = "other", _("Other workplace")


class WorkplaceStatusKind(models.TextChoices):
    PRODUCING = "producing", _("Producing")
    RECTIFYING = "rectifying", _("Rectifying")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class WorkplaceQuerySet(ScopedQuerySet):
    def coal(self):
        return self.filter(kind=WorkplaceKind.COAL)

    def non_coal(self):
        return self.exclude(kind=WorkplaceKind.COAL)

    def open_on(self, day):
        """Workplaces not closed on that day (closed before it, per their status history)."""
        closed = (
            WorkplaceStatus.objects.filter(workplace=models.OuterRef("pk"), on__lte=day)
            .order_by("-on", "-pk")
            .values("status")[:1]
        )
        return self.annotate(_status_then=models.Subquery(closed)).exclude(
            _status_then=WorkplaceStatusKind.CLOSED
        )

    def search(self, text="", *, kind="", township=None):
        rows = self
        text = (text or "").strip()
        if text:
            rows = rows.filter(Q(enterprise__name__contains=text) | Q(owner__contains=text))
        if kind == "non_coal":
            rows = rows.non_coal()
        elif kind in WorkplaceKind.values:
            rows = rows.filter(kind=kind)
        if township is not None:
            rows = rows.filter(enterprise__township=township)
        return rows


class Workplace(models.Model):
    """The supervision profile of a workplace (an ``orgs.Enterprise``): kind, owner, union, status, output."""

    enterprise = models.OneToOneField(Enterprise, verbose_name=_("workplace"), on_delete=models.PROTECT,
                                      related_name="safety_profile")  # fmt: skip
    organization = owned_by(_("union"))
    kind = models.CharField(_("kind"), max_length=20, choices=WorkplaceKind.choices)
    owner = models.CharField(_("owner"), max_length=50, blank=True)
    # The mine's (workplace's) union; its chair is the union's own `chair`.
    union = models.ForeignKey(Organization, verbose_name=_("workplace union"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    is_key = models.BooleanField(_("key mine"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=WorkplaceStatusKind.choices,
                              default=WorkplaceStatusKind.PRODUCING)  # fmt: skip
    status_since = models.DateField(_("status since"), null=True, blank=True)
    annual_output = models.DecimalField(_("annual output (tonnes)"), max_digits=12, decimal_places=1, null=True,
                                        blank=True)  # fmt: skip

    objects = WorkplaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervised workplace")
        verbose_name_plural = _("supervised workplaces")
        ordering = ["enterprise__name"]

    def __str__(self):
        return self.enterprise.name

    def get_absolute_url(self):
        return reverse("safety:workplace-detail", args=[self.pk])

    @property
    def name(self):
        return self.enterprise.name

    @property
    def township(self):
        return self.enterprise.township

    @property
    def pairs(self):
        return self.enterprise.coal_mine_pairs

    @property
    def is_coal(self):
        return self.kind == WorkplaceKind.COAL

    def status_on(self, day):
        """The status the workplace had on that day, from its dated history (as ``open_on`` reads it):
        before its first dated status a workplace counts as producing."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("statuses")
        if prefetched is not None:  # a ledger file's workplaces, read with their statuses in one query
            earlier = [s for s in prefetched if s.on <= day]
            row = max(earlier, key=lambda s: (s.on, s.pk)).status if earlier else None
        else:
            row = (
                self.statuses.filter(on__lte=day).order_by("-on", "-pk").values_list("status", flat=True).first()
            )
        return row or WorkplaceStatusKind.PRODUCING


class WorkplaceStatus(models.Model):
    """A dated change of a workplace's status (producing, rectifying, suspended, closed)."""

    workplace = models.ForeignKey(Workplace, verbose_name=_("workplace"), on_delete=models.CASCADE,
                                  related_name="statuses")  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=WorkplaceStatusKind.choices)
    on = models.DateField(_("since"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("workplace status change")
        verbose_name_plural = _("workplace status changes")
        ordering = ["workplace", "on", "pk"]

    def __str__(self):
        return f"{self.workplace_id} {self.status} {self.on}"


# Supervisors, training, exams, certificates -----------------------------------------------------


class SupervisorQuerySet(ScopedQuerySet):
    def active_on(self, day):
        return self.filter(Q(appointed_on__isnull=True) | Q(appointed_on__lte=day)).filter(
            Q(left_on__isnull=True) | Q(left_on__gt=day)
        )


class Supervisor(models.Model):
    """A mass safety supervisor (群监员) of one mine: a person of the people registry."""

    organization = owned_by(_("union"))
    workplace = models.ForeignKey(Workplace, verbose_name=_("mine"), on_delete=models.PROTECT,
                                  related_name="supervisors")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="safety_supervisor_posts")  # fmt: skip
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    left_on = models.DateField(_("left the post on"), null=True, blank=True)

    objects = SupervisorQuerySet.as_manager()

    class Meta:
        verbose_name = _("mass safety supervisor")
        verbose_name_plural = _("mass safety supervisors")
        ordering = ["workplace__enterprise__name", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["workplace", "person"], name="supervisor_once_per_mine")
        ]

    def __str__(self):
        return f"{self.person.name} ({self.workplace})"

    def get_absolute_url(self):
        return reverse("safety:supervisor-list") + f"?mine={self.workplace_id}"


class TrainingBatch(models.Model):
    """One training course for supervisors: dates, hours, trainer; trainees are its exam results."""

    organization = owned_by(_("organised by"))
    name = models.CharField(_("name"), max_length=100)
    started_on = models.DateField(_("course started on"))
    ended_on = models.DateField(_("ended on"))
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    place = models.CharField(_("training venue"), max_length=100, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("training batch")
        verbose_name_plural = _("training batches")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__gte=models.F("started_on")), name="safety_batch_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("safety:batch-detail", args=[self.pk])


class ExamResult(models.Model):
    """A trainee of a batch and their exam: a supervisor trained once per batch."""

    organization = owned_by(_("union"))
    batch = models.ForeignKey(TrainingBatch, verbose_name=_("training batch"), on_delete=models.PROTECT,
                              related_name="results")  # fmt: skip
    supervisor = models.ForeignKey(Supervisor, verbose_name=_("supervisor"), on_delete=models.PROTECT,
                                   related_name="exam_results")  # fmt: skip
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    examined_on = models.DateField(_("examined on"), null=True, blank=True)  # empty: enrolled, not yet examined

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")
        ordering = ["batch", "supervisor"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "supervisor"], name="safety_exam_once_per_batch")
        ]

    def __str__(self):
        return f"{self.batch} {self.supervisor}"

    def get_absolute_url(self):
        return reverse("safety:batch-detail", args=[self.batch_id])


class CertificateQuerySet(ScopedQuerySet):
    def valid_on(self, day):
        return self.filter(issued_on__lte=day, expires_on__gte=day)

    def expiring(self, day, days=60):
        return self.valid_on(day).filter(expires_on__lte=day + datetime.timedelta(days=days))


class Certificate(models.Model):
    organization = owned_by(_("union"))
    supervisor = models.ForeignKey(Supervisor, verbose_name=_("supervisor"), on_delete=models.PROTECT,
                                   related_name="certificates")  # fmt: skip
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    batch = models.ForeignKey(TrainingBatch, verbose_name=_("training batch"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="certificates")  # fmt: skip

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervisor certificate")
        verbose_name_plural = _("supervisor certificates")
        ordering = ["expires_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")), name="certificate_expires_after_issue"
            )
        ]

    def __str__(self):
        return self.number


# Monthly supervision reports (月督查) -----------------------------------------------------------


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted and locked")


# The report's lifecycle as data (reporting's Lifecycle): filed, returned with a comment, resubmitted,
# accepted and then locked. services.move_report is the one function that applies it.
REPORT_MOVES = Lifecycle(
    {
        ("", ReportStatus.SUBMITTED): "submit",
        (ReportStatus.SUBMITTED, ReportStatus.RETURNED): "return",
        (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED): "accept",
        (ReportStatus.RETURNED, ReportStatus.RESUBMITTED): "resubmit",
        (ReportStatus.RESUBMITTED, ReportStatus.RETURNED): "return",
        (ReportStatus.RESUBMITTED, ReportStatus.ACCEPTED): "accept",
    },
    labels=ReportStatus,
    needs_comment={"return"},
    locked={ReportStatus.ACCEPTED},
)


class MonthlyReportQuerySet(ScopedQuerySet):
    def for_month(self, month):
        return self.filter(month=month_start(month))

    def months_between(self, start, end):
        return self.filter(month__gte=month_start(start), month__lte=month_start(end))


class MonthlyReport(models.Model):
    """One mine's monthly supervision report, filed by its township committee."""

    organization = owned_by(_("union"))
    workplace = models.ForeignKey(Workplace, verbose_name=_("mine"), on_delete=models.PROTECT,
                                  related_name="monthly_reports")  # fmt: skip
    month = models.DateField(_("month"), help_text=_("The first day of the month reported on."))
    output = models.DecimalField(_("output (tonnes)"), max_digits=12, decimal_places=1, default=0)
    people_underground = models.PositiveIntegerField(_("people underground"), default=0)
    supervisor_on_duty = models.ForeignKey(Supervisor, verbose_name=_("supervisor on duty"), null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    problems = models.TextField(_("problems found"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.SUBMITTED)  # fmt: skip
    deadline = models.DateField(_("deadline"))
    submitted_on = models.DateField(_("first submitted on"))
    is_late = models.BooleanField(_("late"), default=False)
    return_comment = models.TextField(_("return comment"), blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = MonthlyReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly supervision report")
        verbose_name_plural = _("monthly supervision reports")
        ordering = ["-month", "workplace__enterprise__name"]
        constraints = [models.UniqueConstraint(fields=["workplace", "month"], name="monthly_report_once")]
        indexes = [models.Index(fields=["month", "status"])]

    def __str__(self):
        return f"{self.workplace} {cn_month(self.month)}"

    def get_absolute_url(self):
        return reverse("safety:report-detail", args=[self.pk])

    @property
    def is_locked(self):
        return self.status in REPORT_MOVES.locked


class MonthlyReportStep(models.Model):
    """The dated trail of a report: submitted, returned (with the comment), resubmitted, accepted."""

    report = models.ForeignKey(MonthlyReport, verbose_name=_("report"), on_delete=models.CASCADE,
                               related_name="steps")  # fmt: skip
    status = models.CharField(_("step"), max_length=20, choices=ReportStatus.choices)
    on = models.DateField(_("date"))
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("monthly report step")
        verbose_name_plural = _("monthly report steps")
        ordering = ["report", "on", "pk"]

    def __str__(self):
        return f"{self.report_id} {self.status} {self.on}"


# Inspections (督导检查) ---------------------------------------------------------------------------


class InspectionKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly inspection")
    HUNDRED_DAY_CAMPAIGN = "hundred_day_campaign", _("Hundred days without accidents campaign")
    HUNDRED_DAY_DRIVE = "hundred_day_drive", _("Hundred-day safety supervision drive")
    ANKANG_CUP = "ankang_cup", _("Ankang Cup")
    SAFETY_MONTH = "safety_month", _("Safety month")


class InspectionQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The user's subtree's own inspections, and those that visited a workplace of that subtree:
        a township sees how often the county came to its mines."""
        visited = scoping.restrict(InspectionVisit.objects.all(), user, via="workplace__organization")
        return self.filter(scoping.subtree_q(user) | Q(pk__in=visited.values("inspection")))


class Inspection(models.Model):
    organization = owned_by(_("inspecting union"))
    kind = models.CharField(_("kind"), max_length=30, choices=InspectionKind.choices)
    on = models.DateField(_("date"))
    team = models.CharField(_("team"), max_length=200, blank=True)
    findings = models.TextField(_("findings"), blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision inspection")
        verbose_name_plural = _("supervision inspections")
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.on} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("safety:inspection-detail", args=[self.pk])


class InspectionLeader(models.Model):
    inspection = models.ForeignKey(Inspection, verbose_name=_("supervision inspection"), on_delete=models.CASCADE,
                                   related_name="leaders")  # fmt: skip
    person = models.ForeignKey(
        Person, verbose_name=_("union leader"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("position"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("leader present")
        verbose_name_plural = _("leaders present")
        constraints = [models.UniqueConstraint(fields=["inspection", "person"], name="safety_leader_once")]

    def __str__(self):
        return f"{self.inspection_id} {self.person_id}"


class InspectionVisit(models.Model):
    inspection = models.ForeignKey(Inspection, verbose_name=_("supervision inspection"), on_delete=models.CASCADE,
                                   related_name="visits")  # fmt: skip
    workplace = models.ForeignKey(Workplace, verbose_name=_("workplace"), on_delete=models.PROTECT,
                                  related_name="visits")  # fmt: skip
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        verbose_name = _("workplace visited")
        verbose_name_plural = _("workplaces visited")
        constraints = [models.UniqueConstraint(fields=["inspection", "workplace"], name="safety_visit_once")]

    def __str__(self):
        return f"{self.inspection_id} {self.workplace_id}"


# Hazards (隐患排查治理) ---------------------------------------------------------------------------


class HazardSource(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    SUPERVISOR = "supervisor", _("Supervisor")
    MONTHLY_REPORT = "monthly_report", _("Monthly report")


class HazardGrade(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    MAJOR = "major", _("Major")


class HazardQuerySet(ScopedQuerySet):
    def found_between(self, start, end):
        return self.filter(found_on__gte=start, found_on__lte=end)

    def rectified_by(self, day):
        return self.filter(rectified_on__isnull=False, rectified_on__lte=day)

    def open_on(self, day):
        return self.filter(found_on__lte=day).filter(Q(rectified_on__isnull=True) | Q(rectified_on__gt=day))

    def overdue_on(self, day):
        return self.open_on(day).filter(deadline__lt=day)

    def rates_by(self, field, as_of):
        """[(key, found, rectified by as_of)] grouped by one field."""
        rows = (
            self.values(field)
            .annotate(
                found=Count("pk"),
                rectified=Count("pk", filter=Q(rectified_on__isnull=False, rectified_on__lte=as_of)),
            )
            .order_by(field)
        )
        return [(r[field], r["found"], r["rectified"]) for r in rows]


class Hazard(models.Model):
    organization = owned_by(_("union"))
    workplace = models.ForeignKey(Workplace, verbose_name=_("workplace"), on_delete=models.PROTECT,
                                  related_name="hazards")  # fmt: skip
    found_on = models.DateField(_("found on"))
    source = models.CharField(_("found by"), max_length=20, choices=HazardSource.choices)
    inspection = models.ForeignKey(Inspection, verbose_name=_("supervision inspection"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="hazards")  # fmt: skip
    report = models.ForeignKey(MonthlyReport, verbose_name=_("monthly report"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="hazards")  # fmt: skip
    # Who found it, when a supervisor did (source "supervisor"): one of that workplace's supervisors.
    supervisor = models.ForeignKey(Supervisor, verbose_name=_("found by supervisor"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="hazards_found")  # fmt: skip
    description = models.TextField(_("description"))
    grade = models.CharField(
        _("hazard grade"), max_length=20, choices=HazardGrade.choices, default=HazardGrade.ORDINARY
    )
    deadline = models.DateField(_("deadline"))
    responsible = models.CharField(_("person responsible"), max_length=50, blank=True)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)
    rechecked_by = models.CharField(_("re-checked by"), max_length=50, blank=True)
    rechecked_on = models.DateField(_("re-checked on"), null=True, blank=True)

    objects = HazardQuerySet.as_manager()

    class Meta:
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")
        ordering = ["-found_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rectified_on__isnull=True) | Q(rectified_on__gte=models.F("found_on")),
                                   name="hazard_rectified_after_found"),
            models.CheckConstraint(condition=Q(deadline__gte=models.F("found_on")), name="hazard_deadline_after_found"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.workplace} {self.found_on}"

    def get_absolute_url(self):
        return reverse("safety:hazard-detail", args=[self.pk])

    def is_overdue(self, day):
        return self.deadline < day and (self.rectified_on is None or self.rectified_on > day)


# Accidents ----------------------------------------------------------------------------------------


class AccidentKind(models.TextChoices):
    ROOF = "roof", _("Roof fall")
    GAS = "gas", _("Gas explosion or outburst")
    WATER = "water", _("Flooding")
    TRANSPORT = "transport", _("Haulage")
    ELECTRICAL = "electrical", _("Machinery and electricity")
    BLASTING = "blasting", _("Blasting")
    FIRE = "fire", _("Fire")
    OTHER = "other", _("Other")


class AccidentQuerySet(ScopedQuerySet):
    def occurred_between(self, start, end):
        return self.between("occurred_on", Period(start, end))

    def totals(self):
        return self.aggregate(accidents=Count("pk"), deaths=Sum("deaths"), serious=Sum("serious_injuries"),
                              minor=Sum("minor_injuries"))  # fmt: skip


class Accident(models.Model):
    organization = owned_by(_("union"))
    workplace = models.ForeignKey(Workplace, verbose_name=_("workplace"), on_delete=models.PROTECT,
                                  related_name="accidents")  # fmt: skip
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=AccidentKind.choices)
    deaths = models.PositiveSmallIntegerField(_("deaths"), default=0)
    serious_injuries = models.PositiveSmallIntegerField(_("serious injuries"), default=0)
    minor_injuries = models.PositiveSmallIntegerField(_("minor injuries"), default=0)
    cause = models.TextField(_("cause"), blank=True)
    report = models.TextField(_("report"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    objects = AccidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("accident")
        verbose_name_plural = _("accidents")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self):
        return f"{self.workplace} {self.occurred_on}"

    def get_absolute_url(self):
        return reverse("safety:accident-detail", args=[self.pk])


# Mechanism documents -----------------------------------------------------------------------------


class DocumentKind(models.TextChoices):
    MECHANISM = "mechanism", _("Long-term mechanism")
    ANNUAL_PLAN = "annual_plan", _("Annual plan")
    OTHER = "other", _("Other document")


class MechanismDocument(models.Model):
    organization = owned_by(_("issued by"))
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("document number"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    issued_on = models.DateField(_("issued on"))
    body = models.TextField(_("text"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("mechanism document")
        verbose_name_plural = _("mechanism documents")
        ordering = ["-issued_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("safety:document-detail", args=[self.pk])
