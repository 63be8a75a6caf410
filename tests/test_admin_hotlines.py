"""The hotlines list in the admin, as an editor uses it: readable values and drag-and-drop
reordering that the header follows."""

import re

import pytest

from django.urls import reverse

from contacts.models import Hotline
from tests.markup import parse, text

pytestmark = pytest.mark.usefixtures("demo_site")


def header_services(client):
    soup = parse(client.get("/en/"))
    return [text(s).rstrip(":") for s in soup.select("header .hotline__service")]


def test_hotlines_list_says_yes_or_no_and_shows_drag_handles(admin_client):
    """The "Shown in header" column reads Yes or No, never Python's True; the list opens in
    the readers' order with a drag handle on every row, as the README promises."""
    Hotline.objects.filter(service="China Post Life").update(show_in_header=False)
    response = admin_client.get(reverse("wagtailsnippets_contacts_hotline:list"))
    assert response.status_code == 200
    soup = parse(response)
    table = soup.select_one("table.listing")
    headings = [text(th) for th in table.select("thead th")]
    assert "Shown in header" in headings
    column = headings.index("Shown in header")
    rows = table.select("tbody tr")
    assert len(rows) == 4
    cells = [text(row.find_all("td")[column]) for row in rows]
    assert cells == ["Yes", "Yes", "Yes", "No"]
    assert not re.search(r"\b(True|False)\b", text(table))
    handles = table.select("tbody tr [data-w-orderable-target='handle']")
    assert len(handles) == 4, "no drag handles on the rows"


def test_dragging_a_hotline_reorders_the_header(admin_client, client):
    """What the drag handle sends (Wagtail's reorder view, the row's new position) moves the
    hotline in the list and in every page's header."""
    before = header_services(client)
    assert before == ["Postal Business", "Postal Savings", "Logistics and EMS", "China Post Life"]
    moved = Hotline.objects.get(service="China Post Life")
    url = reverse("wagtailsnippets_contacts_hotline:reorder", args=[moved.pk])
    response = admin_client.post(f"{url}?position=0")
    assert response.status_code == 200
    assert header_services(client) == [
        "China Post Life",
        "Postal Business",
        "Postal Savings",
        "Logistics and EMS",
    ]


def test_the_list_shows_one_language_at_a_time(admin_client):
    """English by default; the locale filter shows the Chinese hotlines, with the same numbers
    (entered once) and their own drag handles."""
    url = reverse("wagtailsnippets_contacts_hotline:list")
    english = parse(admin_client.get(url)).select("table.listing tbody tr")
    chinese = parse(admin_client.get(url, {"locale": "zh-hans"})).select("table.listing tbody tr")
    assert len(english) == len(chinese) == 4
    assert "8610 11185" in text(english[0]) and "8610 11185" in text(chinese[0])
    assert "Postal Business" in text(english[0]) and "Postal Business" not in text(chinese[0])
    assert (
        len(
            parse(admin_client.get(url, {"locale": "zh-hans"})).select(
                "tbody tr [data-w-orderable-target='handle']"
            )
        )
        == 4
    )
