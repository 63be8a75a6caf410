from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as reader_views

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("search/", reader_views.search, name="search"),
    path("sitemap.xml", reader_views.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", reader_views.sitemap_section, name="sitemap-section"),
    path("robots.txt", reader_views.robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    # Images and renditions must show under gunicorn with DEBUG off, not only under runserver;
    # Django's static view refuses paths outside MEDIA_ROOT.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# Wagtail's page routing catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
