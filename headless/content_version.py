"""One token for "everything readers and apps can see, as it is now".

It changes, after the transaction commits, whenever the change log (`ContentChange`) records
anything, so caches keyed by it (routing, site lookup, chrome, whole pages and API responses)
are never stale: the very next request after a change builds a new key. It lives in the
default cache, which must be shared by every worker: Redis (`REDIS_URL`) across machines, a
file cache on one machine. Reading it costs a cache get, never a database query.
"""

import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

KEY = "headless:content-version"

# The token as read once at the start of the request being served (see `pinned`).
_pinned = ContextVar("headless_content_version", default=None)


def current():
    """The token: the request's one reading of it while a request is served, else the cache's."""
    token = _pinned.get()
    return token if token is not None else _read()


@contextmanager
def pinned():
    """Reads the token once for a whole request: the routing memo, the fragments, the page
    cache and the news plugin's counts then all key by the same reading, and a request costs
    one cache get for it however many caches it consults. A change made by the request itself
    moves its pinned token too (`_bump`)."""
    reset = _pinned.set(_read())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(reset)


def moved_since(token):
    """Whether the token in the cache is no longer `token` (a change committed meanwhile)."""
    return _read() != token


def _read():
    """The token in the cache; a new one if the cache lost it (every entry is then orphaned)."""
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, _new_token(), timeout=None)
        token = cache.get(KEY)
    return token


def _new_token():
    # The time leads, so HTML responses can take their Last-Modified from the token alone.
    return f"{int(time.time())}-{uuid.uuid4().hex}"


def changed_at(token):
    """When the token was made (whole seconds since the epoch): no change is newer."""
    seconds, _, _ = token.partition("-")
    return int(seconds) if seconds.isdigit() else None


def _bump():
    # A fresh random token rather than a counter: two commits racing cannot leave an older
    # token behind, and an entry cached under any token was built after that token was set.
    token = _new_token()
    cache.set(KEY, token, timeout=None)
    if _pinned.get() is not None:
        _pinned.set(token)


def changed():
    """Call when something visible changed: the token moves now and again once the transaction
    commits. Now, so that this connection's own next reads (and a test's, whose transaction
    never commits) see the change; on commit, so that whatever another worker cached meanwhile
    from the not yet committed database is orphaned."""
    _bump()
    transaction.on_commit(_bump)
