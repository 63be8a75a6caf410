"""Hidden pages never reach readers or apps. One table: every kind of hidden page (draft,
scheduled, unpublished, expired, login- and password-restricted, under a restricted page,
deleted) against every place it could leak: its own URL, the home page and news listings (by
year and source), the pager and related articles on its neighbour, navigation and footer,
the API (listing, detail, find, search, site chrome, change feed), RSS and Atom, sitemap.xml
and its sections, site search and the HTML sitemap. A published control page with the same
title shows up in each place, so every absence is meaningful."""

import datetime

import pytest

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import PageViewRestriction

from home.models import (
    ContentPage,
    FooterLink,
    FooterSettings,
    HomePage,
    NavigationItem,
    NavigationSettings,
)
from news.models import NewsArticlePage, NewsIndexPage, NewsSource
from tests.factories import NewsArticlePageFactory

SECRET = "Zebracrossing"  # a word no demo page uses
NEWEST = datetime.date(2022, 3, 1)  # newer than every demo article: first wherever it leaks


def make_article(kind, parent=None):
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    article = NewsArticlePageFactory(
        parent=parent or index,
        title=f"{SECRET} {kind}",
        summary=f"{SECRET} summary",
        slug=slugify(f"{SECRET} {kind}"),  # so sitemaps, which list only URLs, show it too
        date=NEWEST,
        source=NewsSource.objects.filter(locale__language_code="en").get(name="China Post News"),
    )
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def make_hidden(kind):
    """A page of this kind whose title holds SECRET; linked from the menu and the footer."""
    if kind == "under a private page":
        parent = (
            HomePage.objects.filter(locale__language_code="en")
            .get()
            .add_child(instance=ContentPage(title="Members only", slug="members-only", summary="x"))
        )
        PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
        page = parent.add_child(
            instance=ContentPage(
                title=f"{SECRET} {kind}", slug=slugify(f"{SECRET} child"), summary=SECRET
            )
        )
        page.save_revision().publish()
    else:
        page = make_article(kind)
    if kind == "draft":
        page.unpublish()
        page.title = f"{SECRET} draft"
        page.save_revision()
    elif kind == "scheduled":
        page.unpublish()
        page.go_live_at = timezone.now() + datetime.timedelta(days=7)
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
    elif kind == "unpublished":
        page.unpublish()
    elif kind == "expired":
        page.expire_at = timezone.now() - datetime.timedelta(days=1)
        page.save()
        page.unpublish(set_expired=True)
    elif kind == "private (login)":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "private (password)":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    elif kind == "deleted":
        from types import SimpleNamespace

        gone = SimpleNamespace(url=page.url, pk=page.pk, slug=page.slug)
        page.delete()
        return gone
    # Links to it in the chrome, so the menu and footer must leave it out too.
    NavigationItem.objects.create(
        settings=NavigationSettings.objects.get(), sort_order=99, link_page=page
    )
    FooterLink.objects.create(settings=FooterSettings.objects.get(), sort_order=99, link_page=page)
    return page


def neighbour_url():
    """The newest visible demo article: its pager and related articles would name the page."""
    newest = (
        NewsArticlePage.objects.filter(locale__language_code="en")
        .live()
        .public()
        .exclude(title__contains=SECRET)
        .order_by("-date")
    )
    return newest.first().url


KINDS = [
    "draft",
    "scheduled",
    "unpublished",
    "expired",
    "private (login)",
    "private (password)",
    "under a private page",
    "deleted",
]
PLACES = {
    "its own URL": lambda p: p.url,
    "home page": lambda p: "/en/",
    "news index": lambda p: "/en/news/",
    "year listing": lambda p: f"/en/news/{NEWEST.year}/",
    "source listing": lambda p: "/en/news/source/china-post-news/",
    "neighbour's pager and related": lambda p: neighbour_url(),
    "navigation and footer": lambda p: "/en/contact-us/",
    "RSS feed": lambda p: "/en/news/feed/rss/",
    "Atom feed": lambda p: "/en/news/feed/atom/",
    "source RSS feed": lambda p: "/en/news/source/china-post-news/feed/rss/",
    "sitemap.xml": lambda p: "/sitemap.xml",
    "sitemap section": lambda p: "/sitemap-pages.xml",
    "site search": lambda p: f"/en/search/?q={SECRET}",
    "HTML sitemap": lambda p: "/en/sitemap/",
    "API listing": lambda p: "/api/v2/pages/?limit=100&fields=*",
    "API typed listing": lambda p: "/api/v2/pages/?type=news.NewsArticlePage&limit=100&fields=*",
    "API detail": lambda p: f"/api/v2/pages/{p.pk}/",
    "API find": lambda p: f"/api/v2/pages/find/?html_path={p.url}",
    "API search": lambda p: f"/api/v2/pages/?search={SECRET}",
    "API site chrome": lambda p: "/api/v2/site/",
    "API home page": lambda p: "/api/v2/pages/find/?html_path=/",
    "API sitemap page": lambda p: "/api/v2/pages/find/?html_path=/sitemap/",
}
# The child page is a content page: listings of news articles would not show it visible
# either, so for it those places have no meaningful control and are skipped.
NEWS_ONLY = {
    "news index", "year listing", "source listing", "neighbour's pager and related",
    "RSS feed", "Atom feed", "source RSS feed", "API typed listing",
}  # fmt: skip


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", KINDS)
def test_hidden_page_is_absent(client, demo_site, kind, place):
    """The hidden page's title is in no response from this place, and its id in no API
    listing."""
    if kind == "under a private page" and place in NEWS_ONLY:
        pytest.skip("a content page is never in news listings")
    page = make_hidden(kind)
    response = client.get(PLACES[place](page), follow=True)
    assert response.status_code in (200, 404)
    body = response.content.decode()
    if place == "site search":  # the results page repeats the query: look for the page's link
        assert page.slug not in body
    else:
        assert SECRET not in body
    if place not in ("its own URL", "site search"):  # a login form's `next` names the URL
        assert SECRET.lower() not in body.lower()
    if response.status_code == 200 and place.startswith("API") and place != "API detail":
        assert f'"id": {page.pk},' not in body.replace('"id":', '"id": ')


@pytest.mark.parametrize("place", PLACES)
def test_control_a_published_page_shows_in_the_same_places(client, demo_site, place):
    """The same article, left published and public, is found in every place."""
    page = make_hidden("published")
    response = client.get(PLACES[place](page), follow=True)
    assert response.status_code == 200
    assert page.slug in response.content.decode() or SECRET in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_change_feed_names_a_hidden_page_only_as_a_deletion(client, demo_site, kind):
    """In the change feed a hidden page is a "delete" with its id, never an upsert."""
    page = make_hidden(kind)
    changes = client.get("/api/v2/changes/?since=0&limit=500").json()["changes"]
    mine = [c for c in changes if c["kind"] == "page" and c["id"] == page.pk]
    assert [c["action"] for c in mine] == ["delete"]
    assert SECRET not in str(changes)


def test_control_change_feed_names_a_published_page_as_an_upsert(client, demo_site):
    page = make_hidden("published")
    changes = client.get("/api/v2/changes/?since=0&limit=500").json()["changes"]
    mine = [c for c in changes if c["kind"] == "page" and c["id"] == page.pk]
    assert [c["action"] for c in mine][-1:] == ["upsert"]
