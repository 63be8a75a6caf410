"""The API's router: Wagtail's v2 router, with the layer's own views mounted beside the
endpoints (the change feed, the OpenAPI document and its reference page), views a site adds
(`register_view`), component schemas they refer to (`register_schema`), and a JSON 404 for any
other address under the mount.

    api_router = HeadlessAPIRouter()
    api_router.register_endpoint("pages", PagesAPIViewSet)
    api_router.register_media_endpoints()
    urlpatterns = [path("api/v2/", include(api_router.get_headless_urlpatterns()))]
"""

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.contrib.redirects.api.v2 import RedirectsAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .changes import changes_view
from .conf import headless_settings
from .images import ROUTE as IMAGE_RENDER_ROUTE
from .images import URL_NAME as IMAGE_RENDER_NAME
from .images import render_view
from .models import ContentChange
from .openapi.document import build_document
from .openapi.parts import param
from .preview import preview_openapi_paths
from .viewsets import media_endpoint


class HeadlessAPIRouter(WagtailAPIRouter):
    def __init__(self, url_namespace="wagtailapi"):
        super().__init__(url_namespace)
        # (route under the mount, view, URL name), in the order they are matched.
        self.views = []
        self.schemas = {}
        self._documents = {}

    @property
    def endpoints(self):
        return dict(self._endpoints)

    def register_view(self, route, view, name, openapi_paths=None):
        """A view at `route` under the mount; `openapi_paths(schemas, prefix)` (or the view's
        own attribute of that name) gives its OpenAPI operations."""
        if openapi_paths is not None:
            view.openapi_paths = openapi_paths
        self.views.append((route, view, name))

    def register_schema(self, name, schema):
        """A component schema that endpoints' fields refer to by `$ref`."""
        self.schemas[name] = schema

    def register_media_endpoints(self):
        """Images, documents and redirects, each with the layer's validators and limits."""
        id_param = {"Image": "Image id.", "Document": "Document id."}
        for name, viewset, kind, schema, summaries in [
            ("images", ImagesAPIViewSet, ContentChange.IMAGE, "Image",
             ("Images.", "One image.", "Find an image.")),
            ("documents", DocumentsAPIViewSet, ContentChange.DOCUMENT, "Document",
             ("Documents.", "One document.", "Find a document.")),
            ("redirects", RedirectsAPIViewSet, ContentChange.REDIRECT, "Redirect",
             ("Redirects from old addresses.", "One redirect.",
              "Find where an old address redirects to.")),
        ]:  # fmt: skip
            if schema in id_param:
                find = [param("id", id_param[schema], {"type": "integer"})]
            else:
                find = [
                    param("html_path", "The old path, e.g. /old-news/."),
                    param("id", "Redirect id.", {"type": "integer"}),
                ]
            self.register_endpoint(name, media_endpoint(viewset, kind, (schema, *summaries, find)))

    def all_views(self):
        """The site's views, then the layer's own: the change feed, the OpenAPI document, its
        reference page, images on request when there is an images endpoint and, when the
        pages endpoint has one, the draft preview."""
        views = [
            *self.views,
            ("changes/", changes_view, "api-changes"),
            ("openapi.json", self._openapi_view, "api-openapi"),
            ("docs/", docs_view, "api-docs"),
            ("docs/redoc.js", redoc_script_view, "api-docs-script"),
        ]
        if "images" in self._endpoints:
            views.append((IMAGE_RENDER_ROUTE, render_view, IMAGE_RENDER_NAME))
        pages = self._endpoints.get("pages")
        if pages is not None and hasattr(pages, "preview_view"):
            preview = self.wrap_view(pages.as_view({"get": "preview_view"}))
            preview.openapi_paths = preview_openapi_paths
            views.append(("preview/", preview, "api-preview"))
        return views

    def get_headless_urlpatterns(self):
        """Everything under the mount: the views, then the endpoints, then a JSON 404."""
        return [
            *(path(route, view, name=name) for route, view, name in self.all_views()),
            path("", self.urls),
            re_path(r"^(?P<path>[\s\S]*)$", not_found_view),
        ]

    def openapi_document(self, prefix):
        """The document for this router mounted at `prefix`: it depends only on the code and
        the mount, so it is built once per process and prefix."""
        if prefix not in self._documents:
            self._documents[prefix] = build_document(self, prefix)
        return self._documents[prefix]

    @property
    def _openapi_view(self):
        router = self

        @require_safe
        def openapi_view(request):
            prefix = request.path.removesuffix("openapi.json")
            document = router.openapi_document(prefix)
            response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
            patch_cache_control(response, public=True, max_age=300)
            return response

        return openapi_view


@require_safe
def docs_view(request):
    """A readable API reference (Redoc), with its script served from this site, no CDN."""
    return TemplateResponse(
        request,
        "headless/api_docs.html",
        {"spec_url": reverse("api-openapi"), "title": headless_settings.OPENAPI_INFO["title"]},
    )


# Redoc's bundle shows Redocly's logo from their CDN, which no page of this site may load (its
# Content-Security-Policy allows only its own images): served with the logo drawn in place.
REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
BLANK_LOGO = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@lru_cache(maxsize=1)
def _redoc_script():
    with open(finders.find(REDOC_BUNDLE), "rb") as bundle:
        return bundle.read().replace(REDOC_LOGO.encode(), BLANK_LOGO.encode())


@require_safe
def redoc_script_view(request):
    response = HttpResponse(_redoc_script(), content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response


@csrf_exempt
def not_found_view(request, path=""):
    """Any other address under the mount: a JSON 404 like the endpoints' own, not HTML."""
    return JsonResponse({"message": "not found: no such API endpoint"}, status=404)
