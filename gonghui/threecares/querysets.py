"""Reusable filters of the Three Cares models, and the one rule about minors.

Left-behind children are minors. Whether a user may see their names and details is decided in
exactly one place, ``minors_visible_to``; every child-bearing QuerySet's ``visible_to`` asks it,
and pages that show counts to everyone use ``counted_for`` (scope only), which views may only
aggregate, never list.
"""


from gonghui.orgs import scoping


def minors_visible_to(user):
    """May this user see minors' names and details? Decided by people.privacy, for every area."""
    from gonghui.people.privacy import may_see_minors

    return may_see_minors(user)


ScopedQuerySet = scoping.ScopedQuerySet  # one definition, in the scoping module


class RegistryQuerySet(ScopedQuerySet):
    def on_register(self, day):
        """The stock of the registry at the end of `day`."""
        return self.filter(registered_on__lte=day)

    def search(self, *, q="", township=None, village=None, destination=""):
        """The registry pages' filters, shared by the list and its export."""
        rows = self
        if township:
            rows = rows.filter(township_id=township)
        if village:
            rows = rows.filter(village_id=village)
        if destination and hasattr(self.model, "destination_province"):
            rows = rows.filter(destination_province=destination)
        q = (q or "").strip()
        if q:
            from gonghui.people.models import Person

            rows = rows.filter(person__in=Person.objects.search(q).values("pk"))
        return rows


class LeftBehindChildQuerySet(RegistryQuerySet):
    def without_unseen(self, user):
        return self if minors_visible_to(user) else self.none()

    def pupils(self):
        return self.filter(kind="pupil")

    def preschool(self):
        return self.filter(kind="preschool")


class VisitQuerySet(ScopedQuerySet):
    def without_unseen(self, user):
        return self if minors_visible_to(user) else self.exclude(kind="child")

    def of_kind(self, kind):
        return self.filter(kind=kind)
