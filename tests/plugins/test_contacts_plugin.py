"""The contacts plugin on its own: the contacts page, its blocks, the hotline tag and the API."""

import pytest

from django.template import engines
from django.test import RequestFactory

from contacts.models import ContactsPage, Hotline
from tests.factories import ContactsPageFactory, HotlineFactory, stream
from tests.markup import parse, text


@pytest.fixture
def hotlines(db):
    """Two hotlines in the shared list."""
    return [
        HotlineFactory(service="Parcels", number="8610 11183"),
        HotlineFactory(service="Savings", number="+86 10 95580"),
    ]


@pytest.fixture
def contacts_page(host_page, hotlines):
    return ContactsPageFactory(
        parent=host_page,
        intro="<p>Call or write to us.</p>",
        body=stream(
            *[("hotline", {"hotline": h.pk}) for h in hotlines],
            ("address", {"label": "Head office", "address": "3 Financial Street\nBeijing"}),
            ("email", {"label": "Website questions", "email": "web@example.com"}),
            (
                "opening_hours",
                {
                    "label": "Opening hours",
                    "rows": [
                        {"days": "Monday to Friday", "hours": "08:30–17:30"},
                        {"days": "Saturday", "hours": "09:00–12:00"},
                    ],
                },
            ),
        ),
    )


def test_contacts_page_renders_every_block(client, contacts_page):
    """Hotlines as tel: links, the address line by line, a mailto link and the hours."""
    response = client.get("/contact-us/")
    assert response.status_code == 200
    soup = parse(response)
    assert soup.title.string.startswith("Contact Us")
    body = soup.select_one("main .contacts__body")
    assert text(soup.select_one("main .lead")) == "Call or write to us."
    assert [
        (text(card.h2), text(card.a), card.a["href"])
        for card in body.select(".contact-card--hotline")
    ] == [
        ("Parcels", "8610 11183", "tel:+861011183"),
        ("Savings", "+86 10 95580", "tel:+861095580"),
    ]
    address = body.select_one(".contact-card--address")
    assert text(address.h2) == "Head office"
    assert list(address.address.stripped_strings) == ["3 Financial Street", "Beijing"]
    email = body.select_one(".contact-card--email a")
    assert (text(email), email["href"]) == ("web@example.com", "mailto:web@example.com")
    hours = [(text(div.dt), text(div.dd)) for div in body.select(".opening-hours > div")]
    assert hours == [("Monday to Friday", "08:30–17:30"), ("Saturday", "09:00–12:00")]


def contacts_body_api(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "contacts.ContactsPage"
    return [(block["type"], block["value"]) for block in data["body"]]


def test_contacts_api_gives_each_block(client, contacts_page):
    """Hotlines come as service, number and tel; the other blocks as their fields."""
    assert contacts_body_api(client, contacts_page) == [
        ("hotline", {"service": "Parcels", "number": "8610 11183", "tel": "+861011183"}),
        ("hotline", {"service": "Savings", "number": "+86 10 95580", "tel": "+861095580"}),
        ("address", {"label": "Head office", "address": "3 Financial Street\nBeijing"}),
        ("email", {"label": "Website questions", "email": "web@example.com"}),
        (
            "opening_hours",
            {
                "label": "Opening hours",
                "rows": [
                    {"days": "Monday to Friday", "hours": "08:30–17:30"},
                    {"days": "Saturday", "hours": "09:00–12:00"},
                ],
            },
        ),
    ]


def test_edited_hotline_changes_page_and_api(client, contacts_page, hotlines):
    """The page and the API read the hotline itself, so an edit shows in both."""
    hotlines[0].number = "8610 11100"
    hotlines[0].save()
    card = parse(client.get("/contact-us/")).select_one(".contact-card--hotline a")
    assert (text(card), card["href"]) == ("8610 11100", "tel:+861011100")
    assert contacts_body_api(client, contacts_page)[0][1]["tel"] == "+861011100"


def test_deleted_hotline_leaves_no_empty_card(client, contacts_page, hotlines):
    """A hotline deleted from the list disappears from the page and is null in the API."""
    hotlines[0].delete()
    response = client.get("/contact-us/")
    assert response.status_code == 200
    cards = parse(response).select(".contact-card--hotline")
    assert [text(card.h2) for card in cards] == ["Savings"]
    assert contacts_body_api(client, contacts_page)[0] == ("hotline", None)


def test_header_hotlines_tag_gives_the_header_list_in_order(db):
    """`header_hotlines` returns the hotlines marked for the header, in the editors' order."""
    Hotline.objects.all().delete()  # start from an empty list, whatever the host has
    HotlineFactory(service="Third", sort_order=3)
    HotlineFactory(service="First", sort_order=1)
    HotlineFactory(service="Hidden", sort_order=2, show_in_header=False)
    template = engines["django"].from_string(
        "{% load contacts_tags %}{% header_hotlines as lines %}"
        "{% for h in lines %}[{{ h.service }}|{{ h.e164 }}]{% endfor %}"
    )
    rendered = template.render({}, RequestFactory().get("/"))
    assert rendered == "[First|+861011185][Third|+861011185]"


def test_contacts_page_has_no_children_and_one_per_parent(contacts_page, host_page):
    """Editors cannot add pages under contacts, nor a second contacts page beside it."""
    assert ContactsPage.allowed_subpage_models() == []
    assert not ContactsPage.can_create_at(host_page)
