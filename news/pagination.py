"""Pagination that turns whatever a reader or a crawler types into `?page=` into a real page.

The plugin computes its counts and archives afresh on every request unless the host makes
them flat, by naming in its settings:
- `NEWS_PAGINATOR`: the dotted path of a `Paginator` subclass that takes a `count_key`
  (the rows' name for a cached count) and may read last pages from the far end;
- `NEWS_CACHE`: the dotted path of a function `cached(key, compute)` that keeps `compute()`'s
  value until anything readers can see changes.
The plugin knows nothing of how the host tracks changes; without them it is always correct,
just not flat.
"""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.module_loading import import_string

# Longer than any real page number; a longer string is not parsed at all.
MAX_PAGE_DIGITS = 9


def cached(key, compute):
    """`compute()`, kept by the host's cache (`NEWS_CACHE`) when it names one."""
    path = getattr(settings, "NEWS_CACHE", None)
    return import_string(path)(f"news:{key}", compute) if path else compute()


def query_key(queryset, kind):
    """A cache key for an aggregate of `queryset`: its SQL names the rows exactly. Compiling
    the SQL costs about as much as a small query: callers that can name their rows more
    cheaply pass their own key instead."""
    return f"{kind}:{hashlib.sha1(str(queryset.query).encode()).hexdigest()}"  # noqa: S324 (a key, not a secret)


def page_number(value):
    """The page a `?page=` value asks for: a positive whole number, else 1."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_PAGE_DIGITS:
        return 1
    return max(int(value), 1)


def paginate(request, items, per_page, param="page", count_key=None):
    """One page of `items`: page 1 for a value that is not a positive number (`abc`, `-1`, `0`),
    the last page for a number past the end. Never an error, so a bad link still shows news.
    `count_key` names the rows for the host paginator's cached count.

    `items` may be a function that returns them: with the host's paginator, the page then
    knows its number from the (cached) count alone and makes them only when anything else of
    it is read. Building a page queryset costs more than showing a list from a cached
    fragment, which needs only the number."""
    path = getattr(settings, "NEWS_PAGINATOR", None)

    def paginator(rows):
        if path:
            return import_string(path)(rows, per_page, count_key=count_key)
        return Paginator(rows, per_page)

    asked = page_number(request.GET.get(param))
    if not callable(items) or not path:  # Django's paginator would count them twice
        counted = paginator(items() if callable(items) else items)
        return counted.page(min(asked, counted.num_pages))
    number = min(asked, paginator(_CountOnly(items)).num_pages)
    return LazyPage(number, lambda: paginator(items()).page(number))


class _CountOnly:
    """The rows `build()` makes, as far as a paginator's count needs them: a host paginator
    with a cached count never builds them."""

    ordered = True  # the rows a listing pages through are always ordered

    def __init__(self, build):
        self.build = build

    def count(self):
        return self.build().count()


class LazyPage:
    """A paginator's page whose `number` is known at once; the page itself is made from
    `make()` when anything else of it is first read (its rows, its neighbours)."""

    def __init__(self, number, make):
        self.number, self._make, self._page = number, make, None

    def _get(self):
        if self._page is None:
            self._page = self._make()
        return self._page

    def __getattr__(self, name):
        return getattr(self._get(), name)

    def __len__(self):
        return len(self._get())

    def __iter__(self):
        return iter(self._get())

    def __getitem__(self, index):
        # Templates try `page["number"]` before `page.number`: only a position reads rows.
        if not isinstance(index, int | slice):
            raise TypeError("a page is indexed by position")
        return self._get()[index]
