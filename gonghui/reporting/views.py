"""The figures page (by period, with last year, targets, the committees and the closed year), the
drill-down list behind every figure, targets, quality findings and closing a year."""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gonghui.core.formats import download_name
from gonghui.ledgers.xlsx import ledger_response
from gonghui.orgs import scoping
from gonghui.orgs.models import Organization, User
from gonghui.paging import page_of
from gonghui.querystring import parse_id

from . import assessment, closing, indicators, quality, reports, targets
from .indicators import Period
from .models import ReportForm, Scheme, Submission


def _scope(request):
    """The organisation (?org=, within the user's subtree: else 404) and period (?year=… or dates).

    Bad query values never give a 500: a bad period is reported and the default year shown.
    """
    user = request.user
    raw = request.GET.get("org", "").strip()
    if raw:
        org = scoping.get_visible_or_404(Organization.objects.all(), user, pk=raw)
    else:
        org = user.organization
        if org is None:
            raise Http404("not found")
    errors = []
    try:
        period = Period.from_query(request.GET, default_year=lambda: indicators.default_year(user))
    except ValidationError as e:
        errors = [m for messages_ in e.message_dict.values() for m in messages_]
        period = Period.year(indicators.default_year(user))
    return org, period, errors


def _query(org, period, **extra):
    return urlencode({"org": org.pk, **period.params(), **extra})


def drilldown_url(code, org, period):
    return reverse("reporting:records", args=[code]) + "?" + _query(org, period)


def _number(value):
    """92388 → 92,388; 95.5 → 95.5 (a rate keeps its decimal)."""
    try:
        whole = int(value)
    except (TypeError, ValueError):
        return ""
    return f"{whole:,}" if whole == value else f"{value:,}"


def _cell_html(cell, target_word):
    """One committee's cell of the figures table (value, link to its records, target)."""
    value = cell["value"]
    if value is None:
        shown = "—"
    elif cell["url"]:
        shown = f'<a href="{escape(cell["url"])}">{_number(value)}</a>'
    else:
        shown = _number(value)
    if cell["target"] is not None:
        shown += f'<br><small class="muted">{target_word} {_number(cell["target"])}</small>'
    return f'<td class="num">{shown}</td>'


def _change(now, before):
    if before in (None, 0) or now is None:
        return None
    return ((Decimal(str(now)) - Decimal(str(before))) * 100 / Decimal(str(before))).quantize(Decimal("0.1"))


@login_required
def figures(request):
    org, period, errors = _scope(request)
    user = request.user
    by_children = request.GET.get("by") == "children"
    if by_children:  # the committees' table only: the county's own figures are one click away
        values = previous = dict.fromkeys((i.code for i in indicators.all_indicators()), None)
        progress, changed = {}, {}
    else:
        values = indicators.compute(org, period)
        previous = indicators.compute(org, period.previous_year())
        progress = targets.progress_by_code(org, period, values)
        changed = (
            closing.changes_since_closing(org, period.start.year, values) if period.kind == "year" else {}
        )
    rows = []
    for ind in indicators.all_indicators():
        now, before = values[ind.code], previous[ind.code]
        rows.append({
            "ind": ind, "value": now, "previous": before, "change": _change(now, before),
            "progress": progress.get(ind.code), "changed": changed.get(ind.code),
            "url": drilldown_url(ind.code, org, period) if ind.has_records and ind.accessible_to(user) else "",
        })  # fmt: skip
    children = []
    if by_children:
        kids = list(Organization.objects.filter(parent=org, is_active=True).order_by("path"))
        per_child = indicators.compute_children(org, period, children=kids)
        child_targets = targets.children_targets(org, period)
        # 38 committees x every indicator: each drill-down address is the indicator's path (reversed
        # once) and the committee's query (once), and the cells are written here, not by a template
        # loop of 3,000 iterations.
        listed = {ind.code: reverse("reporting:records", args=[ind.code]) for ind in indicators.all_indicators()
                  if ind.has_records and ind.accessible_to(user)}  # fmt: skip
        target_word = escape(_("target"))
        for kid in kids:
            query = "?" + _query(kid, period)
            cells = []
            for ind in indicators.all_indicators():
                cells.append({
                    "value": per_child[kid.pk][ind.code], "target": child_targets.get((kid.pk, ind.code)),
                    "url": listed[ind.code] + query if ind.code in listed else "",
                })  # fmt: skip
            children.append({
                "org": kid, "cells": cells, "url": reverse("reporting:figures") + query,
                "html": mark_safe("".join(_cell_html(cell, target_word) for cell in cells)),  # noqa: S308 (escaped)
            })  # fmt: skip
    if request.GET.get("format") == "xlsx":
        return _figures_xlsx(org, period, rows, children, by_children)
    other_targets = [p for code, p in progress.items() if not indicators.is_registered(code)]
    return render(request, "reporting/figures.html", {
        "org": org, "period": period, "year": period.start.year, "years": range(timezone.localdate().year, 2004, -1),
        "rows": rows, "errors": errors, "by_children": by_children, "children": children,
        "indicators": indicators.all_indicators(), "pending_targets": other_targets,
        "closed": closing.closing_for(org, period.start.year) if period.kind == "year" else None,
        "query": _query(org, period), "parent": org.parent if org.parent and org.parent.path.startswith(
            scoping._root_path(user) or "\0") else None,
    })  # fmt: skip


