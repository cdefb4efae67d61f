"""The four mechanisms (四项制度): joint meetings, half-year reviews, information reports, inspections,
and the assessment standard (a scheme of gonghui.reporting)."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.views import carry_out, require_editor
from gonghui.orgs.models import Organization
from gonghui.reporting import indicators
from gonghui.reporting.assessment import scores as scheme_scores

from .. import assessment, forms, selectors, services
from .. import models as m


@login_required
def mechanisms(request):
    year = indicators.year_for(request)
    # The Three Cares standard is a scheme of the reporting machinery: the user's own, else the one
    # set above (a township is assessed by its county's); its scores come from reporting.assessment.
    standard = assessment.standard_for(request.user, year)
    today = timezone.localdate()
    months = 12 if year < today.year else max(today.month - 1, 0)
    context = {
        "year": year,
        "meetings": m.JointMeeting.objects.visible_to(request.user).filter(held_on__year=year),
        "reviews": m.HalfYearReview.objects.visible_to(request.user).filter(year=year),
        "completeness": selectors.report_completeness(request.user, year=year, months=months),
        "months": range(1, months + 1),
        "inspections": m.Inspection.objects.visible_to(request.user).filter(year=year),
        "visits": m.InspectionVisit.objects.visible_to(request.user)
        .filter(inspection__year=year)
        .select_related("inspection", "organization"),
        "standard": standard,
        "scores": scheme_scores(standard, within=request.user.organization) if standard else [],
        "can_inspect": request.user.can_edit and _townships(request.user, exclude_own=True).exists(),
        # A village union reports to its township; it has no township to submit a report for.
        "can_report": request.user.can_edit and _townships(request.user).exists(),
    }
    return render(request, "threecares/mechanisms.html", context)


def _townships(user, *, exclude_own=False):
    townships = Organization.objects.filter(pk__in=[t.pk for t in selectors.townships_in_scope(user)])
    if exclude_own:
        townships = townships.exclude(pk=user.organization.pk)
    return townships.order_by("path")


@login_required
def meeting_create(request):
    require_editor(request)
    form = forms.JointMeetingForm(request.POST or None)
    save = partial(services.record_joint_meeting, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a joint meeting"),
                     back="threecares:mechanisms")  # fmt: skip


@login_required
def review_create(request):
    require_editor(request)
    form = forms.HalfYearReviewForm(request.POST or None)
    save = partial(services.record_half_year_review, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record a half-year review"),
                     back="threecares:mechanisms")  # fmt: skip


@login_required
def report_create(request):
    require_editor(request)
    townships = _townships(request.user)
    if not townships.exists():  # a village union does not report for a township
        raise Http404("not found")
    form = forms.InfoReportForm(request.POST or None, townships=townships)
    return carry_out(request, form, lambda data: services.record_info_report(**data),
                     title=_("Submit an information report"), back="threecares:mechanisms")  # fmt: skip


@login_required
def inspection_create(request):
    require_editor(request)
    townships = _townships(request.user, exclude_own=True)
    if not townships.exists():  # a township does not inspect itself
        raise Http404("not found")
    form = forms.InspectionForm(request.POST or None, townships=townships)
    save = partial(services.record_inspection, organization=request.user.organization)
    return carry_out(request, form, lambda data: save(**data), title=_("Record an inspection visit"),
                     back="threecares:mechanisms")  # fmt: skip
