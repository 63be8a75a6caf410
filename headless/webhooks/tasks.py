"""The webhook tasks, run by a tasks worker (`manage.py db_worker`), never in a request.

`fan_out` turns one batch of change-log entries into a delivery per interested endpoint;
`deliver` sends one and, when the receiver fails, enqueues itself again after a delay that
doubles each time (`WEBHOOKS_RETRY_DELAY`), for as long as `WEBHOOKS_RETRY_FOR` (a day).
"""

import datetime
import http.client
import logging
import time

from django_tasks import task

from django.utils import timezone

from wagtail.models import Locale

from ..changes import feed_entries
from ..conf import headless_settings
from ..models import ContentChange
from . import events, sending
from .addresses import Refused
from .models import Delivery, Endpoint

logger = logging.getLogger(__name__)


def _task(function):
    return function.using(backend=headless_settings.WEBHOOKS_TASK_BACKEND)


@task()
def fan_out(items):
    """items: [[change id, locale id or None]]. Creates the deliveries these changes make and
    enqueues each; returns how many."""
    locale_of = {change_id: locale_id for change_id, locale_id in items}
    endpoints = list(Endpoint.objects.filter(active=True))
    if not endpoints:
        return 0
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    changes = ContentChange.objects.filter(pk__in=locale_of)
    deliveries = []
    for change, entry in feed_entries(events.reader_request(), changes):
        verb = events.verb(change, entry)
        event_type = f"{change.kind}.{verb}"
        language = languages.get(locale_of.get(change.pk))
        body = events.body(event_type, change, entry)
        deliveries += [
            Delivery(endpoint=endpoint, event_type=event_type, body=body)
            for endpoint in endpoints
            if endpoint.wants(verb, change.kind, language)
        ]
    Delivery.objects.bulk_create(deliveries)
    for delivery in deliveries:
        _task(deliver).enqueue(delivery.pk, 1)
    return len(deliveries)


@task()
def deliver(delivery_id, attempt):
    """Send delivery `delivery_id` as its `attempt`-th attempt (a task for an attempt that
    already happened, or that a resend replaced, does nothing)."""
    delivery = Delivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.attempts != attempt - 1:
        return "stale"
    if not delivery.endpoint.active:
        _record(delivery, None, None, "the endpoint is switched off", Delivery.FAILED)
        return delivery.status
    code, duration, error, refused = _attempt(delivery)
    _record(delivery, code, duration, error, Delivery.REFUSED if refused else None)
    return delivery.status


def _attempt(delivery):
    """(status code, milliseconds, error or "", refused)."""
    endpoint = delivery.endpoint
    headers = sending.signed_headers(endpoint.secret, delivery.message_id, delivery.body)
    started = time.monotonic()
    code, error, refused = None, "", False
    try:
        code = sending.post(
            endpoint.url, delivery.body, headers, headless_settings.WEBHOOKS_TIMEOUT
        )
    except Refused as refusal:
        error, refused = str(refusal), True
    except (OSError, http.client.HTTPException) as failure:
        error = f"{type(failure).__name__}: {failure}" if str(failure) else type(failure).__name__
    if code is not None and not 200 <= code < 300:
        error = f"HTTP {code}"
    return code, round((time.monotonic() - started) * 1000), error, refused


def _record(delivery, code, duration, error, final_status=None):
    """Write down one attempt; on failure schedule the next one, or give up (at once with a
    `final_status`)."""
    now = timezone.now()
    delivery.attempts += 1
    delivery.series_attempts += 1
    delivery.series_started_at = delivery.series_started_at or now
    delivery.response_code, delivery.duration_ms, delivery.error = code, duration, error[:255]
    delivery.last_attempt_at, delivery.next_attempt_at = now, None
    delivery.log = [
        *delivery.log,
        {"at": now.isoformat(), "code": code, "ms": duration, "error": error},
    ]
    if not error:
        delivery.status = Delivery.SUCCEEDED
    elif final_status:
        delivery.status = final_status
    elif not _schedule_retry(delivery, now):
        delivery.status = Delivery.FAILED
    delivery.save()
    if delivery.next_attempt_at:
        _task(deliver).using(run_after=delivery.next_attempt_at).enqueue(
            delivery.pk, delivery.attempts + 1
        )


def _schedule_retry(delivery, now):
    """Set the next attempt's time, the delay doubling each time; False once the series'
    delays would add up to more than `WEBHOOKS_RETRY_FOR`, or the backend cannot defer. With
    the defaults: 14 attempts, the last about 22.8 hours after the first."""
    delay = headless_settings.WEBHOOKS_RETRY_DELAY * 2 ** (delivery.series_attempts - 1)
    waited = headless_settings.WEBHOOKS_RETRY_DELAY * (2**delivery.series_attempts - 1)
    if waited > headless_settings.WEBHOOKS_RETRY_FOR:
        return False
    if not _task(deliver).get_backend().supports_defer:
        return False
    next_at = now + datetime.timedelta(seconds=delay)
    delivery.status, delivery.next_attempt_at = Delivery.RETRYING, next_at
    logger.info(
        "webhook %s: attempt %d failed (%s); next at %s",
        delivery.message_id,
        delivery.attempts,
        delivery.error,
        next_at.isoformat(),
    )
    return True


def resend(delivery):
    """Send a delivery again now, as a new series of attempts (with its own retries)."""
    delivery.status, delivery.series_attempts = Delivery.PENDING, 0
    delivery.series_started_at = delivery.next_attempt_at = None
    delivery.save(
        update_fields=["status", "series_attempts", "series_started_at", "next_attempt_at"]
    )
    _task(deliver).enqueue(delivery.pk, delivery.attempts + 1)
