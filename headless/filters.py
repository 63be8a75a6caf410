"""Filter backends of the API's endpoints: bad input is a 400 that names the parameter, never
a 500 from a database that cannot hold or parse it. Each declares its OpenAPI parameters."""

import datetime
import re
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404

from wagtail.api.v2 import filters
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from .memo import memo
from .openapi.parts import (
    INTEGER,
    MAX_SEARCH_LENGTH,
    SEARCH,
    SEARCH_OPERATOR,
    SEARCH_SORT,
    param,
)

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


# Parameters that hold a whole number on every endpoint (pagination and Wagtail's page filters).
NUMERIC_PARAMETERS = {
    "limit",
    "offset",
    "id",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
}
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def whole_number(name, value):
    """`value` as an int: ASCII digits only (Python's `int` would also take "١٢", " 12",
    "+1_2", which a database then overflows on or an app never meant), within what every
    database's integer columns hold. Anything else is a 400 that names the parameter."""
    if not (value.isascii() and value.isdigit()):
        raise BadRequestError(
            f"{name}: expected a whole number written with the digits 0-9, e.g. 12"
        )
    if len(value) > len(str(MAX_ID)) or int(value) > MAX_ID:
        raise BadRequestError(f"{name}: must be a number from 0 to {MAX_ID}")
    return int(value)


def iso_date(name, value):
    """`value` as a date written YYYY-MM-DD, else a 400 that names the parameter."""
    try:
        if ISO_DATE.match(value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise BadRequestError(f"{name}: expected a date as YYYY-MM-DD, e.g. 2021-06-10")


class ParameterTypesFilter:
    """First in the chain: every parameter that holds a number or a date is checked before
    any filter, Wagtail's included, reads it. Numbers are pagination, Wagtail's page filters,
    integer and foreign-key fields of the listed model, and whatever the endpoint's filters
    declare as integers in their OpenAPI parameters; dates are the model's date fields."""

    openapi_parameters = []

    def filter_queryset(self, request, queryset, view):
        if not request.GET:
            return queryset
        numeric, dates = self._typed_parameters(queryset.model, type(view))
        for name, values in request.GET.lists():
            for value in values:
                if name in numeric:
                    whole_number(name, value)
                elif name in dates:
                    iso_date(name, value)
        return queryset

    @staticmethod
    @cache
    def _typed_parameters(model, view):
        """(numeric, date) parameter names for `model` listed by the viewset class `view`:
        they depend on the code only, so they are worked out once per process."""
        numeric, dates = set(NUMERIC_PARAMETERS), set()
        # `locale` is a foreign key, but apps name it by language code (LocaleFilter).
        for name in set(view.get_available_fields(model, db_fields_only=True)) - {"locale"}:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
                numeric.add(name)
            elif isinstance(field, models.DateField):
                dates.add(name)
        for backend in view.filter_backends:
            for parameter in getattr(backend, "openapi_parameters", ()):
                if parameter.get("schema", {}).get("type") == "integer":
                    numeric.add(parameter["name"])
        return frozenset(numeric), frozenset(dates)


# Parameters that choose pages by their place or their translations: a listing with one of
# them is not narrowed to the default language (the children of a Chinese page are Chinese).
TREE_PARAMETERS = ("child_of", "descendant_of", "ancestor_of", "translation_of")


class LocaleFilter(filters.LocaleFilter):
    """Wagtail's `locale` filter, with an unknown language code a 400 that says so rather
    than a 404 for the whole listing; `locale=*` lists every language. Without it a listing
    holds the default language's pages only (as before the site had a second language, so an
    app written then sees what it saw), unless a tree parameter chooses the pages."""

    openapi_parameters = [
        param("locale", "Language code, e.g. en or zh-hans; * for every language. Default: en.")
    ]

    def filter_queryset(self, request, queryset, view):
        code = request.GET.get("locale")
        if code == "*":
            return queryset
        if code is None:
            # A detail view shows any page by its id, in whichever language it is.
            listing = getattr(view, "action", "listing_view") == "listing_view"
            tree = any(name in request.GET for name in TREE_PARAMETERS)
            if not listing or tree:
                return queryset
            default = self.listed_locale(request)
            return queryset if default is None else queryset.filter(locale_id=default)
        try:
            return super().filter_queryset(request, queryset, view)
        except Http404:
            raise BadRequestError("locale: no content in this language code, e.g. en") from None

    @staticmethod
    def listed_locale(request):
        """The pk of the language a listing of this request holds when no tree parameter
        chooses its pages, None for every language, 0 for an unknown code."""
        code = request.GET.get("locale")
        if code == "*" or (code is None and not getattr(settings, "WAGTAIL_I18N_ENABLED", False)):
            return None
        if code is None:
            return memo.get(("default locale",), lambda: Locale.get_default().pk)
        return memo.get(
            ("locale of", code),
            lambda: (
                Locale.objects.filter(language_code=code).values_list("pk", flat=True).first() or 0
            ),
        )


class SearchFilter(filters.SearchFilter):
    """Full-text search on the words of `search`: pages with the site's own engine
    (`headless.search`, the same as the search page: stemmed, weighted, Chinese split into
    words, best match or newest first by `search_sort`, or in `order`), other items (images,
    documents) with Wagtail's search backend."""

    openapi_parameters = [SEARCH, SEARCH_OPERATOR, SEARCH_SORT]

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator: expected 'and' or 'or'")
        sort = request.GET.get("search_sort")
        if sort not in (None, "relevance", "date"):
            raise BadRequestError("search_sort: expected 'relevance' or 'date'")
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if len(query) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search: at most {MAX_SEARCH_LENGTH} characters")
        words = search_words(query)
        if not words:
            return queryset.none()
        if issubclass(queryset.model, Page) and apps.is_installed("headless.search"):
            engine = apps.get_app_config("headless_search").engine
            if "order" in request.GET:  # every match, in the order asked for
                return engine.matching(queryset, query, operator=operator or "and")
            scope = queryset
            sections = getattr(view, "search_sections", lambda: None)()
            if sections is not None:  # checked on the index's entries, not probed
                scope = engine.Scope.tree(*sections, pages=queryset)
            return engine.search(scope, query, sort=sort or "relevance", operator=operator or "and")
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
