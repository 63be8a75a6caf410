"""Purging the edge cache by tag after a change commits, outside the request.

The change log (`headless.change_log`) hands every batch of entries it writes to `schedule`,
which maps them to tags (`headless.cache_tags.for_changes`) and, once the transaction commits,
enqueues `tasks.purge_tags` on the `PURGE_TASK_BACKEND` of Django's tasks framework (the
django-tasks backport here; its database backend with `manage.py db_worker` beside the app
servers). The worker calls the backend (`PURGE_BACKEND`); a failure is retried with
exponential backoff (`PURGE_RETRIES`, `PURGE_RETRY_DELAY`). Without a purge backend nothing is
enqueued at all.
"""

import logging

from django.db import transaction

from .. import cache_tags
from ..conf import headless_settings
from . import tasks
from .base import PurgeBackend, PurgeError, backend, enabled

__all__ = ["PurgeBackend", "PurgeError", "backend", "enabled", "schedule"]

logger = logging.getLogger(__name__)


def schedule(changes=None, tags=None):
    """Purge what these change-log entries (or these tags) affect once the transaction
    commits; nothing without an edge."""
    if not enabled():
        return
    tags = sorted(set(tags or ()) | set(cache_tags.for_changes(changes or ())))
    transaction.on_commit(lambda: _enqueue(tags))


def _enqueue(tags):
    try:
        tasks.purge_tags.using(backend=headless_settings.PURGE_TASK_BACKEND).enqueue(tags)
    except Exception:
        # The change is committed and the content version moved; the edge keeps the old
        # copies until their s-maxage runs out. Logged, never the editor's error.
        logger.exception("could not enqueue the purge of %s", tags)
