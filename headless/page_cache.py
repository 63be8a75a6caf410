"""Whole responses for anonymous readers and apps, kept in the default cache.

A stored page is keyed by the content version (`content_version.current()`), so the first
request after any visible change builds a new key and renders afresh: nothing is ever purged,
and every worker and every server sharing the cache (files on one machine, Redis across
machines) agrees at once. The middleware sits before sessions, authentication and routing, so
a hit costs two cache reads and no database query.

In front of it, `PageCacheFrontMiddleware` (first in MIDDLEWARE but for the proxy address)
keeps each worker's recent finished responses in memory, security headers included, under
the content version: a hit there costs a `stat` of the version stamp (or one Redis GET), a
dict lookup and a response built from bytes, about what a bare Django view costs, and it
skips the security checks, whitenoise, CORS and the routing memo, which would all answer the
same. It only answers what this module stored, for the same anonymous, cookie-less,
Origin-less request; everything else goes down the stack as before.

Query strings: a reader page's key holds only the query parameters its view reads
(`request.GET`, watched while a page with a query string renders; reading the whole query or
the full path means all of them). `?x=<random>` on an article is the article's own key, so a
crawler varying the query grows no cache and is answered from it. The API keys its whole
query, which it validates (an unknown parameter is a 400, never stored).

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
import threading
import time
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from . import cache_tags, content_version, purge, ratelimit
from .conf import headless_settings
from .memo import memo

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


ALL = "*"  # a page that read its whole query string: keyed by all of it


class _WatchedQuery(QueryDict):
    """The request's query, noting which parameters the view reads (`names`, or ALL once it
    reads the whole query), so the page's key can hold those and no others."""

    def __init__(self, original):
        super().__init__(mutable=True, encoding=original.encoding)
        for name, values in original.lists():
            self.setlist(name, values)
        self._mutable = False
        self.names = set()
        self.whole = False

    def _read(self, name):
        self.names.add(name)

    def _all(self):
        self.whole = True

    def __getitem__(self, key):
        self._read(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._read(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._read(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._read(key)
        return super().getlist(key, default)

    def __len__(self):
        self._all()
        return super().__len__()

    def __iter__(self):
        self._all()
        return super().__iter__()

    def keys(self):
        self._all()
        return super().keys()

    def items(self):
        self._all()
        return super().items()

    def lists(self):
        self._all()
        return super().lists()

    def values(self):
        self._all()
        return super().values()

    def dict(self):
        self._all()
        return super().dict()

    def copy(self):
        self._all()
        return super().copy()

    def urlencode(self, safe=None):
        self._all()
        return super().urlencode(safe)

    def used(self):
        return ALL if self.whole else frozenset(self.names)


def _watch(request):
    """Watches what the view reads of the query; None for a request without one or for the
    API (keyed by its whole query)."""
    if not request.META.get("QUERY_STRING") or _is_api(request):
        return None
    watched = _WatchedQuery(request.GET)
    request.GET = watched
    full_path, full_path_info = request.get_full_path, request.get_full_path_info

    def whole(method):
        def read(*args, **kwargs):
            watched._all()
            return method(*args, **kwargs)

        return read

    # Instance attributes: build_absolute_uri() and templates reach them too.
    request.get_full_path = whole(full_path)
    request.get_full_path_info = whole(full_path_info)
    return watched


def _is_api(request):
    return request.path.startswith(headless_settings.API_PREFIX)


def _shape_key(request):
    return ("page query", request.get_host(), request.path)


def _query(request, version):
    """The part of the query string the key holds; None when this page's parameters are not
    known yet (it must render once, watched, to tell)."""
    query = request.META.get("QUERY_STRING", "")
    if not query or _is_api(request):
        return query
    shape = memo.peek(_shape_key(request), token=version)
    if shape is None:
        return None
    if shape == ALL:
        return request.get_full_path().partition("?")[2]
    given = request.GET
    return urlencode([(name, given.getlist(name)) for name in sorted(shape) if name in given], True)


def _learn(request, version, used):
    """Remembers which parameters this page read, adding to what earlier renders read."""
    key = _shape_key(request)
    known = memo.peek(key, token=version)
    shape = ALL if ALL in (known, used) else used | (known or frozenset())
    if shape != known:
        memo.put(key, shape, token=version)


def _key(request, version, query=None):
    """The stored response's key, or None when the page's query parameters are unknown."""
    if query is None:
        query = _query(request, version)
        if query is None:
            return None
    # The API negotiates JSON or the browsable HTML on Accept; pages do not look at it.
    accept = request.META.get("HTTP_ACCEPT", "") if _is_api(request) else ""
    raw = f"{request.scheme}|{request.get_host()}|{accept}|{request.path}?{query}"
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
        store = headless_settings.PAGE_CACHE
        key = _key(request, version)
        if key is None or not store:
            # A page whose query parameters are not known yet renders once, watched.
            return _guard_edge(self._render(request, key, version, store), version)
        entry = cache.get(key)
        if entry is not None:
            return _guard_edge(_mark(_hit(request, entry), key, version), version)
        # After a change every page misses at once: one worker renders each page while the
        # others wait for its result, instead of all rendering the same page together.
        lock = key + ":lock"
        if request.method == "GET" and not cache.add(lock, 1, LOCK_WAIT):
            entry = _wait_for(key, lock)
            if entry is not None:
                return _guard_edge(_mark(_hit(request, entry), key, version), version)
            return _guard_edge(self._render(request, key, version, store), version)
        try:
            return _guard_edge(self._render(request, key, version, store), version)
        finally:
            if request.method == "GET":
                cache.delete(lock)

    def _render(self, request, key, version, store):
        watched = _watch(request) if store else None
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        if watched is not None:
            used = watched.used()
            _learn(request, version, used)
            key = _key(request, version, _query(request, version))
        elif key is None:
            key = _key(request, version, request.META.get("QUERY_STRING", ""))
        _add_validators(response, key, version)
        _add_edge_headers(request, response)
        if store:
            response["X-Page-Cache"] = "miss"
            # A HEAD answer may come without its body: only GET fills the store.
            if request.method == "GET":
                entry = (response.status_code, list(response.items()), response.content)
                cache.set(key, entry, headless_settings.PAGE_CACHE_TIMEOUT)
                _mark(response, key, version)
        return _conditional(request, response)


def _mark(response, key, version):
    """Tells the front tier this response is stored under `key` for `version`."""
    response._page_cache = (key, version)
    return response


# --- The front tier: each worker's finished responses in memory -------------------------


class _Ready:
    """Finished responses (status, headers, body) of this worker for one content version,
    least recently used first, at most `PAGE_CACHE_MEMORY_ENTRIES` of them and
    `PAGE_CACHE_MEMORY_BYTES` of bodies: a crawler's pages push out old ones, never grow it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._entries = OrderedDict()
        self.size = 0

    def get(self, version, key):
        with self._lock:
            if version != self._version:
                return None
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, version, key, entry):
        most = headless_settings.PAGE_CACHE_MEMORY_ENTRIES
        budget = headless_settings.PAGE_CACHE_MEMORY_BYTES
        size = len(entry[2])
        if size > budget // 4:
            return
        with self._lock:
            if version != self._version:
                self._version, self._entries, self.size = version, OrderedDict(), 0
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old[2])
            self._entries[key] = entry
            self.size += size
            while self._entries and (len(self._entries) > most or self.size > budget):
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped[2])

    def __len__(self):
        return len(self._entries)

    def clear(self):
        with self._lock:
            self._version, self._entries, self.size = None, OrderedDict(), 0


ready = _Ready()
# Never kept in memory: per-client budgets (added again per request) and the tier's own mark.
_PER_REQUEST = {*ratelimit.HEADERS, "x-page-cache"}


def _front_request(request):
    """Whether the front tier may answer: what the page cache stores, asked for by a reader
    whose request every middleware before the store would pass unchanged."""
    meta = request.META
    if "HTTP_ORIGIN" in meta:  # CORS headers are per origin: added down the stack
        return False
    if meta.get("CONTENT_LENGTH") not in (None, "", "0"):  # for the body limit to judge
        return False
    return _cacheable_request(request)


def _ready_entry(response):
    headers = {
        name.lower(): (name, value)
        for name, value in response.items()
        if name.lower() not in _PER_REQUEST
    }
    return (response.status_code, headers, response.content)


def _from_ready(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    # Headers checked when first stored: copied as they are instead of one by one.
    response.headers._store.update(headers)
    return response


class PageCacheFrontMiddleware:
    """The front tier: answers a stored page from this worker's memory before the rest of
    the stack runs. Placed first but for the proxy address (`ForwardedForMiddleware`), so
    the responses it keeps already carry everything the middleware after it adds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not headless_settings.PAGE_CACHE or not _front_request(request):
            return self.get_response(request)
        version = content_version.current()
        try:
            key = _key(request, version)
        except DisallowedHost:  # the stack below answers it, a 400
            return self.get_response(request)
        entry = ready.get(version, key) if key is not None else None
        if entry is None:
            response = self.get_response(request)
            stored = getattr(response, "_page_cache", None)
            if (
                stored is not None
                and stored[1] == version
                and request.method == "GET"
                and response.status_code == 200
                and not response.cookies
                and not response.streaming
            ):
                ready.put(version, stored[0], _ready_entry(response))
            return response
        # The request budget still counts every API answer, from memory too.
        counted = ratelimit.count(request)
        if ratelimit.over(counted):
            return self.get_response(request)
        response = _from_ready(entry)
        response["X-Page-Cache"] = "hit"
        if counted is not None:
            ratelimit.add_headers(response, counted)
        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            response = _conditional(request, response)
        return _guard_edge(response, version)
