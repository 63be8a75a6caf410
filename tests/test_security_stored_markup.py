"""Content saved without the admin's validation (the shell, an import, the v3 API) is shown
safely whatever it holds, and the admin can still open it to be put right.

Each test stores what the editor's forms would refuse with a plain `.save()`, then looks at
what readers get (no raw attributes, no javascript: links, no <embed> of an outside file) and
at the admin's edit view (opens, 200, never a 500).
"""

import json

import pytest

from django.urls import reverse

from wagtail.models import Site

from home.models import FooterLink, FooterSettings, NavigationItem, NavigationSettings
from news.models import NewsIndexPage
from tests.factories import NewsArticlePageFactory
from tests.markup import parse
from tests.test_security_editor_input import dangerous


@pytest.fixture
def admin_client(django_user_model):
    """A superuser's own client, so `client` stays an anonymous reader's."""
    from django.test import Client

    user = django_user_model.objects.create_superuser("fixer", "fixer@example.com", "pw")
    admin = Client()
    admin.force_login(user)
    return admin


def article_with(body):
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title="Stored markup",
        body=json.dumps(body),
    )
    article.save_revision().publish()
    return article


def edit_view(admin_client, page):
    return admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@pytest.mark.parametrize(
    "level",
    [
        'h2 onmouseover=alert(1) data-x="1"',
        "h2 onmouseover=alert(1)",
        "script",
        "h1",
        "",
    ],
)
def test_heading_level_outside_the_choices_is_shown_as_a_plain_h2(
    client, admin_client, demo_site, level
):
    """A heading block whose stored level is not h2 or h3 renders as an h2 with the text
    escaped and no attributes of its own; the admin's edit view opens it."""
    article = article_with(
        [{"type": "heading", "value": {"text": "Parcel <b>rates</b>", "level": level}}]
    )
    soup = parse(client.get(article.url))
    heading = soup.select_one("main .block-heading")
    assert heading is not None
    assert heading.name == "h2"
    assert heading.attrs == {"class": ["block-heading"]}
    assert heading.get_text() == "Parcel <b>rates</b>"
    assert not dangerous(str(soup))
    assert soup.find("script", string=lambda s: s and "alert" in s) is None
    assert edit_view(admin_client, article).status_code == 200


def test_heading_level_h3_is_kept(client, demo_site):
    """The two offered levels still render as chosen."""
    article = article_with([{"type": "heading", "value": {"text": "Subsection", "level": "h3"}}])
    heading = parse(client.get(article.url)).select_one("main .block-heading")
    assert heading.name == "h3"


@pytest.mark.parametrize(
    "markup",
    [
        '<p>Rates <embed src="https://evil.example.com/x.swf" type="application/x-flash"></p>',
        '<p>Rates <embed src="https://evil.example.com/x.swf"/></p>',
        '<p>Rates <embed embedtype="flash" src="https://evil.example.com/x.swf"/></p>',
    ],
)
def test_embed_in_rich_text_never_reaches_readers(client, admin_client, demo_site, markup):
    """An <embed> that is not one of Wagtail's own (image or media) is dropped; the text around
    it stays, and the admin opens the page."""
    article = article_with([{"type": "paragraph", "value": markup}])
    response = client.get(article.url)
    html = response.content.decode()
    soup = parse(response)
    assert "Rates" in soup.select_one("main").get_text()
    assert soup.find("embed") is None, html
    assert "evil.example.com" not in html
    assert edit_view(admin_client, article).status_code == 200


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Open <b>bold <i>italic</p>",
        "</div></p><p>Stray end tags</b></p>",
        "<ul><li>one<li>two</ul></ol>",
        "<p><a href='/en/news/'>unclosed link</p>",
        "<h3>Heading<p>para</h3>",
        "<p>text",
        "<table><tr><td>cell</td></tr></table><p>after</p>",
    ],
)
def test_unbalanced_rich_text_opens_in_the_admin(client, admin_client, demo_site, markup):
    """Rich text with unclosed or stray tags: the reader's page and the admin's edit view both
    answer 200."""
    article = article_with([{"type": "paragraph", "value": markup}])
    assert client.get(article.url).status_code == 200
    assert edit_view(admin_client, article).status_code == 200


JS_URLS = [
    "javascript:alert(1)",
    " JaVa\tScRiPt:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,x",
]


@pytest.mark.parametrize("url", JS_URLS)
def test_stored_script_links_in_the_chrome_are_not_shown(client, admin_client, demo_site, url):
    """A navigation or footer link saved with a javascript:, vbscript: or data: address (which
    the form refuses) is left out of every page; its neighbours stay; the settings open."""
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    NavigationItem(settings=navigation, link_url=url, label="Evil menu", sort_order=99).save()
    footer = FooterSettings.for_site(site)
    FooterLink(settings=footer, link_url=url, label="Evil footer", sort_order=99).save()

    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Evil menu" not in html
    assert "Evil footer" not in html
    assert not dangerous(html)
    assert "vbscript:" not in html.lower()
    assert 'href="data:' not in html
    soup = parse(response)
    assert soup.select("nav.main-nav a"), "the other menu links are still there"

    for model in ("navigationsettings", "footersettings"):
        edit = admin_client.get(reverse("wagtailsettings:edit", args=["home", model, site.pk]))
        assert edit.status_code == 200
