"""Flat as content grows: the news index's first and last pages and the API listing at its
start and at a deep offset cost the same number of queries with 13 articles or many more, and
still show the right articles (the last page is read from the far end, see news/pagination.py).

Exact budgets per page type live in the query-budget tests; these compare a page with itself
before and after the site grows, and the first page with the last.
"""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image

from headless import content_version
from news.models import NewsArticlePage, NewsIndexPage, NewsSource
from tests.factories import NewsArticlePageFactory
from tests.markup import parse, text

pytestmark = pytest.mark.usefixtures("demo_site")

PER_PAGE = NewsIndexPage.articles_per_page
API_LISTING = "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"


def newest_first():
    return list(
        NewsArticlePage.objects.filter(locale__language_code="en")
        .live()
        .public()
        .order_by("-date", "-pk")
        .values_list("title", "pk")
    )


def grow(count):
    """`count` more articles like the demo's (lead image, source), dated across the years."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    image, source = (
        Image.objects.first(),
        NewsSource.objects.filter(locale__language_code="en").first(),
    )
    for i in range(count):
        NewsArticlePageFactory(
            parent=index,
            title=f"Grown article {i}",
            date=datetime.date(2010, 1, 1) + datetime.timedelta(days=97 * i),
            lead_image=image,
            source=source,
        )
    # Factories write live pages without publishing them, so no signal moves the content
    # version that the cached counts are keyed by: move it as publishing would.
    cache.delete(content_version.KEY)


def queries(client, url):
    client.get(url)  # the first request fills the per-process caches every later one reuses
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def last_page(count):
    return -(-count // PER_PAGE)


def index_titles(client, page):
    soup = parse(client.get(f"/en/news/?page={page}"))
    return [text(card.h2) for card in soup.select("main .article-card")]


def test_news_index_first_and_last_pages_cost_the_same_with_more_articles(client):
    """The index's first and last pages make the same number of queries before and after the
    site gets 45 more articles (four more pages)."""
    before = len(newest_first())
    small = (queries(client, "/en/news/"), queries(client, f"/en/news/?page={last_page(before)}"))
    grow(45)
    after = len(newest_first())
    assert last_page(after) > last_page(before) + 3
    large = (queries(client, "/en/news/"), queries(client, f"/en/news/?page={last_page(after)}"))
    assert large == small
    assert small[0] == small[1]  # the last page is no dearer than the first


def test_news_index_last_and_middle_pages_list_the_right_articles(client):
    """Read from the far end, the last page still lists the oldest articles newest first, a
    page in the middle the ones between, and every article is on exactly one page."""
    grow(45)
    expected = [title for title, _ in newest_first()]
    pages = last_page(len(expected))
    shown = []
    for number in range(1, pages + 1):
        titles = index_titles(client, number)
        assert titles == expected[(number - 1) * PER_PAGE : number * PER_PAGE], number
        shown += titles
    assert shown == expected


def api(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.json()


def test_api_listing_at_a_deep_offset_costs_the_same_as_at_the_start(client):
    """The API listing's last 5 cost as many queries as its first 5, before and after the
    site gets 45 more articles, and their total stays exact. (Fields whose queries depend on
    each article's body are left out: here only counting and offsets are under test.)"""
    listing = "/api/v2/pages/?type=news.NewsArticlePage&fields=date,source,summary&limit=5"
    before = len(newest_first())
    small = (queries(client, listing), queries(client, f"{listing}&offset={before - 5}"))
    grow(45)
    after = len(newest_first())
    large = (queries(client, listing), queries(client, f"{listing}&offset={after - 5}"))
    assert large == small
    assert small[0] == small[1]
    assert api(client, API_LISTING)["meta"]["total_count"] == after


@pytest.mark.parametrize("from_end", [20, 7, 1])
def test_api_listing_at_a_deep_offset_lists_the_right_articles(client, from_end):
    """An offset past the middle gives the same articles, in the same order, as reading the
    whole list: the last 20, a short last page, the very last article."""
    grow(45)
    expected = [pk for _, pk in newest_first()]
    offset = len(expected) - from_end
    data = api(client, f"{API_LISTING}&offset={offset}")
    assert [item["id"] for item in data["items"]] == expected[offset : offset + 20]
    assert data["meta"]["total_count"] == len(expected)


def test_api_listing_in_another_order_is_still_right_at_a_deep_offset(client):
    """`order=title` is not unique, so it is not read backwards: plain OFFSET, same rows."""
    grow(25)
    titles = sorted(title for title, _ in newest_first())
    data = api(client, "/api/v2/pages/?type=news.NewsArticlePage&order=title&offset=30")
    assert [item["title"] for item in data["items"]] == titles[30:50]


def test_counts_are_read_once_per_content_version(settings):
    """With the host's content version, a listing's article count comes from the cache after
    the first reader; without it, every reader counts again. (The index page itself cannot
    show this: its rendered list is a cached fragment, which skips the count altogether.)"""
    from news.pagination import cached

    articles, expected = (
        NewsArticlePage.objects.filter(locale__language_code="en").live().public(),
        len(newest_first()),
    )

    def count():
        return cached("count:live articles", articles.count)

    with CaptureQueriesContext(connection) as remembered:
        assert count() == count() == expected
    settings.NEWS_CACHE = None
    with CaptureQueriesContext(connection) as uncached:
        count(), count()
    assert (len(remembered), len(uncached)) == (1, 2)


def test_a_published_article_is_counted_and_listed_at_once(
    client, django_capture_on_commit_callbacks
):
    """Publishing moves the content version, so the very next request counts the new article,
    lists its year and shows it on the last page, though the count and years were cached."""
    client.get("/en/news/")
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        live=False,
        date=datetime.date(1999, 5, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    soup = parse(client.get("/en/news/"))
    assert "1999" in [text(a) for a in soup.select(".news-filters__list--years a")]
    last = parse(client.get(f"/en/news/?page={last_page(len(newest_first()))}"))
    assert text(last.select("main .article-card h2")[-1]) == article.title


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query planner")
def test_site_search_matches_through_an_index_on_postgresql():
    """Site search (headless.search) matches on its stored `vector` column a year at a time,
    through the indexes migration headless_search 0002 builds: a GIN index of (year, vector)
    and a btree of each year's newest. With sequential scans priced out, the plan of the
    ranked search reads a year's entries through one of them (which one is the planner's
    choice by how common the word is)."""
    from wagtail.models import Page

    from headless.search import engine

    with CaptureQueriesContext(connection) as queries:
        engine.ranked_ids(Page.objects.live().public(), ["stamps"])
    sql = queries.captured_queries[-1]["sql"]
    assert "e.year = y.year AND e.vector @@ plainto_tsquery('english', 'stamps')" in sql
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'headless_search_entry'"
        )
        indexes = dict(cursor.fetchall())
    assert "Index Cond: (year = y.year)" in plan, plan
    assert "USING gin (year, vector)" in indexes["headless_search_year_vector"]
    assert "(year DESC, date DESC, page_id DESC)" in indexes["headless_search_year_newest"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query planner")
def test_site_search_checks_its_candidates_on_the_entries_themselves():
    """The site's search (a Scope of the tree) tells from each entry's own copy of its
    page's tree path whether the page is in the section: its plan reads no page row, where a
    queryset's probe reads one per candidate."""
    from wagtail.models import Page, Site

    from headless.search import engine

    root = Site.objects.get(is_default_site=True).root_page
    plans = {}
    for name, scope in (("section", engine.Scope.public(root)), ("queryset", Page.objects.live())):
        with CaptureQueriesContext(connection) as queries:
            engine.ranked_ids(scope, ["stamps"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + queries.captured_queries[-1]["sql"])
            plans[name] = "\n".join(row[0] for row in cursor.fetchall())
    assert "wagtailcore_page" in plans["queryset"], plans["queryset"]
    assert "wagtailcore_page" not in plans["section"], plans["section"]
    assert f"(path)::text ~~ '{root.path}%'" in plans["section"], plans["section"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query planner")
def test_an_api_search_without_filters_checks_its_candidates_on_the_entries(client):
    """`/api/v2/pages/?search=` with nothing but the search (and the language) reads no page
    row to choose its candidates; with a type filter each candidate is probed."""

    def candidate_plan(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        sql = next(q["sql"] for q in queries.captured_queries if "generate_series" in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())

    plain = candidate_plan("/api/v2/pages/?search=stamps&locale=en")
    assert "wagtailcore_page" not in plain, plain
    typed = candidate_plan("/api/v2/pages/?search=stamps&type=news.NewsArticlePage")
    assert "wagtailcore_page" in typed, typed
