"""A reader finds a news article from the home page, on a desktop screen and on a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's own base_url fixture trips a pytest 9 deprecation; not ours to fix.
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

ARTICLE_TITLE = "China Post Group commends model units for serving rural vitalization in 2020"
HOTLINE_NUMBERS = ["8610 11185", "8610 95580", "8610 11183", "8610 4008909999"]


def watch_failed_requests(page):
    """Collects every response with an error status (a missing stylesheet or image, say)."""
    failed = []

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            failed.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    return failed


def expect_styled(page):
    """The site's stylesheet loaded and applies: the main navigation bar is not unstyled."""
    rules = page.evaluate(
        """() => [...document.styleSheets]
            .filter(s => (s.href || "").includes("/static/home/css/site.css"))
            .reduce((n, s) => n + s.cssRules.length, 0)"""
    )
    assert rules > 0, "site.css did not load"
    # The menu's links are white on the green band, not the browser's blue.
    link_colour = page.locator("nav.main-nav a").first.evaluate("el => getComputedStyle(el).color")
    assert link_colour == "rgb(255, 255, 255)", link_colour


def open_menu_on_phones(page):
    """On a phone the header's hotlines, menu and search are behind the Menu button."""
    button = page.get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()


def expect_header_hotlines(page):
    open_menu_on_phones(page)
    hotlines = page.get_by_role("list", name="Service hotlines")
    expect(hotlines).to_be_visible()
    for number in HOTLINE_NUMBERS:
        expect(hotlines.get_by_role("link", name=number)).to_be_visible()


@pytest.mark.parametrize("width,height", [(1280, 800), (375, 812)], ids=["desktop", "phone"])
def test_reader_opens_article_from_home_page_via_news(
    page, live_demo_site, screenshot, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    failed = watch_failed_requests(page)

    page.goto(f"{live_demo_site.url}/")
    expect(page).to_have_title(re.compile(r"China Post"))
    expect_styled(page)
    expect_header_hotlines(page)
    screenshot(page, f"home-{width}")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="News", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/news/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("News")

    page.get_by_role("link", name=ARTICLE_TITLE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/news/[\w-]+/$"))
    article = page.locator("main article")
    expect(article.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    expect(page).to_have_title(re.compile(re.escape(ARTICLE_TITLE)))
    dateline = article.locator(".dateline").first
    expect(dateline.locator('time[datetime="2021-06-10"]')).to_have_text("10 June 2021")
    expect(dateline).to_contain_text("China Post News")
    body = article.locator(".article__body")
    expect(body).to_contain_text("Hebei Postal Branch")
    expect(body).to_contain_text("13 indicators")
    expect(body.get_by_role("table")).to_contain_text("County-level PSBC branches")
    expect(article.locator(".article__lead-image img")).to_be_visible()
    assert article.locator(".article__lead-image img").evaluate("img => img.naturalWidth") > 0
    expect_styled(page)
    expect_header_hotlines(page)
    page.wait_for_load_state("load")
    screenshot(page, f"article-{width}")

    assert failed == [], f"requests that failed: {failed}"
