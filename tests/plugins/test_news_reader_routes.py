"""The news plugin's year and source listings, feeds and article extras work without the host."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from tests.factories import NewsArticlePageFactory, NewsSourceFactory
from tests.markup import parse, text


@pytest.fixture
def articles(news_index, image):
    source = NewsSourceFactory(name="Plugin News")
    return [
        NewsArticlePageFactory(
            parent=news_index,
            title=f"Plugin article {n}",
            slug=f"plugin-article-{n}",
            date=datetime.date(2020 + n % 2, 1, 1 + n),
            source=source if n % 2 else None,
            lead_image=image,
        )
        for n in range(4)
    ]


def titles(response):
    assert response.status_code == 200
    return [text(h2) for h2 in parse(response).select(".article-card h2")]


def test_year_and_source_listings(client, articles):
    assert titles(client.get("/news/2021/")) == ["Plugin article 3", "Plugin article 1"]
    assert titles(client.get("/news/source/plugin-news/")) == [
        "Plugin article 3",
        "Plugin article 1",
    ]
    assert client.get("/news/2019/").status_code == 404


def test_rss_feed_under_minimal_settings(client, articles):
    response = client.get("/news/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (the plugin's own output)
    items = root.findall("channel/item")
    assert [i.findtext("title") for i in items] == [
        "Plugin article 3",
        "Plugin article 1",
        "Plugin article 2",
        "Plugin article 0",
    ]
    assert items[0].find("enclosure").get("type") == "image/png"


def test_article_structured_data_and_pager_under_the_bare_layout(client, articles):
    soup = parse(client.get("/news/plugin-article-1/"))
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2021-01-02"
    assert soup.select_one('head link[rel=alternate][type="application/atom+xml"]') is not None
    assert text(soup.select_one("a[rel=next]")).endswith("Plugin article 2")
