"""The rules of this area, each one function that the forms, the ledger kinds and the API call.

Each returns ``{field: ValidationError}`` (empty when the record may be written), with a code and
a sentence that the zh_Hans catalog makes Chinese. Services raise them; ledger kinds put them on
the row's cell. Nothing here writes.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gonghui.core.formats import cn_date

# 县工发〔2008〕3号, 黔山工发〔2008〕12号: issuer's code, the year in 〔〕 brackets, a serial, 号.
DOCUMENT_NUMBER = re.compile(r"^(?P<code>\S+?)〔(?P<year>\d{4})〕(?P<serial>\d+)号$")


def _error(message, code, **params):
    return ValidationError(message, code=code, params=params)


def union_event_errors(*, union, kind, on, events):
    """May `union` have an event of `kind` on `on`, given its other events (founding, dissolution)?"""
    founded = next((e for e in events if e.kind == "founded"), None)
    dissolved = next((e for e in events if e.kind == "dissolved"), None)
    name = union.name
    if kind == "founded":
        if founded is not None:
            return {"on": _error(_("%(union)s was already founded on %(date)s."), "already_founded",
                                 union=name, date=cn_date(founded.on))}  # fmt: skip
        if dissolved is not None and on >= dissolved.on:
            return {"on": _error(_("%(union)s was dissolved on %(dissolved)s; it cannot be founded after that, on %(date)s."),
                                 "founded_after_dissolved", union=name, dissolved=cn_date(dissolved.on),
                                 date=cn_date(on))}  # fmt: skip
    if kind == "dissolved" and dissolved is not None:
        return {"on": _error(_("%(union)s was already dissolved on %(date)s."), "already_dissolved",
                             union=name, date=cn_date(dissolved.on))}  # fmt: skip
    if kind in ("reorganised", "dissolved"):
        if founded is not None and on < founded.on:
            return {"on": _error(_("%(union)s was founded on %(founded)s; nothing can happen to it before, on %(date)s."),
                                 "before_founding", union=name, founded=cn_date(founded.on), date=cn_date(on))}  # fmt: skip
        if kind == "reorganised" and dissolved is not None and on >= dissolved.on:
            return {"on": _error(_("%(union)s was dissolved on %(dissolved)s and cannot be reorganised after that."),
                                 "after_dissolution", union=name, dissolved=cn_date(dissolved.on))}  # fmt: skip
    return {}


def joining_errors(*, person, union, joined_on, already_member):
    """A person joins a union: not before their birth, and not twice at once in the same union."""
    errors = {}
    if person.birth_date and joined_on < person.birth_date:
        errors["joined_on"] = _error(
            _("%(name)s was born on %(birth)s and cannot have joined on %(date)s."), "before_birth",
            name=person.name, birth=cn_date(person.birth_date), date=cn_date(joined_on),
        )  # fmt: skip
    if already_member:
        errors["person"] = _error(_("%(name)s is already a member of %(union)s."), "already_member",
                                  name=person.name, union=union.name)  # fmt: skip
    return errors


def coverage_errors(*, workplace, workers_covered, women_covered):
    """A contract cannot cover more workers (or women) than the workplace has: over 100% is refused."""
    errors = {}
    if women_covered and workers_covered is not None and women_covered > workers_covered:
        errors["women_covered"] = _error(
            _("%(women)s women covered is more than the %(workers)s workers covered."), "women_over_workers",
            women=women_covered, workers=workers_covered,
        )  # fmt: skip
    if workplace is None:
        return errors
    if workers_covered is not None and workers_covered > workplace.staff_count:
        errors["workers_covered"] = _error(
            _("%(workplace)s has %(staff)s staff; covering %(n)s would be a coverage over 100%%."), "over_100",
            workplace=workplace.name, staff=workplace.staff_count, n=workers_covered,
        )  # fmt: skip
    if women_covered and women_covered > workplace.women_staff_count:
        errors["women_covered"] = _error(
            _("%(workplace)s has %(staff)s women staff; covering %(n)s women would be a coverage over 100%%."),
            "women_over_100", workplace=workplace.name, staff=workplace.women_staff_count, n=women_covered,
        )  # fmt: skip
    return errors


def contract_errors(*, kind, workplace, scope, starts_on, ends_on, workers_covered, women_covered):
    errors = coverage_errors(
        workplace=workplace, workers_covered=workers_covered, women_covered=women_covered
    )
    if starts_on and ends_on and ends_on <= starts_on:
        errors["ends_on"] = _error(_("A contract must end after it starts (%(start)s)."), "ends_before_start",
                                   start=cn_date(starts_on))  # fmt: skip
    if kind in ("regional", "sectoral"):
        if not scope:
            errors["scope"] = _error(_("Name the region or sector this contract covers."), "scope_required")
    elif workplace is None:
        errors["workplace"] = _error(
            _("Choose the workplace this contract was signed for."), "workplace_required"
        )
    if kind == "women_special" and not women_covered:
        errors["women_covered"] = _error(_("A women workers' special contract must cover some women."),
                                         "no_women")  # fmt: skip
    return errors


def labour_return_errors(*, workplace, workers_with_contract):
    if workers_with_contract > workplace.staff_count:
        return {"workers_with_contract": _error(
            _("%(workplace)s has %(staff)s staff; %(n)s with a labour contract would be a coverage over 100%%."),
            "over_100", workplace=workplace.name, staff=workplace.staff_count, n=workers_with_contract,
        )}  # fmt: skip
    return {}


def congress_errors(*, term, held_on, preparation_from):
    """A congress ends a term: it cannot be held (or prepared) before that term began."""
    errors = {}
    if held_on and held_on <= term.starts_on:
        errors["held_on"] = _error(
            _("A congress on %(date)s cannot end the term that began on %(start)s."), "before_term",
            date=cn_date(held_on), start=cn_date(term.starts_on),
        )  # fmt: skip
    if preparation_from and preparation_from <= term.starts_on:
        errors["preparation_from"] = _error(
            _("Preparation from %(date)s cannot be for the term that began on %(start)s."), "before_term",
            date=cn_date(preparation_from), start=cn_date(term.starts_on),
        )  # fmt: skip
    return errors


def document_number_errors(*, number, issued_on):
    if not number:
        return {}
    match = DOCUMENT_NUMBER.match(number)
    if match is None:
        return {"number": _error(_("%(number)s is not a document number like 县工发〔2008〕3号."), "bad_number",
                                 number=number)}  # fmt: skip
    if issued_on and int(match["year"]) != issued_on.year:
        return {"number": _error(_("%(number)s carries the year %(year)s but was issued on %(date)s."),
                                 "number_year", number=number, year=match["year"], date=cn_date(issued_on))}  # fmt: skip
    return {}


def follow_up_errors(*, organization, plenary, held_on):
    """A follow-up meeting comes after the plenary, held by a unit under the one that held it."""
    errors = {}
    if plenary is None or plenary.kind != "plenary":
        return {"follows": _error(_("Choose the plenary this meeting follows."), "no_plenary")}
    if held_on < plenary.held_on:
        errors["held_on"] = _error(_("A follow-up meeting on %(date)s cannot come before the plenary of %(plenary)s."),
                                   "before_plenary", date=cn_date(held_on), plenary=cn_date(plenary.held_on))  # fmt: skip
    if (
        not organization.path.startswith(plenary.organization.path)
        or organization.pk == plenary.organization_id
    ):
        errors["follows"] = _error(_("%(org)s is not under %(plenary_org)s, which held the plenary."), "not_under",
                                   org=organization.name, plenary_org=plenary.organization.name)  # fmt: skip
    return errors


def raise_if(errors):
    if errors:
        raise ValidationError(errors)
