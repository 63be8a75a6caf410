"""What search engines, link previews and readers get in and around every page: titles,
descriptions, canonical URLs, share tags, structured data, breadcrumbs, and pages that cost
the same number of queries however many articles there are."""

import datetime
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from news.models import NewsIndexPage, NewsSource
from tests import expected
from tests.factories import ImageFactory, NewsArticlePageFactory
from tests.markup import links, main_text, parse, text

pytestmark = pytest.mark.usefixtures("demo_site")

SITE = "http://localhost"
STAMP_TITLE = "Special stamps for the Year of the Ox"


def head(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), path
    soup = parse(response)
    meta = {
        (tag.get("property") or tag.get("name")): tag["content"]
        for tag in soup.head.find_all("meta")
        if tag.get("property") or tag.get("name")
    }
    canonical = soup.head.select_one("link[rel=canonical]")
    return soup, meta, canonical["href"] if canonical else None


def public_paths(home):
    return [p.url for p in Page.objects.descendant_of(home, inclusive=True).live().public()]


def test_every_page_has_a_title_description_canonical_url_and_share_tags(client, demo_site):
    """Each page's head names it, describes it, gives its one address and its preview."""
    titles = set()
    for path in public_paths(demo_site):
        soup, meta, canonical = head(client, path)
        title = soup.title.string
        assert title.endswith("China Post") or title.startswith("China Post |"), path
        titles.add(title)
        assert 30 <= len(meta["description"]) <= 160, (path, meta["description"])
        assert canonical == SITE + path
        assert meta["og:url"] == canonical
        assert meta["og:title"] and meta["og:description"] == meta["description"]
        assert meta["og:site_name"] == "China Post"
        assert meta["twitter:card"] in ("summary", "summary_large_image")
        assert soup.html["lang"] == "en"
    assert len(titles) == len(public_paths(demo_site)), "two pages share a title"


def test_description_comes_from_search_description_then_summary(client, demo_site):
    """An editor's search description wins; without it the summary describes the page."""
    _, meta, _ = head(client, expected.SEED_ARTICLE_URL)
    assert meta["description"].startswith("Seven provincial postal branches")
    about = demo_site.get_children().get(slug="about-us").specific
    about.search_description = "Who we are: the national postal operator of China."
    about.save_revision().publish()
    _, meta, _ = head(client, "/en/about-us/")
    assert meta["description"] == "Who we are: the national postal operator of China."


def test_a_long_description_ends_at_a_word_with_an_ellipsis(client, demo_site):
    """A summary longer than search engines show is cut after a whole word and ends with an
    ellipsis, in the description and the share tags alike; never in the middle of a word."""
    about = demo_site.get_children().get(slug="about-us").specific
    words = "Postal branches deliver letters, parcels and savings to every county town " * 4
    about.search_description = words
    about.save_revision().publish()
    _, meta, _ = head(client, "/en/about-us/")
    description = meta["description"]
    assert len(description) <= 160
    assert description.endswith("…"), description
    kept = description.removesuffix("…").split()
    assert kept == words.split()[: len(kept)], description  # whole words only, in order
    assert len(kept) >= 20, description
    assert meta["og:description"] == description


def test_article_has_article_share_tags_with_its_image(client):
    """An article previews as an article, with its date and a 1200×630 picture."""
    _, meta, _ = head(client, expected.SEED_ARTICLE_URL)
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == "2021-06-10"
    assert meta["article:section"] == "China Post News"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:image"].startswith(f"{SITE}/media/images/")
    assert meta["og:image:alt"] == expected.SEED_LEAD_IMAGE_ALT
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    image = client.get(meta["og:image"].removeprefix(SITE))
    assert image.status_code == 200


def json_ld(soup):
    return {
        data["@type"]: data
        for data in (
            json.loads(script.string)
            for script in soup.find_all("script", type="application/ld+json")
        )
    }


def test_article_carries_news_article_and_breadcrumb_structured_data(client):
    """JSON-LD NewsArticle: headline, dates, image, publisher; BreadcrumbList: home, news, it."""
    soup = parse(client.get(expected.SEED_ARTICLE_URL))
    data = json_ld(soup)
    article = data["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == expected.SEED_ARTICLE_TITLE
    assert article["datePublished"] == "2021-06-10"
    assert article["dateModified"].startswith("20")
    assert article["image"][0].startswith(f"{SITE}/media/images/")
    assert article["publisher"] == {
        "@type": "Organization",
        "name": "China Post",
        "url": f"{SITE}/",
    }
    assert article["mainEntityOfPage"]["@id"] == SITE + expected.SEED_ARTICLE_URL
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "China Post", f"{SITE}/en/"),
        (2, "News", f"{SITE}/en/news/"),
        (3, expected.SEED_ARTICLE_TITLE, SITE + expected.SEED_ARTICLE_URL),
    ]


def test_structured_data_cannot_be_broken_out_of(client):
    """A title holding </script> stays inside the JSON-LD and parses back unchanged."""
    title = "Stamps </script><script>alert(1)</script> & more"
    NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title=title,
        slug="sneaky",
    )
    soup = parse(client.get("/en/news/sneaky/"))
    assert json_ld(soup)["NewsArticle"]["headline"] == title
    assert soup.find("script", string="alert(1)") is None


