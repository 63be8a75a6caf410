"""The cold path: per-request lookups that every page repeats, remembered per content version.

Finding the request's Site, walking the page tree from the root to the requested page, and
reading the view restrictions above it cost a query each (routing one per level), yet change
only when the content version (`content_version.current()`) moves. Each worker remembers their
results in a dict keyed by the token: the token lives in the shared cache, so the first request
after any committed change, in any worker, finds a new token and starts from the database
again. The page row itself is remembered the same way (each request gets its own copy of it),
and Wagtail's own routing, `before_serve_page` and `on_serve_page` hooks (view restrictions,
passwords, logins) still run on it for every request.
"""

import copy
import threading

from django.http import Http404
from django.http.request import split_domain_port

from wagtail import views as wagtail_views
from wagtail.models import Site

from news.blocks import objects_for_streams

from . import content_version

# A worker forgets everything when it holds this many entries: scanners requesting random
# URLs must not grow its memory without bound.
MAX_ENTRIES = 5000
# Page rows and the API's items hold whole bodies (a body of 30 blocks is some tens of kB as
# Python objects): fewer of them, so a crawler walking 100,000 articles keeps a worker small.
MAX_PAGES = 500


class VersionMemo:
    """A dict that empties itself whenever the content version moves."""

    def __init__(self, max_entries=MAX_ENTRIES):
        self._lock = threading.Lock()
        self._token = None
        self._data = {}
        self.max_entries = max_entries

    def get(self, token, key, build):
        with self._lock:
            if token != self._token:
                self._token, self._data = token, {}
            if key in self._data:
                return self._data[key]
        value = build()
        with self._lock:
            if token == self._token:
                if len(self._data) >= self.max_entries:
                    self._data = {}
                self._data[key] = value
        return value

    def peek(self, token, key):
        """The remembered value, or None: for callers that build missing values in bulk."""
        with self._lock:
            return self._data.get(key) if token == self._token else None


memo = VersionMemo()
pages = VersionMemo(MAX_PAGES)
api_items = VersionMemo(MAX_PAGES)


def token(request):
    """The content version as this request read it (`SiteMiddleware` pins one reading)."""
    return content_version.current()


def find_site(request):
    """`Site.find_for_request` without its query once this worker has seen the host."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = ("site", hostname, request.get_port())
        request._wagtail_site = memo.get(
            token(request), key, lambda: Site._find_for_request(request)
        )
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
        page = site.root_page.localized.specific.route(request, components)[0]
    except Http404:
        return None
    consumed = page.depth - site.root_page.depth
    return page.pk, page.content_type_id, consumed


def _restrictions(page):
    return list(page.get_view_restrictions())


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
    found = memo.get(
        token(request),
        ("route", site.pk, tuple(components)),
        lambda: _route(request, site, components),
    )
    if found is None:
        return None
    page_id, content_type_id, consumed = found
    page = pages.get(token(request), page_id, lambda: _fetch(page_id, content_type_id))
    if page is None:
        return None
    # Its own copy: views and hooks may set attributes on the page they serve.
    page = copy.copy(page)
    try:
        result = page.route(request, components[consumed:])
    except Http404:
        return None
    restrictions = memo.get(token(request), ("restrictions", page_id), lambda: _restrictions(page))
    # Wagtail's view-restriction hook asks the page for these; it gets the remembered list.
    result[0].get_view_restrictions = lambda: restrictions
    return result


def _fetch(page_id, content_type_id):
    specific_model = _model_for(content_type_id)
    if specific_model is None:
        return None
    queryset = specific_model.objects.filter(pk=page_id)
    # Foreign keys every view of the page shows (an article's source and lead image).
    related = getattr(specific_model, "api_select_related", ())
    return queryset.select_related(*related).first() if related else queryset.first()


def _model_for(content_type_id):
    from django.contrib.contenttypes.models import ContentType

    # ContentType's own cache: no query after the first.
    return ContentType.objects.get_for_id(content_type_id).model_class()


def serve(request, path):
    """Wagtail's page view, with routing from `route_for_request` above; the page's template
    is rendered with its body's images, documents and page links loaded together (on first
    use only: a cached fragment of the body needs none of them)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    response = wagtail_views.serve(request, path)
    route = request._wagtail_route_for_request
    if route is not None and getattr(response, "is_rendered", True) is False:
        with objects_for_streams([route[0]]):
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
    return {"fragment_cache_timeout": FRAGMENT_TIMEOUT, "fragment_cache_version": token(request)}


def _restricted_pages():
    from wagtail.models import PageViewRestriction

    return [r.page for r in PageViewRestriction.objects.select_related("page")]


def private_q(queryset):
    """Wagtail's `PageQuerySet.private_q` (behind every `public()`), with the restricted pages
    remembered per content version: any restriction added, changed or removed, and any page
    moved or deleted, moves the version."""
    from django.db.models import Q

    pages = memo.get(content_version.current(), ("restricted pages",), _restricted_pages)
    q = Q()
    for page in pages:
        q |= queryset.descendant_of_q(page, inclusive=True)
    # do not match any page if no private section exists (as Wagtail's own).
    return q if q else Q(pk__in=[])


def install():
    """Called once at start-up (SiteConfig.ready)."""
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = private_q
