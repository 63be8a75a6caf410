"""Filter backends of the API's endpoints: bad input is a 400 that names the parameter, never
a 500 from a database that cannot hold or parse it. Each declares its OpenAPI parameters."""

import re

from django.http import Http404

from wagtail.api.v2 import filters
from wagtail.api.v2.utils import BadRequestError
from wagtail.search.backends import get_search_backend

from .openapi.parts import INTEGER, MAX_SEARCH_LENGTH, SEARCH, SEARCH_OPERATOR, param

# The largest id any table here can hold on every database (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1


def id_in_range(pk):
    """Whether a detail URL's id could name a row; beyond that it is a plain 404."""
    return int(pk) <= MAX_ID


def search_words(query):
    """The words of a query for the search backend. Quotes, operators and other punctuation
    are left out: SQLite's FTS5 and PostgreSQL's tsquery each read some of them as syntax, and
    an unbalanced quote would otherwise be a database error."""
    return " ".join(re.findall(r"\w+", query))


class IntegerBoundsFilter:
    """Refuses, with a 400 naming it, any parameter whose whole-number value no database
    column could hold (`source=99999999999999999999` would otherwise overflow SQLite's or
    PostgreSQL's integers and answer 500). First in the chain, so no filter sees one."""

    openapi_parameters = []

    def filter_queryset(self, request, queryset, view):
        for name, values in request.GET.lists():
            for value in values:
                digits = value.removeprefix("-")
                if digits.isascii() and digits.isdigit() and abs(int(value)) > MAX_ID:
                    raise BadRequestError(f"{name}: must be a number from -{MAX_ID} to {MAX_ID}")
        return queryset


class LocaleFilter(filters.LocaleFilter):
    """Wagtail's `locale` filter, with an unknown language code a 400 that says so rather
    than a 404 for the whole listing."""

    openapi_parameters = [param("locale", "Language code, e.g. en.")]

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except Http404:
            raise BadRequestError("locale: no content in this language code, e.g. en") from None


class SearchFilter(filters.SearchFilter):
    """Full-text search on the words of `search`."""

    openapi_parameters = [SEARCH, SEARCH_OPERATOR]

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator: expected 'and' or 'or'")
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if len(query) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search: at most {MAX_SEARCH_LENGTH} characters")
        words = search_words(query)
        if not words:
            return queryset.none()
        return get_search_backend().search(
            words, queryset, operator=operator, order_by_relevance="order" not in request.GET
        )


# What Wagtail's own page filters take, for the OpenAPI document.
PAGE_FILTER_PARAMETERS = [
    param("type", "Page type as app_label.ModelName, e.g. news.NewsArticlePage."),
    param("child_of", "Only children of this page id.", INTEGER),
    param("descendant_of", "Only descendants of this page id.", INTEGER),
    param("ancestor_of", "Only ancestors of this page id.", INTEGER),
    param("translation_of", "Only translations of this page id.", INTEGER),
    *LocaleFilter.openapi_parameters,
    param("site", "Host name of the site."),
]
