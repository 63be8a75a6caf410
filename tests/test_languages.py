"""The Chinese edition (issue 14): /en/ and /zh/ trees, the language switch, old addresses,
`/` choosing for the reader, lang and hreflang, dates, feeds, the sitemap, the API's locales
and translations, and the chrome in both languages.

Readers of either language must reach the same page in the other one in one click, search
engines must see each version with its alternates, and every bookmark and feed subscription
from before the prefixes must still arrive (a 301 to the /en/ address)."""

import re
import xml.etree.ElementTree as ET

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page

from contacts.models import Hotline
from home import demo_content_zh
from home.models import HomePage
from news.models import NewsArticlePage, NewsIndexPage, NewsSource
from stamps.models import StampYearPage
from tests import expected
from tests.markup import parse, text

pytestmark = pytest.mark.usefixtures("demo_site")

SITE = "http://localhost"
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_SEED_ARTICLE_URL = expected.SEED_ARTICLE_URL.replace("/en/", "/zh/", 1)
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def english_pages():
    return Page.objects.filter(locale__language_code="en", depth__gt=1).live().specific()


def switch(soup):
    """The language switch's links as (text, href, hreflang)."""
    nav = soup.select_one("header nav.language-switch")
    return [(text(a), a["href"], a["hreflang"]) for a in nav.find_all("a")]


def alternates(soup):
    return {
        link["hreflang"]: link["href"] for link in soup.select("head link[rel=alternate][hreflang]")
    }


def test_every_demo_page_has_its_chinese_translation_linked_both_ways(client):
    """Each English page's switch leads to its Chinese version, and that one's back to it;
    `lang` and the head's hreflang alternates (x-default English) name both."""
    pages = list(english_pages())
    assert len(pages) == 1 + 7 + expected.ARTICLE_COUNT + expected.CATALOGUE_PAGES
    chinese = Locale.objects.get(language_code="zh-hans")
    for page in pages:
        translation = page.get_translation(chinese)
        assert translation.live, page.url
        assert translation.url.startswith("/zh/")
        assert translation.url.removeprefix("/zh/") == page.url.removeprefix("/en/")
        en = parse(client.get(page.url))
        zh = parse(client.get(translation.url))
        assert en.html["lang"] == "en"
        assert zh.html["lang"] == "zh-Hans"
        assert switch(en) == [("中文", translation.url, "zh-Hans")]
        assert switch(zh) == [("English", page.url, "en")]
        pair = {"en": SITE + page.url, "zh-Hans": SITE + translation.url}
        assert alternates(en) == alternates(zh) == {**pair, "x-default": SITE + page.url}
        if not isinstance(page, HomePage | StampYearPage):  # their h1 is not the title
            assert text(zh.select_one("main h1")) == translation.title != page.title


