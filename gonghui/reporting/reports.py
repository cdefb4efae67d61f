"""Periodic reports (信息报送): forms as data, submissions moving by SUBMISSION_MOVES.

reports.periods(form, 2008)                      # the form's periods in a year
reports.deadline(form, period)                   # n working days after the period (core.calendar)
reports.prefill(form, committee, period)         # {key: figure} from the registry
reports.submit(form=..., organization=..., period=..., values=..., content=..., on=..., by=...)
reports.return_for_correction(submission=..., comment=..., by=...)
reports.accept(submission=..., by=...)           # locks it
reports.rates(form, county, period)              # Rates(expected, submitted, on_time, ...)
reports.late(form, county, period)               # [(committee, submission or None)]
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.calendar import add_working_days
from gonghui.orgs.models import Organization

from . import indicators
from .indicators import Period
from .lifecycle import Lifecycle
from .models import ReportForm, Submission, SubmissionMove, SubmissionStatus

SUBMISSION_MOVES = Lifecycle(
    {
        ("", SubmissionStatus.SUBMITTED): "submit",
        (SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED): "return",
        (SubmissionStatus.RETURNED, SubmissionStatus.SUBMITTED): "resubmit",
        (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED): "accept",
    },
    labels=SubmissionStatus,
    needs_comment={"return"},
    locked={SubmissionStatus.ACCEPTED},
)


def periods(form, year):
    if form.frequency == ReportForm.Frequency.MONTHLY:
        return [Period.month(year, m) for m in range(1, 13)]
    if form.frequency == ReportForm.Frequency.QUARTERLY:
        return [Period.quarter(year, q) for q in range(1, 5)]
    if form.frequency == ReportForm.Frequency.HALF_YEARLY:
        return [Period.half(year, h) for h in (1, 2)]
    return [Period.year(year)]


def period_of(form, day):
    """The form's period containing `day`."""
    return next(p for p in periods(form, day.year) if p.start <= day <= p.end)


def deadline(form, period):
    return add_working_days(period.end, form.deadline_days)


def respondents(form, org=None):
    """The committees that report on the form (within `org`'s subtree when given)."""
    rows = Organization.objects.filter(
        parent=form.organization, level=Organization.Level.COMMITTEE, is_active=True
    )
    if form.respondents == ReportForm.Respondents.TOWNSHIPS:
        rows = rows.filter(category=Organization.Category.TOWNSHIP)
    if org is not None and org.pk != form.organization_id:
        rows = rows.filter(path__startswith=org.path)
    return rows.order_by("path")


def prefill(form, organization, period):
    """{key: figure} for the form's fields that name a registered indicator."""
    codes = [
        f["indicator"] for f in form.fields if f.get("indicator") and indicators.is_registered(f["indicator"])
    ]
    values = indicators.compute(organization, period, codes)
    return {f["key"]: indicators.as_json_number(values[f["indicator"]]) for f in form.fields
            if f.get("indicator") in values}  # fmt: skip


def clean_values(form, raw):
    """The form's fields as numbers; a field-keyed error for each value that is not one."""
    values, errors = {}, {}
    for f in form.fields:
        text = str(raw.get(f["key"], "") or "").replace(",", "").strip()
        if not text:
            continue
        try:
            number = Decimal(text)
            if not number.is_finite() or number < 0:
                raise ValueError
        except Exception:
            errors[f["key"]] = _("%(field)s: enter a number that is not negative.") % {"field": f["label"]}
            continue
        values[f["key"]] = int(number) if number == number.to_integral_value() else float(number)
    if errors:
        raise ValidationError(errors)
    return values


def _record(by, on):
    def record(obj, old, new, name, comment):
        SubmissionMove.objects.create(
            submission=obj, from_status=old, to_status=new, on=on, by=by, comment=comment
        )

    return record


