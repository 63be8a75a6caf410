"""One token for "everything readers and apps can see, as it is now".

It changes, after the transaction commits, whenever the change log (`ContentChange`) records
anything, so caches keyed by it (routing, site lookup, chrome, whole pages and API responses)
are never stale: the very next request after a change builds a new key. It lives in the
default cache, which must be shared by every worker: Redis (`REDIS_URL`) across machines, a
file cache on one machine. Reading it costs a cache get, never a database query.

With the file cache, a read costs one `stat` instead (`_Stamp`): every change also appends a
byte to a stamp file beside the cache's files, and a worker reads the token from the cache
again only when the stamp's size (or its file) differs from what it saw with the token it
holds. The size only grows, so no change can be missed; a stamp read before the change and a
token read after it only cost one more read on the next request.
"""

import os
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction

KEY = "headless:content-version"
STAMP_NAME = "content-version.stamp"

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


class _Stamp:
    """The file cache's change stamp: `os.stat` of a file that grows by a byte per change.

    Only for `FileBasedCache` (the workers of one machine): the file lives in the cache's own
    folder, which the cache's culling and `clear()` leave alone (they remove `.djcache` files
    only). With any other cache `state()` is None and every read asks the cache."""

    def __init__(self):
        self._seen = (None, None)  # (stamp state, token read after it)

    def path(self):
        backend = caches["default"]
        if not isinstance(backend, FileBasedCache):
            return None
        return os.path.join(backend._dir, STAMP_NAME)

    def state(self):
        path = self.path()
        if path is None:
            return None
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return (path,)
        return (path, info.st_size, info.st_ino, info.st_mtime_ns)

    def remembered(self, state):
        seen_state, token = self._seen
        return token if state is not None and state == seen_state else None

    def remember(self, state, token):
        if state is not None:
            self._seen = (state, token)

    def advance(self):
        path = self.path()
        if path is None:
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "ab") as stamp:  # O_APPEND: every writer's byte lands, none is lost
            stamp.write(b".")


_stamp = _Stamp()


def _read():
    """The token in the cache; a new one if the cache lost it (every entry is then orphaned).
    With the file cache, the token this worker read last while the stamp is unchanged."""
    state = _stamp.state()
    token = _stamp.remembered(state)
    if token is not None:
        return token
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, _new_token(), timeout=None)
        token = cache.get(KEY)
    _stamp.remember(state, token)
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
    # After the token: a worker that sees the new stamp reads the new token.
    _stamp.advance()
    if _pinned.get() is not None:
        _pinned.set(token)


def moved():
    """A new token at once, outside any transaction: for what changes everything readers see
    without the change log (restoring a backup)."""
    _bump()


def changed():
    """Call when something visible changed: the token moves now and again once the transaction
    commits. Now, so that this connection's own next reads (and a test's, whose transaction
    never commits) see the change; on commit, so that whatever another worker cached meanwhile
    from the not yet committed database is orphaned."""
    _bump()
    transaction.on_commit(_bump)
