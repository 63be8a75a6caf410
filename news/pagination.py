"""Pagination that turns whatever a reader or a crawler types into `?page=` into a real page."""

from django.core.paginator import Paginator

# Longer than any real page number; a longer string is not parsed at all.
MAX_PAGE_DIGITS = 9


def page_number(value):
    """The page a `?page=` value asks for: a positive whole number, else 1."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > MAX_PAGE_DIGITS:
        return 1
    return max(int(value), 1)


def paginate(request, items, per_page, param="page"):
    """One page of `items`: page 1 for a value that is not a positive number (`abc`, `-1`, `0`),
    the last page for a number past the end. Never an error, so a bad link still shows news."""
    paginator = Paginator(items, per_page)
    number = min(page_number(request.GET.get(param)), paginator.num_pages)
    return paginator.page(number)
