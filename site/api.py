"""The content API (Wagtail API v2): the same pages, images and documents that readers see."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    """Pages, with the related rows each item shows fetched in the listing's own query."""

    def get_queryset(self):
        queryset = super().get_queryset()
        # Without this every item costs a query for its locale and one per foreign key it shows.
        related = ["locale", *getattr(queryset.model, "api_select_related", ())]
        return queryset.select_related(*related)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
