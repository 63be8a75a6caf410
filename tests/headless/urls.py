"""How another Wagtail site mounts the headless layer: its router, and page serving through
the layer's remembered routing."""

from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls

from headless import routing
from headless.router import HeadlessAPIRouter
from headless.viewsets import PagesAPIViewSet

api_router = HeadlessAPIRouter()
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_media_endpoints()

urlpatterns = [
    path("api/v2/", include(api_router.get_headless_urlpatterns())),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]
