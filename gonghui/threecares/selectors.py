"""Reads that span several models: the programme's overview, report completeness, family files."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from gonghui.orgs import scoping
from gonghui.orgs.models import Organization
from gonghui.people import idnumbers
from gonghui.people.models import Person
from gonghui.people.picker import PICKED, picked_id
from gonghui.people.services import match_person, owned_q, people_named
from gonghui.reporting.models import Submission

from . import models as m
from .querysets import minors_visible_to
from .registries import REGISTRIES
from .services import INFO_REPORT_FORM


def child_counts(user):
    """All, pupils and preschool children in the user's subtree: counts, shown to every role."""
    rows = m.LeftBehindChild.objects.counted_for(user).aggregate(
        total=Count("pk"),
        pupils=Count("pk", filter=Q(kind="pupil")),
        preschool=Count("pk", filter=Q(kind="preschool")),
    )
    return rows


def registry_counts(user):
    """People on each registry (by its key) in the user's subtree; children counted for every role."""
    counts = {r.key: r.model.objects.count_for(user) for r in REGISTRIES.values() if not r.minors}
    children = child_counts(user)
    counts["children"] = children["total"]
    counts["children_pupils"] = children["pupils"]
    counts["children_preschool"] = children["preschool"]
    return counts


def townships_in_scope(user):
    """The township committees the user may see (a township officer: their own)."""
    return list(
        scoping.restrict(Organization.objects.filter(category=Organization.Category.TOWNSHIP), user, via="")
        .filter(level=Organization.Level.COMMITTEE)
        .order_by("path")
    )


@dataclass
class Completeness:
    township: Organization
    submitted: int
    expected: int
    months: list = field(default_factory=list)

    @property
    def share(self):
        return (
            Decimal(self.submitted * 100 / self.expected).quantize(Decimal("1"))
            if self.expected
            else Decimal(0)
        )


def report_completeness(user, *, year, months=12):
    """Monthly information reports per township committee: submitted of expected (信息报送制度)."""
    townships = townships_in_scope(user)
    rows = Submission.objects.visible_to(user).filter(form__code=INFO_REPORT_FORM, period_start__year=year,
                                                      period_start__month__lte=months)  # fmt: skip
    by_org = defaultdict(set)
    for org_id, month in rows.values_list("organization_id", "period_start__month"):
        by_org[org_id].add(month)
    return [
        Completeness(t, len(by_org[t.pk]), months, [mo in by_org[t.pk] for mo in range(1, months + 1)])
        for t in townships
    ]


@dataclass
class FamilyFile:
    family: m.Family
    out_migrants: list
    elders: list
    children: list
    children_hidden: int
    others: list


def family_file(family, user):
    """One family, one file: parents away, grandparents at home, children (if the user may see them)."""
    children = list(m.LeftBehindChild.objects.visible_to(user).filter(family=family).select_related("person"))
    hidden = 0
    if not minors_visible_to(user):
        hidden = m.LeftBehindChild.objects.counted_for(user).filter(family=family).count()
    return FamilyFile(
        family=family,
        out_migrants=list(
            m.OutMigrant.objects.visible_to(user).filter(family=family).select_related("person")
        ),
        elders=list(
            m.Elder.objects.visible_to(user)
            .filter(family=family)
            .select_related("person")
            .prefetch_related("pairings")
        ),
        children=children,
        children_hidden=hidden,
        others=list(m.IncomingWorker.objects.visible_to(user).filter(family=family).select_related("person"))
        + list(m.Returnee.objects.visible_to(user).filter(family=family).select_related("person")),
    )


def _listed(queryset, lines, *, field, name_field, number_field, keep=None, named=None):
    """Rows named by the lines of a list (an ID number or a unique name a line), or every reason why not.

    ``keep``: {name: [rows already on the list]}; a line with such a name is that row again, so a
    list shown for correction saves unchanged even where names repeat.
    """

    found, errors = [], []
    keep = {name: list(rows) for name, rows in (keep or {}).items()}
    for number, line in enumerate(lines, start=1):
        if keep.get(line):
            found.append(keep[line].pop(0))
            continue
        digits = idnumbers.normalize(line)
        if len(digits) == 18 and digits[:17].isdigit():
            rows = list(queryset.filter(**{number_field: idnumbers.lookup_hash(digits)})[:2])
        else:
            rows = list((queryset if named is None else named).filter(**{name_field: line})[:2])
        if len(rows) == 1:
            found.append(rows[0])
            continue
        why = (
            _("Line %(n)d (%(line)s): nobody of that name or ID number is found here.")
            if not rows
            else _("Line %(n)d (%(line)s): several people have that name; give the ID number.")
        )
        errors.append(ValidationError(why, code="not_found" if not rows else "ambiguous",
                                      params={"n": number, "line": line}))  # fmt: skip
    if errors:
        raise ValidationError({field: errors})
    return list(dict.fromkeys(found))


def people_listed(user, lines, *, field, keep=()):
    """People the user may see, named on an attendance list (``keep``: those already on it)."""
    # By name, only people living in the user's subtree (the rule of people.services.people_named).
    visible = Person.objects.visible_to(user)
    return _listed(visible, lines, field=field, name_field="name", number_field="id_number_hash",
                   keep=_by_name(keep, lambda p: p.name), named=visible.filter(owned_q(user)))  # fmt: skip


def _by_name(rows, name):
    result = defaultdict(list)
    for row in rows:
        result[name(row)].append(row)
    return result


def person_named(user, line, *, field, current=None):
    """One person the user may see, typed as a name or an ID number; blank is nobody.

    The person already in the field (``current``) is kept when their name is left as it was.
    """
    line = (line or "").strip()
    if not line:
        return None
    if current is not None and line == current.name:
        return current
    if line.startswith(PICKED):  # chosen with the person picker
        person = Person.objects.visible_to(user).filter(pk=picked_id(line) or 0).first()
        if person is None:
            raise ValidationError({field: ValidationError(_("Choose the person again from the search results."),
                                                          code="not_found")})  # fmt: skip
        return person
    digits = idnumbers.normalize(line)
    # The one rule of people.services: an ID number finds a person the user sees; a name only a
    # person living in the user's subtree.
    if len(digits) == 18 and digits[:17].isdigit():
        person = match_person(user, id_number=digits).person
        rows = [person] if person is not None else []
    else:
        rows = list(people_named([line], user).visible_to(user)[:2])
    if len(rows) == 1:
        return rows[0]
    why = (
        _("%(line)s: nobody of that name or ID number is found here.")
        if not rows
        else _("Several people are named %(line)s; give the ID number.")
    )
    raise ValidationError(
        {field: ValidationError(why, code="not_found" if not rows else "ambiguous", params={"line": line})}
    )


def elders_listed(user, lines, *, township, field):
    """Elders of one township the user may see, named on a membership list."""
    rows = m.Elder.objects.visible_to(user).filter(township=township).select_related("person")
    return _listed(rows, lines, field=field, name_field="person__name", number_field="person__id_number_hash")
