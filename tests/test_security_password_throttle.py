"""Page and collection passwords resist guessing: after PASSWORD_FAILURE_LIMIT wrong passwords
from one address, that restriction's form answers 429 (the right password too) until the
cool-off has passed; other addresses and other restrictions are unaffected."""

import datetime

import pytest
import time_machine

from django.test import Client
from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from news.models import NewsArticlePage
from tests.factories import DocumentFactory

LIMIT = 5
ATTACKER = "203.0.113.7"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PASSWORD_FAILURE_LIMIT = LIMIT
    settings.PASSWORD_COOLOFF_SECONDS = 15 * 60


@pytest.fixture
def private_article(demo_site):
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    return article, restriction


def page_attempt(client, article, restriction, password, ip=ATTACKER):
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/",
        {"password": password, "return_url": article.url},
        REMOTE_ADDR=ip,
    )


def assert_throttled(response):
    assert response.status_code == 429
    text = " ".join(response.content.decode().split())
    assert "Too many wrong passwords" in text
    assert f"after {LIMIT} wrong passwords" in text
    assert "Try again in 15 minutes" in text
    assert response["Retry-After"] == "900"


def test_a_few_wrong_passwords_are_only_wrong(client, private_article):
    """Below the limit the form says the password is wrong, and the right one then opens the
    page."""
    article, restriction = private_article
    for _ in range(LIMIT - 1):
        response = page_attempt(client, article, restriction, "guess")
        assert response.status_code == 200
        assert "password you have entered is not correct" in response.content.decode()
    response = page_attempt(client, article, restriction, "letmein")
    assert response.status_code == 302
    assert client.get(article.url).status_code == 200


def test_page_password_is_throttled_after_the_limit(client, private_article):
    """After LIMIT wrong passwords the form answers 429, the right password included; another
    address still gets in."""
    article, restriction = private_article
    for _ in range(LIMIT):
        assert page_attempt(client, article, restriction, "guess").status_code == 200
    assert_throttled(page_attempt(client, article, restriction, "letmein"))
    assert "letmein" not in client.get(article.url).content.decode()
    other = Client()
    assert page_attempt(other, article, restriction, "letmein", ip="192.0.2.1").status_code == 302


def test_throttle_ends_after_the_cool_off(client, private_article):
    """15 minutes after the last attempt the right password works again; attempts during the
    lockout start the wait afresh."""
    article, restriction = private_article
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(LIMIT):
            page_attempt(client, article, restriction, "guess")
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        assert_throttled(page_attempt(client, article, restriction, "letmein"))
    with time_machine.travel(start + datetime.timedelta(minutes=20), tick=False):
        assert_throttled(page_attempt(client, article, restriction, "letmein"))
    with time_machine.travel(start + datetime.timedelta(minutes=36), tick=False):
        assert page_attempt(client, article, restriction, "letmein").status_code == 302


def test_collection_password_is_throttled(client, demo_site):
    """A private collection's password form (its documents) is throttled the same way."""
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="board-only",
    )
    document = DocumentFactory(collection=collection)

    def attempt(password):
        return client.post(
            f"/documents/authenticate_with_password/{restriction.pk}/",
            {"password": password, "return_url": document.url},
            REMOTE_ADDR=ATTACKER,
        )

    for _ in range(LIMIT):
        assert attempt("guess").status_code == 200
    assert_throttled(attempt("board-only"))
    response = client.get(document.url)
    assert not response.streaming  # still the password form, not the file
