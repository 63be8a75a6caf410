"""The content API at /api/v2/: the same pages, fields and blocks readers see, for apps.

Apps that show China Post news and hotlines read these shapes; a change here breaks them.
"""

import datetime
from urllib.parse import urlsplit

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from headless import content_version
from news.models import NewsArticlePage, NewsIndexPage, NewsSource
from tests import expected
from tests.factories import NewsArticlePageFactory, stream
from tests.markup import parse

ARTICLES = "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=100"

pytestmark = pytest.mark.usefixtures("demo_site")


def get_json(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, f"{url} gave {response.status_code}"
    return response.json()


def article_item(client, slug):
    (item,) = get_json(client, f"{ARTICLES}&slug={slug}")["items"]
    return item


def blocks_of_type(item, kind):
    return [block["value"] for block in item["body"] if block["type"] == kind]


def path_of(url):
    return urlsplit(url).path


def assert_image_object(value):
    assert set(value) >= {"id", "alt", "width", "height", "renditions"}, value
    assert value["renditions"], value
    for rendition in value["renditions"]:
        assert rendition["url"].startswith("http://testserver/media/"), rendition
        assert rendition["width"] <= value["width"]


def test_article_listing_carries_every_article_with_its_fields(client):
    """The listing holds all 14 demo articles, each with date, source, summary, image and body."""
    data = get_json(client, ARTICLES)
    assert data["meta"]["total_count"] == expected.ARTICLE_COUNT
    assert len(data["items"]) == expected.ARTICLE_COUNT
    for item in data["items"]:
        datetime.date.fromisoformat(item["date"])
        assert set(item["source"]) == {"id", "name"}
        assert item["summary"]
        assert "lead_image" in item
        assert item["body"]
        for block in item["body"]:
            assert set(block) == {"type", "id", "value"}
    titles = {item["title"] for item in data["items"]}
    assert expected.SEED_ARTICLE_TITLE in titles


def test_seed_article_fields_match_the_page(client):
    """The seed article's date, source, summary and lead image are those the page shows."""
    item = article_item(client, "china-post-group-commends-model-units-rural-vitalization-2020")
    assert item["title"] == expected.SEED_ARTICLE_TITLE
    assert item["date"] == "2021-06-10"
    assert item["source"]["name"] == "China Post News"
    assert item["summary"].startswith("Seven provincial postal branches")
    lead = item["lead_image"]
    assert_image_object(lead)
    assert lead["alt"] == expected.SEED_LEAD_IMAGE_ALT
    assert [r["width"] for r in lead["renditions"]] == [480, 800, 1200]
    for rendition in lead["renditions"]:
        response = client.get(path_of(rendition["url"]))
        assert response.status_code == 200, rendition["url"]


def test_body_rich_text_is_front_end_html(client):
    """Paragraphs come as the HTML readers get: page and document links as plain hrefs."""
    about = Page.objects.filter(locale__language_code="en").get(slug="about-us")
    document = Document.objects.get()
    NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        slug="linked-article",
        body=stream(
            (
                "paragraph",
                f'<p>See <a linktype="page" id="{about.pk}">who we are</a> and '
                f'<a linktype="document" id="{document.pk}">the figures</a>.</p>',
            )
        ),
    )
    (paragraph,) = blocks_of_type(article_item(client, "linked-article"), "paragraph")
    assert 'href="/en/about-us/"' in paragraph
    assert f'href="{document.url}"' in paragraph
    assert "linktype=" not in paragraph
    assert "<embed" not in paragraph


def test_image_block_gives_the_image_with_the_alt_text_the_page_shows(client):
    """An image block carries the image as an object, with the same alt text as the <img>."""
    item = article_item(client, "china-post-group-commends-model-units-rural-vitalization-2020")
    (block,) = blocks_of_type(item, "image")
    assert_image_object(block["image"])
    assert block["image"]["id"] == Image.objects.get(title="Rural delivery").pk
    assert block["caption"] == "Postal services reach villages across the country."
    assert block["credit"] == "China Post (illustration)"
    img = parse(client.get(expected.SEED_ARTICLE_URL)).select_one("figure.block-image img")
    assert block["image"]["alt"] == img["alt"]


