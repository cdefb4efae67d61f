"""Pages of long lists, read so that a million rows cost little more than a thousand."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import Count, Window
from django.utils.functional import cached_property

from gonghui.querystring import parse_page


class _Paginator(Paginator):
    def __init__(self, object_list, per_page, *, count=None):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return super().count if self._known_count is None else self._known_count


class _Uncounted(Paginator):
    """Pages without a total: the page's rows plus one tells whether there is a next page.

    For lists whose total would cost more than the page, such as everyone a county may see.
    ``count`` and ``num_pages`` are None; the pager shows "Page N" and the links.
    """

    count = None
    num_pages = None

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("not an integer")
        if number < 1:
            raise EmptyPage("less than 1")
        return number

    def get_page(self, number):
        try:
            number = self.validate_number(number)
        except (PageNotAnInteger, EmptyPage):
            number = 1
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        page = _OpenPage(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page


class _OpenPage(Page):
    def has_next(self):
        return self.more

    def end_index(self):
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


def page_of(queryset, number, *, per_page=50, related=(), count=None, counted=True):
    """One page, read in two steps: the ids of the page (from indexes alone), then those rows.

    Joining people and places before sorting would make the database join every matching row
    first; at 1,000,000 rows that is the difference between 1 ms and a second. The total comes
    with the ids (``COUNT(*) OVER ()``): one pass over the matches instead of a second query
    that filters them all again. `count`, when given, is the total the caller computed by a
    quicker route (``scoping.count_visible``); ``counted=False`` shows no total at all.
    """
    number = parse_page(number)  # a page beyond any database's OFFSET is the first page, not a 500
    ids = queryset.values_list("pk", flat=True)
    if not counted:
        page = _Uncounted(ids, per_page).get_page(number)
    elif count is not None:
        page = _Paginator(ids, per_page, count=count).get_page(number)
    else:
        page = _counted_with_the_ids(queryset, number, per_page)
    ids = list(page.object_list)
    rows = queryset.model._default_manager.filter(pk__in=ids).select_related(*related).in_bulk()
    page.object_list = [rows[pk] for pk in ids]
    return page


def _counted_with_the_ids(queryset, number, per_page):
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    window = queryset.annotate(_total=Window(Count("*")))
    if connection.vendor == "postgresql":
        # The total needs every match, so no walk along an index in the list's order can stop
        # early; PostgreSQL's planner does not see that through the window and walked the whole
        # name index for a search by initials (1,000,000 rows for 50). Sorting first by the total,
        # the same for every row, changes no order and makes it read the matches by the best index.
        ordering = queryset.query.order_by or queryset.model._meta.ordering
        window = window.order_by("_total", *ordering)
    window = window.values_list("pk", "_total")
    start = (number - 1) * per_page
    rows = list(window[start : start + per_page])
    if rows:
        total = rows[0][1]
    else:  # past the end, or nothing at all: count, then show the last page as Paginator does
        total = queryset.count()
        number = max((total + per_page - 1) // per_page, 1)
        start = (number - 1) * per_page
        rows = list(window[start : start + per_page]) if total else []
    paginator = _Paginator([pk for pk, _total in rows], per_page, count=total)
    return Page([pk for pk, _total in rows], number, paginator)
