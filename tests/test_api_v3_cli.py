"""Automation through Wagtail 8's v3 API at /api/v3/, driven by its official client `wt`.

Scripts and editors' tools rely on `wt` (wagtail-cli) listing the site's pages and creating a
draft news article with a bearer token from `manage.py api_tokens`, on a draft staying out of
everything readers and apps see until an editor publishes it, and on writes without a valid
token being refused. `wt` runs as a subprocess against `live_server`, configured only by its
environment variables, with HOME and the working directory in a temporary folder so no
`.wagtail-cli.toml` of the developer's is read.

The `live_server` tests are transactional: Django empties every table after each, so they
rebuild the demo site first, and pytest-django runs them after the suite's other tests.
"""

import importlib
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import clear_url_caches

from wagtail.models import APIToken, GroupPagePermission, Page

from news.models import NewsArticlePage, NewsIndexPage
from tests import expected
from tests.live import rebuild_demo_site

# `make install` puts wt beside the venv's Python (linked from its own venv on Python 3.11).
WT = Path(sys.executable).with_name("wt")

DRAFT_TITLE = "Rural delivery routes reach every village in Hebei"
DRAFT_BODY = [
    {"type": "paragraph", "value": "<p>Postal vans now call at every village in the province.</p>"}
]


@pytest.fixture
def wt():
    """The `wt` command; missing, the tests skip (and fail in CI, where it must be there)."""
    if WT.is_file() and os.access(WT, os.X_OK):
        return WT
    message = f"wagtail-cli's `wt` not found at {WT}; run `make install` (needs Python 3.12+)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: the wt test must run, not skip)", pytrace=False)
    pytest.skip(message)


@pytest.fixture
def live_site(live_server):
    rebuild_demo_site()
    return live_server


@pytest.fixture
def news_index(live_site):
    return NewsIndexPage.objects.filter(locale__language_code="en").get()


def make_user(username, *, news_index=None):
    """A user, given the admin and add and edit (not publish) rights on the news section when
    `news_index` is set: a news editor whose articles an editor-in-chief publishes."""
    user = get_user_model().objects.create_user(username, password="pw-for-tests")
    if news_index is not None:
        group, _ = Group.objects.get_or_create(name="News writers")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=news_index, permission=Permission.objects.get(codename=codename)
            )
        user.groups.add(group)
    return user


def create_token(username):
    """A bearer token made as an administrator would: `manage.py api_tokens create`."""
    out = io.StringIO()
    call_command(
        "api_tokens", "create", "--user", username, "--name", "wt test", "--json", stdout=out
    )
    token = json.loads(out.getvalue())["token"]
    assert token.startswith("wagtail_")
    return token


