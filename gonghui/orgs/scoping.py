"""The one place that knows who may see what: "your organisation's subtree".

Every scoped QuerySet's ``visible_to(user)`` calls ``restrict``; views load single records only
through ``get_visible_or_404``, so out-of-scope rows read as missing (404), never as forbidden,
and their existence does not leak.

People belong to no single union. A person is visible when their home township or village is
answered for by an organisation in the user's subtree, or when a record about them exists in
that subtree. Each area app tells this module which of its models are such records with
``register_person_link``.
"""

from django.db import models
from django.db.models import Q, Sum
from django.http import Http404

from gonghui.text import prefix_q

_person_links = []  # (model, person_field, org_via)
_people_filters = []  # callables (queryset, user) -> queryset, narrowing who is seen at all
_tallied = []  # models whose rows per organisation the database counts as they change (tally.py)


def _root_path(user):
    """The path prefix the user may see, or None for no rows at all (fail closed).

    Reports and figures pass an Organization instead of a user: its subtree, same rule.
    """
    if hasattr(user, "path") and hasattr(user, "level"):
        return user.path
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser and user.organization_id is None:
        return ""
    org = user.organization
    if org is None:
        return None
    return org.path


def subtree_q(user, *, via="organization"):
    """A Q object selecting rows whose organisation (reached through `via`) is in the user's subtree."""
    root = _root_path(user)
    if root is None:
        return Q(pk__in=[])
    if root == "":
        return Q()
    if not via:
        return prefix_q("path", root)
    # "organisation in (the subtree's ids)", not a join on the path: with a join SQLite's planner
    # starts from the organisations and sorts the whole registry to find the newest 50 rows (50 ms
    # at 1,000,000 rows); with the list it walks the newest rows and checks each (0.1 ms).
    # PostgreSQL plans both as the same semi-join.
    from django.apps import apps

    subtree = apps.get_model("orgs", "Organization").objects.filter(prefix_q("path", root)).values("pk")
    return Q(**{f"{via}__in": subtree})


def restrict(queryset, user, *, via="organization"):
    root = _root_path(user)
    if root is None:
        return queryset.none()
    return queryset.filter(subtree_q(user, via=via))


def set_above_q(org, *, via="organization"):
    """Rows set by `org` itself or by any organisation above it: what applies to `org`.

    "What is set higher up applies below": a county's programme is paid from by every township, the
    county's assessment standard assesses every township, and targets and report forms come down
    the same way. Decided here, once, from the organisation's path.
    """
    if org is None:
        return Q(pk__in=[])
    field = via or "pk"  # no `via`: the organisations themselves
    return Q(**{f"{field}__in": org.ancestors().values("pk")}) | Q(**{field: org.pk})


def applying_to(queryset, org, *, via="organization"):
    """The rows of `queryset` that apply to `org`: its own and those set above it."""
    return queryset.filter(set_above_q(org, via=via))


def applying_or_visible(queryset, user, *, via="organization"):
    """A list page of things set at some level: what applies to the user's organisation (set above
    or by it) and what the user keeps below (their subtree), each row once."""
    if _root_path(user) is None:  # fail closed: anonymous, inactive, no organisation
        return queryset.none()
    condition = subtree_q(user, via=via)
    org = user if hasattr(user, "path") and hasattr(user, "level") else getattr(user, "organization", None)
    if org is not None:
        condition |= set_above_q(org, via=via)
    return queryset.filter(condition)


class ScopedQuerySet(models.QuerySet):
    """The QuerySet of every model with an ``owned_by`` organisation: the scoping door as methods."""

    def visible_to(self, user):
        return restrict(self.without_unseen(user), user)

    def count_visible_to(self, user):
        """``visible_to(user).count()``, quick on a registry of a million rows."""
        return count_visible(self.without_unseen(user), user)

    def without_unseen(self, user):
        """Rows the user may not see whatever their scope (minors' records); none here."""
        return self

    def counted_for(self, user):
        """Rows in the user's subtree, for counts and sums only."""
        return restrict(self, user)

    def count_for(self, user):
        """``counted_for(user).count()``, quick on a registry of a million rows."""
        return count_visible(self, user)

    def between(self, field, period):
        return self.filter(**{f"{field}__gte": period.start, f"{field}__lte": period.end})

    def applying_to(self, org):
        """Rows set by `org` or above it (programmes, assessment standards, targets): see set_above_q."""
        return applying_to(self, org)

    def applying_or_visible(self, user):
        return applying_or_visible(self.without_unseen(user), user)


