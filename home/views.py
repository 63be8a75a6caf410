"""Reader pages that are not Wagtail pages: site search, robots.txt, sitemap.xml, the web app
manifest and /favicon.ico."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, Q, prefetch_related_objects
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, Site

from headless.memo import memo
from headless.routing import localized_root
from headless.search import engine as search_engine
from news.models import NewsArticlePage, NewsIndexPage, absolute_url
from news.pagination import paginate

from .chrome import HTML_LANG

SEARCH_RESULTS_PER_PAGE = 10
# Longer queries are cut: nobody types more, and the database need not parse a novel.
SEARCH_QUERY_MAX_CHARS = 200


def clean_query(value):
    """The query as searched: printable characters only (PostgreSQL refuses NUL), spaces
    collapsed, at most SEARCH_QUERY_MAX_CHARS long."""
    printable = "".join(ch if ch.isprintable() else " " for ch in value or "")
    return " ".join(printable.split())[:SEARCH_QUERY_MAX_CHARS]


SEARCH_SORTS = {"relevance": gettext_lazy("Best match"), "date": gettext_lazy("Newest")}


def result_cards(request, pages, ids):
    """{id: (title and dateline HTML, summary)} of the pages `ids` of `pages`, each remembered
    by this worker until the content changes, as a listing's fragments are: a page of results
    reads only the pages it has not shown before (one query for their rows, one per type, one
    for the articles' sources)."""
    host = request.get_host()
    cards = {pk: memo.peek(("search card", host, pk)) for pk in ids}
    missing = [pk for pk, card in cards.items() if card is None]
    if missing:
        found = list(pages.filter(pk__in=missing).specific().defer_streamfields())
        prefetch_related_objects([p for p in found if isinstance(p, NewsArticlePage)], "source")
        for page in found:
            cards[page.pk] = memo.get(
                ("search card", host, page.pk),
                lambda page=page: (
                    render_to_string(
                        "home/includes/search_result.html", {"result": page}, request=request
                    ),
                    page.search_description or getattr(page, "summary", ""),
                ),
            )
    return {pk: card for pk, card in cards.items() if card is not None}


def searchable_section(site):
    """Every live, public page of `site` in the active language (/zh/search/ finds the Chinese
    pages), as the engine's Scope of the tree, remembered by this worker until the content
    changes: building it reads the view restrictions."""
    language = translation.get_language() or ""
    return memo.get(
        ("search section", site.pk if site else None, language),
        lambda: search_engine.Scope.public(localized_root(site) if site is not None else None),
    )


@require_safe
def search(request):
    """Every live, public page of this site that matches `q`, best match first (or newest
    first with `sort=date`), ten a page, each with its matched words highlighted."""
    query = clean_query(request.GET.get("q"))
    sort = request.GET.get("sort")
    sort = sort if sort in SEARCH_SORTS else "relevance"
    results, result_items = None, []
    if query:
        section = searchable_section(Site.find_for_request(request))
        matches = search_engine.search(section, query, sort=sort)
        results = paginate(request, matches.ranked, SEARCH_RESULTS_PER_PAGE)
        ids = list(results.object_list)
        cards = result_cards(request, section.pages, ids)
        snippets = search_engine.snippets(ids, matches.words, matches.operator)
        result_items = [(*cards[pk], snippets.get(pk)) for pk in ids if pk in cards]
    params = {"q": query} if query else {}
    if query and sort != "relevance":
        params["sort"] = sort
    if results and results.number > 1:
        params["page"] = results.number
    canonical = absolute_url(request, reverse("search"))
    if params:
        canonical += "?" + urlencode(params)

    def link(**kept):  # as the template's urlencode filter writes them: spaces as %20
        return "?" + urlencode({"q": query, **kept}, quote_via=quote)

    return TemplateResponse(
        request,
        "home/search_results.html",
        {
            "search_query": query,
            "results": results,
            "result_items": result_items,
            "capped": results is not None and matches.capped,
            "sort": sort,
            "sorts": [
                (name, label, link(**({"sort": name} if name != "relevance" else {})))
                for name, label in SEARCH_SORTS.items()
            ],
            "page_link": link(**({"sort": sort} if sort != "relevance" else {})) + "&page=",
            "meta_title": (
                _("Search results for “%(search_query)s”") % {"search_query": query}
                if query
                else _("Search")
            ),
            "meta_description": _("Search the news, stamp issues and pages of the site."),
            "canonical_url": canonical,
            # Result pages are for readers, not for search engines' indexes.
            "meta_robots": "noindex, follow",
        },
    )


# The sitemaps.org limit per file; a larger site gets an index of numbered files.
SITEMAP_SECTION_SIZE = 50_000


def site_homes(site):
    """The site's home page and its translations, each with its language's URL prefix."""
    homes = Page.objects.filter(translation_key=site.root_page.translation_key).select_related(
        "locale"
    )
    return [(home, settings.LANGUAGE_URL_PREFIXES.get(home.locale.language_code)) for home in homes]


def _under(homes):
    condition = Q(pk__in=[])
    for home, _prefix in homes:
        condition |= Q(path__startswith=home.path)
    return condition


class PagesSitemap(Sitemap):
    """Every live, public page's own address with its date, one URL per page and language,
    read as plain values in path order: 100,000 pages cost one query per file, not a page
    object each. Each URL names its versions in every language (`xhtml:link` alternates, with
    x-default the English one), from one more query per file."""

    @property
    def limit(self):
        return getattr(settings, "SITEMAP_SECTION_SIZE", SITEMAP_SECTION_SIZE)

    def homes(self):
        if not hasattr(self, "_homes"):
            self._homes = site_homes(self.get_wagtail_site())
        return self._homes

    def pages(self):
        return Page.objects.filter(_under(self.homes())).live().public()

    def items(self):
        return (
            self.pages()
            .order_by("path")
            .values_list(
                "url_path", "last_published_at", "latest_revision_created_at", "translation_key"
            )
        )

    def get_latest_lastmod(self):
        # Django's default reads every item; the database finds the newest date by itself.
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def _location(self, url_path):
        site = self.get_wagtail_site()
        for home, prefix in self.homes():
            if url_path.startswith(home.url_path):
                # Page.url_path runs from the tree's root; /en/ or /zh/ stands for the home.
                return f"{site.root_url}/{prefix}/{url_path[len(home.url_path) :]}"
        return None

    def _urls(self, page, protocol, domain):
        rows = list(self.paginator.page(page).object_list)
        versions = {}
        for url_path, locale_code, key in (
            self.pages()
            .filter(translation_key__in={row[3] for row in rows})
            .order_by("locale__language_code")
            .values_list("url_path", "locale__language_code", "translation_key")
        ):
            versions.setdefault(key, []).append((HTML_LANG.get(locale_code, locale_code), url_path))
        urls = []
        for url_path, published, revised, key in rows:
            alternates = [
                {"lang_code": lang, "location": self._location(path)}
                for lang, path in versions.get(key, [])
            ]
            default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
            if len(alternates) > 1 and default:
                alternates.append({"lang_code": "x-default", "location": default[0]["location"]})
            urls.append(
                {
                    "location": self._location(url_path),
                    "lastmod": published or revised,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        dates = [url["lastmod"] for url in urls]
        if dates and None not in dates:
            self.latest_lastmod = max(dates)
        return urls


class ListingsSitemap(PagesSitemap):
    """The listings below the news indexes (each year's and each source's), one URL each."""

    def items(self):
        indexes = NewsIndexPage.objects.filter(_under(self.homes()))
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
        *(
            f"Disallow: /{prefix}/search/"
            for prefix in dict.fromkeys(settings.LANGUAGE_URL_PREFIXES.values())
        ),
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
