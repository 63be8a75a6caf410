"""Pagination that costs the same on the last page of 100,000 rows as on the first, for the
API's listings and, by configuration (`NEWS_PAGINATOR`), for any plugin's HTML listings.

Two things grow with the number of rows: the COUNT(*) every paginator needs, and OFFSET, which
the database answers by reading and dropping every row before the page. So counts are kept in
the cache while the content is unchanged (`headless.memo.cached`), and a page past the middle
is read from the other end: the same rows in reverse order with a small OFFSET, turned round
in Python.
"""

import hashlib
from collections.abc import Sequence

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from .memo import cached
from .openapi.parts import MAX_OFFSET

# Orderings that end in the primary key are total, so reading them backwards gives the same rows.
UNIQUE_ORDER_FIELDS = {"pk", "id", "page_ptr", "page_ptr_id"}


def count(items, key=None):
    """How many `items`: from the cache while the content is unchanged, under `key` (what the
    caller knows names these rows exactly) or, for a queryset, a key from its SQL (which costs
    about as much as a small query to compile). Search results are counted afresh unless the
    caller names them."""
    if isinstance(items, list | tuple):
        return len(items)
    if key is None and isinstance(items, QuerySet):
        try:
            sql = str(items.query)
        except EmptyResultSet:  # `.none()`: no SQL to name it by, and nothing to count
            return 0
        key = f"count:{hashlib.sha1(sql.encode()).hexdigest()}"  # noqa: S324 (a key, not a secret)
    return items.count() if key is None else cached(key, items.count)


def window(items, start, stop, total):
    """`items[start:stop]`, read from the nearer end: past the middle of a totally ordered
    queryset, the same rows in reverse order with an OFFSET below half the total."""
    ordering = items.query.order_by if isinstance(items, QuerySet) else ()
    end = min(stop, total)
    if (
        start >= end
        or start <= total - end
        or not ordering
        or ordering[-1].lstrip("-") not in UNIQUE_ORDER_FIELDS
    ):
        return items[start:stop]  # not clipped by `total`: a stale count never hides rows
    return _Reversed(items.reverse()[total - end : total - start])


class _Reversed(Sequence):
    """A reversed slice of a queryset, read when first used, as a queryset slice would be: a
    page whose rendered list comes from a fragment cache then costs no query for its rows."""

    def __init__(self, queryset):
        self._queryset, self._rows = queryset, None

    def _load(self):
        if self._rows is None:
            self._rows = list(self._queryset)[::-1]
        return self._rows

    def __len__(self):
        return len(self._load())

    def __getitem__(self, index):
        return self._load()[index]


class FlatPaginator(Paginator):
    """Django's paginator with a cached count and last pages read from the end."""

    def __init__(self, object_list, per_page, count_key=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        # Replaces the cached_property for this instance.
        self.count = count(object_list, count_key)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(window(self.object_list, bottom, top, self.count), number, self)


class Pagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing offsets a database cannot hold, and as fast
    at the end of 100,000 articles as at the start: the total comes from the cache while the
    content is unchanged, and an offset past the middle is read from the other end."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset: must be at most {MAX_OFFSET}")
        # Wagtail's own checks of offset and limit, on an empty slice; then ours.
        page = super().paginate_queryset(_Counted(queryset), request, view)
        self.total_count = count(queryset, getattr(view, "count_key", None))
        return window(queryset, page.start, page.stop, self.total_count)


class _Counted:
    """Stands in for the queryset in Wagtail's paginate_queryset: keeps its checks of offset
    and limit, skips its COUNT(*), and hands back the slice asked for."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return 0

    def __getitem__(self, key):
        return key
