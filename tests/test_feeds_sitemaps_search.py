"""Feeds, sitemap.xml, site search and the HTML sitemap list exactly the pages readers may see.

Each test adds a draft, an unpublished article and view-restricted pages (tests/hidden_pages.py)
and checks that none of them leaks, while every live, public page is there.
"""

import xml.etree.ElementTree as ET

import pytest

from wagtail.models import Locale, Page

from news.models import NewsArticlePage, NewsIndexPage
from tests import expected
from tests.factories import NewsArticlePageFactory
from tests.hidden_pages import HIDDEN_TITLES, SECRET_WORD, make_hidden_pages
from tests.markup import main_text, parse, text

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
}
pytestmark = pytest.mark.usefixtures("demo_site")

SITE = "http://localhost"  # the demo Site record's address, used for every absolute URL


@pytest.fixture
def hidden(demo_site):
    return make_hidden_pages(demo_site)


def public_articles(source=None):
    """(title, URL) of every English article readers may see, newest first (the English feeds:
    the Chinese ones are tests/test_languages.py's)."""
    articles = (
        NewsArticlePage.objects.filter(locale__language_code="en")
        .live()
        .public()
        .filter(locale__language_code="en")
    ).order_by("-date", "-pk")
    if source:
        articles = articles.filter(source__name=source)
    return [(a.title, SITE + a.url) for a in articles]


def get_xml(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith(content_type), response["Content-Type"]
    return ET.fromstring(response.content)  # noqa: S314 (the site's own output)


def rss_items(client, path):
    root = get_xml(client, path, "application/rss+xml")
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel"), root.findall("channel/item")


def atom_entries(client, path):
    root = get_xml(client, path, "application/atom+xml")
    assert root.tag == f"{{{NS['atom']}}}feed"
    return root, root.findall("atom:entry", NS)


# Feeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, source",
    [
        ("/en/news/feed/rss/", None),
        ("/en/news/source/china-post-news/feed/rss/", "China Post News"),
    ],
)
def test_rss_feed_lists_exactly_the_public_articles(client, hidden, path, source):
    """The RSS 2.0 feed lists every live, public article newest first, and no hidden one."""
    channel, items = rss_items(client, path)
    assert [(i.findtext("title"), i.findtext("link")) for i in items] == public_articles(source)
    assert SECRET_WORD not in ET.tostring(channel, encoding="unicode")
    assert channel.findtext("link") == f"{SITE}/en/news/" + (
        "source/china-post-news/" if source else ""
    )


@pytest.mark.parametrize(
    "path, source",
    [("/en/news/feed/atom/", None), ("/en/news/source/china-post/feed/atom/", "China Post")],
)
def test_atom_feed_lists_exactly_the_public_articles(client, hidden, path, source):
    """The Atom feed lists every live, public article newest first, and no hidden one."""
    root, entries = atom_entries(client, path)
    shown = [
        (
            e.findtext("atom:title", namespaces=NS),
            e.find("atom:link[@rel='alternate']", NS).get("href"),
        )
        for e in entries
    ]
    assert shown == public_articles(source)
    assert SECRET_WORD not in ET.tostring(root, encoding="unicode")


def test_rss_item_carries_summary_date_source_and_lead_image(client):
    """The seed article's item has its summary, date, source and lead image (enclosure and
    Media RSS), and the image URL downloads."""
    _, items = rss_items(client, "/en/news/feed/rss/")
    item = next(i for i in items if i.findtext("title") == expected.SEED_ARTICLE_TITLE)
    assert item.findtext("description").startswith("Seven provincial postal branches")
    assert item.findtext("pubDate") == "Thu, 10 Jun 2021 00:00:00 +0800"
    assert item.findtext("category") == "China Post News"
    assert item.findtext("guid") == SITE + expected.SEED_ARTICLE_URL
    enclosure = item.find("enclosure")
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) > 1000
    media = item.find("media:content", NS)
    assert media.get("url") == enclosure.get("url")
    assert (media.get("medium"), media.get("width")) == ("image", "800")
    image = client.get(enclosure.get("url").removeprefix(SITE))
    assert image.status_code == 200
    assert int(enclosure.get("length")) == len(b"".join(image.streaming_content))


def test_atom_entry_carries_summary_dates_and_lead_image(client):
    """The seed article's entry has its summary, published date and enclosure link."""
    _, entries = atom_entries(client, "/en/news/feed/atom/")
    entry = next(
        e for e in entries if e.findtext("atom:title", namespaces=NS) == expected.SEED_ARTICLE_TITLE
    )
    assert entry.findtext("atom:summary", namespaces=NS).startswith("Seven provincial")
    assert entry.findtext("atom:published", namespaces=NS) == "2021-06-10T00:00:00+08:00"
    assert entry.findtext("atom:updated", namespaces=NS)
    assert entry.find("atom:link[@rel='enclosure']", NS).get("type") == "image/jpeg"
    assert entry.find("media:content", NS) is not None


