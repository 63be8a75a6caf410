"""While the database is unreachable, readers and apps get a 503 with Retry-After and a page
in the site's look, not a bare 500; other failures keep the 500 page.

The database is made to fail by the connection itself, as when PostgreSQL restarts: every query
raises the OperationalError psycopg raises then. tests/reliability/ does the same against a real
PostgreSQL server restarted under traffic.
"""

from unittest import mock

import pytest

from django.db import IntegrityError, OperationalError, connection
from django.test import Client

from headless import content_version
from tests.expected import SEED_ARTICLE_URL
from tests.markup import parse, text


@pytest.fixture
def raw_client():
    """A client that returns the error response instead of raising the view's exception."""
    return Client(raise_request_exception=False)


def database_fails_with(exc):
    return mock.patch.object(connection, "cursor", side_effect=exc)


@pytest.mark.parametrize(
    "path", [SEED_ARTICLE_URL, "/en/news/", "/api/v2/pages/?type=news.NewsArticlePage", "/en/"]
)
def test_pages_and_api_answer_503_with_retry_after_while_the_database_is_down(
    raw_client, demo_site, path
):
    """Every kind of request that needs the database says "come back shortly", in the site's
    look, and tells caches not to keep the answer."""
    assert raw_client.get(path).status_code == 200
    content_version.changed()  # as after any edit: this worker remembers nothing of the page
    with database_fails_with(OperationalError("server closed the connection unexpectedly")):
        response = raw_client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    soup = parse(response)
    assert soup.title.string == "Back in a moment | China Post"
    assert text(soup.select_one("main h1")) == "Back in a moment"
    assert soup.select_one('link[rel=stylesheet][href$="site.css"]') is not None


@pytest.mark.parametrize("path", [SEED_ARTICLE_URL, "/en/news/", "/en/"])
def test_pages_a_worker_remembers_are_still_served_while_the_database_is_down(
    raw_client, demo_site, path
):
    """A page this worker has served since the last change needs no query: readers still get
    it, whole, while the database restarts (nothing can change it meanwhile)."""
    raw_client.get(path)
    before = raw_client.get(path)
    with database_fails_with(OperationalError("server closed the connection unexpectedly")):
        during = raw_client.get(path)
    assert during.status_code == 200
    assert during.content == before.content


def test_the_site_answers_again_as_soon_as_the_database_is_back(raw_client, demo_site):
    """No state is left behind by an outage: the next request after it is served normally."""
    with database_fails_with(OperationalError("connection refused")):
        assert raw_client.get("/en/news/").status_code == 503
    response = raw_client.get("/en/news/")
    assert response.status_code == 200
    assert "Retry-After" not in response


@pytest.mark.parametrize("exc", [ValueError("a bug"), IntegrityError("duplicate key")])
def test_other_failures_keep_the_500_page_without_retry_after(raw_client, demo_site, exc):
    """A bug or a failed query is not an outage: retrying would not help, so no Retry-After."""
    with database_fails_with(exc):
        response = raw_client.get("/en/news/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert text(parse(response).select_one("main h1")) == "Something went wrong"
