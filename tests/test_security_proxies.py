"""Readers behind a proxy keep addresses of their own (site/proxies.py): with Varnish or a load
balancer in front, the API's request budget and the password throttles count each reader, not
the proxy, and nobody else can pick an address by sending X-Forwarded-For."""

import pytest

from django.core.exceptions import ImproperlyConfigured
from django.test import Client

PROXY = "10.0.0.5"


@pytest.fixture
def budget(settings):
    def set_budget(requests):
        limit = {"REQUESTS": requests, "WINDOW": 60, "BATCH": 1}
        settings.HEADLESS = {**settings.HEADLESS, "RATE_LIMIT": limit}

    return set_budget


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "192.0.2.0/24"]
    return Client()


def remaining(client, **headers):
    response = client.get("/api/v2/site/", **headers)
    return response.status_code, response.get("RateLimit-Remaining")


def test_readers_behind_a_trusted_proxy_have_budgets_of_their_own(demo_site, budget, behind_proxy):
    budget(1)
    first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    second = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert remaining(behind_proxy, **first) == (200, "0")
    assert remaining(behind_proxy, **first)[0] == 429
    assert remaining(behind_proxy, **second) == (200, "0")


def test_the_nearest_untrusted_hop_is_the_reader(demo_site, budget, behind_proxy):
    """A reader's own X-Forwarded-For comes first in the header: it cannot change whose budget
    is spent; hops through other trusted proxies (192.0.2.0/24) are skipped."""
    budget(1)
    assert remaining(
        behind_proxy, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.7"
    ) == (200, "0")
    forged = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9, 192.0.2.7"}
    assert remaining(behind_proxy, **forged)[0] == 429


def test_forwarded_for_from_anyone_else_is_ignored(demo_site, budget, behind_proxy):
    budget(1)
    direct = {"REMOTE_ADDR": "198.51.100.7"}
    assert remaining(behind_proxy, **direct) == (200, "0")
    spoofed = {**direct, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert remaining(behind_proxy, **spoofed)[0] == 429


def test_garbage_in_the_header_is_not_an_address(demo_site, budget, behind_proxy):
    budget(1)
    headers = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address, 198.51.100.3"}
    assert remaining(behind_proxy, **headers) == (200, "0")
    assert remaining(behind_proxy, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.3")[0] == 429


def test_a_wrong_setting_stops_the_site_with_its_name(settings, db):
    settings.TRUSTED_PROXIES = ["varnish"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        Client().get("/healthz")
