"""Parity of the HTML site and the API: an app can draw every page from the API alone.

The mobile app renders pages from the API without the HTML; it relies on every text, link and
image a reader sees in a page's main content being in that page's API data (its detail with all
fields, plus the listing of its children for an index page).
"""

import re
from html import unescape
from pathlib import Path

import polib
import pytest

from wagtail.models import Page

from tests.markup import parse, text

# Words the templates add around the content: labels, headings of page sections, pagination.
UI_LABELS = {
    "Latest news", "Explore", "Newer", "Older", "No news yet.", "Skip to content", "All news",
    "Service hotlines", "First page", "Last page", "…",
    "By source", "By year", "Follow", "Newer article", "Older article",
} | {
    "Serial number", "Pieces in set", "Denomination", "Date of issue", "Designer", "Size",
    "Perforation", "Sheet composition", "Printer", "Printing technology",
} | {
    # The stamp catalogue's section headings and the illustrative note (its facts are in the
    # API's `facts`, its note's flag is `illustrative`).
    "Stamps in the set", "Facts of the issue", "The story", "Souvenir sheets and other products",
    "Illustrative: the facts and pictures on this page are examples made for this "
    "demonstration site, not the official record of the issue.",
}  # fmt: skip


def chinese_ui_labels():
    """The same labels on the Chinese pages: every word the site's message file gives the
    templates (locale/zh_Hans), and the few the templates join from two of them."""
    from django.utils import translation

    with translation.override("zh-hans"):
        illustrative = " ".join(
            translation.gettext(part)
            for part in (
                "Illustrative:",
                "the facts and pictures on this page are examples made for this demonstration "
                "site, not the official record of the issue.",
            )
        )
        first, last = translation.gettext("First"), translation.gettext("Last")
    po = polib.pofile(
        str(Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po")
    )
    return {entry.msgstr for entry in po if entry.msgstr} | {illustrative, first, last}


CONTENT_TAGS = "h1, h2, h3, h4, p, li, td, th, dd, figcaption, blockquote, address, caption, time"


def strings(data):
    """Every string in a JSON value, with HTML tags taken out of rich text."""
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    if isinstance(data, str):
        plain = unescape(re.sub(r"<[^>]+>", " ", data))
        return [data, re.sub(r"\s+", " ", plain).strip()]
    if isinstance(data, int | float) and not isinstance(data, bool):
        return [str(data)]
    return []


def api_data(client, page):
    detail = client.get(f"/api/v2/pages/{page.pk}/?fields=*")
    assert detail.status_code == 200
    # The site's chrome (/api/v2/site/) in the page's language: home and the articles show
    # its hotlines as well.
    language = detail.json()["meta"]["locale"]
    data = [detail.json(), client.get(f"/api/v2/site/?locale={language}").json()]
    if page.get_children().live().exists():
        children = client.get(f"/api/v2/pages/?child_of={page.pk}&fields=*&limit=100")
        data.append(children.json())
        for model in {c.specific_class for c in page.get_children().live()}:
            typed = client.get(
                f"/api/v2/pages/?child_of={page.pk}&type={model._meta.label}&fields=*&limit=100"
            )
            data.append(typed.json())
    return data


def live_pages():
    return list(Page.objects.live().public().filter(depth__gt=1).order_by("path"))


@pytest.fixture
def pages(demo_site):
    return live_pages()


def test_every_text_in_main_content_is_in_the_api(client, pages):
    """Headings, paragraphs, captions, table cells, hotline numbers and stamp facts of every
    demo page are in its API data."""
    checked = 0
    zh_labels = chinese_ui_labels()
    for page in pages:
        soup = parse(client.get(page.url))
        haystack = "\n".join(strings(api_data(client, page)))
        for node in soup.select_one("main").select(CONTENT_TAGS):
            if node.find(CONTENT_TAGS.split(", ")):
                continue  # check the innermost elements only
            shown = text(node)
            if (
                not shown
                or shown in UI_LABELS
                or shown in zh_labels
                or re.fullmatch(r"Page \d+ of \d+|第 \d+ 页，共 \d+ 页", shown)
                # the heading over the related articles
                or shown.startswith(("More from ", "更多来自"))
            ):
                continue
            # A date is shown as readers read it ("10 June 2021"); the API has the machine
            # date, which the page has too, in <time datetime>.
            dates = {text(t): t["datetime"] for t in node.select("time[datetime]")}
            if node.name == "time" and node.has_attr("datetime"):
                dates[text(node)] = node["datetime"]
            # Each run of text on its own: a caption and its credit are two fields.
            for fragment in node.stripped_strings:
                fragment = re.sub(r"\s+", " ", fragment)
                fragment = dates.get(fragment, fragment)
                # Case aside: the template may capitalise, e.g. a file type "txt" shown as TXT.
                assert fragment.lower() in haystack.lower(), (page.url, fragment)
                checked += 1
    assert checked > 100


def test_every_link_and_image_in_main_content_is_in_the_api(client, pages):
    """Each link's target and each image's file (at any rendition) are in the API data."""
    for page in pages:
        soup = parse(client.get(page.url))
        haystack = "\n".join(strings(api_data(client, page)))
        main = soup.select_one("main")
        for link in main.select("a[href]"):
            href = re.sub(r"^(tel|mailto):", "", link["href"])
            if href.startswith("?page="):
                continue  # pagination: the API pages with limit and offset
            assert (
                href in haystack
                or f"http://localhost{href}" in haystack
                or (f"http://testserver{href}" in haystack)
            ), (page.url, href)
        for image in main.select("img"):
            stem = re.match(r"(.*/images/[^.]+)\.", image["src"]).group(1).rsplit("/", 1)[1]
            # A rendition whose name an earlier run (another database, the same media folder)
            # took gets a storage suffix of seven characters: the image's own name is before it.
            assert stem in haystack or re.sub(r"_[A-Za-z0-9]{7}$", "", stem) in haystack, (
                page.url,
                image["src"],
            )
            assert image["alt"] in haystack, (page.url, image["alt"])
