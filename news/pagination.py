"""Pagination that turns whatever a reader or a crawler types into `?page=` into a real page,
and costs the same on the last page of 100,000 articles as on the first.

Two things grow with the number of rows: the COUNT(*) every paginator needs, and OFFSET, which
the database answers by reading and dropping every row before the page. So:
- a page past the middle is read from the other end: the same rows in reverse order with a
  small OFFSET, turned round in Python;
- counts (and other aggregates over all articles, see `cached`) are kept in Django's cache for
  as long as the content is unchanged, when the host names a content version: the setting
  `NEWS_CONTENT_VERSION`, the dotted path of a callable that returns a token which changes
  whenever anything readers can see changes. Without it nothing is cached: always correct,
  just not flat. The plugin knows nothing of how the host tracks changes.
"""

import hashlib
from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.module_loading import import_string

# Longer than any real page number; a longer string is not parsed at all.
MAX_PAGE_DIGITS = 9
# Entries under an old token are never read again; let the cache drop them within a day.
CACHE_TIMEOUT = 24 * 60 * 60
# Orderings that end in the primary key are total, so reading them backwards gives the same rows.
UNIQUE_ORDER_FIELDS = {"pk", "id", "page_ptr", "page_ptr_id"}


def content_version():
    """The host's content version token, or None when it names none."""
    path = getattr(settings, "NEWS_CONTENT_VERSION", None)
    return import_string(path)() if path else None


class _WorkerMemo:
    """What this process has already read from the shared cache under the current version:
    a dict replaced whole when the version moves, and emptied when it grows past its bound."""

    MAX_ENTRIES = 1000

    def __init__(self):
        self.version, self.values = None, {}

    def lookup(self, version):
        if version != self.version or len(self.values) >= self.MAX_ENTRIES:
            self.version, self.values = version, {}
        return self.values


_memo = _WorkerMemo()


def cached(key, compute):
    """`compute()`, kept in the cache under `key` until the content version moves; each worker
    also keeps what it read, so a second request under the same version reads nothing."""
    version = content_version()
    if version is None:
        return compute()
    values = _memo.lookup(version)
    if key in values:
        return values[key]
    full_key = f"news:{version}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, CACHE_TIMEOUT)
    values[key] = value
    return value


def query_key(queryset, kind):
    """A cache key for an aggregate of `queryset`: its SQL names the rows exactly. Compiling
    the SQL costs about as much as a small query: callers that can name their rows more
    cheaply pass `key` to `count` instead."""
    return f"{kind}:{hashlib.sha1(str(queryset.query).encode()).hexdigest()}"  # noqa: S324 (a key, not a secret)


def count(items, key=None):
    """How many `items`: from the cache while the content is unchanged, under `key` (what the
    caller knows names these rows exactly) or, for a queryset, a key from its SQL. Search
    results are counted afresh unless the caller names them."""
    if isinstance(items, list | tuple):
        return len(items)
    if key is None and isinstance(items, QuerySet):
        try:
            key = query_key(items, "count")
        except EmptyResultSet:  # `.none()`: no SQL to name it by, and nothing to count
            return 0
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


def page_number(value):
    """The page a `?page=` value asks for: a positive whole number, else 1."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_PAGE_DIGITS:
        return 1
    return max(int(value), 1)


def paginate(request, items, per_page, param="page", count_key=None):
    """One page of `items`: page 1 for a value that is not a positive number (`abc`, `-1`, `0`),
    the last page for a number past the end. Never an error, so a bad link still shows news.
    `count_key` names the rows for the cached count (see `count`)."""
    paginator = FlatPaginator(items, per_page, count_key=count_key)
    number = min(page_number(request.GET.get(param)), paginator.num_pages)
    return paginator.page(number)
