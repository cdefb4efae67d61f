"""The annual work summary, written from the records: build it, edit its texts, write the .docx."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.officialdoc import OfficialDocument
from gonghui.orgs.models import Organization
from gonghui.reporting import indicators

from . import sections
from .models import SectionText

# Targets and quality checks come from the figures machinery (reporting): it registers a source
# of targets and the data-quality rules here, so the summary reads them without knowing how.
_target_sources = []  # callable(code, org, period) -> value | None
_checks = []  # callable(org, period) -> {code: [message]}: the figure is not printed, the note is
_remarks = []  # callable(org, period) -> {code: [message]}: the figure is printed, the note follows it


def register_target_source(func):
    if func not in _target_sources:
        _target_sources.append(func)
    return func


def register_check(func):
    if func not in _checks:
        _checks.append(func)
    return func


def register_remark(func):
    if func not in _remarks:
        _remarks.append(func)
    return func


def target_for(code, org, period):
    for source in _target_sources:
        value = source(code, org, period)
        if value is not None:
            return value
    return None


def _collect(funcs, org, period):
    found = {}
    for func in funcs:
        for code, messages in (func(org, period) or {}).items():
            found.setdefault(code, []).extend(messages)
    return found


def findings_for(org, period):
    return _collect(_checks, org, period)


def remarks_for(org, period):
    return _collect(_remarks, org, period)


# The figures machinery's targets and data-quality rules (gonghui/reporting).
@register_target_source
def _assigned_target(code, org, period):
    from gonghui.reporting.targets import for_period

    row = for_period(org, period).filter(code=code).first()
    return row.value if row is not None else None


@register_check
def _quality_rules(org, period):
    from gonghui.reporting import quality

    found = {}
    for finding in quality.run(org, period):
        for code in quality.codes_of(finding.rule):
            found.setdefault(code, []).append(finding.message)
    return found


@dataclass
class Block:
    section: str
    heading: str
    level: int
    paragraphs: list = field(default_factory=list)  # each a list of sections.Segment


@dataclass
class Summary:
    org: object
    year: int
    title: str
    blocks: list
    used: list  # sections.FigureUse, in order of appearance
    notes: int  # how many highlighted notes the text carries
    signed_on: datetime.date


def texts_for(org, year):
    """{(section, kind): text} the office stored for this organisation and year."""
    rows = SectionText.objects.filter(organization=org, year=year).values_list("section", "kind", "text")
    return {(s, k): t for s, k, t in rows}


def _area_url(code):
    name = sections.AREA_PAGES.get(code.split(".")[0], "reporting:figures")
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse("reporting:figures")


def build_summary(*, org, year):
    """Every section's sentences with the figures of `org`'s subtree for `year`, checked first."""
    period = indicators.Period.year(year)
    last_year = indicators.Period.year(year - 1)
    cache = {}

    def value_of(code, unit, when):
        key = (code, unit.pk, when)
        if key not in cache:
            try:
                ind = indicators.get(code)
            except KeyError:
                cache[key] = (None, None)
            else:
                cache[key] = (ind, ind.value(unit, period if when == "now" else last_year))
        return cache[key]

    subtree = Organization.objects.filter(path__startswith=org.path)

    def find_org(name):
        return subtree.filter(name=name).first()

    ctx = sections.Context(
        org=org,
        year=year,
        figure=lambda code, unit: value_of(code, unit, "now"),
        previous=lambda code, unit: value_of(code, unit, "before")[1],
        target=lambda code, unit: target_for(code, unit, period),
        findings=findings_for(org, period),
        remarks=remarks_for(org, period),
        find_org=find_org,
        area_url=_area_url,
    )
    stored = texts_for(org, year)
    blocks = []
    for section in sections.SECTIONS:
        block = Block(section.key, section.heading, section.level)
        template = stored.get((section.key, SectionText.Kind.TEMPLATE), section.template)
        own = stored.get((section.key, SectionText.Kind.PARAGRAPH), "")
        if own.strip() and section.paragraph_replaces_template:
            template = ""
        if template.strip():
            block.paragraphs.append(sections.fill(template, ctx))
        for text in [t.strip() for t in own.splitlines() if t.strip()]:
            block.paragraphs.append([sections.Segment(text)])
        blocks.append(block)
    notes = sum(1 for b in blocks for p in b.paragraphs for s in p if s.note)
    today = timezone.localdate()
    signed_on = today if today.year == year else datetime.date(year, 12, 31)
    title = _("%(org)s annual work summary for %(year)d") % {"org": org.name, "year": year}
    return Summary(org, year, title, blocks, ctx.used, notes, signed_on)


@transaction.atomic
def save_section_text(*, org, year, section, kind, text, user):
    """Store the office's template or paragraph for a section ("" goes back to the default)."""
    if section not in sections.BY_KEY:
        raise ValidationError({"section": ValidationError(_("No such section."), code="unknown_section")})
    if kind not in SectionText.Kind.values:
        raise ValidationError({"kind": ValidationError(_("No such kind of text."), code="unknown_kind")})
    text = (text or "").replace("\r\n", "\n").strip()
    if kind == SectionText.Kind.TEMPLATE:
        problems = sections.template_problems(text)
        if problems:
            raise ValidationError({"text": [ValidationError(p, code="bad_template") for p in problems]})
    if not text:
        SectionText.objects.filter(organization=org, year=year, section=section, kind=kind).delete()
        return None
    row, _created = SectionText.objects.update_or_create(
        organization=org, year=year, section=section, kind=kind, defaults={"text": text, "updated_by": user}
    )
    return row


def write_docx(summary):
    """The summary in the official layout; notes highlighted; a last page lists every figure used."""
    doc = OfficialDocument(title=summary.title)
    for block in summary.blocks:
        if block.heading:
            doc.heading(block.heading, level=block.level)
        for paragraph in block.paragraphs:
            para = doc.paragraph("")
            for seg in paragraph:
                doc.run(para, seg.text, highlight=seg.note)
    doc.signature(summary.org.name, summary.signed_on)
    doc.page_break()
    doc.heading(_("Annex: the figures used in this summary"), level=1)
    if summary.notes:
        doc.paragraph(
            _("%(n)d places are highlighted: a figure is missing or failed a check; fix the records and "
              "make the summary again.") % {"n": summary.notes},
            highlight=True,
        )  # fmt: skip
    rows = [
        [n, use.name + ("" if use.org_name == summary.org.name else f"（{use.org_name}）"), use.code,
         sections.format_value(use.value, ""), use.unit]
        for n, use in enumerate(summary.used, start=1)
    ]  # fmt: skip
    doc.table([_("No."), _("Figure"), _("Code"), _("Value"), _("Unit")], rows)
    return doc


def file_name(summary):
    return f"{summary.org.name}{summary.year}年度工作总结.docx"
