"""The cold path: per-request lookups that every page repeats, remembered per content version.

Finding the request's Site, walking the page tree from the root to the requested page, and
reading the view restrictions above it cost a query each (routing one per level), yet change
only when the content version moves. Each worker remembers their results (`headless.memo`);
the page row itself is remembered the same way (each request gets its own copy of it), and
Wagtail's own routing, `before_serve_page` and `on_serve_page` hooks (view restrictions,
passwords, logins) still run on it for every request.
"""

import copy

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import content_version
from .conf import stream_loader
from .memo import memo, pages
from .wagtail_patches import remember_view_restrictions


def find_site(request):
    """`Site.find_for_request` without its query once this worker has seen the host."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = ("site", hostname, request.get_port())
        request._wagtail_site = memo.get(key, lambda: Site._find_for_request(request))
    return request._wagtail_site


class SiteMiddleware:
    """Pins the request's one reading of the content version, and sets Wagtail's per-request
    Site (`request._wagtail_site`) from the memo, so every later `Site.find_for_request` in
    views, templates and the API costs nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with content_version.pinned():
            find_site(request)
            return self.get_response(request)


def _route(request, site, components):
    """(page id, content type id, components the page itself consumed) by Wagtail's routing,
    or None for a 404."""
    try:
        page = _localized_root(site).specific.route(request, components)[0]
    except Http404:
        return None
    consumed = page.depth - site.root_page.depth
    return page.pk, page.content_type_id, consumed


def localized_root(site):
    """The site's root page in the active language (see _localized_root), remembered until
    the content changes: what site search and listings of "this site" start from."""
    language = translation.get_language() or ""
    return memo.get(("localized root", site.pk, language), lambda: _localized_root(site))


def _localized_root(site):
    """The site's root page in the active language (its translation), else the root itself:
    one query whichever the language (Wagtail's `localized` costs one more for a translation)."""
    root = site.root_page
    language = translation.get_language()
    if not language:
        return root
    found = (
        Page.objects.filter(translation_key=root.translation_key)
        .filter(locale__language_code__in=_variants(language))
        .first()
    )
    return found or root


def _variants(language):
    """The content language codes a UI language code may name (zh-hans, and zh for zh-hans)."""
    codes = [language]
    if "-" in language:
        codes.append(language.split("-")[0])
    return codes


def route_for_request(request, path):
    """Wagtail's `Page.route_for_request`, with the walk down the tree remembered.

    The page id is remembered, and the page's row under its id; each request routes its own
    copy of the row for the rest of the path, so a routable page (the news index) resolves
    its own sub-routes as before. A page unpublished, edited or moved moves the version, so
    the row is never older than the last change.
    """
    site = find_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    # The same path leads into each language's tree (`root_page.localized`): keyed by it.
    language = translation.get_language()
    found = memo.get(
        ("route", site.pk, language, tuple(components)),
        lambda: _route(request, site, components),
    )
    if found is None:
        return None
    page_id, content_type_id, consumed = found
    page = pages.get(page_id, lambda: _fetch(page_id, content_type_id))
    if page is None:
        return None
    # Its own copy: views and hooks may set attributes on the page they serve.
    page = copy.copy(page)
    try:
        result = page.route(request, components[consumed:])
    except Http404:
        return None
    remember_view_restrictions(result[0])
    return result


def _fetch(page_id, content_type_id):
    # ContentType's own cache: no query after the first.
    specific_model = ContentType.objects.get_for_id(content_type_id).model_class()
    if specific_model is None:
        return None
    queryset = specific_model.objects.filter(pk=page_id)
    # Foreign keys every view of the page shows (an article's source and lead image).
    related = getattr(specific_model, "api_select_related", ())
    return queryset.select_related(*related).first() if related else queryset.first()


def serve(request, path):
    """Wagtail's page view, with routing from `route_for_request` above; the page's template
    is rendered inside the site's stream loader (`STREAM_LOADER`), so what its body refers
    to is loaded together, on first use only (a cached fragment of the body needs none)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    response = wagtail_views.serve(request, path)
    route = request._wagtail_route_for_request
    if route is not None and getattr(response, "is_rendered", True) is False:
        with stream_loader([route[0]]):
            response.render()
    return response


# How long a rendered fragment is kept: its key holds the content version, so it is never
# stale; this only bounds how long an orphaned one occupies the cache.
FRAGMENT_TIMEOUT = 3600


def fragment_cache(request):
    """Template context for `{% cache fragment_cache_timeout name ... fragment_cache_version %}`.

    The version is the content version, so every change readers can see gives every fragment
    a new key. A preview shows a draft under the live page's id: it is neither served from nor
    stored in the cache (timeout 0, and a version no live render uses).
    """
    if getattr(request, "is_preview", False):
        return {"fragment_cache_timeout": 0, "fragment_cache_version": "preview"}
    return {
        "fragment_cache_timeout": FRAGMENT_TIMEOUT,
        "fragment_cache_version": content_version.current(),
    }