@transaction.atomic
def submit(*, form, organization, period, values=None, content="", on=None, by=None):
    """Submit (or, when returned, resubmit) a committee's report; an accepted one is locked."""
    on = on or timezone.localdate()
    if not respondents(form).filter(pk=organization.pk).exists():
        raise ValidationError({"organization": _("%(org)s does not report on %(form)s.") % {
            "org": organization.name, "form": form.name}})  # fmt: skip
    if period not in periods(form, period.start.year):
        raise ValidationError({"period": _("Not a period of this report.")})
    if on < period.start:
        raise ValidationError({"on": _("A report cannot be submitted before its period starts.")})
    existing = Submission.objects.filter(
        form=form, organization=organization, period_start=period.start
    ).first()
    if existing is not None:
        SUBMISSION_MOVES.ensure_editable(existing)  # accepted: locked, whatever is sent
    values = clean_values(form, values or {})
    if not values and not (content or "").strip():
        raise ValidationError({"content": _("Write the report or fill in its figures.")})
    if existing is None:
        row = Submission(form=form, organization=organization, period_start=period.start, period_end=period.end,
                         values=values, content=content, submitted_on=on, deadline=deadline(form, period))  # fmt: skip
        return SUBMISSION_MOVES.move(row, SubmissionStatus.SUBMITTED, record=_record(by, on))
    existing.values, existing.content = values, content
    existing.save(update_fields=["values", "content", "updated_at"])
    if existing.status == SubmissionStatus.RETURNED:
        return SUBMISSION_MOVES.move(existing, SubmissionStatus.SUBMITTED, record=_record(by, on))
    return existing  # corrected before anyone reviewed it


@transaction.atomic
def return_for_correction(*, submission, comment, by=None, on=None):
    on = on or timezone.localdate()
    submission.comment = (comment or "").strip()
    return SUBMISSION_MOVES.move(submission, SubmissionStatus.RETURNED, comment=comment, record=_record(by, on),
                                 save_fields=["comment"])  # fmt: skip


@transaction.atomic
def accept(*, submission, by=None, on=None):
    on = on or timezone.localdate()
    return SUBMISSION_MOVES.move(submission, SubmissionStatus.ACCEPTED, record=_record(by, on))


@dataclass
class Rates:
    expected: int
    submitted: int
    on_time: int
    accepted: int

    @property
    def reporting_rate(self):
        return (
            None
            if not self.expected
            else Decimal(self.submitted * 100 / self.expected).quantize(Decimal("0.1"))
        )

    @property
    def on_time_rate(self):
        return (
            None
            if not self.expected
            else Decimal(self.on_time * 100 / self.expected).quantize(Decimal("0.1"))
        )


def rates(form, org, period, *, today=None):
    """How many committees in `org`'s subtree reported on the form for the period, and on time."""
    committees = respondents(form, org)
    rows = Submission.objects.filter(form=form, period_start=period.start, organization__in=committees)
    expected = committees.count()
    done = list(rows.values_list("submitted_on", "deadline", "status"))
    return Rates(expected=expected, submitted=len(done), on_time=sum(1 for s, d, _st in done if s <= d),
                 accepted=sum(1 for _s, _d, st in done if st == SubmissionStatus.ACCEPTED))  # fmt: skip


def rates_by_committee(form, org, year):
    """{committee_pk: (submitted, on_time, expected periods so far)} for a year (assessment uses it)."""
    today = timezone.localdate()
    due = [p for p in periods(form, year) if deadline(form, p) < today or p.end.year < today.year]
    counts = {}
    rows = Submission.objects.filter(
        form=form, period_start__year=year, organization__in=respondents(form, org)
    )
    for pk, submitted_on, dl in rows.values_list("organization_id", "submitted_on", "deadline"):
        n, on_time = counts.get(pk, (0, 0))
        counts[pk] = (n + 1, on_time + (submitted_on <= dl))
    return {
        pk: (*counts.get(pk, (0, 0)), len(due)) for pk in respondents(form, org).values_list("pk", flat=True)
    }


def late(form, org, period, *, today=None):
    """[(committee, submission or None, why)]: not reported, reported late, or returned and not corrected."""
    today = today or timezone.localdate()
    due = deadline(form, period)
    by_org = {s.organization_id: s for s in Submission.objects.filter(form=form, period_start=period.start)}
    out = []
    for committee in respondents(form, org):
        s = by_org.get(committee.pk)
        if s is None:
            if today > due:
                out.append((committee, None, _("not reported")))
        elif s.status == SubmissionStatus.RETURNED:
            out.append((committee, s, _("returned, not corrected")))
        elif not s.on_time:
            out.append((committee, s, _("reported late")))
    return out


def forms_for(user):
    """Forms the user's organisation collects or reports on."""
    org = user.organization
    if org is None:
        return ReportForm.objects.none()
    paths = [org.path[:i] for i in range(5, len(org.path) + 1, 5)]
    return ReportForm.objects.filter(is_active=True, organization__path__in=paths).select_related(
        "organization"
    )
