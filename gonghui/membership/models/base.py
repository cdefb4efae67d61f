from django.db import models

from gonghui.orgs import scoping


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return scoping.restrict(self, user)

    def between(self, field, period):
        """Rows whose date `field` falls in the period (a reporting Period, inclusive)."""
        return self.filter(**{f"{field}__gte": period.start, f"{field}__lte": period.end})
