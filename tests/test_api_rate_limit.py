"""The API's request budget per client (headless/ratelimit.py). Apps rely on the RateLimit-*
headers to pace themselves and on a JSON 429 with Retry-After when they overrun; readers'
pages are never limited; two clients never share a budget."""

import pytest

from django.core.cache import cache


@pytest.fixture
def budget(settings):
    def set_budget(requests, batch=1):
        settings.HEADLESS = {
            **settings.HEADLESS,
            "RATE_LIMIT": {"REQUESTS": requests, "WINDOW": 60, "BATCH": batch},
        }

    return set_budget


def test_answers_carry_the_budget_and_a_spent_one_is_a_json_429(client, demo_site, budget):
    budget(3)
    remaining = [client.get("/api/v2/site/")["RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    refused = client.get("/api/v2/pages/")
    assert refused.status_code == 429
    assert refused.json()["message"].startswith("rate limit: 3 requests per 60 s")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["RateLimit-Policy"] == "3;w=60"
    assert refused["RateLimit-Remaining"] == "0"


def test_clients_have_budgets_of_their_own(client, demo_site, budget):
    budget(2)
    for _ in range(2):
        assert client.get("/api/v2/site/", REMOTE_ADDR="198.51.100.1").status_code == 200
    assert client.get("/api/v2/site/", REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get("/api/v2/site/", REMOTE_ADDR="198.51.100.2").status_code == 200
    token = {"HTTP_AUTHORIZATION": "Bearer wagtail_example", "REMOTE_ADDR": "198.51.100.1"}
    assert client.get("/api/v2/site/", **token).status_code == 200


def test_reader_pages_are_not_limited(client, demo_site, budget):
    budget(1)
    assert [client.get("/en/news/").status_code for _ in range(3)] == [200, 200, 200]
    assert "RateLimit-Limit" not in client.get("/en/news/")


def test_stored_answers_count_too_and_the_budget_is_shared(client, demo_site, budget, settings):
    """Counted before the page cache, in the shared cache: a stored answer uses the budget,
    and another worker (its own in-process counts) sees what this one wrote."""
    from headless import ratelimit

    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": True}
    budget(10, batch=5)
    for _ in range(5):
        client.get("/api/v2/site/")
    assert client.get("/api/v2/site/")["X-Page-Cache"] == "hit"
    ratelimit._counts = ratelimit._Counts()  # another worker: nothing counted in-process
    assert int(client.get("/api/v2/site/")["RateLimit-Remaining"]) <= 10 - 5
    assert any(key.startswith(":1:headless:ratelimit:") for key in cache._cache)  # noqa: SLF001


def test_off_unless_configured(client, demo_site):
    response = client.get("/api/v2/site/")
    assert response.status_code == 200
    assert "RateLimit-Limit" not in response
