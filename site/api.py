"""The site's content API: the headless layer's router with this site's endpoints.

Pages, images, documents and redirects come from the layer (`headless`); the site chrome's
endpoint and the schemas its fields refer to come from `home`; news filters are added to the
pages endpoint by the `HEADLESS` setting (`PAGE_FILTERS`)."""

from headless.router import HeadlessAPIRouter
from headless.viewsets import PagesAPIViewSet
from home.api import SITEMAP_NODE_SCHEMA
from home.api_views import site_view

api_router = HeadlessAPIRouter("wagtailapi")
api_router.register_view("site/", site_view, "api-site")
api_router.register_schema("SitemapNode", SITEMAP_NODE_SCHEMA)
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_media_endpoints()


def openapi_document():
    """The API's OpenAPI document as served at /api/v2/openapi.json."""
    return api_router.openapi_document("/api/v2/")
