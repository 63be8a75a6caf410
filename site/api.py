"""The content API (Wagtail API v2): the same pages, images and documents that readers see,
with news filters and with bad input answered by a 400 that names the parameter."""

import hashlib
import re

from rest_framework.response import Response

from django.db.models import Q, QuerySet
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from wagtail.api.v2 import filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.contrib.redirects.api.v2 import RedirectsAPIViewSet as WagtailRedirectsAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet as WagtailDocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from home.api_views import site_chrome_view
from news.api import RENDITION_WIDTHS
from news.api_filters import NewsDateFilter
from news.blocks import objects_for_streams
from news.models import NewsArticlePage
from news.pagination import count, window

from . import fastpath
from .api_changes import conditional, page_scope, page_types_scope
from .api_json import with_fast_json
from .api_preview import PreviewMixin
from .models import ContentChange

# The query parameters that change how an item is represented (not which items are listed).
ITEM_KEYS = ("type", "fields", "rich_text_format")
# The query parameters that choose neither which items are listed nor how many there are.
PRESENTATION_PARAMETERS = {"limit", "offset", "fields", "rich_text_format", "format"}
IMAGE_FILTERS = [f"width-{width}" for width in RENDITION_WIDTHS]
# Far beyond any real listing, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
MAX_SEARCH_LENGTH = 200


class Pagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing offsets a database cannot hold, and as fast
    at the end of 100,000 articles as at the start: the total comes from the cache while the
    content is unchanged, and an offset past the middle is read from the other end."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset: must be at most {MAX_OFFSET}")
        # Wagtail's own checks of offset and limit, on an empty slice; then ours.
        page = super().paginate_queryset(_Counted(queryset), request, view)
        self.total_count = count(queryset, getattr(view, "count_key", None))
        return window(queryset, page.start, page.stop, self.total_count)


