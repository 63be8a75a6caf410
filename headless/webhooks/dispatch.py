"""From the change log to the webhook queue: after the editor's transaction commits, one
fan-out task per batch of entries (never a delivery per endpoint in the request), and only
while some endpoint is active. A queue that cannot be reached is logged, never the editor's
error: the change is committed whatever happens to its webhooks."""

import logging

from django.db import transaction

from ..conf import headless_settings
from ..models import ContentChange
from . import tasks
from .models import Endpoint

logger = logging.getLogger(__name__)


def on_changes_logged(sender, changes, page_locales, **kwargs):
    items = [
        [
            change.pk,
            page_locales.get(change.object_id) if change.kind == ContentChange.PAGE else None,
        ]
        for change in changes
    ]
    if items:
        transaction.on_commit(lambda: enqueue(items))


def enqueue(items):
    try:
        if Endpoint.objects.filter(active=True).exists():
            tasks.fan_out.using(backend=headless_settings.WEBHOOKS_TASK_BACKEND).enqueue(items)
    except Exception:
        logger.exception("could not enqueue the webhooks of changes %s", [i[0] for i in items])
