"""Query parameters apps use to pick stamp issues: `year=2021` and `number=2021-1`.

A host's API adds the backend to its pages endpoint (`HEADLESS["PAGE_FILTERS"]`); a malformed
value, or either parameter without `type=stamps.StampIssuePage`, gets a 400 naming it."""

import re

from rest_framework.filters import BaseFilterBackend

from wagtail.api.v2.utils import BadRequestError

from .models import ISSUE_NUMBER, StampIssuePage

_YEAR = re.compile(r"^\d{4}$")


def _single(request, name):
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise BadRequestError(f"{name}: give this parameter once, not {len(values)} times")
    return values[0]


class StampIssueFilter(BaseFilterBackend):
    """`year` (e.g. 2021) and `number` (e.g. 2021-1) for stamp issues.

    `year` is shared with the news plugin's filter, which answers it for articles: this one
    acts only on stamp issues, and leaves other types to it."""

    query_parameters = ("number", "year")
    openapi_parameters = [
        {
            "name": "number",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "pattern": r"^\d{4}-\d{1,3}$", "maxLength": 8},
            "description": "The stamp issue with this number, e.g. 2021-1 "
            "(needs type=stamps.StampIssuePage).",
        },
    ]

    def filter_queryset(self, request, queryset, view):
        is_issues = issubclass(queryset.model, StampIssuePage)
        if "number" in request.GET:
            if not is_issues:
                raise BadRequestError(
                    "number: filters stamp issues only; add type=stamps.StampIssuePage"
                )
            match = ISSUE_NUMBER.match(_single(request, "number"))
            if not match or int(match[2]) < 1:
                raise BadRequestError("number: expected an issue number such as 2021-1")
            queryset = queryset.filter(issue_year=int(match[1]), sequence=int(match[2]))
        if "year" in request.GET and is_issues:
            year = _single(request, "year")
            if not (year.isascii() and _YEAR.match(year)):
                raise BadRequestError("year: expected a four-digit year such as 2021")
            queryset = queryset.filter(issue_year=int(year))
        return queryset
