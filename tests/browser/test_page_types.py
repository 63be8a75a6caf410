"""Every kind of page in Chromium, on a phone (375 px) and a desktop (1280 px): it looks
finished (screenshots in test-artifacts/screenshots/), axe-core finds no WCAG 2.2 A/AA
violation, nothing is wider than the screen, every request succeeds, and a keyboard reaches
the menu and the content."""

import re

import pytest
from playwright.sync_api import expect

from tests.reader_page_types import PAGE_TYPES
from tests.web_tools import AXE_TAGS, axe_script, format_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

VIEWPORTS = {"phone": (375, 812), "desktop": (1280, 800)}


def watch_failed_requests(page):
    failed = []

    def on_response(response):
        # The page itself may be the 404 under test; its assets and images must all load.
        if response.status >= 400 and response.request.resource_type != "document":
            failed.append(f"{response.status} {response.url}")

    page.on("response", on_response)

    def on_failed(request):
        # Chromium aborts what is still loading when the test moves on to the next address
        # (a lazy image at the end of the page): not a failure of the site. An image that did
        # not load is caught by the check of `document.images`.
        if request.failure != "net::ERR_ABORTED":
            failed.append(f"failed {request.url}: {request.failure}")

    page.on("requestfailed", on_failed)
    return failed


def run_axe(page):
    # Evaluated through the DevTools protocol rather than added as a <script>: the site's
    # Content-Security-Policy rightly refuses inline scripts, and must stay on under test.
    page.evaluate(axe_script().read_text())
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
        AXE_TAGS,
    )
    return result["violations"]


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_looks_finished_and_passes_axe(page, live_demo_site, screenshot, name):
    """The page at both widths: styled, no horizontal scroll, every asset loads, axe is clean."""
    failed = watch_failed_requests(page)
    problems = []
    for label, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(f"{live_demo_site.url}{PAGE_TYPES[name]}")
        assert response.status == (404 if name.endswith("not-found") else 200)
        page.wait_for_load_state("load")
        expect(page.locator("main h1").first).to_be_visible()
        header = page.locator("header.site-header")
        if width < 768:
            # Phones: a compact header; the menu, with the search box, opens with a button.
            height_px = header.evaluate("el => el.getBoundingClientRect().height")
            assert height_px <= 120, f"{name}: the header is {height_px}px tall at {width}px"
            expect(page.locator("header nav.main-nav")).to_be_hidden()
            page.locator("button.menu-button").click()  # "Menu", "菜单" on Chinese pages
        expect(page.locator("header nav.main-nav")).to_be_visible()
        expect(page.get_by_role("search").first).to_be_visible()
        if width < 768:
            page.locator("button.menu-button").click()  # "Menu", "菜单" on Chinese pages
            expect(page.locator("header nav.main-nav")).to_be_hidden()
        # Nothing pushes the page wider than the screen (a phone would scroll sideways).
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, f"{name} at {width}px is {overflow}px too wide"
        # Lazy images below the fold load once scrolled to; then the screenshot shows them.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        broken = page.evaluate(
            "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
        )
        assert broken == [], f"{name}: images that did not load: {broken}"
        screenshot(page, f"{name}-{width}")
        violations = run_axe(page)
        if violations:
            problems.append(f"{label} ({width}px):\n{format_axe_violations(violations)}")
    assert problems == [], "axe found violations:\n" + "\n".join(problems)
    assert failed == [], f"requests that failed: {failed}"


def focused(page):
    """What has keyboard focus: its tag, text, and whether it is inside main or the nav."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.innerText || el.value || "").trim(),
                href: el.getAttribute("href"),
                inMain: !!el.closest("main"),
                inNav: !!el.closest('nav[aria-label="Main"]'),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                visible: box.width > 0 && box.height > 0 && box.top >= 0
                    && box.top < window.innerHeight,
            };
        }"""
    )


@pytest.mark.parametrize("width,height", list(VIEWPORTS.values()), ids=list(VIEWPORTS))
def test_keyboard_reaches_skip_link_menu_and_article(page, live_demo_site, width, height):
    """From the top, Tab gives the skip link first, then the header's links and the whole menu,
    each with a visible focus ring; the skip link jumps straight into the article."""
    from tests import expected

    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_demo_site.url}{expected.SEED_ARTICLE_URL}")

    page.keyboard.press("Tab")
    first = focused(page)
    assert (first["text"], first["href"]) == ("Skip to content", "#main")
    assert first["visible"] and first["outline"], first

    menu = []
    for _ in range(30):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["visible"] and now["outline"], now
        if now["tag"] == "button" and now["text"] == "Menu":
            # Phones: the menu button comes right after the site's name; Enter opens it.
            assert width < 768, now
            page.keyboard.press("Enter")
            expect(page.get_by_role("navigation", name="Main")).to_be_visible()
        elif now["inNav"]:
            menu.append(now["text"])
        elif menu:
            break
    assert menu == [text for text, _ in expected.MAIN_NAVIGATION]
    if width < 768:
        # Escape closes the menu again and puts the focus back on its button.
        page.keyboard.press("Escape")
        expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
        assert focused(page)["text"] == "Menu"

    # Back to the top: the skip link takes the reader into the article, past the header.
    page.goto(f"{live_demo_site.url}{expected.SEED_ARTICLE_URL}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    page.keyboard.press("Tab")
    inside = focused(page)
    assert inside["inMain"], inside
    assert inside["visible"] and inside["outline"], inside
    # And keep tabbing: the links of the article's own content come next, none in the header.
    for _ in range(3):
        page.keyboard.press("Tab")
        assert focused(page)["inMain"]


def test_menu_link_opens_with_the_keyboard(page, live_demo_site):
    """Enter on a focused menu link opens its page."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_demo_site.url}/")
    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    news = page.get_by_role("navigation", name="Main").get_by_role("link", name="News", exact=True)
    news.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/news/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("News")


def test_search_from_the_header_keeps_the_query(page, live_demo_site):
    """A reader types into the header's search box, presses Enter and sees results with the
    query still in the box."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_demo_site.url}/")
    page.get_by_role("button", name="Menu").click()
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("Year of the Ox")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Year\+of\+the\+Ox$"))
    main = page.locator("main")
    expect(main.get_by_role("link", name="Special stamps for the Year of the Ox")).to_be_visible()
    expect(main.get_by_role("searchbox")).to_have_value("Year of the Ox")


def test_article_images_are_responsive_and_lazy_below_the_fold(page, live_demo_site):
    """Article images offer several widths; those below the lead load lazily."""
    from tests import expected

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_demo_site.url}{expected.SEED_ARTICLE_URL}")
    images = page.evaluate(
        """[...document.querySelectorAll("main img")].map(i => ({
            srcset: i.getAttribute("srcset") || "", loading: i.getAttribute("loading"),
            lead: !!i.closest(".article__lead-image"), width: i.naturalWidth,
            current: i.currentSrc}))"""
    )
    assert len(images) >= 2
    for image in images:
        assert image["srcset"].count("w,") >= 2, image
        assert image["loading"] == ("eager" if image["lead"] else "lazy") or (
            image["lead"] and image["loading"] is None
        ), image
    lead = next(i for i in images if i["lead"])
    # A 375 px phone at most 3x density picks a rendition, not the original upload.
    assert re.search(r"\.width-(480|800|1200)\.", lead["current"]), lead
