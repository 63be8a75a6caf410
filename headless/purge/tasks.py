"""The purge task, run by a tasks worker (`manage.py db_worker`), never in a request."""

import datetime
import logging
import time

from django_tasks import task

from django.utils import timezone

from ..conf import headless_settings
from .base import PurgeError, backend

logger = logging.getLogger(__name__)


@task()
def purge_tags(tags, attempt=1):
    """Purge `tags` at the edge; on failure enqueue the next attempt after a delay that doubles
    each time, and fail for good (recorded by the tasks backend) after `PURGE_RETRIES`."""
    try:
        backend().purge(tags)
    except PurgeError as error:
        if attempt >= headless_settings.PURGE_RETRIES:
            raise
        delay = headless_settings.PURGE_RETRY_DELAY * 2 ** (attempt - 1)
        logger.warning("purge attempt %d failed (%s); next in %.1f s", attempt, error, delay)
        task = purge_tags.using(backend=headless_settings.PURGE_TASK_BACKEND)
        if task.get_backend().supports_defer:
            task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
                tags, attempt + 1
            )
        else:  # an immediate backend (tests): wait here, still outside any request
            time.sleep(delay)
            purge_tags.call(tags, attempt + 1)
        return "retrying"
    return "purged"
