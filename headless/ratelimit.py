"""A request budget per API client, as hosted headless CMSs give: each client (its bearer
token for the v3 API, else its address) may make `REQUESTS` requests to the API per `WINDOW`
seconds, counted in the shared cache so the budget holds across workers and servers. Past it,
a JSON 429 with `Retry-After`; every API answer carries `RateLimit-Limit`,
`RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy`.

It sits before the page cache, so stored answers are counted too; cheaply: each worker adds
up its clients' requests and writes them to the shared cache in batches of `BATCH` (and at
once near the limit), so a hit costs a shared-cache write every `BATCH` requests, not each.
The budget can be overrun by at most (workers × BATCH) requests per window.

    HEADLESS = {"RATE_LIMIT": {"REQUESTS": 1200, "WINDOW": 60, "BATCH": 10}}  # None: off
"""

import hashlib
import math
import threading
import time

from django.core.cache import cache
from django.http import JsonResponse

from .conf import headless_settings


class _Counts:
    """This worker's requests per (client, window) not yet written to the shared cache, and
    the shared total it last read."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pending = {}
        self._shared = {}

    def add(self, key, window, limit, batch):
        """The requests counted for `key` so far, this one included."""
        if key not in self._shared:
            # A client this worker has not seen in this window: what the others counted.
            shared = cache.get(key, 0)
            with self._lock:
                self._shared.setdefault(key, shared)
        with self._lock:
            pending = self._pending.get(key, 0) + 1
            shared = self._shared.get(key, 0)
            if pending < batch and shared + pending < limit - batch:
                self._pending[key] = pending
                return shared + pending
            self._pending[key] = 0
        cache.add(key, 0, window + 1)
        try:
            total = cache.incr(key, pending)
        except ValueError:  # expired between add and incr
            cache.set(key, pending, window + 1)
            total = pending
        with self._lock:
            if len(self._shared) > 10_000:  # old windows and passing clients
                self._shared, self._pending = {}, {}
            self._shared[key] = total
        return total


_counts = _Counts()


def client_key(request):
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization.lower().startswith("bearer "):
        return "token:" + hashlib.sha256(authorization[7:].strip().encode()).hexdigest()[:32]
    return "address:" + request.META.get("REMOTE_ADDR", "")


def count(request):
    """Counts this API request against its client's budget, once per request: (used, limit,
    window, reset), or None when the request is not budgeted. The page cache's front tier
    counts before it answers from memory; this middleware then reuses that count."""
    if hasattr(request, "_rate_limit_count"):
        return request._rate_limit_count
    policy = headless_settings.RATE_LIMIT
    counted = None
    if policy and request.path.startswith(headless_settings.API_PREFIX):
        limit, window = int(policy["REQUESTS"]), int(policy["WINDOW"])
        now = time.time()
        start = math.floor(now / window) * window
        reset = max(1, math.ceil(start + window - now))
        key = f"headless:ratelimit:{client_key(request)}:{start}"
        used = _counts.add(key, window, limit, int(policy.get("BATCH", 10)))
        counted = (used, limit, window, reset)
    request._rate_limit_count = counted
    return counted


def over(counted):
    return counted is not None and counted[0] > counted[1]


def add_headers(response, counted):
    used, limit, window, reset = counted
    response["RateLimit-Limit"] = str(limit)
    response["RateLimit-Remaining"] = str(max(0, limit - used))
    response["RateLimit-Reset"] = str(reset)
    response["RateLimit-Policy"] = f"{limit};w={window}"
    return response


# Per client: never kept in a stored response.
HEADERS = ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy")


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counted = count(request)
        if counted is None:
            return self.get_response(request)
        used, limit, window, reset = counted
        if used > limit:
            response = JsonResponse(
                {"message": f"rate limit: {limit} requests per {window} s; retry in {reset} s"},
                status=429,
            )
            response["Retry-After"] = str(reset)
            response["Cache-Control"] = "no-store"
        else:
            response = self.get_response(request)
        return add_headers(response, counted)