def _figures_xlsx(org, period, rows, children, by_children):
    title = _("%(org)s figures, %(period)s") % {"org": org.name, "period": period.label}
    if by_children:
        headers = [_("Organisation")] + [f"{ind.name}（{ind.unit}）" for ind in indicators.all_indicators()]
        data = [[c["org"].name] + [cell["value"] for cell in c["cells"]] for c in children]
        return ledger_response(title=title, unit=org.name, headers=headers, rows=data,
                               filename=download_name(f"{title}（分单位）", "xlsx"), sum_columns=range(1, len(headers)))  # fmt: skip
    headers = [_("Indicator"), _("Unit"), period.label, _("Same period last year"), _("Change (%)"), _("Target"),
               _("Completion (%)")]  # fmt: skip
    data = [
        [str(r["ind"].name), str(r["ind"].unit), r["value"], r["previous"], r["change"],
         r["progress"].target if r["progress"] else None, r["progress"].rate if r["progress"] else None]
        for r in rows
    ]  # fmt: skip
    return ledger_response(title=title, unit=org.name, headers=headers, rows=data, filename=download_name(title, "xlsx"),
                           total_label=False)  # fmt: skip


def _cell(obj, lookup):
    for part in lookup.split("__"):
        if obj is None:
            return None
        display = getattr(obj, f"get_{part}_display", None)
        obj = display() if display else getattr(obj, part, None)
    return obj


def _row_html(obj, cells):
    """One record's row of the drill-down list, the first cell linking to the record: written
    here rather than by a template loop over every cell (a third of the page's time)."""
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    out = []
    for i, value in enumerate(cells):
        if i == 0 and url:
            text = "—" if value is None else conditional_escape(localize(value))
            out.append(f'<td><a href="{escape(url)}">{text}</a></td>')
        else:
            out.append(f"<td>{'' if value is None else conditional_escape(localize(value))}</td>")
    return "<tr>" + "".join(out) + "</tr>"


def _related(columns):
    return sorted({lookup.rsplit("__", 1)[0] for lookup, _label in columns if "__" in lookup})


@login_required
def records(request, code):
    """The records behind one figure, for the same organisation and period, in the user's scope."""
    try:
        ind = indicators.get(code)
    except KeyError:
        raise Http404("not found")
    if not ind.has_records or not ind.accessible_to(request.user):
        raise Http404("not found")
    org, period, errors = _scope(request)
    rows = ind.records(org, period)
    related = _related(ind.columns)
    headers = [label for _lookup, label in ind.columns]
    if request.GET.get("format") == "xlsx":
        data = ([_cell(obj, lookup) for lookup, _label in ind.columns]
                for obj in rows.select_related(*related).order_by("pk").iterator(chunk_size=2000))  # fmt: skip
        title = f"{ind.name}（{period.label}，{org.name}）"
        return ledger_response(title=str(ind.name), unit=org.name, headers=headers, rows=data,
                               filename=download_name(title, "xlsx"))  # fmt: skip
    if request.GET.get("part") == "total":
        # What the listed records add up to, asked for by the page once it is shown (htmx): the
        # list itself reads one page of rows and never scans them all.
        return render(
            request, "reporting/partials/records_total.html", {"ind": ind, "total": ind.records_total(rows)}
        )
    page = page_of(rows.order_by(*ind.order), request.GET.get("page"), related=related, counted=False)
    table = [(obj, [_cell(obj, lookup) for lookup, _label in ind.columns]) for obj in page.object_list]
    return render(request, "reporting/records.html", {
        "ind": ind, "org": org, "period": period, "errors": errors, "headers": headers, "table": table,
        "rows": mark_safe("".join(_row_html(obj, cells) for obj, cells in table)),  # noqa: S308 (escaped)
        "page": page, "back": reverse("reporting:figures") + "?" + _query(org, period),
    })  # fmt: skip


