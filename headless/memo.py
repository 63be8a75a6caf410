"""The one memo mechanism: per-worker dicts that empty themselves when the content version
(`headless.content_version`) moves, and `cached`, which adds the shared cache beneath them.

Every value remembered here is keyed by the token that was current when it was built, so it
is never read after a visible change: the first request after a committed change, in any
worker, finds a new token and builds afresh. Nothing is ever purged by hand.

Every store the layer keeps (docs/architecture.md lists every cache of the site):

- `memo`: small values under `(namespace, *parts)`, at most MEMO_MAX_ENTRIES: sites,
  routes, view restrictions, newest changes, the chrome, page-method results.
- `pages`: page rows under their id, at most MEMO_MAX_PAGES, as routing found them.
- `api_items`: one page's API representation under `("api item", view, host, type, fields,
  format, id)`, at most MEMO_MAX_PAGES.
- `cached`: aggregates every worker shares (counts, years, sources) in the shared cache under
  `headless:<token>:<key>`, for a day at most, and in `memo` above.

Invalidated by: the content version, which moves on every change the change log records.
"""

import threading

from django.core.cache import cache

from . import content_version
from .conf import headless_settings

# Entries under an old token are never read again; let the shared cache drop them in a day.
SHARED_TIMEOUT = 24 * 60 * 60


class VersionMemo:
    """A dict that empties itself whenever the content version moves, and when it grows past
    its bound (scanners requesting random URLs must not grow a worker without limit)."""

    def __init__(self, bound_setting):
        self._lock = threading.Lock()
        self._token = None
        self._data = {}
        self.bound_setting = bound_setting

    def get(self, key, build, token=None):
        """The value remembered under `key` for the current token, built on a miss."""
        token = content_version.current() if token is None else token
        with self._lock:
            if token != self._token:
                self._token, self._data = token, {}
            if key in self._data:
                return self._data[key]
        value = build()
        with self._lock:
            if token == self._token:
                if len(self._data) >= getattr(headless_settings, self.bound_setting):
                    self._data = {}
                self._data[key] = value
        return value

    def put(self, key, value, token=None):
        """Remembers `value` under `key` for the token, replacing what was there."""
        token = content_version.current() if token is None else token
        with self._lock:
            if token != self._token:
                self._token, self._data = token, {}
            if key not in self._data and len(self._data) >= getattr(
                headless_settings, self.bound_setting
            ):
                self._data = {}
            self._data[key] = value

    def peek(self, key, token=None):
        """The remembered value, or None: for callers that build missing values in bulk."""
        token = content_version.current() if token is None else token
        with self._lock:
            return self._data.get(key) if token == self._token else None


memo = VersionMemo("MEMO_MAX_ENTRIES")
# Page rows and API items hold whole bodies (a body of 30 blocks is some tens of kB as Python
# objects): fewer of them, so a crawler walking 100,000 articles keeps a worker small.
pages = VersionMemo("MEMO_MAX_PAGES")
api_items = VersionMemo("MEMO_MAX_PAGES")


def cached(key, compute):
    """`compute()`, kept in the shared cache under `key` until the content version moves, and
    remembered by this worker too, so a second request under the same version reads nothing.
    A plugin names this function in its own setting (e.g. `NEWS_CACHE`) to be flat."""
    token = content_version.current()

    def shared():
        full_key = f"headless:{token}:{key}"
        value = cache.get(full_key)
        if value is None:
            value = compute()
            cache.set(full_key, value, SHARED_TIMEOUT)
        return value

    return memo.get(("cached", key), shared, token=token)
