"""The news plugin on its own: index and article pages, every body block, and their API."""

import datetime

import pytest

from django.utils.formats import date_format

from news.models import NewsArticlePage
from tests.factories import (
    NewsArticlePageFactory,
    NewsSourceFactory,
    make_catalogue,
    make_issue,
    make_year,
    stream,
)
from tests.markup import parse, text

EMBED_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def every_renderable_block(image, document, issue):
    """One block of each kind an article body offers, except embed (it would call the network)."""
    return stream(
        ("paragraph", "<p>Mail reaches <b>every</b> village.</p>"),
        ("heading", {"text": "Model units by province", "level": "h2"}),
        ("heading", {"text": "County branches", "level": "h3"}),
        (
            "image",
            {
                "image": {"image": image.pk, "decorative": False, "alt_text": "A van at dawn"},
                "caption": "On the mountain road",
                "credit": "Test photographer",
            },
        ),
        ("quote", {"quote": "Every letter matters.\nEvery day.", "attribution": "A postman"}),
        ("document", {"document": document.pk, "label": ""}),
        (
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "Branches named",
                "data": [["Kind", "Number"], ["Provincial", "7"], ["County-level", "31"]],
            },
        ),
        ("stamp_issue", issue.pk),
    )


@pytest.fixture
def stamp_issue(host_page, image):
    """Issue 2021-1 of a stamp catalogue at /stamps/, two stamps with the image."""
    year = make_year(make_catalogue(host_page))
    return make_issue(
        year,
        "2021-1",
        title="Year of the Ox",
        stamps=2,
        image=image,
        date_of_issue=datetime.date(2021, 1, 5),
        designer="Han Meilin",
        perforation="13 × 13",
    )


@pytest.fixture
def article(news_index, image, document, stamp_issue):
    return NewsArticlePageFactory(
        parent=news_index,
        title="Model units named",
        slug="model-units-named",
        date=datetime.date(2021, 6, 10),
        source=NewsSourceFactory(name="Plugin News"),
        summary="Seven provincial branches are named model units.",
        lead_image=image,
        body=every_renderable_block(image, document, stamp_issue),
    )


@pytest.fixture
def article_html(client, article):
    response = client.get("/news/model-units-named/")
    assert response.status_code == 200
    return parse(response)


def test_article_page_renders_on_its_own(article_html):
    """The article renders with the plugin's templates: title, dateline, summary, lead image."""
    assert article_html.title.string.startswith("Model units named")
    page = article_html.select_one("main article")
    assert text(page.h1) == "Model units named"
    assert text(page.select_one(".dateline__source")) == "Plugin News"
    assert page.select_one('.dateline time[datetime="2021-06-10"]') is not None
    assert text(page.select_one(".lead")) == "Seven provincial branches are named model units."
    lead = page.select_one(".article__lead-image img")
    assert lead["alt"] == "A green postal van"
    assert "srcset" in lead.attrs


def test_paragraph_heading_and_quote_blocks_render(article_html):
    """Rich text keeps its markup, headings keep their level, quotes keep their attribution."""
    body = article_html.select_one(".article__body")
    assert "<b>every</b>" in str(body.select_one(".block-paragraph"))
    assert [(h.name, text(h)) for h in body.select(".block-heading")] == [
        ("h2", "Model units by province"),
        ("h3", "County branches"),
    ]
    quote = body.select_one(".block-quote")
    assert list(quote.blockquote.stripped_strings) == ["Every letter matters.", "Every day."]
    assert quote.blockquote.find("br") is not None  # the line break survives
    assert text(quote.figcaption) == "A postman"


def test_image_block_renders_with_alt_caption_and_credit(article_html):
    """The image block shows a responsive image with the block's alt text, caption and credit."""
    figure = article_html.select_one(".article__body figure.block-image")
    assert figure.img["alt"] == "A van at dawn"
    assert len(figure.img["srcset"].split(", ")) == 3
    assert text(figure.figcaption) == "On the mountain road Test photographer"


