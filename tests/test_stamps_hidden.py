"""Draft and private stamp issues reach no reader or app: not their own URL, the year page, the
catalogue's counts, the neighbours' pager, the feeds, sitemap.xml, site search, the API
(listing, filters, detail, year page's issues) nor an article whose stamp-issue block chose
them. A published control issue shows up in every one of those places."""

import pytest

from django.utils.text import slugify

from wagtail.models import PageViewRestriction

from news.models import NewsArticlePage
from stamps.models import StampIssuePage, StampItem, StampYearPage
from tests.factories import make_issue

SECRET = "Quokkamail"  # a word no demo page uses
STAMP_ARTICLE = "/en/news/year-of-the-ox-special-stamps/"


def make(kind):
    """Issue 2021-9 (after the demo's last issue, so 2021-8's pager would name it), with
    SECRET in its title, chosen by the stamp article's block."""
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    image = StampItem.objects.exclude(image=None).first().image
    issue = make_issue(
        year,
        "2021-9",
        title=f"{SECRET} {kind}",
        image=image,
        live=kind != "draft",
        summary=f"{SECRET} summary",
        slug=slugify(f"{SECRET} {kind}"),
    )
    if kind == "private":
        PageViewRestriction.objects.create(page=issue, restriction_type=PageViewRestriction.LOGIN)
    elif kind == "unpublished":
        issue.unpublish()
    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug="year-of-the-ox-special-stamps"
    )
    body = list(article.body.raw_data)
    body.append({"type": "stamp_issue", "value": issue.pk})
    article.body = body
    article.save_revision().publish()
    return issue


PLACES = {
    "its own URL": lambda i: i.url or f"/en/stamps/2021/{i.slug}/",
    "year page": lambda i: "/en/stamps/2021/",
    "catalogue": lambda i: "/en/stamps/",
    "neighbour's pager": lambda i: (
        StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-8").url
    ),
    "RSS feed": lambda i: "/en/stamps/feed/rss/",
    "Atom feed": lambda i: "/en/stamps/feed/atom/",
    "sitemap.xml": lambda i: "/sitemap.xml",
    "site search": lambda i: f"/en/search/?q={SECRET}",
    "article's stamp-issue block": lambda i: STAMP_ARTICLE,
    "API typed listing": lambda i: "/api/v2/pages/?type=stamps.StampIssuePage&fields=*&limit=50",
    "API year filter": lambda i: "/api/v2/pages/?type=stamps.StampIssuePage&year=2021",
    "API number filter": lambda i: "/api/v2/pages/?type=stamps.StampIssuePage&number=2021-9",
    "API detail": lambda i: f"/api/v2/pages/{i.pk}/",
    "API year page": lambda i: (
        f"/api/v2/pages/{StampYearPage.objects.filter(locale__language_code='en').get(year=2021).pk}/"
    ),
    "API neighbour": lambda i: (
        f"/api/v2/pages/{StampIssuePage.objects.filter(locale__language_code='en').get(issue_number='2021-8').pk}/"
    ),
    "API article": lambda i: (
        f"/api/v2/pages/{NewsArticlePage.objects.filter(locale__language_code='en').get(slug='year-of-the-ox-special-stamps').pk}/"
    ),
    "API search": lambda i: f"/api/v2/pages/?search={SECRET}",
}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", ["draft", "unpublished", "private"])
def test_hidden_issue_is_absent(client, demo_site, kind, place):
    issue = make(kind)
    response = client.get(PLACES[place](issue), follow=True)
    assert response.status_code in (200, 404)
    body = response.content.decode()
    if place == "site search":  # the results page repeats the query
        assert issue.slug not in body
    elif place == "its own URL":  # a login form names the URL it protects
        assert f"<h1>{SECRET}" not in body and "stamp-gallery" not in body
    else:
        assert SECRET not in body
        assert SECRET.lower() not in body.lower()
    if place == "catalogue":
        assert "8 issues" in body
    if place == "article's stamp-issue block":
        # The demo issue the article chose is still shown: only the hidden one is left out.
        assert body.count('class="block-stamp-issue"') == 1


@pytest.mark.parametrize("place", PLACES)
def test_control_a_published_issue_shows_in_the_same_places(client, demo_site, place):
    issue = make("published")
    response = client.get(PLACES[place](issue), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    if place == "catalogue":  # it counts issues and names none
        assert "9 issues" in body
    else:
        assert SECRET in body or issue.slug in body
