"""Redirects, and rich text links resolved to public URLs.

Apps rely on `/api/v2/redirects/` to follow old links readers share, and on rich text (in fields
and in blocks) carrying real `href`s, never Wagtail's internal `linktype` markup.
"""

import json

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document

from news.models import NewsArticlePage, NewsIndexPage
from tests import expected


def test_redirect_is_listed_and_found(client, demo_site):
    """A redirect an editor adds is in the listing, and find follows it to its target."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )
    Redirect.objects.create(old_path="/old-news/model-units", redirect_page=article)

    items = client.get("/api/v2/redirects/").json()["items"]
    assert [(i["old_path"], i["location"]) for i in items] == [
        ("/old-news/model-units", expected.SEED_ARTICLE_URL)
    ]
    found = client.get("/api/v2/redirects/find/?html_path=/old-news/model-units")
    assert found.status_code == 302


def test_rich_text_links_are_public_urls_in_fields_and_blocks(client, demo_site):
    """A page link and a document link come out as their public URLs, in the news index's
    intro (a rich text field) and in an article paragraph (a rich text block)."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )
    document = Document.objects.first()
    links = (
        f'<p>See <a linktype="page" id="{article.pk}">the model units</a> and '
        f'<a linktype="document" id="{document.pk}">the figures</a>.</p>'
    )
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    index.intro = links
    index.save_revision().publish()
    article.body = json.dumps([{"type": "paragraph", "value": links}])
    article.save_revision().publish()

    for page, field in ((index, "intro"), (article, "body")):
        data = json.dumps(client.get(f"/api/v2/pages/{page.pk}/").json()[field])
        assert "linktype" not in data
        assert f'href=\\"{expected.SEED_ARTICLE_URL}\\"' in data
        assert f'href=\\"{document.url}\\"' in data