def test_document_block_links_to_the_download(client, article_html, document):
    """The document block links to the file, named by its title when the label is empty."""
    link = article_html.select_one(".block-document a")
    assert text(link) == "Annual report"
    assert link["href"] == document.url
    assert text(article_html.select_one(".block-document__type")) == "TXT"
    response = client.get(link["href"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Parcels: 100\n"


def test_table_block_renders_headers_and_cells(article_html):
    """The table has its caption, column headers, row headers and cells."""
    table = article_html.select_one(".block-table table")
    assert text(table.caption) == "Branches named"
    assert [text(th) for th in table.select("thead th")] == ["Kind", "Number"]
    rows = [
        [(cell.name, text(cell)) for cell in tr.find_all(["th", "td"])]
        for tr in table.tbody.find_all("tr")
    ]
    assert rows == [[("th", "Provincial"), ("td", "7")], [("th", "County-level"), ("td", "31")]]


def test_stamp_issue_block_lists_only_the_details_given(article_html):
    """The chosen catalogue issue lists its facts in order, leaves out the empty ones, shows
    its stamps' pictures with their alt text and links to the issue."""
    issue = article_html.select_one(".block-stamp-issue")
    assert text(issue.h2) == "Year of the Ox"
    assert issue.h2.a["href"] == "/stamps/2021/issue-2021-1/"
    assert [(text(div.dt), text(div.dd)) for div in issue.select("dl > div")] == [
        ("Issue number", "2021-1"),
        # Dates follow the host's DATE_FORMAT; these settings keep Django's own.
        ("Date of issue", date_format(datetime.date(2021, 1, 5))),
        ("Stamps in the set", "2"),
        ("Face values", "1.20 yuan × 2"),
        ("Designer", "Han Meilin"),
        ("Perforation", "13 × 13"),
    ]
    assert issue.select_one('dd time[datetime="2021-01-05"]') is not None
    alts = [img["alt"] for img in issue.select("img")]
    assert alts == ["Picture of stamp 1 of 2021-1", "Picture of stamp 2 of 2021-1"]


def test_news_index_lists_live_articles_newest_first_ten_to_a_page(client, news_index):
    """The index shows live articles newest first, ten per page, and never a draft."""
    for day in range(1, 13):
        NewsArticlePageFactory(
            parent=news_index, title=f"Day {day}", date=datetime.date(2021, 3, day)
        )
    NewsArticlePageFactory(
        parent=news_index, title="Draft", date=datetime.date(2021, 4, 1), live=False
    )

    first = parse(client.get("/news/"))
    assert text(first.select_one(".lead")) == "News from the postal network."
    titles = [text(h) for h in first.select(".article-card__title")]
    assert titles == [f"Day {day}" for day in range(12, 2, -1)]
    second = parse(client.get("/news/?page=2"))
    assert [text(h) for h in second.select(".article-card__title")] == ["Day 2", "Day 1"]
    assert second.select_one("a[rel=prev]")["href"] == "?page=1"
    assert text(parse(client.get("/news/?page=abc")).select_one(".article-card__title")) == (
        "Day 12"
    )
    assert client.get("/news/?page=99").status_code == 200


def test_empty_news_index_says_so(client, news_index):
    """An index without articles tells the reader there is no news yet."""
    assert "No news yet." in text(parse(client.get("/news/")).select_one("main"))


def article_api(client, slug):
    response = client.get(f"/api/v2/pages/?type=news.NewsArticlePage&fields=*&slug={slug}")
    assert response.status_code == 200
    (item,) = response.json()["items"]
    return item


def test_article_api_gives_fields_and_every_block(client, article, image, document):
    """The API carries the article's fields and each block as an app can use it."""
    item = article_api(client, "model-units-named")
    assert item["date"] == "2021-06-10"
    assert item["source"] == {"id": article.source.pk, "name": "Plugin News"}
    assert item["summary"] == "Seven provincial branches are named model units."
    assert item["lead_image"]["id"] == image.pk
    assert item["lead_image"]["alt"] == "A green postal van"
    assert (item["lead_image"]["width"], item["lead_image"]["height"]) == (64, 40)
    assert item["lead_image"]["renditions"][0]["url"].startswith("http://testserver/media/")

    blocks = {}
    for block in item["body"]:
        assert set(block) == {"type", "id", "value"}
        blocks.setdefault(block["type"], []).append(block["value"])
    assert "every" in blocks["paragraph"][0]
    assert blocks["heading"][1] == {"text": "County branches", "level": "h3"}
    (picture,) = blocks["image"]
    assert picture["image"]["id"] == image.pk
    assert picture["image"]["alt"] == "A van at dawn"
    assert (picture["caption"], picture["credit"]) == ("On the mountain road", "Test photographer")
    assert blocks["quote"] == [
        {"quote": "Every letter matters.\nEvery day.", "attribution": "A postman"}
    ]
    (download,) = blocks["document"]
    assert download["label"] == "Annual report"
    assert download["document"]["url"] == f"http://testserver{document.url}"
    assert download["document"]["file_extension"] == "txt"
    assert blocks["table"][0]["data"][1] == ["Provincial", "7"]
    (issue,) = blocks["stamp_issue"]
    assert issue["title"] == "Year of the Ox"
    assert issue["api_url"].endswith(f"/api/v2/pages/{issue['id']}/")
    assert {"label": "Face values", "value": "1.20 yuan × 2"} in issue["facts"]


def test_embed_block_api_gives_the_address_without_fetching_it(client, news_index):
    """An embed block comes to apps as its address and caption; no oEmbed request is needed."""
    NewsArticlePageFactory(
        parent=news_index,
        slug="with-video",
        body=stream(("embed", {"embed": EMBED_URL, "caption": "The new sorting line"})),
    )
    (block,) = article_api(client, "with-video")["body"]
    assert block["type"] == "embed"
    assert block["value"] == {"url": EMBED_URL, "caption": "The new sorting line"}


def test_news_index_api_gives_its_intro(client, news_index):
    """The index's detail carries its intro text."""
    response = client.get(f"/api/v2/pages/{news_index.pk}/")
    assert response.status_code == 200
    assert "postal network" in response.json()["intro"]
    assert response.json()["meta"]["type"] == "news.NewsIndexPage"


def test_draft_article_is_not_in_the_api(client, news_index):
    """A draft is left out of the listing and its detail is not found."""
    draft = NewsArticlePageFactory(parent=news_index, slug="draft", live=False)
    listing = client.get("/api/v2/pages/?type=news.NewsArticlePage").json()
    assert draft.pk not in [item["id"] for item in listing["items"]]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert NewsArticlePage.objects.filter(pk=draft.pk, live=False).exists()