def test_a_page_without_translation_leads_to_the_other_home_with_a_note(client):
    """An English article whose Chinese version is withdrawn: its switch goes to /zh/ with a
    note in Chinese there; it names no Chinese alternate, and the other pages still do."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )
    article.get_translation(Locale.objects.get(language_code="zh-hans")).unpublish()
    soup = parse(client.get(article.url))
    assert switch(soup) == [("中文", "/zh/?untranslated=1", "zh-Hans")]
    assert alternates(soup) == {"en": SITE + article.url, "x-default": SITE + article.url}
    home = parse(client.get("/zh/?untranslated=1"))
    assert text(home.select_one(".language-note")) == "此页面尚无简体中文版本。"
    assert home.select_one(".language-note") is not None
    assert parse(client.get("/zh/")).select_one(".language-note") is None
    assert client.get(ZH_SEED_ARTICLE_URL).status_code == 404


def test_every_old_english_address_redirects_permanently_to_its_en_address(client):
    """Every page, listing, feed and the search from before the prefixes: a 301 to the same
    address under /en/, query string kept; an address that never existed stays a 404."""
    # Every page but home, whose old address `/` now chooses the language (its own test).
    old = [page.url.removeprefix("/en") for page in english_pages() if page.depth > 2]
    old += [
        "/news/2021/",
        "/news/source/china-post-news/",
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/news/source/china-post/feed/rss/",
        "/stamps/feed/rss/",
        "/news/?page=2",
        "/search/?q=stamps&page=1",
    ]
    for path in old:
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"] == "/en" + path, path
        assert client.get(response["Location"]).status_code == 200, path
    assert len(old) == 7 + expected.ARTICLE_COUNT + expected.CATALOGUE_PAGES + 8
    for missing in ("/no-such-page/", "/news/no-such-article/", "/no/such/"):
        assert client.get(missing).status_code == 404, missing
    # Never prefixed: apps, machines and files.
    for path in ("/sitemap.xml", "/robots.txt", "/api/v2/pages/", "/healthz"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    ("headers", "location"),
    [
        ({}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.8"}, "/zh/"),
        ({"HTTP_ACCEPT_LANGUAGE": "zh"}, "/zh/"),
        ({"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}, "/zh/"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr-FR"}, "/en/"),
        # The remembered choice wins over the browser's languages.
        ({"HTTP_ACCEPT_LANGUAGE": "zh-CN", "HTTP_COOKIE": "django_language=en"}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "en", "HTTP_COOKIE": "django_language=zh-hans"}, "/zh/"),
    ],
)
def test_root_chooses_the_language_and_is_not_shared_between_readers(client, headers, location):
    """`/` answers 302 to the reader's language, varying on Accept-Language and Cookie and
    private, so no shared cache hands one reader's choice to another."""
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == location
    assert {v.strip() for v in response["Vary"].split(",")} >= {"Accept-Language", "Cookie"}
    assert "private" in response["Cache-Control"]


def test_chinese_pages_show_chinese_chrome_dates_and_words(client):
    """The Chinese article: Chinese hotline names with the same numbers, Chinese navigation
    to the Chinese pages, the date as 2021年6月10日, and the template's words in Chinese."""
    en = parse(client.get(expected.SEED_ARTICLE_URL))
    zh = parse(client.get(ZH_SEED_ARTICLE_URL))
    assert text(en.select_one("main time")) == "10 June 2021"
    assert text(zh.select_one("main time")) == "2021年6月10日"
    en_numbers = [a["href"] for a in en.select("header .hotline__number")]
    zh_numbers = [a["href"] for a in zh.select("header .hotline__number")]
    assert en_numbers == zh_numbers and len(zh_numbers) == 4
    zh_services = [text(s).rstrip(":") for s in zh.select("header .hotline__service")]
    chinese = Hotline.objects.filter(locale__language_code="zh-hans", show_in_header=True)
    assert zh_services == list(chinese.values_list("service", flat=True))
    assert zh_services != [text(s).rstrip(":") for s in en.select("header .hotline__service")]
    nav = [a["href"] for a in zh.select("header nav.main-nav a")]
    assert nav and all(href.startswith("/zh/") for href in nav)
    assert text(zh.select_one("header .menu-button")) == "菜单"
    assert zh.select_one("header .site-search__button").get_text() == "搜索"
    assert text(zh.select_one("footer .powered-by")) != text(en.select_one("footer .powered-by"))
    assert zh.select_one("a.brand")["href"] == "/zh/"


def test_not_found_and_server_error_pages_speak_the_addresses_language(client):
    """A missing /zh/ address answers in Chinese, a missing /en/ one in English."""
    zh = client.get("/zh/no-such-page/")
    en = client.get("/en/no-such-page/")
    assert zh.status_code == en.status_code == 404
    assert parse(zh).html["lang"] == "zh-Hans"
    assert text(parse(zh).select_one("main h1")) == "页面未找到"
    assert text(parse(en).select_one("main h1")) == "Page not found"
    assert parse(zh).select_one("main a[href='/zh/']") is not None


def test_server_error_page_in_chinese():
    """The 500 page, rendered with no context, in the language the address named."""
    from django.test import RequestFactory
    from django.utils import translation

    from postal_site.errors import server_error

    with translation.override("zh-hans"):
        html = server_error(RequestFactory().get("/zh/")).content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "出错了" in html


