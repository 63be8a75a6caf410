"""Wagtail's API v3 `pages/find/` routes `html_path` in the default language's page tree only,
while readers' addresses carry a language prefix (/en/news/, /zh/news/). This view finds the
page a prefixed address shows and hands v3's own find its id instead, which v3 then checks
against what the caller may see, as for any id; other queries reach v3 unchanged."""

from django.urls import URLResolver
from django.urls.resolvers import RegexPattern

from wagtail.api.v3.urls import api

from headless.viewsets import page_at_path

_v3_find = URLResolver(RegexPattern(r"^"), api.urls[0]).resolve("pages/find/").func


def find_page(request):
    path = request.GET.get("html_path")
    found = page_at_path(request, path) if path else None
    if found is not None:
        query = request.GET.copy()
        del query["html_path"]
        query["id"] = str(found.pk)
        request.GET = query
    return _v3_find(request)
