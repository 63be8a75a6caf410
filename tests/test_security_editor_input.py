"""Editor input is safe for readers: markup an editor (or a script writing through the v3 API)
puts into rich text or any block comes out of the HTML page and the API with no runnable
script, event handler or javascript: link; embeds only from the allowed providers; uploads
limited in size and type; documents served so that no browser runs them as a page."""

import json
from html.parser import HTMLParser

import pytest

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.blocks import StreamBlockValidationError

from contacts.models import ContactsPage, Hotline
from home.models import ContentPage, HomePage, NavigationItem, NavigationSettings
from news.blocks import ArticleBodyBlock
from news.models import NewsIndexPage
from stamps.models import StampIssuePage
from tests.factories import DocumentFactory, ImageFactory, NewsArticlePageFactory, png_bytes

SCRIPT = "<script>alert('x')</script>"
HANDLER = '<img src="x" onerror="alert(1)">'
JS_LINK = '<a href="javascript:alert(1)">click</a>'
PAYLOAD = f"Post {SCRIPT} {HANDLER} {JS_LINK}"


class _ActiveMarkup(HTMLParser):
    """Collects what a browser would run: script elements (JSON-LD data and the site's own
    static files aside), event handler attributes and javascript: links, as parsed, so escaped
    text never counts."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # The site's own script files (the menu button's) are not editor input.
        own_file = (attrs.get("src") or "").startswith(settings.STATIC_URL)
        if tag == "script" and attrs.get("type") != "application/ld+json" and not own_file:
            self.found.append(f"<script> {attrs}")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    handle_startendtag = handle_starttag


def dangerous(markup):
    parser = _ActiveMarkup()
    parser.feed(markup)
    return parser.found


def api_html(data):
    """The API's HTML-bearing values: rich-text fields and paragraph blocks."""
    found = [data.get("intro") or ""]
    for block in data.get("body") or []:
        if block["type"] == "paragraph":
            found.append(block["value"])
    return "".join(found)


def article_body(image):
    rich = f"<p>{PAYLOAD}</p>"
    return [
        ("paragraph", rich),
        ("heading", {"text": PAYLOAD}),
        ("image", {"image": image.pk, "caption": PAYLOAD, "credit": PAYLOAD}),
        ("quote", {"quote": PAYLOAD, "attribution": PAYLOAD}),
        ("document", {"document": DocumentFactory().pk, "label": PAYLOAD}),
        (
            "table",
            {"data": [[PAYLOAD, "b"], ["c", PAYLOAD]], "first_row_is_table_header": True},
        ),
        # The stamp-issue block holds only the chosen catalogue issue, no text of its own.
        (
            "stamp_issue",
            StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-1").pk,
        ),
    ]


def stream_json(pairs):
    return json.dumps([{"type": kind, "value": value} for kind, value in pairs])


def assert_safe(client, page):
    html = client.get(page.url).content.decode()
    assert "Post " in html  # the text itself is shown
    assert not dangerous(html), html
    api = client.get(f"/api/v2/pages/{page.pk}/")
    assert api.status_code == 200
    assert not dangerous(api_html(api.json()))


def test_article_blocks_escape_or_strip_scripts(client, demo_site):
    """Every news block type (paragraph, heading, image caption and credit, quote, document
    label, table cells, stamp issue fields) with the payload: safe in HTML and API."""
    image = ImageFactory(title=PAYLOAD, description=PAYLOAD)
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title="Hostile markup",
        summary=PAYLOAD,
        body=stream_json(article_body(image)),
    )
    article.save_revision().publish()
    assert_safe(client, article)


def test_home_content_page_blocks_escape_or_strip_scripts(client, demo_site):
    """home's content page uses the same blocks: safe there too."""
    image = ImageFactory()
    page = (
        HomePage.objects.filter(locale__language_code="en")
        .get()
        .add_child(
            instance=ContentPage(
                title="Hostile content",
                slug="hostile",
                summary=PAYLOAD,
                body=stream_json(article_body(image)),
            )
        )
    )
    page.save_revision().publish()
    assert_safe(client, page)