def test_each_language_has_its_own_feeds(client):
    """/zh/news/feed/rss/ lists the Chinese articles, in zh-hans; the English feed the
    English ones."""
    for prefix, language in (("en", "en"), ("zh", "zh-hans")):
        response = client.get(f"/{prefix}/news/feed/rss/")
        assert response.status_code == 200
        channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (the site's own feed)
        assert channel.findtext("language") == language
        titles = [item.findtext("title") for item in channel.findall("item")]
        wanted = NewsArticlePage.objects.live().filter(locale__language_code=language)
        assert set(titles) == set(wanted.values_list("title", flat=True))
        links = [item.findtext("link") for item in channel.findall("item")]
        assert all(link.startswith(f"{SITE}/{prefix}/news/") for link in links)


def test_sitemap_lists_both_languages_with_alternates(client):
    """sitemap.xml lists every page in both languages, each with xhtml:link alternates."""
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own sitemap)
    urls = root.findall("s:url", SITEMAP_NS)
    pages = {u.findtext("s:loc", namespaces=SITEMAP_NS): u for u in urls}
    for page in english_pages():
        zh = page.get_translation(Locale.objects.get(language_code="zh-hans"))
        for location in (SITE + page.url, SITE + zh.url):
            links = {
                link.get("hreflang"): link.get("href")
                for link in pages[location].findall("x:link", SITEMAP_NS)
            }
            assert links == {
                "en": SITE + page.url,
                "zh-Hans": SITE + zh.url,
                "x-default": SITE + page.url,
            }


def test_chinese_articles_describe_their_pictures_in_chinese(client):
    """One picture serves both languages; what a reader who cannot see it hears is the
    page's own alt text, in the page's language, on the page, in the API and in the share
    card, for every article in both languages."""
    english = NewsArticlePage.objects.live().filter(locale__language_code="en")
    for article in english:
        chinese = article.get_translation(Locale.objects.get(language_code="zh-hans"))
        for page, language in ((article, "en"), (chinese, "zh-hans")):
            soup = parse(client.get(page.url))
            alt = soup.select_one(".article__lead-image img")["alt"]
            assert (CJK.search(alt) is not None) == (language == "zh-hans"), (page.url, alt)
            assert soup.select_one('meta[property="og:image:alt"]')["content"] == alt
            item = client.get(f"/api/v2/pages/{page.pk}/").json()
            assert item["lead_image"]["alt"] == alt
    zh = parse(client.get(ZH_SEED_ARTICLE_URL))
    body_alts = [img["alt"] for img in zh.select(".article__body img")]
    assert body_alts and all(CJK.search(alt) for alt in body_alts), body_alts


def test_api_pages_carry_their_locale_and_translations(client):
    """Every item names its language and its other versions; `locale=` lists one language;
    `find` takes either language's address."""
    listing = client.get("/api/v2/pages/?limit=100&locale=*").json()
    items = listing["items"]
    assert {item["meta"]["locale"] for item in items} == {"en", "zh-hans"}
    by_id = {item["id"]: item for item in items}
    for item in items:
        others = item["meta"]["translations"]
        assert len(others) == 1
        other = others[0]
        assert other["locale"] != item["meta"]["locale"]
        assert other["detail_url"].endswith(f"/api/v2/pages/{other['id']}/")
        assert by_id[other["id"]]["meta"]["translations"][0]["id"] == item["id"]
    zh = client.get("/api/v2/pages/?locale=zh-hans&type=news.NewsArticlePage&limit=100").json()
    assert zh["meta"]["total_count"] == expected.ARTICLE_COUNT
    assert {item["meta"]["locale"] for item in zh["items"]} == {"zh-hans"}
    assert all(item["meta"]["html_url"].startswith(f"{SITE}/zh/") for item in zh["items"])
    for path, language in ((expected.SEED_ARTICLE_URL, "en"), (ZH_SEED_ARTICLE_URL, "zh-hans")):
        found = client.get(f"/api/v2/pages/find/?html_path={path}")
        assert found.status_code == 302, path
        detail = client.get(found["Location"])
        assert detail.status_code == 200, (found["Location"], detail.content)
        detail = detail.json()
        assert detail["meta"]["locale"] == language
        assert detail["meta"]["html_url"] == SITE + path


