from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as reader_views

from . import fastpath
from .api import PagesAPIViewSet, api_router, not_found_view, site_view
from .api_changes import changes_view
from .media import serve_media
from .openapi import docs_view, openapi_view


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
    path("api/v2/site/", site_view, name="api-site"),
    path("api/v2/changes/", changes_view, name="api-changes"),
    path("api/v2/openapi.json", openapi_view, name="api-openapi"),
    path("api/v2/docs/", docs_view, name="api-docs"),
    path(
        "api/v2/preview/",
        api_router.wrap_view(PagesAPIViewSet.as_view({"get": "preview_view"})),
        name="api-preview",
    ),
    path("api/v2/", api_router.urls),
    # Anything else under the API answers as the API does (JSON), not with the site's 404 page.
    re_path(r"^api/v2/(?P<path>[\s\S]*)$", not_found_view),
    path("search/", reader_views.search, name="search"),
    path("sitemap.xml", reader_views.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", reader_views.sitemap_section, name="sitemap-section"),
    path("robots.txt", reader_views.robots_txt, name="robots_txt"),
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

    urlpatterns += [path("api/v3/", api_v3.urls)]

# Wagtail's page routing catches everything else, so it comes last: its own views, with page
# serving through the remembered routing of `fastpath.serve` (same URL name, same hooks).
urlpatterns += [
    *wagtail_urls.urlpatterns[:-1],
    re_path(wagtail_urls.serve_pattern, fastpath.serve, name="wagtail_serve"),
]
