"""Query parameters apps use to pick news: by date range and by year (`source` is a field
filter Wagtail's API already has). A malformed value gets a 400 that names the parameter."""

import datetime

from rest_framework.filters import BaseFilterBackend

from wagtail.api.v2.utils import BadRequestError

from .models import NewsArticlePage


def _single(request, name):
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise BadRequestError(f"{name}: give this parameter once, not {len(values)} times")
    return values[0]


def _date(request, name):
    value = _single(request, name)
    try:
        # fromisoformat also takes 20210610; apps must send the dashed form.
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _param(name, description, schema):
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}  # fmt: skip


class NewsDateFilter(BaseFilterBackend):
    """`date_from` and `date_to` (inclusive, YYYY-MM-DD) and `year` (e.g. 2021) for articles.

    A host's API adds it to its pages endpoint (`HEADLESS["PAGE_FILTERS"]`), which reads
    `query_parameters` and the OpenAPI description of each in `openapi_parameters`; `source`
    is filtered by Wagtail's own field filter on the article's `source` API field."""

    query_parameters = ("date_from", "date_to", "year")
    openapi_parameters = [
        _param(
            "year",
            "Pages of this year: news articles by their date (type=news.NewsArticlePage), "
            "or a type whose own filter reads `year` (its `api_filter_parameters`).",
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ),
        _param(
            "date_from",
            "News articles dated on or after (YYYY-MM-DD).",
            {"type": "string", "format": "date"},
        ),
        _param(
            "date_to",
            "News articles dated on or before (YYYY-MM-DD).",
            {"type": "string", "format": "date"},
        ),
        _param("source", "News articles of this source id.", {"type": "integer"}),
    ]

    def filter_queryset(self, request, queryset, view):
        # A page type may filter some of these itself, by another backend (its
        # `api_filter_parameters`): those are left to it.
        own = set(getattr(queryset.model, "api_filter_parameters", ()))
        given = [name for name in self.query_parameters if name in request.GET and name not in own]
        if not given:
            return queryset
        if not issubclass(queryset.model, NewsArticlePage):
            raise BadRequestError(
                f"{given[0]}: filters news articles only; add type=news.NewsArticlePage"
            )
        bounds = {}
        for name in ("date_from", "date_to"):
            if name in given:
                bounds[name] = _date(request, name)
                if bounds[name] is None:
                    raise BadRequestError(f"{name}: expected a date as YYYY-MM-DD")
        if "year" in given:
            year = _single(request, "year")
            if not (year.isascii() and year.isdigit() and len(year) == 4 and year >= "1000"):
                raise BadRequestError("year: expected a year from 1000 to 9999, such as 2021")
            queryset = queryset.filter(date__year=int(year))
        if (
            "date_from" in bounds
            and "date_to" in bounds
            and bounds["date_from"] > bounds["date_to"]
        ):
            raise BadRequestError("date_from: must not be after date_to")
        if "date_from" in bounds:
            queryset = queryset.filter(date__gte=bounds["date_from"])
        if "date_to" in bounds:
            queryset = queryset.filter(date__lte=bounds["date_to"])
        return queryset