def register_tally(model):
    """Declare a large table whose count per organisation the database keeps (see ``tally``)."""
    if model not in _tallied:
        _tallied.append(model)


def tallied_models():
    return list(_tallied)


def count_visible(queryset, user, *, via="organization"):
    """``restrict(queryset, user, via=via).count()``, from the tally when it can answer.

    A whole registry (no filter) of a model registered with ``register_tally`` is counted on
    PostgreSQL by adding up its tally rows in the user's subtree: a few hundred numbers instead of
    1,000,000 rows joined to their organisations. Anything else is the plain count.
    """
    from . import tally

    root = _root_path(user)
    if root is None:
        return 0
    query = queryset.query
    if via == "organization" and not query.where and query.combinator is None and tally.kept(queryset.model):
        from django.apps import apps

        rows = apps.get_model("orgs", "Tally").objects.filter(table_name=queryset.model._meta.db_table)
        return restrict(rows, user).aggregate(n=Sum("row_count"))["n"] or 0
    return restrict(queryset, user, via=via).count()


def get_visible_or_404(queryset, user, **lookup):
    """Load one record through the user's scope; missing and not-yours look the same."""
    if not hasattr(queryset, "visible_to"):  # a model class
        queryset = queryset._default_manager.all()
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("not found")


def get_editable_or_404(queryset, user, **lookup):
    """Load one record the user may change: in their scope and in a role that may change records.

    A read-only role gets the same 404 as an out-of-scope record: pages that change records are
    not offered to it, so a URL typed by hand finds nothing either.
    """
    if not getattr(user, "can_edit", False):
        raise Http404("not found")
    if not hasattr(queryset, "visible_to"):  # a model class
        queryset = queryset._default_manager.all()
    return get_visible_or_404(queryset, user, **lookup)


def register_person_link(model, *, person_field="person", via="organization"):
    """Declare that rows of `model` are records about a person, owned by an organisation."""
    entry = (model, person_field, via)
    if entry not in _person_links:
        _person_links.append(entry)


def person_links():
    return list(_person_links)


def register_people_filter(func):
    """Declare a further rule on people a user may see: ``func(queryset, user)`` narrows it.

    The Three Cares app hides left-behind children (minors) from roles that may not see minors'
    records, so their names do not surface through the people list, search or person page.
    """
    if func not in _people_filters:
        _people_filters.append(func)


def restrict_people(queryset, user):
    """The people `user` may see: living in their subtree, or the subject of a record kept there.

    The home half reads the person's township (or, for a village's union, village) column, which
    leads the people indexes a township lists and searches by; the record half is one small table
    of the people linked from outside their home subtree (``people.OutsideLink``, kept by triggers:
    ``gonghui/people/outside.py``). It was an EXISTS over every registered record table: a
    township's search read the township's 55,000 out-migrant rows (40-80 ms at 1,000,000 people).
    """
    root = _root_path(user)
    if root is None:
        return queryset.none()
    for narrow in _people_filters:
        queryset = narrow(queryset, user)
    if root == "":
        return queryset
    return queryset.filter(_people_condition(root))


OUTSIDE_LITERALS = 500


