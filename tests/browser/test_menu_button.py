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
