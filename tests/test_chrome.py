"""The header, navigation and footer each come from one place an editor changes once."""

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Page, Site

from contacts.models import Hotline
from home.models import FooterLink, FooterSettings, NavigationItem, NavigationSettings
from tests import expected
from tests.markup import footer, header_hotlines, main_navigation, parse, text


def live_paths(home):
    return [p.url for p in Page.objects.descendant_of(home, inclusive=True).live()]


def contacts_api_hotlines(client):
    response = client.get("/api/v2/pages/find/?html_path=/contact-us/", follow=True)
    assert response.status_code == 200
    return [block["value"] for block in response.json()["body"] if block["type"] == "hotline"]


def test_changed_hotline_number_shows_everywhere_at_once(client, demo_site):
    """One edit to a hotline changes the header of every page, the contacts page and the API."""
    hotline = Hotline.objects.filter(locale__language_code="en").get(service="Postal Savings")
    hotline.number = "8610 95599"
    hotline.save()

    for path in live_paths(demo_site):
        hotlines = header_hotlines(parse(client.get(path)))
        assert hotlines[1] == ("Postal Savings: 8610 95599", "tel:+861095599"), path
        assert "8610 95580" not in str(hotlines), path

    contacts = parse(client.get("/en/contact-us/")).select_one("main .contacts__body")
    card = contacts.find("h2", string="Postal Savings").parent
    assert (text(card.a), card.a["href"]) == ("8610 95599", "tel:+861095599")

    assert {"service": "Postal Savings", "number": "8610 95599", "tel": "+861095599"} in (
        contacts_api_hotlines(client)
    )


def test_header_follows_the_editors_order_and_choice_of_hotlines(client, demo_site):
    """Hotlines appear in the header in their sort order, and only those marked for it."""
    life = Hotline.objects.filter(locale__language_code="en").get(service="China Post Life")
    life.sort_order = -1
    life.save()
    Hotline.objects.filter(locale__language_code="en").filter(service="Postal Business").update(
        show_in_header=False
    )

    soup = parse(client.get("/en/about-us/"))
    assert [shown for shown, _ in header_hotlines(soup)] == [
        "China Post Life: 8610 4008909999",
        "Postal Savings: 8610 95580",
        "Logistics and EMS: 8610 11183",
    ]
    # The contacts page still lists the hotline the header leaves out.
    assert "8610 11185" in text(parse(client.get("/en/contact-us/")).select_one("main"))


def test_added_navigation_item_shows_in_the_header(client, demo_site):
    """A menu item added under Settings → Navigation appears at the end of every header."""
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    about = demo_site.get_children().get(slug="about-us")
    NavigationItem.objects.create(settings=nav, sort_order=10, link_page=about)
    NavigationItem.objects.create(
        settings=nav, sort_order=11, label="Track a parcel", link_url="https://example.com/track"
    )

    for path in ["/en/", expected.SEED_ARTICLE_URL, "/en/contact-us/"]:
        assert main_navigation(parse(client.get(path))) == [
            *expected.MAIN_NAVIGATION,
            ("About Us", "/en/about-us/"),
            ("Track a parcel", "https://example.com/track"),
        ], path


def test_current_section_is_marked_in_the_navigation(client, demo_site):
    """The navigation marks the link to the page being read with aria-current."""
    soup = parse(client.get("/en/postman-story/"))
    current = soup.select('header nav a[aria-current="page"]')
    assert [text(a) for a in current] == ["Postman Story"]


def test_edited_footer_settings_show_in_the_footer(client, demo_site):
    """Changes under Settings → Footer (numbers, links, "Powered by") show in every footer."""
    settings = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    settings.icp_number = "京ICP备00000000号"
    settings.powered_by = "Powered by the postal service"
    settings.save()
    news = demo_site.get_children().get(slug="news")
    FooterLink.objects.create(settings=settings, sort_order=10, link_page=news, label="All news")

    for path in ["/en/", "/en/news/", "/no-such-page/"]:
        assert footer(parse(client.get(path))) == {
            "links": [*expected.FOOTER_LINKS, ("All news", "/en/news/")],
            "register": "Register number: 京ICP备00000000号 京公网安备110401400185号",
            "powered_by": "Powered by the postal service",
        }, path


@pytest.mark.parametrize("number", ["8610 1118S", "call 11185", "8610-11185", "+", "12"])
def test_hotline_number_with_letters_or_symbols_is_rejected(db, number):
    """An editor cannot save a hotline number with letters, dashes or too few digits."""
    with pytest.raises(ValidationError) as error:
        Hotline(service="Postal Business", number=number).full_clean()
    assert "number" in error.value.message_dict


@pytest.mark.parametrize("number", ["8610 11185", "+86 10 95580", "4008909999"])
def test_hotline_number_as_readers_write_it_is_accepted(db, number):
    """Digits with spaces, optionally after +, pass validation."""
    Hotline(service="Postal Business", number=number).full_clean()


@pytest.mark.parametrize(
    "number, e164",
    [
        ("8610 11185", "+861011185"),
        ("+86 10 95580", "+861095580"),
        ("8610 4008909999", "+86104008909999"),
    ],
)
def test_hotline_e164_is_the_tel_link_number(number, e164):
    """Hotline.e164 is + and the digits, the form phones dial from a tel: link."""
    assert Hotline(service="Postal Business", number=number).e164 == e164