def run_wt(wt, tmp_path, live_server, token, *args):
    """Runs `wt --json ARGS` configured by its environment variables alone."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "WAGTAIL_CLI_BASE_URL": f"{live_server.url}/api/v3/",
        "WAGTAIL_CLI_TOKEN": token,
    }
    return subprocess.run(  # noqa: S603 (our own venv's wt, fixed arguments)
        [str(wt), "--json", *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def create_draft_args(parent="/en/news/"):
    """Create arguments; the parent by its path (wt asks the API's find) or its id."""
    return [
        "api",
        "pages",
        "create",
        "news.NewsArticlePage",
        "--parent",
        parent,
        "--title",
        DRAFT_TITLE,
        "--field",
        "date:2026-11-20",
        "--field",
        "summary:Every village in Hebei now has a postal delivery route.",
        "--field",
        f"body:{json.dumps(DRAFT_BODY)}",
    ]


def http(method, url, token=None, body=None):
    """(status, parsed JSON or text) for a plain request, error statuses included."""
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (live_server)
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def test_wt_lists_pages_and_creates_a_draft_article(wt, tmp_path, live_site, news_index):
    """`wt api pages list` shows the seed article; `wt api pages create` makes a draft that
    only the database and the token holder see: not the public page, the v2 API or anonymous
    v3 reads."""
    make_user("news-writer", news_index=news_index)
    token = create_token("news-writer")

    listed = run_wt(wt, tmp_path, live_site, token, "api", "pages", "list", "--limit", "100")
    assert listed.returncode == 0, listed.stderr
    titles = [item["title"] for item in json.loads(listed.stdout)["items"]]
    assert expected.SEED_ARTICLE_TITLE in titles

    created = run_wt(wt, tmp_path, live_site, token, *create_draft_args())
    assert created.returncode == 0, created.stderr
    result = json.loads(created.stdout)
    assert result["title"] == DRAFT_TITLE
    assert result["meta"]["type"] == "news.NewsArticlePage"

    article = NewsArticlePage.objects.filter(locale__language_code="en").get(pk=result["id"])
    assert article.title == DRAFT_TITLE
    assert article.live is False
    assert article.has_unpublished_changes is True
    assert article.get_parent().pk == news_index.pk
    assert str(article.date) == "2026-11-20"
    assert article.owner.username == "news-writer"
    [paragraph] = article.body
    assert paragraph.block_type == "paragraph"
    assert "Postal vans now call at every village" in str(paragraph.value)

    # Readers and apps see nothing of it: no page, not in the news index or either API's listing.
    public_path = urlsplit(result["meta"]["html_url"]).path
    assert public_path == f"/en/news/{article.slug}/"
    status, _ = http("GET", f"{live_site.url}{public_path}")
    assert status == 404
    with urllib.request.urlopen(f"{live_site.url}/en/news/", timeout=30) as response:  # noqa: S310
        assert DRAFT_TITLE not in response.read().decode()
    status, v2 = http("GET", f"{live_site.url}/api/v2/pages/?type=news.NewsArticlePage&limit=100")
    assert status == 200
    v2_titles = [item["title"] for item in v2["items"]]
    assert expected.SEED_ARTICLE_TITLE in v2_titles
    assert DRAFT_TITLE not in v2_titles
    status, _ = http("GET", f"{live_site.url}/api/v2/pages/{article.pk}/")
    assert status == 404
    status, v3_anonymous = http("GET", f"{live_site.url}/api/v3/pages/?limit=100")
    assert status == 200
    assert DRAFT_TITLE not in [item["title"] for item in v3_anonymous["items"]]


def test_writes_without_a_valid_token_or_rights_are_refused(wt, tmp_path, live_site, news_index):
    """No token or a wrong one: 401; a valid token of a user with no rights on the news
    section: 403; a news writer may not publish. Nothing is created by any of them.

    The parent is given by id: to a token holder, v3's find and listings show only the pages
    the user may edit, so a user without rights would get a 404 from the find instead."""
    pages_before = Page.objects.count()
    create_args = create_draft_args(parent=str(news_index.pk))
    payload = {
        "meta": {"type": "news.NewsArticlePage", "parent_id": news_index.pk},
        "title": DRAFT_TITLE,
        "date": "2026-11-20",
        "body": DRAFT_BODY,
    }

    status, problem = http("POST", f"{live_site.url}/api/v3/pages/", body=payload)
    assert status == 401, problem
    status, problem = http(
        "POST", f"{live_site.url}/api/v3/pages/", token="wagtail_not-a-real-token", body=payload
    )
    assert status == 401, problem

    bad_token = run_wt(wt, tmp_path, live_site, "wagtail_not-a-real-token", *create_args)
    assert bad_token.returncode == 4, bad_token.stderr  # wt's exit code for 401

    make_user("reader")
    reader_token = create_token("reader")
    no_rights = run_wt(wt, tmp_path, live_site, reader_token, *create_args)
    assert no_rights.returncode == 5, no_rights.stderr  # wt's exit code for 403

    make_user("news-writer", news_index=news_index)
    writer_token = create_token("news-writer")
    publish = run_wt(wt, tmp_path, live_site, writer_token, *create_args, "--publish")
    assert publish.returncode == 5, publish.stderr

    assert Page.objects.count() == pages_before
    assert (
        not NewsArticlePage.objects.filter(locale__language_code="en")
        .filter(title=DRAFT_TITLE)
        .exists()
    )


@pytest.fixture
def api_v3_off(settings):
    """The site's URLs rebuilt with API_V3_ENABLED off, and rebuilt again afterwards."""
    import postal_site.urls

    def reload_urls():
        clear_url_caches()
        importlib.reload(postal_site.urls)

    settings.API_V3_ENABLED = False
    reload_urls()
    yield
    settings.API_V3_ENABLED = True
    reload_urls()


def test_api_v3_is_a_404_when_off(api_v3_off, demo_site):
    client = Client()
    for path in ("/api/v3/pages/", "/api/v3/openapi.json", "/api/v3/docs/"):
        assert client.get(path).status_code == 404, path
    assert client.get("/api/v2/pages/").status_code == 200


def test_api_v3_is_off_unless_configured():
    """Outside the tests the setting follows API_V3_ENABLED, and only "1" turns it on."""
    code = (
        "import postal_site.settings.base as s; "
        "print(s.API_V3_ENABLED, 'wagtail.api.v3' in s.INSTALLED_APPS)"
    )

    def settings_with(value):
        env = {k: v for k, v in os.environ.items() if k != "API_V3_ENABLED"}
        if value is not None:
            env["API_V3_ENABLED"] = value
        result = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    assert settings_with(None) == "False False"
    assert settings_with("0") == "False False"
    assert settings_with("1") == "True True"


def test_article_without_its_date_is_a_422_not_a_500(demo_site):
    """Scripts get a validation error naming the field. Wagtail's v3 API only validates the
    fields marked writable in `api_fields`: before `date` was, the database refused the row and
    the API answered 500."""
    user = make_user(
        "news-writer", news_index=NewsIndexPage.objects.filter(locale__language_code="en").get()
    )
    _, plaintext = APIToken.create_token(user=user, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    payload = {
        "meta": {
            "type": "news.NewsArticlePage",
            "parent_id": NewsIndexPage.objects.filter(locale__language_code="en").get().pk,
        },
        "title": DRAFT_TITLE,
        "summary": "A summary.",  # required since editors must give one
        "body": DRAFT_BODY,
    }
    response = client.post("/api/v3/pages/", payload, content_type="application/json")
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["errors"]] == ["date"]

    response = client.post(
        "/api/v3/pages/", {**payload, "date": "2026-11-20"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert (
        NewsArticlePage.objects.filter(locale__language_code="en")
        .get(pk=response.json()["id"])
        .live
        is False
    )
