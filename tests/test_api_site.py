"""`/api/v2/site/`: the site chrome for apps, the same as the HTML header and footer.

Apps (the mobile app, a static front end) draw their header, menu and footer from this one call:
they rely on `navigation[].label/url/page`, `hotlines[].service/number/tel` and
`footer.register_numbers/links/powered_by` keeping their names and types.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Hotline
from home.models import FooterSettings, NavigationItem, NavigationSettings
from news.models import NewsArticlePage
from tests import expected
from tests.markup import footer, header_hotlines, main_navigation, parse

BASE = "http://testserver"


def chrome(client):
    response = client.get("/api/v2/site/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_site_chrome_matches_the_html_header_and_footer(client, demo_site):
    """Navigation, hotlines and footer in the API are exactly what every page's HTML shows."""
    data = chrome(client)
    soup = parse(client.get("/en/"))

    assert data["site_name"] == "China Post"
    assert [(item["label"], item["url"]) for item in data["navigation"]] == [
        (label, BASE + path) for label, path in expected.MAIN_NAVIGATION
    ]
    assert [(item["label"], item["url"].removeprefix(BASE)) for item in data["navigation"]] == (
        main_navigation(soup)
    )
    assert (
        [(f"{h['service']}: {h['number']}", f"tel:{h['tel']}") for h in data["hotlines"]]
        == expected.HEADER_HOTLINES
        == header_hotlines(soup)
    )
    assert data["footer"]["register_text"] == expected.FOOTER_REGISTER
    assert data["footer"]["register_numbers"] == ["京ICP备15035540号", "京公网安备110401400185号"]
    assert data["footer"]["powered_by"] == expected.FOOTER_POWERED_BY
    assert [(link["label"], link["url"]) for link in data["footer"]["links"]] == [
        (label, BASE + path) for label, path in expected.FOOTER_LINKS
    ]
    assert footer(soup)["links"] == expected.FOOTER_LINKS


def test_page_links_carry_their_api_url(client, demo_site):
    """A menu entry that links a page gives the page's id, title and API detail URL."""
    news = next(item for item in chrome(client)["navigation"] if item["label"] == "News")
    page = news["page"]
    assert page["html_url"].endswith("/en/news/")
    detail = client.get(page["api_url"].removeprefix(BASE))
    assert detail.status_code == 200
    assert detail.json()["title"] == "News" == page["title"]


def test_admin_edits_show_in_the_api_at_once(client, demo_site):
    """A changed hotline, a new menu entry and a new footer line show on the next call."""
    Hotline.objects.filter(locale__language_code="en").filter(service="Postal Savings").update(
        number="8610 95599"
    )
    nav = NavigationSettings.objects.get()
    NavigationItem.objects.create(
        settings=nav, sort_order=99, label="Tracking", link_url="https://example.com/track"
    )
    footer_settings = FooterSettings.objects.get()
    footer_settings.powered_by = "Powered by the editors"
    footer_settings.save()

    data = chrome(client)
    assert {"service": "Postal Savings", "number": "8610 95599", "tel": "+861095599"}.items() <= (
        data["hotlines"][1].items()
    )
    assert data["navigation"][-1] == {
        "label": "Tracking",
        "url": "https://example.com/track",
        "page": None,
        "children": [],
    }
    assert data["footer"]["powered_by"] == "Powered by the editors"


def test_links_to_hidden_pages_are_left_out(client, demo_site):
    """A menu entry whose page was unpublished disappears from the API and from the HTML."""
    nav = NavigationSettings.objects.get()
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    NavigationItem.objects.create(settings=nav, sort_order=99, link_page=article)
    assert chrome(client)["navigation"][-1]["label"] == article.title

    article.unpublish()

    labels = [item["label"] for item in chrome(client)["navigation"]]
    assert article.title not in labels
    assert article.title not in [label for label, _ in main_navigation(parse(client.get("/en/")))]


def test_site_chrome_costs_the_same_queries_however_long_the_menu(client, demo_site):
    """Adding menu entries adds no queries: links, their pages and children load in bulk.

    Measured both right after a change (the chrome is built again: "cold") and on the request
    after that (the chrome comes from the per-worker memo: steady state)."""
    with CaptureQueriesContext(connection) as cold_before:
        chrome(client)
    with CaptureQueriesContext(connection) as before:
        chrome(client)
    nav = NavigationSettings.objects.get()
    for order, article in enumerate(
        NewsArticlePage.objects.filter(locale__language_code="en").live()[:5]
    ):
        NavigationItem.objects.create(settings=nav, sort_order=100 + order, link_page=article)
    with CaptureQueriesContext(connection) as cold_after:
        data = chrome(client)
    with CaptureQueriesContext(connection) as after:
        chrome(client)
    assert len(data["navigation"]) == len(expected.MAIN_NAVIGATION) + 5
    assert len(cold_after) <= len(cold_before) + 1  # at most Wagtail's site root paths again
    assert len(after) == len(before)


def test_site_chrome_refuses_writes(client, demo_site):
    """The chrome is read-only: a POST is answered 405, not handled."""
    assert client.post("/api/v2/site/").status_code == 405
