"""The content API (Wagtail API v2): the same pages, images and documents that readers see,
with news filters and with bad input answered by a 400 that names the parameter."""

import re

from wagtail.api.v2 import filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.search.backends import get_search_backend

from news.api_filters import NewsDateFilter
from news.models import NewsArticlePage

# Far beyond any real listing, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
MAX_SEARCH_LENGTH = 200


class Pagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing offsets a database cannot hold."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset: must be at most {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class SearchFilter(filters.SearchFilter):
    """Full-text search on the words of `search`; punctuation, which the SQLite and PostgreSQL
    query parsers would read as syntax, is dropped."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if len(query) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search: at most {MAX_SEARCH_LENGTH} characters")
        words = " ".join(re.findall(r"\w+", query))
        if not words:
            return queryset.none()
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator: expected 'and' or 'or'")
        return get_search_backend().search(
            words, queryset, operator=operator, order_by_relevance="order" not in request.GET
        )


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    """Pages, with news filters, newest articles first, and related rows fetched in bulk."""

    pagination_class = Pagination
    filter_backends = [
        NewsDateFilter,
        *[f for f in WagtailPagesAPIViewSet.filter_backends if f is not filters.SearchFilter],
        # Last: search results cannot be filtered further.
        SearchFilter,
    ]
    known_query_parameters = WagtailPagesAPIViewSet.known_query_parameters.union(
        NewsDateFilter.query_parameters
    )

    def get_queryset(self):
        queryset = super().get_queryset()
        # Without this every item costs a query for its locale and one per foreign key it shows.
        related = ["locale", *getattr(queryset.model, "api_select_related", ())]
        queryset = queryset.select_related(*related)
        if issubclass(queryset.model, NewsArticlePage):
            # Newest first, as on the site; `order=` still overrides it.
            queryset = queryset.order_by("-date", "-pk")
        return queryset


def _with_safe_input(viewset):
    """The same endpoint with the bounded pagination and the punctuation-proof search."""
    backends = [SearchFilter if f is filters.SearchFilter else f for f in viewset.filter_backends]
    return type(
        viewset.__name__,
        (viewset,),
        {"pagination_class": Pagination, "filter_backends": backends},
    )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", _with_safe_input(WagtailImagesAPIViewSet))
api_router.register_endpoint("documents", _with_safe_input(WagtailDocumentsAPIViewSet))