def test_table_block_gives_its_rows(client):
    """The model-units table comes with its caption, header flags and every row."""
    item = article_item(client, "china-post-group-commends-model-units-rural-vitalization-2020")
    (table,) = blocks_of_type(item, "table")
    assert table["table_caption"] == "Model units named for 2020"
    assert table["first_row_is_table_header"] is True
    assert table["data"] == [
        ["Kind of unit", "Number"],
        ["Provincial postal branches", "7"],
        ["First-grade PSBC branches", "6"],
        ["County-level postal branches", "31"],
        ["County-level PSBC branches", "36"],
    ]


def test_stamp_issue_block_gives_the_catalogue_issue_and_its_facts(client):
    """The article's stamp issue is the catalogue's 2021-1: its title, facts as readers see
    them, and its API URL, where the stamps come with image objects."""
    item = article_item(client, "year-of-the-ox-special-stamps")
    (issue,) = blocks_of_type(item, "stamp_issue")
    assert issue["title"] == "Xin Chou Year (Year of the Ox)"
    facts = {fact["label"]: fact["value"] for fact in issue["facts"]}
    assert facts["Issue number"] == "2021-1"
    assert facts["Stamps in the set"] == "2"
    assert facts["Face values"] == "1.20 yuan × 2"
    assert facts["Date of issue"] == "2021-01-05"
    assert facts["Designer"] == "Han Meilin"
    detail = get_json(client, issue["api_url"])
    assert detail["issue_number"] == "2021-1"
    assert [s["name"] for s in detail["stamps"]] == ["Strong ox", "Family of oxen"]
    assert_image_object(detail["stamps"][0]["image"])
    img = parse(client.get(expected.STAMP_ARTICLE_URL)).select_one(".block-stamp-issue img")
    assert detail["stamps"][0]["image"]["alt"] == img["alt"]


def test_document_block_gives_a_download_url(client):
    """A document block carries the document's title, type and a URL that downloads it."""
    item = article_item(client, "china-post-reports-record-parcel-volumes-for-2020")
    (block,) = blocks_of_type(item, "document")
    document = block["document"]
    assert document["title"] == "Postal statistics 2020 (summary)"
    assert document["file_extension"] == "txt"
    assert block["label"] == "Postal statistics 2020 (summary)"
    response = client.get(path_of(document["url"]))
    assert response.status_code == 200
    assert b"County-level PSBC branches: 36" in b"".join(response.streaming_content)


def test_find_by_path_leads_to_every_live_page(client, demo_site):
    """/api/v2/pages/find/?html_path= redirects to the detail of the page at that path."""
    pages = Page.objects.descendant_of(demo_site, inclusive=True).live()
    assert pages.count() == 1 + 7 + expected.ARTICLE_COUNT + expected.CATALOGUE_PAGES
    for page in pages:
        response = client.get(f"/api/v2/pages/find/?html_path={page.url}")
        assert response.status_code == 302, page.url
        assert path_of(response["Location"]) == f"/api/v2/pages/{page.pk}/", page.url
        detail = get_json(client, response["Location"])
        assert (detail["id"], detail["title"]) == (page.pk, page.title)
        assert path_of(detail["meta"]["html_url"]) == page.url


def test_contacts_body_gives_hotlines_as_service_number_and_tel(client):
    """The contacts page's hotline blocks are the four hotlines, each with a tel: number."""
    detail = get_json(client, "/api/v2/pages/find/?html_path=/contact-us/", follow=True)
    assert detail["meta"]["type"] == "contacts.ContactsPage"
    assert blocks_of_type(detail, "hotline") == [
        {"service": "Postal Business", "number": "8610 11185", "tel": "+861011185"},
        {"service": "Postal Savings", "number": "8610 95580", "tel": "+861095580"},
        {"service": "Logistics and EMS", "number": "8610 11183", "tel": "+861011183"},
        {"service": "China Post Life", "number": "8610 4008909999", "tel": "+86104008909999"},
    ]
    (address,) = blocks_of_type(detail, "address")
    assert address["address"] == "3 Financial Street\nXicheng District\nBeijing"
    (email,) = blocks_of_type(detail, "email")
    assert email["email"] == "english-site@example.com"
    (hours,) = blocks_of_type(detail, "opening_hours")
    assert {"days": "Head office", "hours": "Monday to Friday, 08:30–17:30"} in hours["rows"]