def test_contacts_blocks_and_intro_escape_or_strip_scripts(client, demo_site):
    """Every contacts block (hotline, address, e-mail label, opening hours) and the rich-text
    intro with the payload: safe in HTML and API."""
    # The service name holds at most 80 characters (PostgreSQL enforces it).
    hotline = Hotline.objects.create(service=f"Post {SCRIPT} {HANDLER}", number="11183")
    page = ContactsPage.objects.filter(locale__language_code="en").get()
    page.intro = f"<p>{PAYLOAD}</p>"
    page.body = stream_json(
        [
            ("hotline", {"hotline": hotline.pk}),
            ("address", {"label": PAYLOAD, "address": PAYLOAD}),
            ("email", {"label": PAYLOAD, "email": "press@example.com"}),
            ("opening_hours", {"label": PAYLOAD, "rows": [{"days": PAYLOAD, "hours": PAYLOAD}]}),
        ]
    )
    page.save_revision().publish()
    assert_safe(client, page)


def test_news_index_intro_escapes_or_strips_scripts(client, demo_site):
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    index.intro = f"<p>{PAYLOAD}</p>"
    index.save_revision().publish()
    assert_safe(client, index)


def test_navigation_refuses_javascript_links(demo_site):
    """A menu link to a javascript: address fails validation with a message."""
    item = NavigationItem(
        settings=NavigationSettings.objects.get(), link_url="javascript:alert(1)", label="x"
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "link_url" in error.value.message_dict


# --- Embeds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.com/video/1",
        "javascript:alert(1)",
        "https://www.dailymotion.com/video/x",
    ],
)
def test_embed_from_another_provider_is_refused_with_a_message(url):
    """Only YouTube and Vimeo: any other address gets a validation message in the editor."""
    body = ArticleBodyBlock()
    value = body.to_python([{"type": "embed", "value": {"embed": url, "caption": ""}}])
    with pytest.raises((ValidationError, StreamBlockValidationError)) as error:
        body.clean(value)
    assert "Only videos from YouTube or Vimeo can be embedded" in str(error.value.as_json_data())


def test_embed_from_youtube_passes_the_allow_list(monkeypatch):
    """A YouTube address is accepted by the allow-list (its oEmbed answer is stubbed: this
    machine cannot reach YouTube)."""
    from wagtail.embeds.blocks import EmbedValue

    monkeypatch.setattr(EmbedValue, "html", "<iframe></iframe>")
    body = ArticleBodyBlock()
    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    value = body.to_python([{"type": "embed", "value": {"embed": url, "caption": ""}}])
    assert body.clean(value)[0].value["embed"].url == url


# --- Uploads and documents ------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("uploader", "u@example.com", "pw")
    client.force_login(user)
    return client


def upload(client, kind, name, content, content_type):
    return client.post(
        f"/admin/{kind}/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type), "collection": 1},
    )


def text_of(response):
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize(
    "name, content, content_type, message",
    [
        ("evil.svg", b'<svg onload="alert(1)"/>', "image/svg+xml", "Not a supported image format"),
        ("page.html", b"<script>alert(1)</script>", "text/html", "Not a supported image format"),
    ],
)
def test_image_upload_of_the_wrong_type_is_refused(
    admin_client, name, content, content_type, message
):
    """Pictures only (no SVG, which can carry scripts): anything else gets a clear error."""
    response = upload(admin_client, "images", name, content, content_type)
    assert response.status_code == 200
    assert message in text_of(response)


def test_image_upload_too_large_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    response = upload(admin_client, "images", "big.png", png_bytes((400, 400)), "image/png")
    assert response.status_code == 200
    assert "This file is too big" in text_of(response)


@pytest.mark.parametrize("name", ["page.html", "script.js", "run.exe", "image.svg"])
def test_document_upload_outside_the_extension_list_is_refused(admin_client, name):
    response = upload(admin_client, "documents", name, b"<script>alert(1)</script>", "text/html")
    assert response.status_code == 200
    assert "is not allowed" in text_of(response)


def test_document_upload_too_large_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    response = upload(admin_client, "documents", "big.txt", b"x" * 5000, "text/plain")
    assert response.status_code == 200
    assert "This file is too big" in text_of(response)


def test_html_uploaded_as_txt_downloads_and_cannot_run(client, demo_site):
    """An HTML file uploaded as .txt is served as an attachment, never sniffed, sandboxed."""
    from django.core.files.base import ContentFile

    document = DocumentFactory(
        title="Notes", file=ContentFile(b"<html><script>alert(1)</script></html>", "notes.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_uploaded_media_files_are_sandboxed(client, demo_site):
    """Files under /media/ (images and renditions) get the same sandbox."""
    image = ImageFactory()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
