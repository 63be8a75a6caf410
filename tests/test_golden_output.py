"""The headless layer moved out of the project package without changing a byte readers or apps
see: the API answer of every demo page, the listings, `/api/v2/site/`, `/api/v2/changes/`,
`openapi.json`, and the HTML of every page, compared with files recorded before the move.

What differs between two builds of the demo site (times, per-request nonces and tokens, the
suffixes storage adds to file names) is masked before the comparison. After a deliberate change
to the output, record the files again:
`GOLDEN_RECORD=1 .venv/bin/pytest tests/test_golden_output.py`, once per database
(with DATABASE_URL for PostgreSQL).
"""

import json
import os
import re
from pathlib import Path

import pytest

from django.db import connection

from wagtail.models import Page

GOLDEN = Path(__file__).parent / "golden"
RECORD = os.environ.get("GOLDEN_RECORD") == "1"

MASKS = [
    # Publication and change times: the demo site is built anew in each test session.
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"), "<time>"),
    # Block ids are made afresh each time the demo site is built.
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r'nonce="[^"]*"'), 'nonce="<nonce>"'),
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), "<csrf>"),
    # Storage adds a random suffix to a file name already taken by an earlier run, and Wagtail
    # then shortens a long rendition name to fit: a media file's base name depends on what the
    # media folder already held, so it is masked (its filter spec and extension are kept).
    (re.compile(r"(/media/(?:images|original_images|documents)/)[A-Za-z0-9_-]+"), r"\1<file>"),
    (re.compile(r"(/documents/[0-9]+/)[A-Za-z0-9_-]+"), r"\1<file>"),
]


def masked(text):
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return masked(response.content.decode())


def _outputs(client):
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path").specific()
    api = {
        "/api/v2/pages/?fields=*&limit=100": None,
        "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=100": None,
        "/api/v2/images/?fields=*": None,
        "/api/v2/documents/?fields=*": None,
        "/api/v2/site/": None,
        "/api/v2/changes/?since=0&limit=500": None,
        "/api/v2/openapi.json": None,
        **{f"/api/v2/pages/{page.pk}/": None for page in pages},
    }
    html = {page.url: None for page in pages}
    html["/en/search/?q=stamp"] = None
    return {path: _get(client, path) for path in [*api, *html]}


@pytest.mark.django_db
def test_api_and_html_output_matches_the_recording(client, demo_site):
    """Every API answer and page, byte for byte after masking, as recorded before the move."""
    outputs = _outputs(client)
    # Each database has its own recording: PostgreSQL stores a block's JSON keys in another
    # order and its search stems words ("stamp" finds "Stamps"), which SQLite's does not.
    vendor = connection.vendor
    golden_file = GOLDEN / ("outputs.json" if vendor == "sqlite" else f"outputs.{vendor}.json")
    if RECORD:
        golden_file.write_text(json.dumps(outputs, indent=1, ensure_ascii=False, sort_keys=True))
        pytest.skip("recorded")
    recorded = json.loads(golden_file.read_text())
    assert sorted(outputs) == sorted(recorded)
    differing = [path for path, body in outputs.items() if not _same(path, body, recorded[path])]
    assert differing == []


def _same(path, body, recorded):
    # API answers are compared as data: the order of an object's keys means nothing in JSON
    # (the OpenAPI document collects its components in the order endpoints declare them).
    if path.startswith("/api/"):
        return json.loads(body) == json.loads(recorded)
    return body == recorded
