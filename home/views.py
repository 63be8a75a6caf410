"""Reader pages that are not Wagtail pages: site search, robots.txt, sitemap.xml, the web app
manifest and /favicon.ico."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, prefetch_related_objects
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, Site

from headless.filters import search_words
from news.models import NewsArticlePage, NewsIndexPage, absolute_url
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
    """The words of a query, lower case, for the search backend (as the API searches them)."""
    return search_words(query.lower())


@require_safe
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
        # Counting every match costs as much as ranking them: kept while the content is
        # unchanged, for this site and these words.
        named = hashlib.sha256(f"{site.pk if site else ''}|{terms}".encode()).hexdigest()
        results = paginate(
            request, matches, SEARCH_RESULTS_PER_PAGE, count_key=f"search-count:{named}"
        )
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


# The sitemaps.org limit per file; a larger site gets an index of numbered files.
SITEMAP_SECTION_SIZE = 50_000


class PagesSitemap(Sitemap):
    """Every live, public page's own address with its date, one URL per page, read as plain
    values in path order: 100,000 pages cost one query per file, not a page object each."""

    @property
    def limit(self):
        return getattr(settings, "SITEMAP_SECTION_SIZE", SITEMAP_SECTION_SIZE)

    def items(self):
        site = self.get_wagtail_site()
        return (
            site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .values_list("url_path", "last_published_at", "latest_revision_created_at")
        )

    def get_latest_lastmod(self):
        # Django's default reads every item; the database finds the newest date by itself.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def _urls(self, page, protocol, domain):
        site = self.get_wagtail_site()
        base = site.root_url + "/"
        # Page.url_path runs from the tree's root; the site's address stands for its root page.
        skip = len(site.root_page.url_path)
        urls = [
            {"location": base + url_path[skip:], "lastmod": published or revised}
            for url_path, published, revised in self.paginator.page(page).object_list
        ]
        dates = [url["lastmod"] for url in urls]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls


class ListingsSitemap(PagesSitemap):
    """The listings below the news indexes (each year's and each source's), one URL each."""

    def items(self):
        site = self.get_wagtail_site()
        indexes = NewsIndexPage.objects.descendant_of(site.root_page, inclusive=True)
        urls = []
        for index in indexes.live().public().order_by("path"):
            own = index.get_full_url(self.request)
            urls += [u for u in index.get_sitemap_urls(self.request) if u["location"] != own]
        return urls

    def get_latest_lastmod(self):
        return None

    def _urls(self, page, protocol, domain):
        return list(self.paginator.page(page).object_list)


def sitemaps(request):
    return {"pages": PagesSitemap(request), "listings": ListingsSitemap(request)}


def sitemap(request):
    """sitemap.xml: one file while the site's URLs fit, else an index of numbered sitemaps of at
    most SITEMAP_SECTION_SIZE URLs each."""
    sections = sitemaps(request)
    if any(section.paginator.num_pages > 1 for section in sections.values()):
        return sitemap_views.index(request, sections, sitemap_url_name="sitemap-section")
    return sitemap_views.sitemap(request, sections)


def sitemap_section(request, section):
    """One numbered part of a large site's sitemap (?p=2 for the second)."""
    return sitemap_views.sitemap(request, sitemaps(request), section=section)


@require_safe
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


# The site's colours, as in home/static/home/css/site.css and the drawn icons.
THEME_COLOR = "#00693c"
ICON_SIZES = (192, 512)


@require_safe
@cache_control(public=True, max_age=86400)
def web_manifest(request):
    """The web app manifest: the name and icons a phone shows for the site added to its home
    screen."""
    site = Site.find_for_request(request)
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    manifest = {
        "name": name,
        "short_name": name,
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": [
            {"src": static("home/icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            *(
                {
                    "src": static(f"home/icons/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                }
                for size in ICON_SIZES
            ),
            {
                "src": static("home/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_safe
def favicon_ico(request):
    """Browsers and crawlers that ask for /favicon.ico by habit get the icon, not a 404."""
    return HttpResponsePermanentRedirect(static("home/icons/favicon.ico"))
