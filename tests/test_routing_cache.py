"""Remembered routing, site lookup, view restrictions and fragments are never stale: each test
requests a URL (so it is remembered), changes the site the way an editor would, and requests
the old and new URLs again at once."""

import pytest

from wagtail.models import Page, PageViewRestriction

from home.models import ContentPage
from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory

pytestmark = pytest.mark.usefixtures("demo_site")


def status(client, url):
    return client.get(url).status_code


def test_unpublished_article_is_gone_on_the_next_request(client):
    """An unpublished article answers 404 straight away, not from the remembered route."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    url = article.url
    assert status(client, url) == 200
    article.unpublish()
    assert status(client, url) == 404


def test_new_child_is_served_on_the_first_request(client):
    """A URL that was a 404 serves the article published there since."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    assert status(client, "/en/news/fresh-article/") == 404
    draft = NewsArticlePageFactory(
        parent=index, title="Fresh article", slug="fresh-article", live=False
    )
    assert status(client, "/en/news/fresh-article/") == 404
    draft.save_revision().publish()
    response = client.get("/en/news/fresh-article/")
    assert response.status_code == 200
    assert "Fresh article" in response.content.decode()


def test_renamed_slug_moves_the_page_and_its_listing_link(client):
    """After a slug change the old URL is a 404 and the new one serves the page; the index's
    cached list links the new URL."""
    article = (
        NewsArticlePage.objects.filter(locale__language_code="en")
        .live()
        .order_by("-date", "-pk")
        .first()
    )
    old = article.url
    assert status(client, old) == 200
    assert old in client.get("/en/news/").content.decode()
    article.slug = "renamed-article"
    article.save_revision().publish()
    assert status(client, old) == 404
    assert status(client, "/en/news/renamed-article/") == 200
    listing = client.get("/en/news/").content.decode()
    assert "/en/news/renamed-article/" in listing
    assert old not in listing


def test_moved_page_answers_at_its_new_address_only(client):
    """A content page moved under another answers at its new URL; its old one redirects there
    (the redirect Wagtail makes on a move), never serving from the remembered route."""
    about = Page.objects.filter(locale__language_code="en").get(slug="about-us")
    target = (
        ContentPage.objects.filter(locale__language_code="en").live().exclude(pk=about.pk).first()
    )
    assert status(client, "/en/about-us/") == 200
    about.move(target, pos="last-child")
    moved = Page.objects.get(pk=about.pk)
    old = client.get("/en/about-us/")
    assert old.status_code == 301
    assert old["Location"].endswith(moved.url)
    assert status(client, moved.url) == 200


def test_a_new_login_restriction_applies_on_the_next_request(client):
    """Restricting an article that was just served (route, restrictions and body cached)
    sends the next anonymous reader to log in instead of showing it."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    assert status(client, article.url) == 200
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_changed_article_body_shows_on_the_next_request(client):
    """A published edit replaces the cached article fragment at once."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    assert "Freshly edited summary" not in client.get(article.url).content.decode()
    article.summary = "Freshly edited summary."
    article.save_revision().publish()
    assert "Freshly edited summary." in client.get(article.url).content.decode()
