"""The API's OpenAPI document and reference page.

App developers generate clients from /api/v2/openapi.json and read /api/v2/docs/; they rely on
every endpoint, parameter, page type and block type being described, and on the responses
matching (every API response in this suite is checked against it by the `client` fixture).
"""

import copy
import re

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate

from wagtail import blocks
from wagtail.fields import StreamField

from headless.openapi.schemas import page_types
from postal_site.api import openapi_document


@pytest.fixture
def document(client, db):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_document_is_valid_openapi_3_1(document):
    """openapi-spec-validator accepts the document as OpenAPI 3.1."""
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_endpoint_is_described(document):
    """Each API URL the site serves has a GET operation with its responses."""
    expected = {
        "/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/pages/find/",
        "/api/v2/images/", "/api/v2/images/{id}/", "/api/v2/images/find/",
        "/api/v2/documents/", "/api/v2/documents/{id}/", "/api/v2/documents/find/",
        "/api/v2/redirects/", "/api/v2/redirects/{id}/", "/api/v2/redirects/find/",
        "/api/v2/site/", "/api/v2/changes/", "/api/v2/preview/",
    }  # fmt: skip
    assert expected <= set(document["paths"])
    for path in expected:
        assert "200" in document["paths"][path]["get"]["responses"] or path.endswith("find/")


def test_news_filters_are_described(document):
    """The listing documents the news filters apps use."""
    names = {p["name"] for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert {"type", "year", "date_from", "date_to", "source", "search", "limit", "offset"} <= names


def _block_classes(block, found):
    if hasattr(block, "api_schema"):
        return found  # it describes its children itself
    overridden = getattr(block, "api_schema_overrides", {})
    for name, child in getattr(block, "child_blocks", {}).items():
        if name in overridden:
            continue
        if not type(child).__module__.startswith("wagtail"):
            found.add(f"{type(child).__module__.split('.')[0]}.{type(child).__name__}")
        _block_classes(child, found)
    if isinstance(block, blocks.ListBlock):
        _block_classes(block.child_block, found)
    return found


def test_every_page_type_and_block_type_has_a_schema(document):
    """A schema for each page type with api_fields and for each of the project's block types."""
    schemas = document["components"]["schemas"]
    for model in page_types():
        assert model._meta.label in schemas, model
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for name in _block_classes(field.stream_block, set()):
                    assert name in schemas, (model, name)
    assert {"news.StampIssueBlock", "news.CaptionedImageBlock", "contacts.HotlineBlock"} <= set(
        schemas
    )


def test_a_response_that_breaks_the_schema_is_caught(client, demo_site):
    """The checking is real: with a stamp issue's facts declared integers, the demo article's
    stamp issue (facts such as "2021-1") fails validation."""
    response = client.get("/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20")
    document = copy.deepcopy(openapi_document())
    document["components"]["schemas"]["news.StampIssueBlock"]["properties"]["facts"] = {
        "type": "array",
        "items": {"type": "integer"},
    }
    with pytest.raises(Exception, match="InvalidData|does not match|is not of type"):
        OpenAPI.from_dict(document).validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )


def test_reference_page_uses_only_local_assets(client, db):
    """/api/v2/docs/ loads Redoc from this site's static files and no outside host, and points
    it at the document by its absolute path (relative to /api/v2/docs/ it would be a 404)."""
    response = client.get("/api/v2/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'spec-url="/api/v2/openapi.json"' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    script = client.get(sources[0])
    assert script.status_code == 200
    # Redoc's own logo would come from its CDN: the site serves the bundle without it.
    assert b"cdn.redoc.ly" not in script.content
    assert b"Redoc" in script.content