@login_required
def target_list(request):
    """The organisation's targets with live progress, and the split among its children."""
    org, period, errors = _scope(request)
    user = request.user
    may_split = user.can_edit and user.organization_id == org.pk
    if request.method == "POST" and may_split:
        return _split_post(request, org, period)
    kids = list(Organization.objects.filter(parent=org, is_active=True).order_by("path"))
    progress = targets.progress(org, period)
    codes = [p.code for p in progress if indicators.is_registered(p.code)]
    per_child = indicators.compute_children(org, period, codes, children=kids)
    parts = targets.children_targets(org, period)
    splits = []
    for p in progress:
        lines = []
        for kid in kids:
            target = parts.get((kid.pk, p.code))
            actual = per_child[kid.pk].get(p.code)
            lines.append({"org": kid, "progress": targets.Progress(p.code, target, actual) if target is not None
                          else None, "actual": actual, "target": target})  # fmt: skip
        splits.append(
            {"progress": p, "lines": lines, "sum": sum((x["target"] or 0 for x in lines), Decimal(0))}
        )
    return render(request, "reporting/targets.html", {
        "org": org, "period": period, "errors": errors, "splits": splits, "may_split": may_split,
        "query": _query(org, period), "children": kids, "indicators": indicators.all_indicators(),
    })  # fmt: skip


def _assign_post(request, org, period):
    """The organisation assigns a target for one indicator to one of its children."""
    child = Organization.objects.filter(
        parent=org, is_active=True, pk=request.POST.get("organization") or 0
    ).first()
    if child is None:
        messages.error(request, _("Choose a unit below yours."))
    else:
        try:
            targets.assign(by=org, organization=child, code=request.POST.get("code", "").strip(), period=period,
                           value=request.POST.get("value", ""))  # fmt: skip
            messages.success(request, _("The target is assigned."))
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
    return redirect(reverse("reporting:targets") + "?" + _query(org, period))


def _split_post(request, org, period):
    if request.POST.get("action") == "assign":
        return _assign_post(request, org, period)
    target = targets.for_period(org, period).filter(pk=request.POST.get("target") or 0).first()
    if target is None:
        raise Http404("not found")
    kids = {str(k.pk): k for k in Organization.objects.filter(parent=org, is_active=True)}
    parts = {kids[key[5:]]: value for key, value in request.POST.items()
             if key.startswith("part-") and key[5:] in kids and value.strip()}  # fmt: skip
    try:
        targets.split(target=target, parts=parts)
        messages.success(request, _("The target is split among the committees."))
    except ValidationError as e:
        for m in e.messages:
            messages.error(request, m)
    return redirect(reverse("reporting:targets") + "?" + _query(org, period))


@login_required
def findings(request):
    """The data-quality rules run now for the organisation's subtree and the period."""
    org, period, errors = _scope(request)
    return render(request, "reporting/findings.html", {
        "org": org, "period": period, "errors": errors, "findings": quality.run(org, period),
        "rules": quality.rules_for(org), "query": _query(org, period),
    })  # fmt: skip


