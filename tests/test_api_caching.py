"""HTTP caching on the API: ETag, Last-Modified, 304, Cache-Control.

The mobile app and the CDN in front of the API revalidate with If-None-Match and
If-Modified-Since; they rely on a 304 while nothing they show has changed, and on a new ETag
exactly when it has.
"""

import pytest

from contacts.models import Hotline
from headless import content_version
from news.models import NewsArticlePage
from tests import expected

ARTICLES = "/api/v2/pages/?type=news.NewsArticlePage&fields=*"
CONTACTS = "/api/v2/pages/?type=contacts.ContactsPage&fields=*"


def detail_url(page):
    return f"/api/v2/pages/{page.pk}/"


def etag(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response["ETag"]


@pytest.fixture
def seed_article(demo_site):
    return NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )


@pytest.fixture
def other_article(demo_site, seed_article):
    return (
        NewsArticlePage.objects.filter(locale__language_code="en")
        .live()
        .exclude(pk=seed_article.pk)
        .first()
    )


@pytest.mark.parametrize(
    "path",
    ["/api/v2/pages/", ARTICLES, "/api/v2/site/", "/api/v2/changes/?since=0", "/api/v2/images/"],
)
def test_unchanged_content_is_answered_304_without_a_body(client, demo_site, path):
    """Both validators work: If-None-Match and If-Modified-Since each give an empty 304."""
    first = client.get(path)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["ETag"].startswith('"')

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    if "Last-Modified" in first:
        since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304


def test_detail_is_answered_304_with_its_etag(client, seed_article):
    """A page's detail keeps its ETag while it is unchanged."""
    tag = etag(client, detail_url(seed_article))
    assert client.get(detail_url(seed_article), HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_a_304_costs_no_query(client, seed_article, django_assert_num_queries):
    """A revalidation reads the newest change remembered for this content version and renders
    nothing; after a change it finds the site and reads the change log, once each."""
    tag = etag(client, ARTICLES)
    with django_assert_num_queries(0):
        assert client.get(ARTICLES, HTTP_IF_NONE_MATCH=tag).status_code == 304
    content_version.changed()
    with django_assert_num_queries(2):
        assert client.get(ARTICLES, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_publishing_an_article_changes_exactly_the_etags_that_show_it(
    client, seed_article, other_article
):
    """Publishing an article changes its own ETag, the article listing's, the change feed's and
    the other article's (its newer, older and related articles may now differ); the contacts
    page, the site chrome and the images keep theirs."""
    watched = {
        "article": detail_url(seed_article),
        "articles": ARTICLES,
        "changes": "/api/v2/changes/?since=0",
        "other article": detail_url(other_article),
        "contacts": CONTACTS,
        "site": "/api/v2/site/",
        "images": "/api/v2/images/",
    }
    before = {name: etag(client, url) for name, url in watched.items()}

    seed_article.summary = "A shorter summary."
    seed_article.save_revision().publish()

    after = {name: etag(client, url) for name, url in watched.items()}
    changed = {name for name in watched if before[name] != after[name]}
    assert changed == {"article", "articles", "changes", "other article"}


def test_a_saved_draft_changes_no_etag(client, seed_article):
    """A draft is not content readers see, so caches stay valid."""
    before = etag(client, detail_url(seed_article)), etag(client, ARTICLES)
    seed_article.title = "Draft title"
    seed_article.save_revision()
    assert (etag(client, detail_url(seed_article)), etag(client, ARTICLES)) == before
    assert client.get(detail_url(seed_article)).json()["title"] == expected.SEED_ARTICLE_TITLE


def test_a_hotline_change_revalidates_the_chrome_and_the_contacts_page(client, demo_site):
    """A hotline is shown by the site chrome and the contacts page: both ETags move."""
    before = etag(client, "/api/v2/site/"), etag(client, CONTACTS)
    hotline = Hotline.objects.filter(locale__language_code="en").get(service="Postal Savings")
    hotline.number = "8610 95599"
    hotline.save()
    after = etag(client, "/api/v2/site/"), etag(client, CONTACTS)
    assert before[0] != after[0]
    assert before[1] != after[1]
    assert "8610 95599" in client.get(CONTACTS).content.decode()


def test_unpublished_article_is_not_served_from_a_stale_validator(client, seed_article):
    """After unpublishing, the old ETag no longer matches: the app gets the 404, not a 304."""
    tag = etag(client, detail_url(seed_article))
    seed_article.unpublish()
    response = client.get(detail_url(seed_article), HTTP_IF_NONE_MATCH=tag)
    assert response.status_code == 404


def test_home_page_etag_follows_the_latest_news(client, seed_article):
    """The home page lists the latest articles, so publishing one changes its ETag."""
    home = "/api/v2/pages/find/?html_path=/"
    home_detail = client.get(home)["Location"].removeprefix("http://testserver")
    before = etag(client, home_detail)
    seed_article.save_revision().publish()
    assert etag(client, home_detail) != before


@pytest.mark.parametrize("value", ['"not-a-real-etag"', "garbage", "*", 'W/"x", "y"', "\u00e9"])
def test_malformed_if_none_match_is_harmless(client, demo_site, value):
    """Odd If-None-Match values give the full response (or 304 for `*`), never a 500."""
    response = client.get(ARTICLES, HTTP_IF_NONE_MATCH=value)
    assert response.status_code == (304 if value == "*" else 200)


def test_publishing_a_chosen_stamp_issue_revalidates_the_article_that_shows_it(client, demo_site):
    """The Year of the Ox article's block shows issue 2021-1's title and facts: when the issue
    is published with a new title, the article's ETag (API and HTML) moves and it shows the
    new title, so no app or browser keeps the old one on a 304."""
    from stamps.models import StampIssuePage

    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug="year-of-the-ox-special-stamps"
    )
    urls = (detail_url(article), expected.STAMP_ARTICLE_URL)
    before = [etag(client, url) for url in urls]
    issue = StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-1")
    issue.title = "Year of the Ox, renamed"
    issue.save_revision().publish()
    for url, old in zip(urls, before, strict=True):
        response = client.get(url, HTTP_IF_NONE_MATCH=old)
        assert response.status_code == 200, url
        assert "Year of the Ox, renamed" in response.content.decode(), url
