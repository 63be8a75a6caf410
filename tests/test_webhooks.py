"""Webhooks for apps (headless/webhooks/), end to end: a real HTTP receiver on loopback, pages
published through the Wagtail admin, the queue run by the tasks worker's own machinery, and
signatures checked with the `standardwebhooks` library as a receiver would.

Apps rely on each delivery being signed per the Standard Webhooks specification, carrying the
change feed's entry for the object, arriving outside the editor's request, and being retried
for a day; operators rely on private addresses being refused and on the admin's log.
"""

import datetime
import socket
import time

import pytest
from standardwebhooks import Webhook

from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from headless import change_log
from headless.models import ContentChange
from headless.webhooks import addresses
from headless.webhooks.models import Delivery, Endpoint, new_secret
from home.models import ContentPage
from news.models import NewsArticlePage
from tests import admin_forms
from tests.factories import ImageFactory
from tests.webhook_receiver import free_port, queued, receiver, run_queue

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
    return NewsArticlePage.objects.filter(locale__language_code="en").get(title=SEED_TITLE)


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
    delivery whose signature the library accepts and whose data is the change feed's entry.
    (English pages only: the article's Chinese translation changes too, its links to it.)"""
    app = endpoint(hook.url, locales=["en"])
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


def save_hotline(capture):
    """One chrome change committed (what a footer edit records), a cheap source of one event."""
    with capture(execute=True):
        change_log.log(ContentChange.SITE, "changed")


def test_a_receiver_answering_500_is_retried_with_growing_delays_until_it_answers(
    demo_site, hook, django_capture_on_commit_callbacks
):
    """Each failed attempt enqueues the next on the database queue, to run after a delay that
    doubles (10 s, 20 s, 40 s): no worker sleeps, and a restarted worker still runs it."""
    app = endpoint(hook.url, kinds=["site"])
    hook.statuses = [500, 500, 503]
    save_hotline(django_capture_on_commit_callbacks)
    run_queue()
    delivery = Delivery.objects.get()
    delays = []
    for _ in range(3):
        delivery.refresh_from_db()
        assert delivery.status == "retrying"
        (retry,) = queued(name="deliver")
        assert retry.run_after == delivery.next_attempt_at
        delays.append(round((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()))
        assert run_queue() == 0  # not due yet
        retry.run_after = timezone.now()  # the clock, moved on to the retry's time
        retry.save(update_fields=["run_after"])
        assert run_queue() == 1
    assert delays == [10, 20, 40]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("succeeded", 200, 4)
    assert [entry["code"] for entry in delivery.log] == [500, 500, 503, 200]
    assert delivery.error == ""
    # Every attempt carried the same message id and body, each freshly and validly signed.
    assert len({r["headers"]["webhook-id"] for r in hook.requests}) == 1
    assert len({r["body"] for r in hook.requests}) == 1
    assert all(verified(r, app.secret)["type"] == "site.published" for r in hook.requests)


def test_retries_stop_once_their_delays_would_pass_the_retry_window(
    demo_site, hook, settings, django_capture_on_commit_callbacks
):
    """With the defaults a delivery is tried 14 times over about 22.8 hours (a day's window);
    here a 100 s window allows 10 + 20 + 40 s of waiting: four attempts, then "failed"."""
    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_RETRY_FOR": 100}
    endpoint(hook.url, kinds=["site"])
    hook.statuses = [500] * 10
    save_hotline(django_capture_on_commit_callbacks)
    run_queue()
    while retries := queued(name="deliver"):
        retries[0].run_after = timezone.now()
        retries[0].save(update_fields=["run_after"])
        run_queue()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 4, 500)
    assert delivery.error == "HTTP 500" and delivery.next_attempt_at is None
    assert len(hook.requests) == 4


def test_a_slow_or_down_receiver_never_slows_or_breaks_publishing(
    admin_client, article, image, hook, settings, django_capture_on_commit_callbacks
):
    """Publishing only queues a task: the editor's request sends nothing, whoever listens. The
    worker then meets the down receiver (connection refused) and the slow one (timed out) and
    schedules their retries."""
    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_TIMEOUT": 0.5}
    hook.delay = 2.0
    down = endpoint(f"http://127.0.0.1:{free_port()}/hook", name="Down", locales=["en"])
    slow = endpoint(hook.url, name="Slow", locales=["en"])
    publish(admin_client, article, image, django_capture_on_commit_callbacks, title="Parcels")
    assert hook.requests == [] and Delivery.objects.count() == 0
    assert admin_client.get(article.url).status_code == 200  # published

    run_queue()
    down_delivery = Delivery.objects.get(endpoint=down)
    slow_delivery = Delivery.objects.get(endpoint=slow)
    assert down_delivery.status == slow_delivery.status == "retrying"
    assert "ConnectionRefusedError" in down_delivery.error
    assert "timed out" in slow_delivery.error.lower()
    assert down_delivery.response_code is None and slow_delivery.duration_ms < 1900


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8400/hook",
        "http://localhost:8400/hook",
        "http://[::1]:8400/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.20/hook",
        "http://172.16.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fd00::1]/hook",
        "ftp://files.example.com/hook",
    ],
)
def test_private_loopback_and_reserved_addresses_are_refused(db, url):
    assert addresses.refusal(url)


