"""Draft preview in apps: the editor's "Preview in app" gives a signed, expiring address.

The mobile app's preview screen relies on the token URL answering exactly the live detail
shape for the draft, marked `Cache-Control: private, no-store`, and on 403 for a bad token.
"""

import re
import time
from html import unescape

import pytest

from django.contrib.auth import get_user_model
from django.core import signing

from news.models import NewsArticlePage
from tests import expected


@pytest.fixture
def article(demo_site):
    return NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )


@pytest.fixture
def draft(article):
    article.title = "Draft: model units named"
    article.summary = "A summary still being written."
    article.save_revision()
    return article


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor-admin", password="pw-for-tests")
    client.force_login(user)
    return client


def preview_address(admin_client, page):
    response = admin_client.get(f"/admin/app-preview/{page.pk}/")
    assert response.status_code == 200
    url = re.search(
        r'<textarea id="preview-url"[^>]*>([^<]+)</textarea>', response.content.decode()
    )
    return unescape(url.group(1)).removeprefix("http://testserver")


def test_preview_shows_the_draft_in_the_live_shape(admin_client, client, draft):
    """The token URL gives the draft's title and summary with the same keys as the live detail;
    the live detail still shows the published version."""
    address = preview_address(admin_client, draft)
    client.logout()
    preview = client.get(address)
    live = client.get(f"/api/v2/pages/{draft.pk}/")

    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    assert preview.json()["title"] == "Draft: model units named"
    assert preview.json()["summary"] == "A summary still being written."
    assert set(preview.json()) == set(live.json())
    assert set(preview.json()["meta"]) == set(live.json()["meta"])
    assert live.json()["title"] == expected.SEED_ARTICLE_TITLE


def test_tampered_token_is_refused(admin_client, client, draft):
    """Changing any character of the token gives a 403 with a message, not the draft."""
    address = preview_address(admin_client, draft)
    tampered = address[:-3] + ("AAA" if not address.endswith("AAA") else "BBB")
    response = client.get(tampered)
    assert response.status_code == 403
    assert "token" in response.json()["message"]
    assert "Draft" not in response.content.decode()


def test_expired_token_is_refused(client, draft, monkeypatch):
    """A token older than API_PREVIEW_MAX_AGE (an hour) gives a 403 saying it expired."""
    from headless.preview import make_token

    two_hours_ago = time.time() - 2 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: two_hours_ago)
    token = make_token(draft.latest_revision)
    monkeypatch.undo()
    response = client.get("/api/v2/preview/", {"token": token})
    assert response.status_code == 403
    assert "expired" in response.json()["message"]


@pytest.mark.parametrize("token", ["", "abc", "e30:1:abc"])
def test_missing_or_garbage_token_is_refused(client, demo_site, token):
    """No token or a made-up one gives a 403."""
    assert client.get("/api/v2/preview/", {"token": token}).status_code == 403


def test_only_editors_of_the_page_get_a_preview_address(client, draft):
    """The admin page that makes tokens needs a user allowed to edit the page."""
    user = get_user_model().objects.create_user("reader", password="pw-for-tests")
    client.force_login(user)
    response = client.get(f"/admin/app-preview/{draft.pk}/")
    assert response.status_code in (302, 403)


def test_editor_finds_preview_in_app_on_the_edit_page(admin_client, draft):
    """The page editor's header offers "Preview in app", leading to the token page."""
    html = admin_client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert f"/admin/app-preview/{draft.pk}/" in html
    assert "Preview in app" in html


def test_preview_of_a_draft_chinese_translation(admin_client, client, article):
    """A Chinese translation's unpublished edit previews in the app like an English draft,
    with its own language in `meta.locale`; readers and the live detail still get the
    published Chinese page."""
    from wagtail.models import Locale

    chinese = article.get_translation(Locale.objects.get(language_code="zh-hans"))
    published_title = chinese.title
    chinese.title = "草稿：示范单位名单"
    chinese.save_revision()
    address = preview_address(admin_client, chinese)
    client.logout()
    preview = client.get(address)
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"
    body = preview.json()
    assert body["title"] == "草稿：示范单位名单"
    assert body["meta"]["locale"] == "zh-hans"
    assert body["meta"]["translations"][0]["id"] == article.pk
    assert client.get(f"/api/v2/pages/{chinese.pk}/").json()["title"] == published_title
    assert "草稿" not in client.get(chinese.url).content.decode()
