"""Every page type renders the demo content readers expect, inside the site's chrome."""

import datetime

import pytest

from wagtail.models import Page

from news.models import NewsIndexPage
from tests import expected
from tests.factories import NewsArticlePageFactory
from tests.markup import footer, header_hotlines, links, main_navigation, main_text, parse, text

pytestmark = pytest.mark.usefixtures("demo_site")


def get_ok(client, path):
    response = client.get(path)
    assert response.status_code == 200, f"{path} gave {response.status_code}"
    return parse(response)


def listed_articles(soup):
    """The article cards of a listing as (title, link, date) in the order shown."""
    return [
        (text(card.h2), card.h2.a["href"], card.time["datetime"])
        for card in soup.select("main .article-card")
    ]


def test_home_page_lists_latest_news_and_section_links(client):
    """Home shows the five newest articles, the seed article first, and links to each section."""
    soup = get_ok(client, "/en/")
    news = listed_articles(soup.select_one("section.home-news"))
    assert len(news) == 5
    assert news[0] == (expected.SEED_ARTICLE_TITLE, expected.SEED_ARTICLE_URL, "2021-06-10")
    assert [date for *_, date in news] == sorted((date for *_, date in news), reverse=True)
    sections = soup.select_one("section.home-sections")
    assert links(sections) == expected.HOME_SECTIONS


def test_news_index_lists_ten_newest_first_and_pages_the_rest(client):
    """/en/news/ shows ten articles newest first; page 2 holds the other four and links back."""
    first = get_ok(client, "/en/news/")
    second = get_ok(client, "/en/news/?page=2")
    page_one, page_two = listed_articles(first), listed_articles(second)
    assert len(page_one) == 10
    assert len(page_two) == expected.ARTICLE_COUNT - 10
    dates = [date for *_, date in page_one + page_two]
    assert dates == sorted(dates, reverse=True)
    assert page_one[0][0] == expected.SEED_ARTICLE_TITLE
    assert page_two[-1][1] == expected.STAMP_ARTICLE_URL  # the oldest, 2021-01-05
    assert len({title for title, *_ in page_one + page_two}) == expected.ARTICLE_COUNT
    assert first.select_one("a[rel=next]")["href"] == "?page=2"
    assert first.select_one("a[rel=prev]") is None
    newer = second.select_one("a[rel=prev]")
    assert (text(newer), newer["href"]) == ("Newer", "?page=1")
    assert "Page 2 of 2" in main_text(second)


@pytest.mark.parametrize(
    "query, shown_page",
    [("?page=abc", 1), ("?page=", 1), ("?page=999", 2)],
    ids=["not-a-number", "empty", "past-the-end"],
)
def test_news_index_turns_a_bad_page_number_into_a_real_page(client, query, shown_page):
    """A mistyped page number shows page 1 or the last page instead of an error."""
    soup = get_ok(client, f"/en/news/{query}")
    assert f"Page {shown_page} of 2" in main_text(soup)
    assert listed_articles(soup) == listed_articles(get_ok(client, f"/en/news/?page={shown_page}"))


def test_seed_article_shows_its_dateline_facts_and_image(client):
    """The seed article shows its title, date, source, every fact and a responsive image."""
    soup = get_ok(client, expected.SEED_ARTICLE_URL)
    article = soup.select_one("main article")
    assert text(article.h1) == expected.SEED_ARTICLE_TITLE
    assert soup.title.string.startswith(expected.SEED_ARTICLE_TITLE)
    dateline = article.select_one(".dateline")
    assert text(dateline.select_one(".dateline__source")) == "China Post News"
    assert dateline.select_one('time[datetime="2021-06-10"]') is not None
    body = text(article)
    for fact in [
        "7 provincial postal branches",
        "6 first-grade branches of Postal Savings Bank of China (PSBC)",
        "31 county-level postal branches",
        "36 county-level PSBC branches",
        "Hebei Postal Branch",
        "PSBC Henan Branch",
        "Beijing Pinggu Postal Branch",
        "PSBC Beijing Fangshan Branch",
        "13 indicators in five categories",
    ]:
        assert fact in body, fact
    rows = [[text(cell) for cell in tr.find_all(["th", "td"])] for tr in article.select("tbody tr")]
    assert ["County-level PSBC branches", "36"] in rows
    lead = article.select_one(".article__lead-image img")
    assert lead["alt"] == expected.SEED_LEAD_IMAGE_ALT
    widths = [candidate.split()[-1] for candidate in lead["srcset"].split(", ")]
    assert widths == ["480w", "800w", "1200w"]