def test_the_admin_refuses_a_loopback_url_unless_the_setting_allows_it(admin_client, settings):
    """The registration form says why; with WEBHOOKS_ALLOW_PRIVATE the same URL is taken."""
    data = {"name": "Local app", "url": "http://127.0.0.1:8400/hook", "secret": new_secret()}
    data["active"] = "on"
    response = admin_client.post(reverse("webhooks:add"), data)
    assert response.status_code == 200
    error = response.context["form"].errors["url"][0]
    assert "127.0.0.1, a loopback, private, link-local or reserved address" in error
    assert not Endpoint.objects.exists()

    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_ALLOW_PRIVATE": True}
    response = admin_client.post(reverse("webhooks:add"), data)
    assert response.status_code == 302
    assert Endpoint.objects.get().url == "http://127.0.0.1:8400/hook"


def test_a_url_that_points_at_the_site_itself_is_refused(db, settings, monkeypatch):
    """By name (its own host names), and by address (another name for the same server)."""
    public = {
        "cms.post.example": "93.184.215.14",
        "alias.example.net": "93.184.215.14",
        "apps.example.org": "8.8.8.8",
    }

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in public:
            raise socket.gaierror("unknown")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (public[host], port or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    settings.ALLOWED_HOSTS = ["cms.post.example"]
    assert "this site itself" in addresses.refusal("https://cms.post.example/hook")
    assert "this site itself" in addresses.refusal("https://alias.example.net/hook")
    assert addresses.refusal("https://apps.example.org/hook") is None
    assert "could not be resolved" in addresses.refusal("https://nowhere.invalid/hook")


def test_an_address_allowed_at_registration_is_checked_again_at_delivery(
    demo_site, hook, settings, django_capture_on_commit_callbacks
):
    """DNS can change after registration: each delivery resolves and checks again, and a
    refused one is recorded, not sent and not retried."""
    endpoint(hook.url, kinds=["site"])
    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_ALLOW_PRIVATE": False}
    save_hotline(django_capture_on_commit_callbacks)
    run_queue()
    delivery = Delivery.objects.get()
    assert delivery.status == "refused" and "loopback" in delivery.error
    assert hook.requests == [] and queued() == []


def test_endpoints_get_only_the_events_objects_and_locales_they_chose(
    admin_client, article, image, hook, django_capture_on_commit_callbacks
):
    everything = endpoint(hook.url, name="Everything")
    pages_en = endpoint(hook.url, name="English pages", kinds=["page"], locales=["en"])
    endpoint(hook.url, name="Chinese pages", kinds=["page"], locales=["zh-hans"])
    endpoint(hook.url, name="Images only", kinds=["image"])
    endpoint(hook.url, name="Unpublishing only", events=["unpublished", "deleted"])
    publish(admin_client, article, image, django_capture_on_commit_callbacks, title="Parcels")
    run_queue()
    got = set(Delivery.objects.values_list("endpoint__name", "event_type"))
    # The Chinese translation changed too: its language switch and translations link to it.
    assert got == {
        ("Everything", "page.published"),
        ("English pages", "page.published"),
        ("Chinese pages", "page.published"),
    }
    assert everything.wants("published", "page", "en") and pages_en.wants("moved", "page", None)


def test_unpublishing_deleting_and_moving_in_the_admin_send_their_events(
    admin_client, demo_site, article, hook, django_capture_on_commit_callbacks
):
    """An object readers can no longer see is sent with its id only, as the feed's "delete"
    entry; a moved page with its new address."""
    app = endpoint(hook.url, kinds=["page"])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))
    parent, moved = ContentPage.objects.child_of(demo_site).live()[:2]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[moved.pk, parent.pk])
        )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]))
    run_queue()
    payloads = [verified(request, app.secret) for request in hook.requests]
    by_type = {}
    for payload in payloads:
        by_type.setdefault(payload["type"], []).append(payload["data"])
    (unpublished,) = by_type["page.unpublished"]
    (deleted,) = by_type["page.deleted"]
    for data in (unpublished, deleted):
        assert set(data) == {"kind", "id", "action", "changed_at"}
        assert (data["id"], data["action"]) == (article.pk, "delete")
    moved_ids = {data["id"] for data in by_type["page.moved"]}
    assert moved.pk in moved_ids
    moved.refresh_from_db()
    (moved_data,) = [d for d in by_type["page.moved"] if d["id"] == moved.pk]
    assert moved_data["html_url"] == moved.full_url and moved_data["action"] == "upsert"


