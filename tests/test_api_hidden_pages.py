"""Hidden pages never reach apps: drafts, unpublished, expired and private pages are absent
from every API endpoint (listing, detail, find, search, site chrome), and the change feed names
them only as deletions. One table: every kind of hidden page against every place."""

import datetime

import pytest

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import PageViewRestriction

from home.models import NavigationItem, NavigationSettings
from news.models import NewsArticlePage, NewsIndexPage
from tests.factories import NewsArticlePageFactory

SECRET = "Zebracrossing"  # a word no demo page uses


def make_hidden(kind):
    index = NewsIndexPage.objects.get()
    article = NewsArticlePageFactory(
        parent=index,
        title=f"{SECRET} {kind}",
        summary=f"{SECRET} summary",
        slug=slugify(f"hidden {kind}"),
    )
    article.save_revision().publish()
    article.refresh_from_db()
    if kind == "draft":
        article.unpublish()
        article.title = f"{SECRET} draft"
        article.save_revision()
    elif kind == "unpublished":
        article.unpublish()
    elif kind == "expired":
        article.expire_at = timezone.now() - datetime.timedelta(days=1)
        article.save()
        article.unpublish(set_expired=True)
    elif kind == "private (login)":
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "private (password)":
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    elif kind == "deleted":
        article.delete()
    # A menu entry pointing at it, to check the chrome leaves it out too.
    if NewsArticlePage.objects.filter(pk=article.pk).exists():
        NavigationItem.objects.create(
            settings=NavigationSettings.objects.get(), sort_order=99, link_page=article
        )
    return article


KINDS = ["draft", "unpublished", "expired", "private (login)", "private (password)", "deleted"]
PLACES = {
    "listing": lambda a: "/api/v2/pages/?limit=100&fields=*",
    "typed listing": lambda a: "/api/v2/pages/?type=news.NewsArticlePage&limit=100&fields=*",
    "detail": lambda a: f"/api/v2/pages/{a.pk}/",
    "find": lambda a: f"/api/v2/pages/find/?html_path=/news/{a.slug}/",
    "search": lambda a: f"/api/v2/pages/?search={SECRET}",
    "site chrome": lambda a: "/api/v2/site/",
    "home page": lambda a: "/api/v2/pages/find/?html_path=/",
    "sitemap page": lambda a: "/api/v2/pages/find/?html_path=/sitemap/",
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", KINDS)
def test_hidden_page_is_absent(client, demo_site, kind, place):
    """The hidden article's title and id are in no response from this endpoint."""
    article = make_hidden(kind)
    response = client.get(PLACES[place](article), follow=True)
    assert response.status_code in (200, 404)
    body = response.content.decode()
    assert SECRET not in body
    if response.status_code == 200 and place != "detail":
        assert f'"id": {article.pk},' not in body.replace('"id":', '"id": ')


@pytest.mark.parametrize("kind", KINDS)
def test_change_feed_names_a_hidden_page_only_as_a_deletion(client, demo_site, kind):
    """In the change feed a hidden article is a "delete" with its id, never an upsert."""
    article = make_hidden(kind)
    changes = client.get("/api/v2/changes/?since=0&limit=500").json()["changes"]
    mine = [c for c in changes if c["kind"] == "page" and c["id"] == article.pk]
    assert [c["action"] for c in mine] == ["delete"]
    assert SECRET not in str(changes)


@pytest.mark.parametrize("place", ["listing", "typed listing", "detail", "find", "search"])
def test_control_a_visible_article_is_found_in_the_same_places(client, demo_site, place):
    """The same article left published shows up, so the absence above is not an accident."""
    article = make_hidden("published")
    response = client.get(PLACES[place](article), follow=True)
    assert response.status_code == 200
    assert SECRET in response.content.decode()