def test_article_images_are_served(client):
    """Every picture of the seed article is a <picture>: a WebP source for browsers that take
    it and a JPEG fallback, each in three widths that all download in their format; the
    fallback's width and height are set, so nothing moves while it loads."""
    soup = get_ok(client, expected.SEED_ARTICLE_URL)
    pictures = soup.select("main article picture")
    assert len(pictures) == 2  # the lead picture and the picture in the text
    urls = {"image/webp": set(), "image/jpeg": set()}
    for picture in pictures:
        (source,) = picture.select("source")
        assert source["type"] == "image/webp"
        assert source["sizes"] == picture.img["sizes"]
        assert picture.img["width"] and picture.img["height"]
        for element, mime in ((source, "image/webp"), (picture.img, "image/jpeg")):
            urls[mime] |= {c.split()[0] for c in element["srcset"].split(", ")}
    for mime, found in urls.items():
        assert len(found) == 3, (mime, found)
        for url in found:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Type"] == mime, url


def test_stamp_article_shows_the_stamp_issue_details(client):
    """The Year of the Ox article lists the issue's details the way philatelists read them,
    from the catalogue's issue 2021-1, which its title links to."""
    soup = get_ok(client, expected.STAMP_ARTICLE_URL)
    issue = soup.select_one("main section.block-stamp-issue")
    assert text(issue.h2) == "Xin Chou Year (Year of the Ox)"
    assert issue.h2.a["href"] == "/en/stamps/2021/2021-1-xin-chou-year-year-of-the-ox/"
    details = {text(div.dt): text(div.dd) for div in issue.select("dl > div")}
    assert details == {
        "Issue number": "2021-1",
        "Date of issue": "5 January 2021",
        "Stamps in the set": "2",
        "Face values": "1.20 yuan × 2",
        "Designer": "Han Meilin",
        "Size": "36 × 36 mm",
        "Perforation": "13 × 13",
        "Sheet composition": "16 stamps",
        "Printer": "Beijing Postage Stamp Printing Bureau",
        "Printing process": "Offset",
    }
    assert issue.select_one('time[datetime="2021-01-05"]') is not None
    assert [img["alt"] for img in issue.select("img")] == [
        "Illustrative drawing of the stamp “Strong ox”, 1.20 yuan",
        "Illustrative drawing of the stamp “Family of oxen”, 1.20 yuan",
    ]


def test_contacts_page_shows_hotlines_address_email_and_hours(client):
    """/en/contact-us/ lists the four hotlines as tel: links, the address, e-mail and hours."""
    soup = get_ok(client, "/en/contact-us/")
    body = soup.select_one("main .contacts__body")
    hotlines = [
        (text(card.h2), text(card.a), card.a["href"])
        for card in body.select(".contact-card--hotline")
    ]
    assert hotlines == [
        ("Postal Business", "8610 11185", "tel:+861011185"),
        ("Postal Savings", "8610 95580", "tel:+861095580"),
        ("Logistics and EMS", "8610 11183", "tel:+861011183"),
        ("China Post Life", "8610 4008909999", "tel:+86104008909999"),
    ]
    address = body.select_one("address")
    assert [line.strip() for line in address.stripped_strings] == [
        "3 Financial Street",
        "Xicheng District",
        "Beijing",
    ]
    assert body.select_one('a[href="mailto:english-site@example.com"]') is not None
    hours = {text(div.dt): text(div.dd) for div in body.select(".opening-hours > div")}
    assert hours["Head office"] == "Monday to Friday, 08:30–17:30"


