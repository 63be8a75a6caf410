from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from headless import routing
from home import views as reader_views

from .api import api_router
from .i18n import i18n_patterns
from .media import serve_media


def healthz(request):
    """A minimal view through the whole middleware stack: for load balancers, and the
    benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain")


# A 503 with Retry-After while the database is unreachable, the 500 page otherwise.
handler500 = "postal_site.errors.server_error"
# noindex, and no canonical URL or og:url naming the missing address.
handler404 = "postal_site.errors.page_not_found"

urlpatterns = [
    path("healthz", healthz),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The content API: its endpoints, change feed, OpenAPI document, reference and previews;
    # anything else under it answers as the API does (JSON), not with the site's 404 page.
    path("api/v2/", include(api_router.get_headless_urlpatterns())),
    path("sitemap.xml", reader_views.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", reader_views.sitemap_section, name="sitemap-section"),
    path("robots.txt", reader_views.robots_txt, name="robots_txt"),
    path("manifest.webmanifest", reader_views.web_manifest, name="web_manifest"),
    path("favicon.ico", reader_views.favicon_ico, name="favicon_ico"),
]

if settings.SERVE_MEDIA:
    # Images and renditions must show under gunicorn with DEBUG off, not only under runserver;
    # only images everyone may see are served by path, never documents (site/media.py).
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}/(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

if settings.API_V3_ENABLED:
    # Imported only when on: importing it builds the django-ninja API and its routers.
    from wagtail.api.v3.urls import api as api_v3

    from . import api_v3 as api_v3_views

    urlpatterns += [
        path("api/v3/pages/find/", api_v3_views.find_page),
        path("api/v3/", api_v3.urls),
    ]

# Wagtail's page routing catches everything else, so it comes last: its own views, with page
# serving through the remembered routing of `headless.routing.serve` (same URL name, hooks).
# Readers' pages and the search are under a language prefix, /en/ or /zh/ (postal_site.i18n).
urlpatterns += [*wagtail_urls.urlpatterns[:-1]]
urlpatterns += i18n_patterns(
    path("search/", reader_views.search, name="search"),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
)
