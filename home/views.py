"""Reader pages that are not Wagtail pages: site search, robots.txt and sitemap.xml."""

import re
from urllib.parse import urlencode

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, Site

from news.models import NewsArticlePage, absolute_url
from news.pagination import paginate

SEARCH_RESULTS_PER_PAGE = 10
# Longer queries are cut: nobody types more, and the database need not parse a novel.
SEARCH_QUERY_MAX_CHARS = 200


def clean_query(value):
    """The query as searched: printable characters only (PostgreSQL refuses NUL), spaces
    collapsed, at most SEARCH_QUERY_MAX_CHARS long."""
    printable = "".join(ch if ch.isprintable() else " " for ch in value or "")
    return " ".join(printable.split())[:SEARCH_QUERY_MAX_CHARS]


def search_terms(query):
    """The words of a query, lower case, for the search backend. Quotes, operators and other
    punctuation are left out: SQLite's FTS5 and PostgreSQL's tsquery each read some of them as
    syntax, and an unbalanced quote would otherwise be a database error."""
    return " ".join(re.findall(r"\w+", query.lower()))


@require_GET
def search(request):
    """Every live, public page of this site that matches `q`, best match first, ten a page."""
    query = clean_query(request.GET.get("q"))
    results = None
    terms = search_terms(query)
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        matches = pages.specific().defer_streamfields().search(terms) if terms else []
        results = paginate(request, matches, SEARCH_RESULTS_PER_PAGE)
        # Articles show their source: one query for the page of results, not one per article.
        results.object_list = list(results.object_list)
        prefetch_related_objects(
            [r for r in results.object_list if isinstance(r, NewsArticlePage)], "source"
        )
    params = {"q": query} if query else {}
    if results and results.number > 1:
        params["page"] = results.number
    canonical = absolute_url(request, reverse("search"))
    if params:
        canonical += "?" + urlencode(params)
    return TemplateResponse(
        request,
        "home/search_results.html",
        {
            "search_query": query,
            "results": results,
            "meta_title": f"Search results for “{query}”" if query else "Search",
            "meta_description": "Search the news, stamp issues and pages of the site.",
            "canonical_url": canonical,
            # Result pages are for readers, not for search engines' indexes.
            "meta_robots": "noindex, follow",
        },
    )


class PagesSitemap(Sitemap):
    """Every live, public page (news listings by year and source included) with its date."""

    limit = 5000


def sitemap(request):
    """sitemap.xml: one file while the site's URLs fit, else an index of numbered sitemaps."""
    sitemaps = {"pages": PagesSitemap(request)}
    if sitemaps["pages"].paginator.num_pages > 1:
        return sitemap_views.index(request, sitemaps, sitemap_url_name="sitemap-section")
    return sitemap_views.sitemap(request, sitemaps)


def sitemap_section(request, section):
    """One numbered part of a large site's sitemap (?p=2 for the second)."""
    return sitemap_views.sitemap(request, {"pages": PagesSitemap(request)}, section=section)


@require_GET
def robots_txt(request):
    """Lets crawlers in everywhere readers go, keeps them out of the admin and search results."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