def test_listings_and_articles_announce_their_feeds(client, demo_site):
    """News pages link their feeds with <link rel=alternate>; each link answers with a feed."""
    for path, wanted in [
        ("/en/", {"/en/news/feed/rss/", "/en/news/feed/atom/"}),
        ("/en/news/", {"/en/news/feed/rss/", "/en/news/feed/atom/"}),
        (
            "/en/news/source/china-post-news/",
            {
                "/en/news/feed/rss/",
                "/en/news/feed/atom/",
                "/en/news/source/china-post-news/feed/rss/",
                "/en/news/source/china-post-news/feed/atom/",
            },
        ),
        (
            expected.SEED_ARTICLE_URL,
            {
                "/en/news/feed/rss/",
                "/en/news/feed/atom/",
                "/en/news/source/china-post-news/feed/rss/",
                "/en/news/source/china-post-news/feed/atom/",
            },
        ),
    ]:
        soup = parse(client.get(path))
        links = soup.select('head link[rel=alternate][type$="+xml"]')
        assert {link["href"] for link in links} == wanted, path
        for link in links:
            response = client.get(link["href"])
            assert response["Content-Type"].startswith(link["type"]), link["href"]


# sitemap.xml and robots.txt ---------------------------------------------------------------


def sitemap_locations(client, path="/sitemap.xml"):
    root = get_xml(client, path, "application/xml")
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_sitemap_xml_lists_every_public_page_and_listing_and_no_hidden_page(
    client, hidden, demo_site
):
    """sitemap.xml has each live, public page once in each language, plus the year and source
    listings of both."""
    locations = sitemap_locations(client)
    pages = Page.objects.descendant_of(demo_site, inclusive=True).live().public()
    chinese = demo_site.get_translation(Locale.objects.get(language_code="zh-hans"))
    zh_pages = Page.objects.descendant_of(chinese, inclusive=True).live().public()
    wanted = {SITE + p.url for p in [*pages, *zh_pages]} | {
        f"{SITE}/{prefix}/news/{listing}/"
        for prefix in ("en", "zh")
        for listing in ("2021", "source/china-post", "source/china-post-news")
    }
    assert len(locations) == len(set(locations))
    assert set(locations) == wanted
    assert len(pages) == len(zh_pages) == 1 + 7 + expected.ARTICLE_COUNT + expected.CATALOGUE_PAGES
    assert not [loc for loc in locations if "zebracorn" in loc]