def test_article_shows_breadcrumbs_dates_and_its_neighbours(client):
    """The article shows where it sits, its machine-readable date, the next newer and older
    articles, and more from its source."""
    soup = parse(client.get(expected.SEED_ARTICLE_URL))
    crumbs = soup.select_one('main nav[aria-label="Breadcrumb"]')
    assert links(crumbs) == [("China Post", "/en/"), ("News", "/en/news/")]
    assert text(crumbs.select_one('[aria-current="page"]')) == expected.SEED_ARTICLE_TITLE
    assert soup.select_one("main article time")["datetime"] == "2021-06-10"
    pager = soup.select_one('main nav[aria-label="More articles"]')
    assert pager.select_one("a[rel=prev]") is None  # the newest article has no newer one
    older = pager.select_one("a[rel=next]")
    assert text(older).endswith("Parcel lockers arrive in more rural townships")
    related = soup.select_one("main section.related")
    assert text(related.h2) == "More from China Post News"
    related_titles = [text(a) for a in related.select("li > a")]
    assert related_titles == [
        "Postal Savings opens mobile service points in farming counties",
        "Postmen honoured for service on mountain routes",
        "China Post Life extends cover for rural families",
    ]
    assert all(li.time["datetime"] for li in related.select("li"))


def test_oldest_article_links_only_newer(client):
    """The stamp article, the oldest, links the next newer article and no older one."""
    soup = parse(client.get(expected.STAMP_ARTICLE_URL))
    pager = soup.select_one('main nav[aria-label="More articles"]')
    assert pager.select_one("a[rel=next]") is None
    assert text(pager.select_one("a[rel=prev]")).endswith(
        "China Post reports record parcel volumes for 2020"
    )


def test_hidden_articles_are_never_neighbours_or_related(client, demo_site):
    """A draft or private article between two public ones is skipped by the pager and related."""
    from tests.hidden_pages import SECRET_WORD, make_hidden_pages

    make_hidden_pages(demo_site)
    soup = parse(client.get(expected.SEED_ARTICLE_URL))
    assert SECRET_WORD not in main_text(soup)
    assert soup.select_one("main a[rel=prev]") is None


def test_not_found_page_offers_search(client):
    """The 404 page has a search form that sends readers to search results."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = parse(response)
    assert soup.title.string == "Page not found | China Post"
    form = soup.select_one("main form[role=search]")
    assert form["action"] == "/en/search/" and form["method"] == "get"
    assert form.select_one("input[name=q]")["id"] == form.select_one("label")["for"]


def test_server_error_page_is_styled_and_needs_no_database(client, settings):
    """The 500 page renders from static files alone, in the site's look."""
    from django.template import loader

    html = loader.get_template("500.html").render({})
    soup = parse(type("R", (), {"content": html.encode()}))
    assert text(soup.select_one("main h1")) == "Something went wrong"
    assert soup.select_one('link[rel=stylesheet][href$="site.css"]') is not None
    assert soup.select_one("a.skip-link")["href"] == "#main"


def test_every_page_has_a_search_form_in_the_header(client, demo_site):
    for path in [*public_paths(demo_site), "/en/search/?q=post", "/no-such-page/"]:
        soup = parse(client.get(path))
        form = soup.select_one("header form[role=search]")
        assert form is not None and form["action"] == "/en/search/", path
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), f"duplicate id on {path}"


# Query counts ---------------------------------------------------------------------------


def add_articles(count):
    """`count` more articles, each with its own source and lead image, like an editor's week."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    start = (
        NewsSource.objects.filter(locale__language_code="en")
        .filter(name__startswith="Extra source")
        .count()
    )
    for n in range(start, start + count):
        NewsArticlePageFactory(
            parent=index,
            title=f"Extra article {n}",
            date=datetime.date(2021, 6, 1),
            source=NewsSource.objects.create(name=f"Extra source {n}"),
            lead_image=ImageFactory(),
        )


def queries_for(client, path):
    client.get(path)  # first: renditions are drawn and cached; then count a reader's request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


QUERY_COUNT_PATHS = [
    "/en/",
    "/en/news/",
    "/en/news/2021/",
    "/en/news/source/china-post-news/",
    "/en/news/feed/rss/",
    "/en/news/feed/atom/",
    expected.SEED_ARTICLE_URL,
    expected.STAMP_ARTICLE_URL,
    "/en/sitemap/",
    "/en/search/?q=extra+article",
    "/en/contact-us/",
    "/en/about-us/",
]


def test_pages_cost_the_same_queries_however_many_articles(client):
    """Ten more articles, each with a source and an image, add no query to any reader page."""
    add_articles(1)  # so that search finds an article of each kind before and after
    before = {path: queries_for(client, path) for path in QUERY_COUNT_PATHS}
    add_articles(10)
    after = {path: queries_for(client, path) for path in QUERY_COUNT_PATHS}
    assert after == before
    print("queries per page:", before)  # shown with pytest -s, quoted in the report


def test_sitemap_xml_queries_do_not_grow_with_articles(client):
    """sitemap.xml costs one query per page type, not per page."""
    before = queries_for(client, "/sitemap.xml")
    add_articles(10)
    assert queries_for(client, "/sitemap.xml") == before


@pytest.mark.parametrize("path", ["/en/", "/en/news/", expected.STAMP_ARTICLE_URL])
def test_listing_and_stamp_images_offer_several_sizes_and_load_lazily(client, path):
    """Listing cards and stamp pictures give the browser a srcset to pick from, and wait until
    they are scrolled to; only the first thing readers see, the home page's lead story and the
    news index's first card (on a phone it fills the first screen), loads at once and first."""
    images = parse(client.get(path)).select("main .article-card img, main .block-stamp-issue img")
    assert images, path
    leads = [img for img in images if img.get("fetchpriority") == "high"]
    assert len(leads) == (0 if path == expected.STAMP_ARTICLE_URL else 1), path
    if leads:
        assert leads[0] is images[0], path
    for img in images:
        assert len(img["srcset"].split(", ")) >= 2, img
        assert img.get("sizes"), img
        assert img.get("loading") == (None if img in leads else "lazy"), img