def count_people(user, homes=None):
    """``restrict_people(Person.objects.all(), user).count()``, quick for a county of a million.

    ``homes`` is {(township id, village id): people living there} (0 for none), as PostgreSQL's
    tally keeps it (reporting.tallies); without it the people living in the subtree are counted
    along the township index (20 ms at 1,000,000 people on SQLite, where the whole condition took
    90). The people linked from outside their home are added; when everyone lives in the subtree
    (a county) there can be none."""
    from django.apps import apps

    root = _root_path(user)
    if root is None:
        return 0
    people = apps.get_model("people", "Person").objects.all()
    if any(narrow(people, user) is not people for narrow in _people_filters):
        return restrict_people(people, user).count()  # a narrower rule for this user: count the rows
    if root == "":
        return people.count() if homes is None else sum(homes.values())
    townships, villages, outside = _people_parts(root)
    if homes is None:
        home = people.filter(township__in=sorted(townships)).count() if townships else 0
        if villages:
            home += people.filter(village__in=villages).exclude(township__in=sorted(townships)).count()
        everyone = people.count()
    else:
        home = sum(n for (township, village), n in homes.items() if township in townships or village in villages)
        everyone = sum(homes.values())
    if home == everyone:
        return home
    few = list(outside[: OUTSIDE_LITERALS + 1])
    away = people.filter(pk__in=sorted(set(few)) if len(few) <= OUTSIDE_LITERALS else outside)
    return home + away.exclude(township__in=townships).exclude(village__in=villages).count()


def _people_condition(root):
    """Home place in the subtree, or a record about the person kept in it (see ``restrict_people``).

    The subtree's places are read first (one small query) and go into the query as numbers: for a
    township's committee the condition is ``township = <its place>``, which the (township, name),
    (township, initials) and (township, phone tail) indexes answer in order. A person's village
    lies in their township (``Person.save`` and ``clean``), so a village is named only when its
    township is not in the subtree (a village union's officers).
    """
    townships, villages, outside = _people_parts(root)
    # A few hundred people go in as numbers, so that each half of the OR has its index (on
    # PostgreSQL an IN (subquery) inside an OR is a filter, and the township's index goes unused).
    few = list(outside[: OUTSIDE_LITERALS + 1])
    condition = Q(pk__in=sorted(set(few))) if len(few) <= OUTSIDE_LITERALS else Q(pk__in=outside)
    if townships:
        condition |= Q(township__in=sorted(townships))
    if villages:
        condition |= Q(village__in=villages)
    return condition


def _people_parts(root):
    """(the subtree's townships, its villages whose township is not in it, the ids of the people
    linked from it to outside their home): the pieces of ``_people_condition``."""
    from django.apps import apps

    organization, place = apps.get_model("orgs", "Organization"), apps.get_model("orgs", "Place")
    link = apps.get_model("people", "OutsideLink")
    townships, villages = set(), []
    rows = list(
        place.objects.filter(prefix_q("organization__path", root))
        .order_by()
        .values_list("pk", "kind", "parent_id")
    )
    for pk, kind, _parent in rows:
        if kind not in (place.Kind.VILLAGE, place.Kind.COMMUNITY):
            townships.add(pk)
    for pk, kind, parent in rows:
        if kind in (place.Kind.VILLAGE, place.Kind.COMMUNITY) and parent not in townships:
            villages.append(pk)
    orgs = organization.objects.filter(prefix_q("path", root)).values("pk")
    outside = link.objects.filter(organization__in=orgs)
    # Links of people living inside the subtree add nobody: the home half finds them.
    if townships:
        outside = outside.exclude(township__in=sorted(townships))
    if villages:
        outside = outside.exclude(village__in=villages)
    return townships, villages, outside.order_by().values_list("person_id", flat=True)


def within_one_township(user):
    """Whether everything the user sees lies in one township (its committee or a union under it).

    Lists drop the 乡镇 column for such users: it says the same on every row. One query.
    """
    org = getattr(user, "organization", None)
    if org is None:
        return False
    from .models import Organization

    if org.category == Organization.Category.TOWNSHIP:
        return True
    if org.level in (Organization.Level.PROVINCE, Organization.Level.CITY, Organization.Level.COUNTY):
        return False  # a federation sees townships; none lies under one (no query on every list page)
    return org.ancestors().filter(category=Organization.Category.TOWNSHIP).exists()