def test_sitemap_becomes_an_index_when_the_site_outgrows_one_file(client, hidden, settings):
    """Past SITEMAP_SECTION_SIZE URLs sitemap.xml is an index; each of its files holds at most
    that many URLs, and together they list every URL of the single-file sitemap once."""
    everything = sitemap_locations(client)
    settings.SITEMAP_SECTION_SIZE = 5
    root = get_xml(client, "/sitemap.xml", "application/xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    parts = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    # 31 public pages in each language (22, and the catalogue's year and eight issues), 5 a
    # file, then the 2 × 3 year and source listings, 5 a file.
    assert len(parts) == 13 + 2
    locations = []
    for part in parts:
        in_part = sitemap_locations(client, "/" + part.split("/", 3)[3])
        assert 0 < len(in_part) <= 5, part
        locations += in_part
    assert sorted(locations) == sorted(everything)


def test_sitemap_files_hold_up_to_50000_urls(settings):
    """By default a sitemap file holds the sitemaps.org maximum of 50,000 URLs."""
    from home.views import ListingsSitemap, PagesSitemap

    del settings.SITEMAP_SECTION_SIZE
    assert PagesSitemap().limit == ListingsSitemap().limit == 50_000


def test_sitemap_costs_the_same_queries_with_more_articles(client):
    """sitemap.xml reads the pages as values, not a page object (and query) each: 30 more
    articles add 30 URLs and no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure():
        client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as captured:
            urls = sitemap_locations(client)
        return len(urls), len(captured)

    urls, queries = measure()
    for i in range(30):
        NewsArticlePageFactory(
            parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
            title=f"More news {i}",
        )
    assert measure() == (urls + 30, queries)


@pytest.mark.parametrize("query", ["?p=abc", "?p=0", "?p=-1", "?p=99"])
def test_sitemap_part_with_a_bad_number_is_not_found(client, query):
    """A sitemap part that does not exist answers 404, not 500."""
    assert client.get(f"/sitemap-pages.xml{query}").status_code == 404


def test_robots_txt_points_at_the_sitemap(client):
    """robots.txt lets crawlers in, keeps them from the admin and search, names sitemap.xml."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


# The HTML sitemap --------------------------------------------------------------------------


def test_html_sitemap_leaves_out_hidden_pages(client, hidden):
    """The sitemap page lists no draft, unpublished or private page."""
    assert SECRET_WORD not in main_text(parse(client.get("/en/sitemap/")))


# Search -------------------------------------------------------------------------------------


def search(client, query, **params):
    response = client.get("/en/search/", {"q": query, **params})
    assert response.status_code == 200, query
    return parse(response)


def result_titles(soup):
    return [text(h2) for h2 in soup.select("main .search-result__title")]


def test_search_finds_articles_and_pages_by_their_words(client, demo_site):
    """A search for "Year of the Ox" finds the stamp article; "hotline" finds the contacts page."""
    soup = search(client, "Year of the Ox")
    assert "Special stamps for the Year of the Ox" in result_titles(soup)
    assert soup.select_one("main input[name=q]")["value"] == "Year of the Ox"
    assert soup.select_one("header input[name=q]")["value"] == "Year of the Ox"
    assert soup.title.string == "Search results for “Year of the Ox” | China Post"
    assert "Contact Us" in result_titles(search(client, "hotline"))


def test_search_never_finds_hidden_pages(client, hidden):
    """The word only hidden pages hold finds nothing."""
    soup = search(client, SECRET_WORD)
    assert result_titles(soup) == []
    assert f"No pages match “{SECRET_WORD}”" in main_text(soup)
    for title in HIDDEN_TITLES.values():
        assert result_titles(search(client, title)).count(title) == 0


def test_search_results_are_paginated_with_the_query_kept(client, demo_site):
    """Many results come ten a page, with links that keep the query."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    for n in range(12):
        NewsArticlePageFactory(parent=index, title=f"Parcelbox trial number {n}")
    first = search(client, "parcelbox trial")
    assert "12 pages found, showing 1–10." in main_text(first)
    assert len(result_titles(first)) == 10
    older = first.select_one("main a[rel=next]")
    assert older["href"] == "?q=parcelbox%20trial&page=2"
    second = search(client, "parcelbox trial", page="2")
    assert len(result_titles(second)) == 2
    assert second.select_one("main a[rel=prev]")["href"] == "?q=parcelbox%20trial&page=1"
    assert set(result_titles(first)) | set(result_titles(second)) == {
        f"Parcelbox trial number {n}" for n in range(12)
    }


def test_search_counts_are_current_on_the_very_next_request(client, demo_site):
    """The count of matches is kept until the content changes: publishing or unpublishing a
    matching article shows in the count at once."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    articles = [
        NewsArticlePageFactory(parent=index, title=f"Letterbox survey {n}") for n in range(2)
    ]
    assert "2 pages found." in main_text(search(client, "letterbox survey"))
    third = NewsArticlePageFactory(parent=index, title="Letterbox survey 2", live=False)
    third.save_revision().publish()
    assert "3 pages found." in main_text(search(client, "letterbox survey"))
    articles[0].unpublish()
    assert "2 pages found." in main_text(search(client, "letterbox survey"))


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "   "},
        {"q": "\x00"},
        {"q": "post\x00office"},
        {"q": "x" * 5000},
        {"q": "' OR 1=1 --"},
        {"q": '"unbalanced'},
        {"q": "a & b | !c :* <>"},
        {"q": "China OR NOT"},
        {"q": "NEAR(post office)"},
        {"q": "title:China"},
        {"q": "-"},
        {"q": "<script>alert(1)</script>"},
        {"q": "China", "page": "abc"},
        {"q": "China", "page": "-1"},
        {"q": "China", "page": "99999999999999999999"},
        {"q": ["China", "Post"]},
        {"page": "2"},
    ],
    ids=lambda p: repr(p)[:40],
)
def test_search_survives_any_input(client, demo_site, params):
    """No query or page number makes search fail; the query shows escaped in the box."""
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    soup = parse(response)
    box = soup.select_one("main input[name=q]")
    assert box is not None
    assert "\x00" not in box.get("value", "")
    assert len(box.get("value", "")) <= 200
    assert soup.find("script", string="alert(1)") is None


def test_search_only_answers_get(client, demo_site):
    """Search is a GET form; other methods are refused."""
    assert client.post("/en/search/", {"q": "China"}).status_code == 405


def test_a_private_news_index_keeps_its_listings_and_feeds_private(client):
    """When editors restrict the whole news section, its year, source and feed addresses ask
    for the password too instead of giving the articles away."""
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    for path in [
        "/en/news/",
        "/en/news/2021/",
        "/en/news/source/china-post-news/",
        "/en/news/feed/rss/",
        "/en/news/source/china-post/feed/atom/",
    ]:
        response = client.get(path)
        assert expected.SEED_ARTICLE_TITLE.encode() not in response.content, path
        assert not response["Content-Type"].startswith(("application/rss", "application/atom"))
    assert sitemap_locations(client) and not [
        loc for loc in sitemap_locations(client) if "/en/news/" in loc
    ]
    assert result_titles(search(client, "model units")) == []
