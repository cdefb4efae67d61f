import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gonghui.orgs.models import Organization
from gonghui.orgs.scoping import get_visible_or_404
from gonghui.querystring import query_id
from gonghui.reporting import indicators

from . import dashboard as board
from . import sections, services
from .models import SectionText

FIRST_YEAR = 2000


def _org(request):
    """The user's organisation, or a unit of its subtree named by ?org= (the county writing a township's year)."""
    if request.GET.get("org", "").strip():
        pk = query_id(request, "org")
        if pk is None:
            raise Http404("not found")
        return get_visible_or_404(Organization.objects.all(), request.user, pk=pk)
    if request.user.organization is None:
        raise Http404("not found")
    return request.user.organization


def _years():
    return range(timezone.localdate().year, FIRST_YEAR - 1, -1)


@login_required
def home(request):
    """The organisation's work dashboard."""
    org = request.user.organization
    if org is None:
        return render(request, "summary/dashboard.html", {"org": None})
    year = indicators.year_for(request)
    charts = board.charts(request.user, org, year)
    context = {
        "org": org,
        "year": year,
        "years": _years(),
        "headline": board.headline(org, year),
        "todos": board.todos(request.user, org, year),
        "charts": charts,
        "chart_options": json.dumps({c.key: c.option() for c in charts}, ensure_ascii=False),
    }
    return render(request, "summary/dashboard.html", context)


@login_required
def summary_page(request):
    """The annual summary as a page to read and print (the same content as the .docx)."""
    org, year = _org(request), indicators.year_for(request)
    summary = services.build_summary(org=org, year=year)
    context = {"org": org, "year": year, "years": _years(), "summary": summary}
    return render(request, "summary/summary.html", context)


@login_required
def summary_docx(request):
    org, year = _org(request), indicators.year_for(request)
    summary = services.build_summary(org=org, year=year)
    return services.write_docx(summary).response(services.file_name(summary))


@login_required
def summary_edit(request):
    """The office's sentence templates and its own paragraphs, one form per section."""
    if not request.user.can_edit:
        raise Http404("not found")
    org, year = _org(request), indicators.year_for(request)
    stored = services.texts_for(org, year)
    rows = [
        {
            "section": s,
            "template": stored.get((s.key, SectionText.Kind.TEMPLATE), s.template),
            "customised": (s.key, SectionText.Kind.TEMPLATE) in stored,
            "paragraph": stored.get((s.key, SectionText.Kind.PARAGRAPH), ""),
        }
        for s in sections.SECTIONS
    ]
    return render(request, "summary/edit.html", {"org": org, "year": year, "rows": rows})


@login_required
@require_POST
def section_save(request, key):
    if not request.user.can_edit:
        raise Http404("not found")
    org, year = _org(request), indicators.year_for(request)
    if key not in sections.BY_KEY:
        raise Http404("not found")
    section = sections.BY_KEY[key]
    errors = []
    for kind in SectionText.Kind.values:
        if kind not in request.POST:
            continue
        text = request.POST.get(kind, "")
        if kind == SectionText.Kind.TEMPLATE and text.strip() == section.template.strip():
            text = ""  # unchanged from the default: keep following the default
        try:
            services.save_section_text(
                org=org, year=year, section=key, kind=kind, text=text, user=request.user
            )
        except ValidationError as e:
            errors.extend(e.messages)
    stored = services.texts_for(org, year)
    row = {
        "section": section,
        "template": stored.get((key, SectionText.Kind.TEMPLATE), section.template),
        "customised": (key, SectionText.Kind.TEMPLATE) in stored,
        "paragraph": stored.get((key, SectionText.Kind.PARAGRAPH), ""),
    }
    context = {"org": org, "year": year, "row": row, "errors": errors, "saved": not errors}
    status = 400 if errors else 200
    return render(request, "summary/partials/section_form.html", context, status=status)
