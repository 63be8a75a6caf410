"""The phone header's Menu button, as a keyboard user meets it at 375 px: a compact header, a
real button that Enter and Space open and close, Escape closes and gives the focus back, and
`aria-expanded` says which state it is in for screen readers."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def test_phone_header_is_compact_and_menu_button_works_with_the_keyboard(page, live_demo_site):
    """At 375 px the header takes at most 120 px; the menu opens with Enter and with Space,
    closes with either, and Escape closes it from inside the menu with focus back on the
    button; `aria-expanded` follows each time."""
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_demo_site.url}/")
    header = page.locator("header.site-header")
    height = header.evaluate("el => el.getBoundingClientRect().height")
    assert height <= 120, f"the phone header is {height}px tall"

    button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Main")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    for key in ("Enter", "Space"):
        button.focus()
        page.keyboard.press(key)
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(menu).to_be_visible()
        page.keyboard.press(key)
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(menu).to_be_hidden()

    # Open, Tab into the menu, Escape: closed, and the focus is on the button again.
    button.focus()
    page.keyboard.press("Enter")
    menu.get_by_role("link").first.focus()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()


def test_the_language_switch_sits_in_the_header_at_both_widths(page, live_demo_site):
    """The link to the Chinese version: inside the opened menu on a phone; on a desktop in the
    green band, level with the search box and to its left; never a bulleted list."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_demo_site.url}/en/news/")
    switch = page.get_by_role("navigation", name="Language").get_by_role("link", name="中文")
    expect(switch).to_be_visible()
    expect(switch).to_have_attribute("href", "/zh/news/")
    box = switch.bounding_box()
    search = page.get_by_role("search").bounding_box()
    assert abs((box["y"] + box["height"] / 2) - (search["y"] + search["height"] / 2)) < 4
    assert box["x"] + box["width"] <= search["x"]
    bullet = page.locator(".language-switch li").first.evaluate(
        "el => getComputedStyle(el).listStyleType"
    )
    assert bullet == "none"

    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    expect(switch).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(switch).to_be_visible()
    assert switch.bounding_box()["height"] >= 44  # a target a thumb can hit