def test_drafts_and_private_pages_never_leak(
    admin_client, article, image, hook, django_capture_on_commit_callbacks
):
    """A draft sends nothing at all; publishing a page only signed-in readers see sends what
    the feed says of it: an "unpublished" event with its id, no title, type or address."""
    app = endpoint(hook.url, locales=["en"])
    data = admin_forms.article_data(
        image, slug=article.slug, date=article.date.isoformat(), summary=article.summary
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert queued() == []

    PageViewRestriction.objects.create(page=article, restriction_type="login")
    publish(admin_client, article, image, django_capture_on_commit_callbacks, title="Secret")
    run_queue()
    (request,) = hook.requests
    payload = verified(request, app.secret)
    assert payload["type"] == "page.unpublished"
    assert payload["data"]["action"] == "delete" and "Secret" not in request["body"].decode()
    assert set(payload["data"]) == {"kind", "id", "action", "changed_at"}


def test_the_admin_shows_the_delivery_log_and_resends_a_delivery(
    admin_client, demo_site, hook, django_capture_on_commit_callbacks
):
    app = endpoint(hook.url, name="iOS app", kinds=["site"])
    hook.statuses = [502]
    save_hotline(django_capture_on_commit_callbacks)
    run_queue()
    delivery = Delivery.objects.get()

    listing = admin_client.get(reverse("webhook_deliveries:index")).content.decode()
    for text in ("site.published", "iOS app", "Retrying", "502"):
        assert text in listing
    inspect = admin_client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    assert delivery.message_id in inspect.content.decode()
    assert reverse("webhook_deliveries:resend", args=[delivery.pk]) in inspect.content.decode()

    resend_url = reverse("webhook_deliveries:resend", args=[delivery.pk])
    assert "same body" in admin_client.get(resend_url).content.decode()
    assert admin_client.post(resend_url).status_code == 302
    assert run_queue() == 1  # the resend; the pending retry it replaced then does nothing
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("succeeded", 200, 2)
    first, second = hook.requests
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"]
    assert verified(second, app.secret)["type"] == "site.published"
    stale = queued(name="deliver")
    if stale:
        stale[0].run_after = timezone.now()
        stale[0].save(update_fields=["run_after"])
        run_queue()
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and len(hook.requests) == 2
    assert "Delivered" in admin_client.get(reverse("webhook_deliveries:index")).content.decode()


def test_only_editors_with_the_permission_see_webhooks_and_resend(client, demo_site, settings):
    """Endpoints need the endpoint permissions; the log needs view (or change) on endpoints;
    resending needs change."""
    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_ALLOW_PRIVATE": True}
    delivery = Delivery.objects.create(
        endpoint=endpoint("http://127.0.0.1:8400/"), event_type="site.published", body="{}"
    )
    user = User.objects.create_user("reader", password="pw-reader-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    index, resend = (
        reverse("webhook_deliveries:index"),
        reverse("webhook_deliveries:resend", args=[delivery.pk]),
    )
    # The admin answers a refusal with a redirect to its dashboard.
    assert client.get(reverse("webhooks:index"))["Location"] == "/admin/"
    assert client.get(index)["Location"] == "/admin/"
    assert client.post(resend)["Location"] == "/admin/"

    user.user_permissions.add(Permission.objects.get(codename="view_endpoint"))
    user = User.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(index).status_code == 200
    assert client.post(resend)["Location"] == "/admin/"
    assert queued() == []
    assert client.get(reverse("webhook_deliveries:edit", args=[delivery.pk]))["Location"] == (
        "/admin/"
    )

    user.user_permissions.add(Permission.objects.get(codename="change_endpoint"))
    client.force_login(User.objects.get(pk=user.pk))
    assert client.post(resend)["Location"] == reverse(
        "webhook_deliveries:inspect", args=[delivery.pk]
    )
    assert len(queued(name="deliver")) == 1


def test_publishing_costs_the_same_with_0_and_20_endpoints(
    admin_client, article, image, hook, django_capture_on_commit_callbacks
):
    """The request writes one task whatever the number of endpoints (the fan-out happens in
    the worker): 20 endpoints add the one INSERT of that task to the editor's request, no
    more. bench/webhooks.py measures the time."""

    def publish_queries(title):
        with CaptureQueriesContext(connection) as queries:
            publish(admin_client, article, image, django_capture_on_commit_callbacks, title=title)
        return len(queries)

    publish_queries("Warm-up")
    with_none = publish_queries("No endpoints")
    for number in range(20):
        endpoint(hook.url, name=f"App {number}")
    with_twenty = publish_queries("Twenty endpoints")
    assert with_twenty == with_none + 1
    assert len(queued(name="fan_out")) == 1
    assert hook.requests == []