class _Counted:
    """Stands in for the queryset in Wagtail's paginate_queryset: keeps its checks of offset
    and limit, skips its COUNT(*), and hands back the slice asked for."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return 0

    def __getitem__(self, key):
        return key


# The largest id any table here can hold on every database (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1


class IntegerBoundsFilter:
    """Refuses, with a 400 naming it, any parameter whose whole-number value no database
    column could hold (`source=99999999999999999999` would otherwise overflow SQLite's or
    PostgreSQL's integers and answer 500). First in the chain, so no filter sees one."""

    def filter_queryset(self, request, queryset, view):
        for name, values in request.GET.lists():
            for value in values:
                digits = value.removeprefix("-")
                if digits.isascii() and digits.isdigit() and abs(int(value)) > MAX_ID:
                    raise BadRequestError(f"{name}: must be a number from -{MAX_ID} to {MAX_ID}")
        return queryset


class LocaleFilter(filters.LocaleFilter):
    """Wagtail's `locale` filter, with an unknown language code a 400 that says so rather
    than a 404 for the whole listing."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except Http404:
            raise BadRequestError("locale: no content in this language code, e.g. en") from None


def id_in_range(pk):
    """Whether a detail URL's id could name a row; beyond that it is a plain 404."""
    return int(pk) <= MAX_ID


class SearchFilter(filters.SearchFilter):
    """Full-text search on the words of `search`; punctuation, which the SQLite and PostgreSQL
    query parsers would read as syntax, is dropped."""

    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator: expected 'and' or 'or'")
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if len(query) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search: at most {MAX_SEARCH_LENGTH} characters")
        words = " ".join(re.findall(r"\w+", query))
        if not words:
            return queryset.none()
        return get_search_backend().search(
            words, queryset, operator=operator, order_by_relevance="order" not in request.GET
        )


class PagesAPIViewSet(PreviewMixin, WagtailPagesAPIViewSet):
    """Pages, with news filters, newest articles first, related rows fetched in bulk, and
    cache validators from the change log."""

    pagination_class = Pagination
    renderer_classes = with_fast_json(WagtailPagesAPIViewSet.renderer_classes)
    filter_backends = [
        IntegerBoundsFilter,
        NewsDateFilter,
        *[
            LocaleFilter if f is filters.LocaleFilter else f
            for f in WagtailPagesAPIViewSet.filter_backends
            if f is not filters.SearchFilter
        ],
        # Last: search results cannot be filtered further.
        SearchFilter,
    ]
    known_query_parameters = WagtailPagesAPIViewSet.known_query_parameters.union(
        NewsDateFilter.query_parameters
    )

    def filter_queryset(self, queryset):
        # Wagtail's `site` (and other lookups) answer a whole listing 404 for an unknown value.
        try:
            return super().filter_queryset(queryset)
        except Http404 as exc:
            raise BadRequestError(f"a filter names nothing that exists: {exc}") from None

    def get_base_queryset(self):
        """Wagtail's `get_public_pages_queryset` (live pages of the request's site, outside
        sections this request may not see), with the view restrictions read once per content
        version instead of on every call; each is still checked against this request."""
        request = self.request
        restrictions = fastpath.memo.get(
            fastpath.token(request),
            ("view restrictions",),
            lambda: list(PageViewRestriction.objects.select_related("page")),
        )
        queryset = Page.objects.all().live()
        # Which sections this request may see is part of what names its rows (`count_key`).
        self.hidden_sections = []
        for restriction in restrictions:
            if not restriction.accept_request(request):
                queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
                self.hidden_sections.append(restriction.pk)
        try:
            site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
        except ValueError as e:
            raise BadRequestError(str(e)) from e
        except Http404:
            # Wagtail would answer an unknown `site` with a 404 for the whole listing.
            raise BadRequestError("site: no site with this host name") from None
        # This site has one language tree (WAGTAIL_I18N_ENABLED is off).
        return queryset.descendant_of(site.root_page, inclusive=True) if site else queryset.none()

    def get_queryset(self):
        queryset = super().get_queryset()
        # Without this every item costs a query for its locale and one per foreign key it shows.
        related = ["locale", *getattr(queryset.model, "api_select_related", ())]
        queryset = queryset.select_related(*related)
        if issubclass(queryset.model, NewsArticlePage):
            # Newest first, as on the site; `order=` still overrides it.
            queryset = queryset.order_by("-date", "-pk")
        return queryset

    def listing_view(self, request):
        try:
            models = (
                page_models_from_string(request.GET.get("type") or "")
                if "type" in request.GET
                else []
            )
        except (LookupError, ValueError):
            return super().listing_view(request)  # answers the 400
        return conditional(
            request,
            lambda: page_types_scope(models),
            "pages",
            self._listing,
            scope_id=tuple(sorted(model._meta.label for model in models)),
        )

    def detail_view(self, request, pk):
        if not id_in_range(pk):
            raise Http404
        return conditional(request, lambda: page_scope(pk), "page", self._detail, scope_id=int(pk))

    def get_serializer_context(self):
        # Page methods in the API (breadcrumbs, neighbours, related articles, the archive) are
        # remembered per content version: plain data, rebuilt after any change.
        context = super().get_serializer_context()
        request = self.request
        context["memo"] = lambda key, build: fastpath.memo.get(fastpath.token(request), key, build)
        return context

    # Wagtail's listing and detail views, with the images of every page's lead image and
    # StreamField blocks loaded for all pages together (`objects_for_streams`), not per page,
    # and each page's representation remembered per content version, as a template fragment
    # would be: a listing then costs its page query, not the serialization of 20 bodies.
    #
    # A listing or detail whose items are all remembered reads only their ids: which pages
    # this request may see, in order, is always asked of the database; what each looks like
    # comes from the memo, and only the pages missing from it are read whole.
    def _listing(self):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        self.resolve_rich_text_format()  # a bad value is a 400 even when every item is remembered
        queryset = self.filter_queryset(queryset)
        if not isinstance(queryset, QuerySet):  # search results: read and represented whole
            pages = list(self.paginate_queryset(queryset))
            return self.get_paginated_response(self._represent(pages, "listing"))
        self.count_key = self._count_key()
        ids = list(self.paginate_queryset(queryset.values_list("pk", flat=True)))
        return self.get_paginated_response(self._represent_ids(queryset, ids, "listing"))

    def _detail(self):
        self.resolve_rich_text_format()
        pk = int(self.kwargs["pk"])
        remembered = fastpath.api_items.peek(
            fastpath.token(self.request), self._item_key("detail", pk)
        )
        if remembered is not None:
            queryset = self.filter_queryset(self.get_queryset())
            if isinstance(queryset, QuerySet):  # search results go the way of a fresh item
                if not queryset.filter(pk=pk).exists():
                    raise Http404("No Page matches the given query.")
                return Response(remembered)
        return Response(self._represent([self.get_object()], "detail")[0])

    def _item_key(self, view, pk):
        """Everything the serializer's output for page `pk` depends on besides the page."""
        request = self.request
        params = (request.GET.get(p, "") for p in ITEM_KEYS)
        return ("api item", view, request.get_host(), *params, pk)

    def _count_key(self):
        """Names the rows of this listing for its cached count, from what chose them: the
        endpoint, the host (its site), every filter, and the sections this request may not
        see. Cheaper than the SQL, which costs a compilation to name them by."""
        request = self.request
        # By name; a repeated parameter's values keep their order (the last one counts).
        filters = sorted(
            (name, values)
            for name, values in request.GET.lists()
            if name not in PRESENTATION_PARAMETERS
        )
        named = repr((request.path, request.get_host(), filters, self.hidden_sections))
        return "api-count:" + hashlib.sha256(named.encode()).hexdigest()

    def _represent_ids(self, queryset, ids, view):
        token = fastpath.token(self.request)
        items = {pk: fastpath.api_items.peek(token, self._item_key(view, pk)) for pk in ids}
        missing = [pk for pk, item in items.items() if item is None]
        if missing:
            pages = list(queryset.filter(pk__in=missing))
            items.update(
                zip([page.pk for page in pages], self._represent(pages, view), strict=True)
            )
        # A page deleted between the two reads is left out, as it would be a moment later.
        return [items[pk] for pk in ids if items[pk] is not None]

    def _represent(self, pages, view):
        token = fastpath.token(self.request)
        keys = {page.pk: self._item_key(view, page.pk) for page in pages}
        items = {page.pk: fastpath.api_items.peek(token, keys[page.pk]) for page in pages}
        missing = [page for page in pages if items[page.pk] is None]
        if missing:
            with objects_for_streams(missing, IMAGE_FILTERS):
                fresh = self.get_serializer(missing, many=True).data
            for page, item in zip(missing, fresh, strict=True):
                items[page.pk] = fastpath.api_items.get(token, keys[page.pk], lambda i=item: i)
        return [items[page.pk] for page in pages]


def _media_endpoint(viewset, kind):
    """Wagtail's images, documents or redirects endpoint with bounded pagination,
    punctuation-proof search, and cache validators from the change log."""
    backends = [
        IntegerBoundsFilter,
        *(SearchFilter if f is filters.SearchFilter else f for f in viewset.filter_backends),
    ]

    def listing_view(self, request):
        return conditional(
            request,
            Q(kind=kind),
            kind,
            lambda: viewset.listing_view(self, request),
            scope_id="all",
        )

    def detail_view(self, request, pk):
        if not id_in_range(pk):
            raise Http404
        return conditional(
            request,
            Q(kind=kind, object_id=pk),
            kind,
            lambda: viewset.detail_view(self, request, pk),
            scope_id=int(pk),
        )

    def find_object(self, queryset, request):
        if "id" in request.GET:
            value = request.GET["id"]
            if not (value.isascii() and value.isdigit()):
                raise BadRequestError("id: expected a whole number")
            if not id_in_range(value):
                return None
        return viewset.find_object(self, queryset, request)

    return type(
        viewset.__name__,
        (viewset,),
        {
            "pagination_class": Pagination,
            "renderer_classes": with_fast_json(viewset.renderer_classes),
            "filter_backends": backends,
            "listing_view": listing_view,
            "detail_view": detail_view,
            "find_object": find_object,
        },
    )


@csrf_exempt  # read-only: so any other method gets require_safe's 405, not a CSRF 403
@require_safe
def site_view(request):
    """`/api/v2/site/` with validators that move only when the chrome changes."""
    return conditional(
        request,
        Q(kind=ContentChange.SITE),
        "site",
        lambda: site_chrome_view(request),
        scope_id="site",
    )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint(
    "images", _media_endpoint(WagtailImagesAPIViewSet, ContentChange.IMAGE)
)
api_router.register_endpoint(
    "documents", _media_endpoint(WagtailDocumentsAPIViewSet, ContentChange.DOCUMENT)
)
api_router.register_endpoint(
    "redirects", _media_endpoint(WagtailRedirectsAPIViewSet, ContentChange.REDIRECT)
)


def not_found_view(request, path=""):
    """Any other address under /api/v2/: a JSON 404 like the endpoints' own, not an HTML page."""
    return JsonResponse({"message": "not found: no such API endpoint"}, status=404)
