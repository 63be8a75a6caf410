"""Whole responses for anonymous readers and apps, kept in the default cache.

A stored page is keyed by the content version (`content_version.current()`), so the first
request after any visible change builds a new key and renders afresh: nothing is ever purged,
and every worker and every server sharing the cache (files on one machine, Redis across
machines) agrees at once. The middleware sits before sessions, authentication and routing, so
a hit costs two cache reads and no database query.

Only what is the same for every anonymous reader is stored: GET and HEAD without a session
cookie or Authorization header, answered 200 without cookies or `Cache-Control: private`, and
varying on nothing the key lacks. The admin, previews, the v3 API, documents, media and the
health check pass through untouched. CORS headers are added outside this middleware, per
request, so one stored API response serves every origin correctly.

HTML pages also get validators from the content version (ETag, Last-Modified) and
`Cache-Control: no-cache`: browsers revalidate every time and get a 304 while nothing changed.
`HEADLESS["PAGE_CACHE"] = False` turns the store off; the validators stay.

Every shareable response also names what it shows in a tag header (`headless.cache_tags`),
so an edge cache in front can be purged by tag (`headless.purge`). With an edge configured
(`PURGE_BACKEND`) shared responses get `s-maxage=EDGE_MAX_AGE` for it, while browsers still
revalidate (HTML `max-age=0, must-revalidate`, the API its own max-age); without one, no
s-maxage, so no cache that nobody purges keeps them. A response rendered while a change
committed may show the content before it, and the purge may already have passed: it goes
out with `s-maxage=0`, so the edge does not keep it.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from . import cache_tags, content_version, purge
from .conf import headless_settings

# How long a request waits for another worker rendering the same page (seconds).
LOCK_WAIT = 15
# Messages waiting for a reader would show on their next page: that page is theirs alone.
BYPASS_COOKIES = ("messages",)


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in BYPASS_COOKIES):
        return False
    # Never stored: editors' and tools' paths, per-user or one-off answers, files, liveness.
    return not request.path.startswith(tuple(headless_settings.PAGE_CACHE_BYPASS_PREFIXES))


def _key(request, version):
    is_api = request.path.startswith(headless_settings.API_PREFIX)
    # The API negotiates JSON or the browsable HTML on Accept; pages do not look at it.
    accept = request.META.get("HTTP_ACCEPT", "") if is_api else ""
    raw = f"{request.scheme}|{request.get_host()}|{accept}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return f"headless:page:{version}:{digest}"


def _vary(response):
    return {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(getattr(request, "user", None), "is_authenticated", False):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    # Vary: Cookie is moot here (no session cookie, so the anonymous page); Accept is keyed
    # for the API. Anything else the key does not hold, so such a response is not stored.
    allowed = (
        {"cookie", "accept"}
        if request.path.startswith(headless_settings.API_PREFIX)
        else {"cookie"}
    )
    return _vary(response) <= allowed


def _is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


def _add_validators(response, key, version):
    """ETag and Last-Modified from the content version, for pages without their own (the API
    sets narrower ones from the change log)."""
    if not _is_html(response) or response.has_header("ETag"):
        return
    response["ETag"] = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
    changed_at = content_version.changed_at(version)
    if changed_at is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(changed_at)
    # Stored by browsers but revalidated each time: a change shows on the very next request.
    if purge.enabled():
        # no-cache would bind the edge too; max-age=0 binds only browsers (s-maxage wins).
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    else:
        patch_cache_control(response, no_cache=True)


def _add_edge_headers(request, response):
    """The tag header, and the edge's lifetime when an edge will purge it."""
    tags = cache_tags.for_response(request, _is_html(response))
    response[cache_tags.header_name()] = cache_tags.header_value(tags)
    if purge.enabled():
        patch_cache_control(response, s_maxage=headless_settings.EDGE_MAX_AGE)


def _guard_edge(response, version):
    """`s-maxage=0` for a shareable response if a change committed while it was made."""
    if (
        response.status_code == 200
        and purge.enabled()
        and "s-maxage" in response.get("Cache-Control", "")
        and content_version.moved_since(version)
    ):
        patch_cache_control(response, s_maxage=0)
    return response


def _from_entry(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _conditional(request, response):
    """A 304 for a client that holds this very response, else the response."""
    last_modified = response.get("Last-Modified")
    not_modified = get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )
    return not_modified or response


def _hit(request, entry):
    response = _from_entry(entry)
    response["X-Page-Cache"] = "hit"
    return _conditional(request, response)


def _wait_for(key, lock):
    """The entry another worker is rendering, once stored; None if it gave up or failed."""
    deadline = time.monotonic() + LOCK_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.02)
        entry = cache.get(key)
        if entry is not None or cache.get(lock) is None:
            return entry
    return None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        # The request's one reading of the token, shared with the routing memo.
        version = content_version.current()
        key = _key(request, version)
        store = headless_settings.PAGE_CACHE
        if not store:
            return _guard_edge(self._render(request, key, version, store), version)
        entry = cache.get(key)
        if entry is not None:
            return _guard_edge(_hit(request, entry), version)
        # After a change every page misses at once: one worker renders each page while the
        # others wait for its result, instead of all rendering the same page together.
        lock = key + ":lock"
        if request.method == "GET" and not cache.add(lock, 1, LOCK_WAIT):
            entry = _wait_for(key, lock)
            if entry is not None:
                return _guard_edge(_hit(request, entry), version)
            return _guard_edge(self._render(request, key, version, store), version)
        try:
            return _guard_edge(self._render(request, key, version, store), version)
        finally:
            if request.method == "GET":
                cache.delete(lock)

    def _render(self, request, key, version, store):
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        _add_validators(response, key, version)
        _add_edge_headers(request, response)
        if store:
            response["X-Page-Cache"] = "miss"
            # A HEAD answer may come without its body: only GET fills the store.
            if request.method == "GET":
                entry = (response.status_code, list(response.items()), response.content)
                cache.set(key, entry, headless_settings.PAGE_CACHE_TIMEOUT)
        return _conditional(request, response)