@login_required
def close_year(request):
    """Close a year (snapshot of every figure) or unlock a closed one with a reason."""
    user = request.user
    org = user.organization
    if org is None:
        raise Http404("not found")
    if request.method == "POST":
        if not user.can_configure:
            raise Http404("not found")
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            messages.error(request, _("Choose a year."))
            return redirect("reporting:closing")
        try:
            if request.POST.get("action") == "unlock":
                closing.unlock(organization=org, year=year, reason=request.POST.get("reason", ""), user=user)
                messages.success(request, _("%(year)d is unlocked for changes.") % {"year": year})
            elif request.POST.get("action") == "relock":
                closing.relock(organization=org, year=year)
                messages.success(request, _("%(year)d is locked again.") % {"year": year})
            else:
                closing.close_year(organization=org, year=year, user=user)
                messages.success(request, _("%(year)d is closed; its figures are kept.") % {"year": year})
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
        return redirect("reporting:closing")
    from .models import Unlock, YearClose

    closes = list(YearClose.objects.visible_to(user).select_related("organization"))
    return render(request, "reporting/closing.html", {
        "org": org, "closes": closes,
        "unlocks": Unlock.objects.visible_to(user).select_related("organization", "unlocked_by")[:50],
        "years": closing.closable_years(org), "closed": sorted({c.year for c in closes}, reverse=True),
        "may_close": user.can_configure,
    })  # fmt: skip


# --- Periodic reports --------------------------------------------------------------------------