def test_home_detail_gives_latest_news_and_sections(client):
    """The home page's detail lists the five newest articles and the section links."""
    detail = get_json(client, "/api/v2/pages/find/?html_path=/", follow=True)
    news = detail["latest_news"]
    assert len(news) == 5
    assert news[0]["title"] == expected.SEED_ARTICLE_TITLE
    assert news[0]["source"] == "China Post News"
    assert news[0]["date"] == "2021-06-10"
    assert path_of(news[0]["html_url"]) == expected.SEED_ARTICLE_URL
    assert get_json(client, news[0]["api_url"])["title"] == expected.SEED_ARTICLE_TITLE
    assert_image_object(news[0]["lead_image"])
    assert [(s["title"], path_of(s["html_url"])) for s in detail["sections"]] == (
        expected.HOME_SECTIONS
    )


def test_sitemap_detail_gives_the_page_tree(client, demo_site):
    """The sitemap page's detail holds every live page, nested under its parent."""
    detail = get_json(client, "/api/v2/pages/find/?html_path=/sitemap/", follow=True)
    (home,) = detail["tree"]
    assert (home["id"], home["title"]) == (demo_site.pk, "China Post")
    children = {child["title"]: child for child in home["children"]}
    assert len(children) == 7
    articles = children["News"]["children"]
    assert len(articles) == expected.ARTICLE_COUNT
    assert expected.SEED_ARTICLE_TITLE in {a["title"] for a in articles}
    assert children["Contact Us"]["children"] == []


def test_image_and_document_endpoints_list_the_library(client):
    """/api/v2/images/ and /api/v2/documents/ list the articles' drawn pictures, the drawn
    stamps of the catalogue and one document."""
    images = get_json(client, "/api/v2/images/?limit=100")
    titles = {i["title"] for i in images["items"]}
    assert {"Rural delivery", "Year of the Ox stamps"} <= titles
    stamps = {title for title in titles if title.startswith("Stamp 2021-")}
    assert len(stamps) == expected.STAMP_PICTURE_COUNT
    assert len(titles) == expected.ARTICLE_PICTURE_COUNT + expected.STAMP_PICTURE_COUNT
    documents = get_json(client, "/api/v2/documents/")
    assert [d["title"] for d in documents["items"]] == ["Postal statistics 2020 (summary)"]


def test_draft_article_is_absent_from_the_api(client):
    """An unpublished article is neither listed nor available by id or by path."""
    draft = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        slug="draft-article",
        live=False,
    )
    draft.save_revision()
    listing = get_json(client, ARTICLES)
    assert draft.pk not in {item["id"] for item in listing["items"]}
    assert listing["meta"]["total_count"] == expected.ARTICLE_COUNT
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get("/api/v2/pages/find/?html_path=/news/draft-article/").status_code == 404


def count_queries(client, url):
    client.get(url)  # warm caches such as renditions, as a busy site has them
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_articles_like_the_demo(count):
    """Published articles with what demo articles hold: a source, a lead image, an image block."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    image = Image.objects.get(title="Rural delivery")
    sources = list(NewsSource.objects.filter(locale__language_code="en").all())
    for n in range(count):
        NewsArticlePageFactory(
            parent=index,
            source=sources[n % len(sources)],
            lead_image=image,
            body=stream(
                ("paragraph", f"<p>Extra article {n}.</p>"),
                (
                    "image",
                    {
                        "image": {"image": image.pk, "decorative": False, "alt_text": "A van"},
                        "caption": "",
                        "credit": "",
                    },
                ),
            ),
        )
    # Factories write live pages without publishing, so no signal moves the content version
    # that cached counts are keyed by: move it as publishing would.
    cache.delete(content_version.KEY)


def test_article_listing_query_count_does_not_grow_with_articles(client):
    """Ten more articles in the listing cost no more database queries."""
    before = count_queries(client, ARTICLES)
    add_articles_like_the_demo(10)
    assert (
        NewsArticlePage.objects.filter(locale__language_code="en").live().count()
        == expected.ARTICLE_COUNT + 10
    )
    after = count_queries(client, ARTICLES)
    assert after <= before, f"{before} queries for 14 articles, {after} for 24"


@pytest.mark.parametrize("view", ["html", "api"])
def test_sitemap_query_count_does_not_grow_with_articles(client, view):
    """The sitemap, as HTML and in the API, costs the same queries however many pages exist."""
    sitemap = Page.objects.filter(locale__language_code="en").get(slug="sitemap")
    url = sitemap.url if view == "html" else f"/api/v2/pages/{sitemap.pk}/"
    before = count_queries(client, url)
    add_articles_like_the_demo(10)
    after = count_queries(client, url)
    assert after <= before, f"{before} queries before, {after} with 10 more articles"
