"""Readers browse the news by year and by source, and no page number they type breaks it."""

import datetime

import pytest

from news.models import NewsIndexPage, NewsSource
from tests import expected
from tests.factories import NewsArticlePageFactory
from tests.markup import main_text, parse, text

pytestmark = pytest.mark.usefixtures("demo_site")

CHINA_POST_NEWS_COUNT = 7  # the seed article and six of the shorter ones


def listed(soup):
    """The listed articles as (title, date, source) in the order shown."""
    return [
        (
            text(card.h2),
            card.time["datetime"],
            text(card.select_one(".dateline__source"))
            if card.select_one(".dateline__source")
            else "",
        )
        for card in soup.select("main .article-card")
    ]


def all_listed(client, path):
    """Every article a listing shows, following its pages."""
    soup = parse(client.get(path))
    articles = listed(soup)
    while (older := soup.select_one("main a[rel=next]")) is not None:
        soup = parse(client.get(path + older["href"]))
        articles += listed(soup)
    return articles


def test_news_by_year_lists_that_years_articles_only(client):
    """/en/news/2021/ lists the demo's fourteen 2021 articles; an older year's article is not."""
    NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title="An article from 2019",
        date=datetime.date(2019, 3, 1),
    )
    response = client.get("/en/news/2021/")
    assert response.status_code == 200
    soup = parse(response)
    assert text(soup.select_one("main h1")) == "News from 2021"
    assert soup.title.string == "News from 2021 | China Post"
    articles = all_listed(client, "/en/news/2021/")
    assert len(articles) == expected.ARTICLE_COUNT
    assert {date[:4] for _, date, _ in articles} == {"2021"}
    assert [title for title, *_ in all_listed(client, "/en/news/2019/")] == ["An article from 2019"]


def test_news_by_source_lists_that_sources_articles_only(client):
    """/en/news/source/china-post-news/ lists the China Post News articles, newest first."""
    response = client.get("/en/news/source/china-post-news/")
    assert response.status_code == 200
    soup = parse(response)
    assert text(soup.select_one("main h1")) == "News from China Post News"
    articles = all_listed(client, "/en/news/source/china-post-news/")
    assert len(articles) == CHINA_POST_NEWS_COUNT
    assert {source for *_, source in articles} == {"China Post News"}
    assert articles[0][0] == expected.SEED_ARTICLE_TITLE
    dates = [date for _, date, _ in articles]
    assert dates == sorted(dates, reverse=True)
    others = all_listed(client, "/en/news/source/china-post/")
    assert len(others) == expected.ARTICLE_COUNT - CHINA_POST_NEWS_COUNT


def test_news_index_links_each_source_and_year(client):
    """The index offers every source and year as a link, and marks the one being shown."""
    soup = parse(client.get("/en/news/"))
    browse = soup.select_one('main aside[aria-label="Browse the news"]')
    hrefs = {text(a): a["href"] for a in browse.find_all("a")}
    assert hrefs["China Post News"] == "/en/news/source/china-post-news/"
    assert hrefs["China Post"] == "/en/news/source/china-post/"
    assert hrefs["2021"] == "/en/news/2021/"
    filtered = parse(client.get("/en/news/source/china-post/"))
    current = filtered.select('main aside a[aria-current="page"]')
    assert [text(a) for a in current] == ["China Post"]
    assert filtered.select_one('main aside a[href="/en/news/"]') is not None


def test_a_renamed_index_links_its_new_address_at_once(client):
    """The index's address is remembered per host until the content changes: a new slug
    shows in its source, year and feed links on the next request, on every host."""
    assert parse(client.get("/en/news/")).select_one('link[type="application/rss+xml"]')
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    index.slug = "press"
    index.save_revision().publish()
    soup = parse(client.get("/en/press/"))
    browse = soup.select_one('main aside[aria-label="Browse the news"]')
    assert {a["href"] for a in browse.find_all("a")} >= {
        "/en/press/source/china-post/",
        "/en/press/2021/",
        "/en/press/feed/rss/",
    }
    feeds = [link["href"] for link in soup.select('link[rel="alternate"][type$="+xml"]')]
    assert feeds == ["/en/press/feed/rss/", "/en/press/feed/atom/"]


@pytest.mark.parametrize(
    "path",
    [
        "/en/news/1999/",  # a year without articles
        "/en/news/0/",
        "/en/news/99999/",  # past the dates Python and the database know
        "/en/news/99999999999999999999999/",
        "/en/news/source/no-such-source/",
        "/en/news/source/no-such-source/feed/rss/",
        "/en/news/source/Китай/",
    ],
)
def test_browsing_an_empty_or_unknown_year_or_source_is_not_found(client, path):
    """A year or source with nothing to show answers 404 with the site's page, not a 500."""
    response = client.get(path)
    assert response.status_code == 404
    assert text(parse(response).select_one("main h1")) == "Page not found"


def test_source_without_articles_is_not_found(client):
    """A source editors created but never used has no listing."""
    NewsSource.objects.create(name="Unused Source")
    assert client.get("/en/news/source/unused-source/").status_code == 404


@pytest.mark.parametrize(
    "value, shown",
    [
        ("abc", 1),
        ("", 1),
        ("-1", 1),
        ("0", 1),
        ("1.5", 1),
        ("2", 2),
        ("+2", 2),  # "+" in a query string is a space
        ("%2B2", 1),
        (" 2", 2),
        ("999", 2),
        ("99999999999999999999999999", 1),
        ("%00", 1),
        ("٢", 1),  # an Arabic-Indic two: a digit to Python, not to readers' URLs
        ("1e3", 1),
        ("2&page=abc", 1),
    ],
)
@pytest.mark.parametrize("path", ["/en/news/", "/en/news/2021/", "/en/news/source/china-post/"])
def test_any_page_number_shows_a_real_page(client, path, value, shown):
    """Whatever follows ?page=, the listing answers 200 with page 1 or the last page."""
    response = client.get(f"{path}?page={value}")
    assert response.status_code == 200, (path, value)
    soup = parse(response)
    pages = soup.select_one("main .pagination__current")
    if pages is None:  # a listing with a single page has no pager
        assert shown == 1 or path == "/en/news/source/china-post/"
        return
    number, total = (int(n) for n in text(pages).removeprefix("Page ").split(" of "))
    assert number == min(shown, total), (path, value)


def test_later_pages_say_their_number_in_title_and_canonical_url(client):
    """Page 2 of the news is its own page for search engines; page 1 has no ?page=."""
    first = parse(client.get("/en/news/?page=1"))
    second = parse(client.get("/en/news/?page=2"))
    assert first.select_one("link[rel=canonical]")["href"] == "http://localhost/en/news/"
    assert second.select_one("link[rel=canonical]")["href"] == "http://localhost/en/news/?page=2"
    assert second.title.string == "News, page 2 | China Post"
    assert "Page 2 of 2" in main_text(second)


def test_an_article_whose_slug_looks_like_a_route_is_still_reachable_by_its_listing(client):
    """An article slugged like a year is shadowed by the year listing, which still links it."""
    NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title="Twenty-twenty",
        slug="2020",
        date=datetime.date(2020, 5, 1),
    )
    soup = parse(client.get("/en/news/2020/"))
    assert [title for title, *_ in listed(soup)] == ["Twenty-twenty"]
