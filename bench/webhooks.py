"""`python bench/webhooks.py [--rounds N]`: the editor's publish through the admin with 0 and
with 20 registered webhooks, which must cost the same (deliveries are made by the worker).

Builds a throwaway test database (SQLite in memory, or `test_<name>` on DATABASE_URL's
PostgreSQL), loads the demo content, signs in an admin with Django's test client and publishes
the seed article through the page editor's form, in real transactions (so the on-commit hooks
run as in production), alternating rounds with no active endpoint and with 20 active ones.
Prints the median and 90th percentile of each, and the queries per publish. Then runs the
queue as the worker would, against a loopback receiver, and prints how long the 20
deliveries of one publish took there, outside any request.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "postal_site.settings.test")

import django  # noqa: E402 (after the path and settings it needs)

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402

from headless.webhooks.models import Delivery, Endpoint  # noqa: E402
from news.models import NewsArticlePage  # noqa: E402
from tests import admin_forms  # noqa: E402
from tests.factories import ImageFactory  # noqa: E402
from tests.webhook_receiver import receiver, run_queue  # noqa: E402


def publish(client, page, image, title):
    data = admin_forms.article_data(
        image, slug=page.slug, date=page.date.isoformat(), summary=page.summary, title=title
    )
    data["action-publish"] = "action-publish"
    reset_queries()  # the log keeps 9,000 queries; a count across its limit would be wrong
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    elapsed = time.perf_counter() - started
    if response.status_code != 302:
        raise SystemExit(f"the publish answered {response.status_code}, not a redirect")
    return elapsed * 1000, len(queries)


def summary(label, samples):
    times = sorted(ms for ms, _queries in samples)
    p90 = times[int(len(times) * 0.9) - 1]
    queries = sorted({q for _ms, q in samples})
    return f"{label:<22} {statistics.median(times):8.1f} {p90:8.1f}   {queries}"


def measure(client, article, image, rounds):
    results = {0: [], 20: []}
    for number in range(3):  # warm-up: templates, caches, the first revision
        publish(client, article, image, f"Warm-up {number}")
    for number in range(rounds):
        for active in (0, 20):
            Endpoint.objects.update(active=bool(active))
            results[active].append(publish(client, article, image, f"Round {number}/{active}"))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="publishes per case (30)")
    args = parser.parse_args()
    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(
            HEADLESS={**django.conf.settings.HEADLESS, "WEBHOOKS_ALLOW_PRIVATE": True}
        ):
            run(args, name)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def run(args, database):
    call_command("load_demo_content", stdout=io.StringIO())
    admin = User.objects.create_superuser("bench", password="bench-only-pw-1")  # noqa: S106
    client = Client()
    client.force_login(admin)
    article = NewsArticlePage.objects.filter(live=True).first()
    image = ImageFactory(title="Bench", description="A bench picture")
    with receiver() as hook:
        for number in range(20):
            Endpoint.objects.create(name=f"App {number}", url=hook.url)
        results = measure(client, article, image, args.rounds)
        vendor = connection.vendor
        print(f"Publishing through the admin ({vendor}, {database}), {args.rounds} rounds")
        print(f"{'endpoints':<22} {'p50 ms':>8} {'p90 ms':>8}   queries")
        print(summary("0 active webhooks", results[0]))
        print(summary("20 active webhooks", results[20]))
        Delivery.objects.all().delete()
        run_queue()  # fan-outs of the rounds above: 20 deliveries per publish with 20 endpoints
        delivered = Delivery.objects.filter(status="succeeded").count()
        started = time.perf_counter()
        publish(client, article, image, "Measured by the worker")
        run_queue()
        worker_ms = (time.perf_counter() - started) * 1000
        print(f"worker: sent the {delivered} deliveries of those publishes; one more publish, its")
        print(f"fan-out and its 20 deliveries to a loopback receiver: {worker_ms:.0f} ms in all")


if __name__ == "__main__":
    main()
