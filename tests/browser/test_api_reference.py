"""The API reference at /api/v2/docs/ as an app developer sees it in Chromium: Redoc loads
the OpenAPI document, renders it, and shows the operations and the article's schema, with
no error box and no request leaving the site (issue 13: it used to show "Something went
wrong", having asked for a document at a relative address that was a 404)."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def test_the_reference_renders_operations_and_the_article_schema(page, live_demo_site, screenshot):
    base = live_demo_site.url
    requests, failures = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "response",
        lambda response: (
            failures.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/api/v2/docs/")
    # Redoc writes the document's title and each operation's summary once it has rendered.
    expect(page.get_by_role("heading", name="China Post content API")).to_be_visible(timeout=30_000)
    expect(
        page.get_by_text("Live, public pages; with type=, that type's fields.").first
    ).to_be_visible()
    expect(page.get_by_text("What changed since a cursor, each object once.").first).to_be_visible()
    assert "Something went wrong" not in page.content()
    # The article's own schema is in the document Redoc rendered.
    expect(page.get_by_text("news.NewsArticlePage").first).to_be_attached()
    screenshot(page, "api-reference")
    assert failures == []
    # Redoc runs its search in a worker made from a blob: address of this page.
    assert all(url.startswith((base, "data:", f"blob:{base}")) for url in requests), requests
