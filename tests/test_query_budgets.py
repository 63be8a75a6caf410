"""Database queries per request for every page type and API endpoint, pinned exactly.

Each URL is measured twice in one test: on a site with one article more than the demo, whose
body holds one block of each kind that refers to other objects (paragraph with a page link,
image, stamp issue, document link), then with fifty more articles and that body grown to thirty
such blocks. (A body loads its images, documents and linked pages with one query per kind of
object present, so one block of each kind, not a single block, is the fair base.)

Steady state: the count on the second request, with the per-worker memo (site, routing, page
rows, view restrictions, chrome, API page-method fields and API items) and the fragment cache
warm, must
be the number below in both cases. Cold: the count on the first request after the cache is
emptied (no content version, fragments or renditions cached) must be the same in both cases,
so nothing is fetched once per article, block, image, rendition, source, document or page link.
"""

import datetime
import json

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image
from wagtail.models import Page

from news.models import NewsArticlePage, NewsIndexPage, NewsSource
from stamps.models import StampIssuePage
from tests.factories import DocumentFactory, NewsArticlePageFactory, stream

pytestmark = pytest.mark.usefixtures("demo_site")

# Steady state: what every request but the first after a change costs.
BUDGETS = {
    "home": ("/en/", 0),
    "content page": ("/en/about-us/", 0),
    "HTML sitemap": ("/en/sitemap/", 0),
    "news index": ("/en/news/", 0),
    "news by year": ("/en/news/{year}/", 0),
    "news by source": ("/en/news/source/{source_slug}/", 0),
    "article": ("{article_url}", 0),
    "contacts": ("/en/contact-us/", 0),
    # The ranked ids and the highlighted snippets of that page: each result's title and
    # dateline are remembered until the content changes.
    "search results": ("/en/search/?q=probe", 2),
    # The ranked ids only: each result's item is remembered, so no page is read.
    "API search": ("/api/v2/pages/?search=probe&fields=*", 1),
    # Which ids a listing holds, and that a detail's page may be seen, are remembered too.
    "API pages listing": ("/api/v2/pages/", 0),
    "API article listing": ("/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=10", 0),
    "API article detail": ("/api/v2/pages/{article_id}/", 0),
    # Routed through the remembered routing (headless.routing), as pages are.
    "API find": ("/api/v2/pages/find/?html_path={article_url}", 1),
    "API site": ("/api/v2/site/", 0),
    # The collections' restrictions (twice), the items, and all their tags in one query.
    "API images": ("/api/v2/images/", 4),
    "API documents": ("/api/v2/documents/", 4),
}


def body(blocks, image, document, page):
    """A body of `blocks` blocks cycling through paragraph with a page link, image, stamp
    issue and document link: every kind of related object a body can load."""
    kinds = [
        ("paragraph", f'<p>Probe text with <a linktype="page" id="{page.pk}">a link</a>.</p>'),
        (
            "image",
            {
                "image": {"image": image.pk, "decorative": False, "alt_text": "A van"},
                "caption": "",
                "credit": "",
            },
        ),
        # A catalogue issue: its stamps, their pictures and renditions load with it.
        (
            "stamp_issue",
            StampIssuePage.objects.filter(locale__language_code="en").get(issue_number="2021-1").pk,
        ),
        ("document", {"document": document.pk, "label": ""}),
    ]
    return stream(*(kinds[n % len(kinds)] for n in range(blocks)))


def measure(client, url):
    """(cold, steady) queries for `url`: the first request on an empty cache, then the next.

    One request first, not counted: a picture's renditions are written to the database the
    first time any request asks for them, once in the site's life, not on every empty cache."""
    client.get(url)
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        assert status in (200, 302), f"{url} gave {status}"
        counts.append(len(queries))
    return tuple(counts)


def measure_all(client, facts):
    return {name: measure(client, url.format(**facts)) for name, (url, _) in BUDGETS.items()}


def test_query_counts_are_exact_and_do_not_grow_with_articles_or_blocks(client):
    """One article and a one-block body, then fifty articles and a thirty-block body: every
    page type and endpoint costs its budgeted queries in steady state both times, and the
    same (constant) number on a cold cache both times."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    image = Image.objects.get(title="Rural delivery")
    document = DocumentFactory()
    source = NewsSource.objects.filter(locale__language_code="en").order_by("pk").first()
    linked = Page.objects.filter(locale__language_code="en").get(slug="contact-us")
    probe = NewsArticlePageFactory(
        parent=index,
        title="Probe article",
        slug="probe-article",
        date=datetime.date(2026, 11, 1),
        source=source,
        lead_image=image,
        body=body(4, image, document, linked),
    )
    facts = {
        "article_url": probe.url,
        "article_id": probe.pk,
        "year": 2026,
        "source_slug": source.slug,
    }
    small = measure_all(client, facts)

    for n in range(49):
        NewsArticlePageFactory(
            parent=index,
            source=source,
            lead_image=image,
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            body=body(2, image, document, linked),
        )
    probe.body = json.loads(body(30, image, document, linked))
    probe.save_revision().publish()
    assert (
        len(NewsArticlePage.objects.filter(locale__language_code="en").get(pk=probe.pk).body) == 30
    )
    large = measure_all(client, facts)

    report = {name: (small[name], large[name]) for name in BUDGETS}
    print("\n".join(f"{name}: cold, steady {pair}" for name, pair in report.items()))
    for name, (_, budget) in BUDGETS.items():
        assert small[name][1] == budget, report
        assert large[name][1] == budget, report
        assert large[name][0] == small[name][0], report