def test_api_site_chrome_in_both_languages(client):
    """/api/v2/site/?locale=zh-hans: the Chinese hotline names and links to the Chinese
    pages, the same numbers; an unknown language is a 400."""
    en = client.get("/api/v2/site/").json()
    zh = client.get("/api/v2/site/?locale=zh-hans").json()
    assert [h["number"] for h in en["hotlines"]] == [h["number"] for h in zh["hotlines"]]
    assert [h["service"] for h in en["hotlines"]] != [h["service"] for h in zh["hotlines"]]
    assert all("/zh/" in item["url"] for item in zh["navigation"])
    assert all("/en/" in item["url"] for item in en["navigation"])
    assert zh["site_name"] == demo_content_zh.SITE_NAME != en["site_name"]
    assert zh["footer"]["register_text"].startswith("备案号：")
    assert client.get("/api/v2/site/?locale=fr").status_code == 400
    # Each language's answer has its own validator: a client switching gets the new one.
    zh_etag = client.get("/api/v2/site/?locale=zh-hans")["ETag"]
    assert client.get("/api/v2/site/", HTTP_IF_NONE_MATCH=zh_etag).status_code == 200


def test_a_hotline_number_is_entered_once_for_both_languages(client):
    """Changing a number on the English hotline changes it on the Chinese one too."""
    hotline = Hotline.objects.filter(locale__language_code="en").first()
    hotline.number = "8610 12345"
    hotline.save()
    chinese = hotline.get_translation(Locale.objects.get(language_code="zh-hans"))
    chinese.refresh_from_db()
    assert chinese.number == "8610 12345"
    assert chinese.service != hotline.service


def test_news_sources_keep_their_slug_in_both_languages(client):
    """A source's listing has the same address in both languages, with its own name."""
    for source in NewsSource.objects.filter(locale__language_code="en"):
        chinese = source.get_translation(Locale.objects.get(language_code="zh-hans"))
        assert chinese.slug == source.slug and chinese.name != source.name
        response = client.get(f"/zh/news/source/{source.slug}/")
        assert response.status_code == 200
        assert chinese.name in text(parse(response).select_one("main h1"))


def test_the_same_page_costs_the_same_queries_in_both_languages(client):
    """Each English page and its Chinese version: the same queries, cold and warm."""
    from django.core.cache import cache

    index = NewsIndexPage.objects.get(locale__language_code="en")
    paths = ["/en/", "/en/news/", expected.SEED_ARTICLE_URL, "/en/contact-us/", "/en/stamps/"]
    paths += [index.url + "2021/"]
    for path in paths:
        counts = {}
        for prefix in ("/en/", "/zh/"):
            target = prefix + path.removeprefix("/en/")
            cache.clear()
            measured = []
            for _ in range(2):
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(target).status_code == 200, target
                measured.append(len(queries))
            counts[prefix] = measured
        assert counts["/en/"] == counts["/zh/"], (path, counts)


def test_publishing_a_translation_moves_the_other_versions_validators(
    client, django_capture_on_commit_callbacks
):
    """The English article names its Chinese version (switch, hreflang, meta.translations):
    when the Chinese one is withdrawn, the English one's API validator moves too."""
    english = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )
    detail = f"/api/v2/pages/{english.pk}/"
    before = client.get(detail)
    assert [t["locale"] for t in before.json()["meta"]["translations"]] == ["zh-hans"]
    with django_capture_on_commit_callbacks(execute=True):
        english.get_translation(Locale.objects.get(language_code="zh-hans")).unpublish()
    after = client.get(detail, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after.json()["meta"]["translations"] == []