def test_content_page_shows_summary_and_body(client):
    """/en/about-us/ shows its title, summary and body blocks."""
    soup = get_ok(client, "/en/about-us/")
    main = soup.select_one("main")
    assert text(main.h1) == "About Us"
    assert text(main.select_one(".lead")).startswith("China Post Group runs the national postal")
    assert "What we do" in [text(h) for h in main.select("h2.block-heading")]
    assert "Postal Savings Bank of China (PSBC)" in text(main)


def test_html_sitemap_links_every_live_page(client, demo_site):
    """/en/sitemap/ links every live page of the site, each under its parent."""
    soup = get_ok(client, "/en/sitemap/")
    tree = soup.select_one("main ul.sitemap-tree")
    shown = {(text(a), a["href"]) for a in tree.find_all("a")}
    live = {(p.title, p.url) for p in Page.objects.descendant_of(demo_site, inclusive=True).live()}
    # Home, its children, the articles, and the catalogue's year and issues.
    assert len(live) == 1 + 7 + expected.ARTICLE_COUNT + expected.CATALOGUE_PAGES
    assert shown == live
    news_item = tree.find("a", string="News").parent
    assert expected.SEED_ARTICLE_URL in {a["href"] for a in news_item.select("ul a")}


def all_page_paths(home):
    return [p.url for p in Page.objects.descendant_of(home, inclusive=True).live()]


def test_every_page_has_the_hotlines_navigation_and_footer(client, demo_site):
    """Each live page, page 2 of the news and the 404 page show the same header and footer."""
    paths = [*all_page_paths(demo_site), "/en/news/?page=2", "/no-such-page/"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == (404 if path == "/no-such-page/" else 200), path
        soup = parse(response)
        assert header_hotlines(soup) == expected.HEADER_HOTLINES, path
        assert main_navigation(soup) == expected.MAIN_NAVIGATION, path
        assert footer(soup) == {
            "links": expected.FOOTER_LINKS,
            "register": expected.FOOTER_REGISTER,
            "powered_by": expected.FOOTER_POWERED_BY,
        }, path


def test_navigation_and_footer_links_open_the_pages_they_name(client):
    """Each header and footer link opens a page whose heading is the link's text."""
    soup = get_ok(client, "/en/")
    for label, href in main_navigation(soup) + footer(soup)["links"]:
        page = get_ok(client, href)
        assert text(page.select_one("main h1")) == label, href


def test_unknown_address_gives_the_styled_404_page(client):
    """An unknown URL answers 404 with the site's own page, stylesheet and chrome."""
    response = client.get("/en/news/no-such-article/")
    assert response.status_code == 404
    soup = parse(response)
    assert text(soup.select_one("main h1")) == "Page not found"
    assert soup.select_one('link[rel=stylesheet][href="/static/home/css/site.css"]') is not None
    assert soup.select_one('main a[href="/en/"]') is not None
    assert header_hotlines(soup) == expected.HEADER_HOTLINES


def test_draft_article_is_hidden_from_readers(client):
    """An unpublished article is not listed on news, home or sitemap, and its URL gives 404."""
    draft = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title="Draft: not yet approved",
        slug="draft-not-yet-approved",
        date=datetime.date(2022, 1, 1),  # newer than every live article
        live=False,
    )
    draft.save_revision()
    for path in ["/en/news/", "/en/", "/en/sitemap/"]:
        assert "Draft: not yet approved" not in main_text(get_ok(client, path)), path
    assert client.get("/en/news/draft-not-yet-approved/").status_code == 404
    draft.get_latest_revision().publish()
    assert client.get("/en/news/draft-not-yet-approved/").status_code == 200
