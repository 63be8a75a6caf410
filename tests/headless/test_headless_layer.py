"""The headless layer installed by another Wagtail site (tests/headless/settings.py): a small
page type of its own, no news, contacts or home. Run with `make test-plugins`.

Who relies on this: any site that installs `headless` and mounts `HeadlessAPIRouter`."""

import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

from headless.preview import make_token
from tests.headless.testapp.models import NotePage

CALLOUT = {"heading": "Closed on Sunday", "text": "Counters reopen on Monday.", "tone": "info"}


@pytest.fixture
def note(db):
    """A published note at /first-note/ under a plain page that is the default site's root."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="Notes", slug="notes-home"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    page = home.add_child(
        instance=NotePage(
            title="First note",
            slug="first-note",
            rating=3,
            body=[("paragraph", "<p>Letters go out at noon.</p>"), ("callout", CALLOUT)],
        )
    )
    page.save_revision().publish()
    return NotePage.objects.filter(locale__language_code="en").get(pk=page.pk)


def api(client, path, **headers):
    response = client.get(path, **headers)
    return response, (json.loads(response.content) if response.content else None)


def test_the_page_type_is_served_with_its_blocks(client, note):
    """Detail and listing carry the type's own fields and its StreamField blocks."""
    response, data = api(client, f"/api/v2/pages/{note.pk}/")
    assert response.status_code == 200
    assert data["meta"]["type"] == "testapp.NotePage"
    assert data["rating"] == 3
    assert [block["type"] for block in data["body"]] == ["paragraph", "callout"]
    assert data["body"][1]["value"] == CALLOUT
    _, listing = api(client, "/api/v2/pages/?type=testapp.NotePage&fields=rating")
    assert [(item["title"], item["rating"]) for item in listing["items"]] == [("First note", 3)]


def test_etag_gives_304_until_the_page_is_published_again(
    client, note, django_capture_on_commit_callbacks
):
    """A client holding the ETag gets a 304 from one query; a new publication moves it."""
    response, _ = api(client, f"/api/v2/pages/{note.pk}/")
    etag = response["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again, _ = api(client, f"/api/v2/pages/{note.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert len(queries) <= 1
    note.title = "First note, revised"
    with django_capture_on_commit_callbacks(execute=True):
        note.save_revision().publish()
    after, data = api(client, f"/api/v2/pages/{note.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert data["title"] == "First note, revised"


def test_change_feed_lists_publications_and_unpublications(client, note):
    """The feed says upsert for a visible page with its type, delete once it is unpublished."""
    _, feed = api(client, "/api/v2/changes/?since=0")
    entry = next(c for c in feed["changes"] if c["kind"] == "page" and c["id"] == note.pk)
    assert (entry["action"], entry["type"]) == ("upsert", "testapp.NotePage")
    assert entry["html_url"] == "http://localhost/first-note/"
    cursor = feed["cursor"]
    note.unpublish()
    _, later = api(client, f"/api/v2/changes/?since={cursor}")
    assert [(c["id"], c["action"]) for c in later["changes"]] == [(note.pk, "delete")]
    assert later["has_more"] is False


def test_preview_shows_the_draft_and_leaves_the_live_answer_alone(client, note):
    """A preview token opens the latest revision in the live shape; readers still get the
    published page."""
    note.title = "Draft title"
    revision = note.save_revision()
    response, draft = api(client, f"/api/v2/preview/?token={make_token(revision)}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert draft["title"] == "Draft title"
    _, live = api(client, f"/api/v2/pages/{note.pk}/")
    assert live["title"] == "First note"
    refused, body = api(client, "/api/v2/preview/?token=forged")
    assert (refused.status_code, body["message"]) == (403, "token: not valid")


def test_openapi_describes_the_page_type_and_its_blocks(client, db):
    """The document is generated from this site's models: its page type, its block, its title."""
    response, document = api(client, "/api/v2/openapi.json")
    assert response.status_code == 200
    assert document["info"]["title"] == "Notes API"
    schemas = document["components"]["schemas"]
    own = schemas["testapp.NotePage"]["allOf"][1]["properties"]
    assert own["rating"] == {"type": "integer"}
    assert own["body"]["items"]["anyOf"][1]["properties"]["value"] == {
        "$ref": "#/components/schemas/tests.CalloutBlock"
    }
    assert schemas["tests.CalloutBlock"]["properties"]["tone"]["enum"] == ["", "info", "warning"]
    assert {"/api/v2/pages/", "/api/v2/changes/", "/api/v2/preview/"} <= set(document["paths"])
    # No endpoint of the site this layer came from.
    assert "/api/v2/site/" not in document["paths"]


def test_page_cache_serves_stored_pages_and_never_a_stale_one(
    client, note, settings, django_capture_on_commit_callbacks
):
    """A stored page is a hit with no query; after a publication the next request renders the
    new version."""
    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": True}
    first = client.get("/first-note/")
    assert (first.status_code, first["X-Page-Cache"]) == (200, "miss")
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/first-note/")
    assert (second["X-Page-Cache"], len(queries)) == ("hit", 0)
    assert b"First note" in second.content
    note.title = "Noon post"
    with django_capture_on_commit_callbacks(execute=True):
        note.save_revision().publish()
    third = client.get("/first-note/")
    assert third["X-Page-Cache"] == "miss"
    assert b"<h1>Noon post</h1>" in third.content


def test_unknown_api_paths_answer_json(client, db):
    response, body = api(client, "/api/v2/nothing-here/")
    assert response.status_code == 404
    assert body == {"message": "not found: no such API endpoint"}