def _form_period(request, form):
    """The form's period asked for (?year=&n=), else the latest one whose deadline has passed."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
        n = int(request.GET.get("n") or request.POST.get("n") or 0)
    except ValueError:
        year, n = 0, 0
    if not 1949 <= year <= 2100:
        year = indicators.default_year(request.user)
    choices = reports.periods(form, year)
    if 1 <= n <= len(choices):
        return choices[n - 1], choices
    past = [p for p in choices if p.end < today]
    return (past[-1] if past else choices[0]), choices


def _collects(user, form):
    org = user.organization
    return bool(org and user.can_edit and form.organization.path.startswith(org.path))


@login_required
def report_list(request):
    user = request.user
    rows = []
    for form in reports.forms_for(user):
        period, _choices = _form_period(request, form)
        mine = reports.respondents(form).filter(pk=user.organization_id).exists()
        rows.append({"form": form, "period": period, "collects": _collects(user, form), "reports": mine,
                     "rates": reports.rates(form, user.organization, period)})  # fmt: skip
    return render(request, "reporting/report_list.html", {"rows": rows})


@login_required
def report_detail(request, pk):
    """Collector: who reported, on time, late; respondent: its own periods of the year."""
    user = request.user
    form = _visible_form(user, pk)
    period, choices = _form_period(request, form)
    n = choices.index(period) + 1
    org = user.organization
    mine = reports.respondents(form).filter(pk=org.pk).exists()
    context = {"form": form, "period": period, "choices": list(enumerate(choices, start=1)), "n": n,
               "year": period.start.year, "deadline": reports.deadline(form, period), "collects": _collects(user, form),
               "reports": mine}  # fmt: skip
    if mine:
        subs = {s.period_start: s for s in Submission.objects.filter(form=form, organization=org,
                                                                     period_start__year=period.start.year)}  # fmt: skip
        context["own"] = [
            (i, p, subs.get(p.start), reports.deadline(form, p)) for i, p in enumerate(choices, start=1)
        ]
    else:
        committees = list(reports.respondents(form, org))
        subs = {s.organization_id: s for s in Submission.objects.filter(form=form, period_start=period.start,
                                                                        organization__in=committees)}  # fmt: skip
        context.update(
            table=[(c, subs.get(c.pk)) for c in committees], rates=reports.rates(form, org, period),
            late=reports.late(form, org, period),
        )  # fmt: skip
    return render(request, "reporting/report_detail.html", context)


def _visible_form(user, pk):
    try:
        return reports.forms_for(user).get(pk=pk)
    except (ReportForm.DoesNotExist, ValueError, TypeError):
        raise Http404("not found")


@login_required
def submission_edit(request, pk):
    """A committee writes (or corrects) its report for one period; fields prefilled from the figures."""
    user = request.user
    form = _visible_form(user, pk)
    org = user.organization
    if not user.can_edit or not reports.respondents(form).filter(pk=org.pk).exists():
        raise Http404("not found")
    period, choices = _form_period(request, form)
    existing = Submission.objects.filter(form=form, organization=org, period_start=period.start).first()
    errors = {}
    values = existing.values if existing else reports.prefill(form, org, period)
    content = existing.content if existing else ""
    if request.method == "POST":
        values = {f["key"]: request.POST.get(f["key"], "") for f in form.fields}
        content = request.POST.get("content", "")
        try:
            row = reports.submit(
                form=form, organization=org, period=period, values=values, content=content, by=user
            )
            messages.success(request, _("The report is submitted."))
            return redirect(row.get_absolute_url())
        except ValidationError as e:
            errors = e.message_dict
    fields = [
        {**f, "value": values.get(f["key"], ""), "errors": errors.get(f["key"], [])} for f in form.fields
    ]
    other = [m for key, ms in errors.items() if key not in {f["key"] for f in form.fields} for m in ms]
    return render(request, "reporting/submission_form.html", {
        "form": form, "period": period, "n": choices.index(period) + 1, "fields": fields, "content": content,
        "errors": other, "existing": existing, "locked": existing is not None and existing.status == "accepted",
        "deadline": reports.deadline(form, period),
    })  # fmt: skip


@login_required
def submission_detail(request, pk):
    user = request.user
    try:
        row = Submission.objects.visible_to(user).select_related("form", "organization").get(pk=pk)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise Http404("not found")
    collects = _collects(user, row.form) and user.organization_id != row.organization_id
    if request.method == "POST":
        if not collects:
            raise Http404("not found")
        try:
            if request.POST.get("action") == "accept":
                reports.accept(submission=row, by=user)
                messages.success(request, _("The report is accepted and locked."))
            else:
                reports.return_for_correction(
                    submission=row, comment=request.POST.get("comment", ""), by=user
                )
                messages.success(request, _("The report is returned for correction."))
        except ValidationError as e:
            for m in e.messages:
                messages.error(request, m)
        return redirect(row.get_absolute_url())
    period = reports.period_of(row.form, row.period_start)
    labels = {f["key"]: f["label"] for f in row.form.fields}
    return render(request, "reporting/submission_detail.html", {
        "row": row, "period": period, "collects": collects, "n": reports.periods(row.form, period.start.year).index(period) + 1,
        "values": [(labels.get(k, k), v) for k, v in row.values.items()], "moves": row.moves.select_related("by"),
        "mine": user.organization_id == row.organization_id and user.can_edit,
        "allowed": reports.SUBMISSION_MOVES.allowed(row.status),
    })  # fmt: skip


# --- Assessment --------------------------------------------------------------------------------


def _schemes_for(user):
    org = user.organization
    if org is None:
        return Scheme.objects.none()
    paths = [org.path[:i] for i in range(5, len(org.path) + 1, 5)]
    return (
        Scheme.objects.filter(organization__path__in=paths) | Scheme.objects.visible_to(user)
    ).select_related("organization")


@login_required
def scheme_list(request):
    return render(request, "reporting/scheme_list.html", {"schemes": _schemes_for(request.user).distinct()})


@login_required
def scheme_detail(request, pk):
    """Scores per organisation with ranking and per-item breakdown; hand-scored items for the owner."""
    user = request.user
    try:
        scheme = _schemes_for(user).distinct().get(pk=pk)
    except (Scheme.DoesNotExist, ValueError, TypeError):
        raise Http404("not found")
    owner = user.can_edit and user.organization_id == scheme.organization_id
    if request.method == "POST":
        if not owner:
            raise Http404("not found")
        item = scheme.items.filter(pk=parse_id(request.POST.get("item")) or 0).first()
        if assessment.is_for_staff(scheme):
            whom = {"staff": User.objects.filter(pk=parse_id(request.POST.get("staff")) or 0).first()}
        else:
            whom = {"organization": Organization.objects.filter(pk=parse_id(request.POST.get("organization")) or 0).first()}
        if item is None or None in whom.values():
            messages.error(request, _("Choose an item and whom it scores."))
        else:
            try:
                assessment.give_score(item=item, **whom, score=request.POST.get("score", ""),
                                      note=request.POST.get("note", ""), by=user)  # fmt: skip
                messages.success(request, _("The score is saved."))
            except ValidationError as e:
                for m in e.messages:
                    messages.error(request, m)
        return redirect("reporting:scheme", pk=scheme.pk)
    items = list(scheme.items.all())
    return render(request, "reporting/scheme_detail.html", {
        "scheme": scheme, "items": items, "scores": assessment.scores(scheme, within=user.organization),
        "owner": owner, "manual_items": [i for i in items if i.kind == "manual" and not assessment.scored_from_visits(i)],
        "for_staff": assessment.is_for_staff(scheme),
        "total_points": sum((i.points for i in items), Decimal(0)),
    })  # fmt: skip
