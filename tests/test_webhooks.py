"""Webhooks for apps (headless/webhooks/), end to end: a real HTTP receiver on loopback, pages
published through the Wagtail admin, the queue run by the tasks worker's own machinery, and
signatures checked with the `standardwebhooks` library as a receiver would.

Apps rely on each delivery being signed per the Standard Webhooks specification, carrying the
change feed's entry for the object, arriving outside the editor's request, and being retried
for a day; operators rely on private addresses being refused and on the admin's log.
"""

import datetime
import time

import pytest
from standardwebhooks import Webhook

from django.urls import reverse
from django.utils import timezone

from headless.webhooks.models import Delivery, Endpoint
from news.models import NewsArticlePage
from tests import admin_forms
from tests.factories import ImageFactory
from tests.webhook_receiver import queued, receiver, run_queue

SEED_TITLE = "China Post Group commends model units for serving rural vitalization in 2020"


@pytest.fixture
def allow_private(settings):
    """The receiver is on loopback: allowed only with WEBHOOKS_ALLOW_PRIVATE."""
    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_ALLOW_PRIVATE": True}


@pytest.fixture
def hook(allow_private):
    with receiver() as server:
        yield server


@pytest.fixture
def article(demo_site):
    return NewsArticlePage.objects.get(title=SEED_TITLE)


@pytest.fixture
def image(db):
    return ImageFactory(title="Village", description="Parcels stacked in a village post office")


def endpoint(url, **fields):
    return Endpoint.objects.create(name=fields.pop("name", "App"), url=url, **fields)


def publish(client, page, image, capture, **fields):
    """Publishes the article through the admin's edit form, then runs the on-commit hooks as
    a real commit would; returns the seconds the editor's request took."""
    data = admin_forms.article_data(
        image, slug=page.slug, date=page.date.isoformat(), summary=page.summary, **fields
    )
    data["action-publish"] = "action-publish"
    started = time.perf_counter()
    with capture(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.context["form"].errors
    return elapsed


def verified(request, secret):
    """The payload, once the library has checked the Standard Webhooks signature."""
    return Webhook(secret).verify(request["body"], request["headers"])


def test_publishing_in_the_admin_sends_a_signed_webhook_with_the_feed_entry(
    admin_client, article, image, hook, django_capture_on_commit_callbacks
):
    """The editor's request only queues one task; the worker then POSTs a Standard Webhooks
    delivery whose signature the library accepts and whose data is the change feed's entry."""
    app = endpoint(hook.url)
    publish(admin_client, article, image, django_capture_on_commit_callbacks, title="Parcels")
    assert hook.requests == []  # nothing was sent from the request
    assert len(queued(name="fan_out")) == 1
    assert run_queue() == 2  # the fan-out, then the delivery

    (request,) = hook.requests
    assert request["path"] == "/hooks/?app=test"
    assert request["headers"]["Content-Type"] == "application/json"
    payload = verified(request, app.secret)
    assert payload["type"] == "page.published"
    feed = admin_client.get("/api/v2/changes/?since=0&limit=500").json()["changes"]
    entry = next(e for e in feed if e["kind"] == "page" and e["id"] == article.pk)
    assert payload["data"] == entry
    assert entry["action"] == "upsert" and entry["type"] == "news.NewsArticlePage"
    assert datetime.datetime.fromisoformat(payload["timestamp"]) <= timezone.now()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("succeeded", 200, 1)
    assert delivery.duration_ms is not None and delivery.last_attempt_at is not None
    assert request["headers"]["webhook-id"] == delivery.message_id
