"""The API's endpoints: Wagtail's v2 viewsets for pages, images, documents and redirects,
with cache validators from the change log, representations remembered per content version,
bounded pagination, punctuation-proof search, and their own OpenAPI operations."""

import hashlib

from rest_framework.fields import Field
from rest_framework.response import Response

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.module_loading import import_string

from taggit.managers import _TaggableManager
from wagtail.api.v2 import filters
from wagtail.api.v2.serializers import TagsField
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from . import cache_tags, redirects
from .conditional import conditional, is_conditional, page_scope, page_types_scope
from .conf import headless_settings, stream_loader
from .filters import (
    PAGE_FILTER_PARAMETERS,
    LocaleFilter,
    ParameterTypesFilter,
    SearchFilter,
    id_in_range,
    whole_number,
)
from .memo import api_items, memo
from .models import ContentChange
from .openapi import parts
from .pagination import Pagination
from .preview import PreviewMixin
from .renderers import with_fast_json
from .routing import route_for_request
from .wagtail_patches import all_restrictions

# The query parameters that change how an item is represented (not which items are listed).
ITEM_KEYS = ("type", "fields", "rich_text_format")
# The query parameters that choose neither which items are listed nor how many there are.
PRESENTATION_PARAMETERS = {"limit", "offset", "fields", "rich_text_format", "format"}
# With none but these, a search's pages are the site's trees in one language or all.
SEARCH_SECTION_PARAMETERS = {
    *PRESENTATION_PARAMETERS,
    "search",
    "search_operator",
    "search_sort",
    "locale",
    "site",
}


def site_page_filters():
    """The filter backends the site adds to the pages endpoint (`PAGE_FILTERS`)."""
    return [import_string(path) for path in headless_settings.PAGE_FILTERS]


def page_at_path(request, path):
    """The page a reader's address shows, in whichever language's tree its URL names (a
    language-prefixed address, e.g. /zh/news/), through the site's own URL conf and the
    remembered routing; None if no language's page pattern takes it (Wagtail's own `find`
    then routes the bare path in the default tree, so addresses from before the language
    prefixes are still found)."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                match = resolve(path)
            except Resolver404:
                continue
            # Only an address under this language's own prefix (i18n_patterns), e.g. /zh/…
            prefix = match.route.split("/", 1)[0]
            prefixed = prefix and not prefix.startswith("^") and path.startswith(f"/{prefix}/")
            if match.url_name != "wagtail_serve" or not prefixed:
                continue
            page_path = match.kwargs.get("path", match.args[0] if match.args else "")
            route = route_for_request(request, page_path)
            return route[0] if route else None
    return None


def load_translations(request, pages):
    """{translation_key: [(id, language code)]} of the live, public versions of `pages` in
    every language, from one query for any number of pages (a listing's items together)."""
    keys = {page.translation_key for page in pages}
    found = {key: [] for key in keys}
    rows = (
        Page.objects.filter(translation_key__in=keys)
        .live()
        .public()
        .order_by("locale__language_code", "pk")
        .values_list("pk", "locale__language_code", "translation_key")
    )
    for pk, code, key in rows:
        found[key].append((pk, code))
    return found


def _language_of(obj):
    """A page's language code; None (the active language) for anything else."""
    locale = getattr(obj, "locale", None) if isinstance(obj, Page) else None
    return locale.language_code if locale is not None else translation.get_language()


class PageTranslationsField(Field):
    """`meta.translations`: the page's versions in the other languages, each as its id, its
    language code and its detail URL, so an app can offer the reader's language."""

    api_schema = {
        "type": "array",
        "description": "The page in the other languages (none while it is untranslated).",
        "items": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "locale": {"type": "string", "description": "Language code, e.g. zh-hans."},
                "detail_url": {"type": "string"},
            },
            "required": ["id", "locale", "detail_url"],
        },
    }

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context["request"]
        loaded = getattr(request, "_page_translations", {})
        if page.translation_key not in loaded:
            loaded = {**loaded, **load_translations(request, [page])}
            request._page_translations = loaded
        router = self.context.get("router") or request.wagtailapi_router
        return [
            {
                "id": pk,
                "locale": code,
                "detail_url": get_object_detail_url(router, request, Page, pk),
            }
            for pk, code in loaded[page.translation_key]
            if pk != page.pk
        ]


class PagesAPIViewSet(PreviewMixin, WagtailPagesAPIViewSet):
    """Pages, with the site's filters, each type in its own default order (`api_default_order`),
    related rows fetched in bulk, and cache validators from the change log. Each page names
    its versions in the other languages (`meta.translations`, loaded for a listing at once)."""

    base_serializer_class = type(
        "PageSerializer",
        (WagtailPagesAPIViewSet.base_serializer_class,),
        {"translations": PageTranslationsField(read_only=True)},
    )
    meta_fields = [*WagtailPagesAPIViewSet.meta_fields, "translations"]
    listing_default_fields = [*WagtailPagesAPIViewSet.listing_default_fields, "translations"]
    pagination_class = Pagination
    renderer_classes = with_fast_json(WagtailPagesAPIViewSet.renderer_classes)
    # (path, locale id) of each language's tree of the request's site, set by
    # get_base_queryset; none when the site is unknown.
    _site_trees = ()
    filter_backends = [
        ParameterTypesFilter,
        *site_page_filters(),
        *[
            LocaleFilter if f is filters.LocaleFilter else f
            for f in WagtailPagesAPIViewSet.filter_backends
            if f is not filters.SearchFilter
        ],
        # Last: search results cannot be filtered further.
        SearchFilter,
    ]
    known_query_parameters = WagtailPagesAPIViewSet.known_query_parameters.union(
        {"search_sort"}, *(getattr(f, "query_parameters", ()) for f in site_page_filters())
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
        queryset = Page.objects.all().live()
        for restriction in self._hidden_sections():
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
        try:
            site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
        except ValueError as e:
            raise BadRequestError(str(e)) from e
        except Http404:
            # Wagtail would answer an unknown `site` with a 404 for the whole listing.
            raise BadRequestError("site: no site with this host name") from None
        if site is None:
            return queryset.none()
        # Every language's tree of the site: its root page and the root's translations
        # (Wagtail's i18n), with their languages, remembered per content version.
        self._site_trees = memo.get(
            ("site trees", site.pk),
            lambda: list(
                Page.objects.filter(translation_key=site.root_page.translation_key)
                .order_by("path")
                .values_list("path", "locale_id")
            ),
        )
        within = Q(pk__in=[])
        for path, _ in self._site_trees:
            within |= Q(path__startswith=path)
        return queryset.filter(within)

    def search_sections(self):
        """The pages of a search with no parameter but the site, the language and the
        search's own, as (roots, hidden) tree paths for headless.search's `Scope.tree`: the
        trees of the site in the listed language, less the sections this request may not
        see. The same pages as the listing's queryset: Wagtail keeps each page in the
        language of its tree. None when other parameters choose the pages."""
        request = self.request
        if not set(request.GET) <= SEARCH_SECTION_PARAMETERS:  # e.g. type, child_of
            return None
        language = LocaleFilter.listed_locale(request)
        roots = [
            path for path, locale in self._site_trees if language is None or locale == language
        ]
        return roots, [restriction.page.path for restriction in self._hidden_sections()]

    def get_queryset(self):
        queryset = super().get_queryset()
        # Without this every item costs a query for its locale and one per foreign key it shows.
        related = ["locale", *getattr(queryset.model, "api_select_related", ())]
        queryset = queryset.select_related(*related)
        # A type's own order, e.g. newest articles first as on the site; `order=` overrides it.
        order = getattr(queryset.model, "api_default_order", None)
        return queryset.order_by(*order) if order else queryset

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
            tags=lambda: cache_tags.page_types(models),
        )

    def find_object(self, queryset, request):
        if "id" in request.GET:
            whole_number("id", request.GET["id"])
        if "html_path" in request.GET:
            found = page_at_path(request, request.GET["html_path"])
            if found is not None:
                return found if queryset.filter(pk=found.pk).exists() else None
        return super().find_object(queryset, request)

    def detail_view(self, request, pk):
        if not id_in_range(pk):
            raise Http404
        # A 304 only for a page this request may see (`If-None-Match: *` would match any).
        if is_conditional(request) and not self.get_queryset().filter(pk=pk).exists():
            raise Http404("No Page matches the given query.")
        return conditional(
            request,
            lambda: page_scope(pk),
            "page",
            self._detail,
            scope_id=int(pk),
            tags=lambda: cache_tags.page(pk),
        )

    def get_serializer_context(self):
        # Page methods in the API (breadcrumbs, neighbours, related articles, the archive) are
        # remembered per content version: plain data, rebuilt after any change.
        context = super().get_serializer_context()
        context["memo"] = memo.get
        return context

    # Wagtail's listing and detail views, with the images of every page's lead image and
    # StreamField blocks loaded for all pages together (`STREAM_LOADER`), not per page,
    # and each page's representation remembered per content version, as a template fragment
    # would be: a listing then costs neither the serialization of 20 bodies nor a query.
    #
    # Which ids a listing holds, in order, and whether a detail's page is among those this
    # request may see, are remembered per content version too, under everything that chose
    # them (`_rows_key`: parameters, host, the sections this request may not see): building
    # a page queryset costs more than the query it sends. Only the pages missing from the
    # item memo are read whole. A request refused with a 400 left nothing under its key, so
    # it is refused again. Search results are looked up afresh (the engine bounds their cost),
    # and only their pages missing from the item memo are read.
    def _listing(self):
        self.resolve_rich_text_format()  # a bad value is a 400 even when every item is remembered
        key = self._rows_key("listing")
        found = memo.peek(key)
        if found is None:
            queryset = self.get_queryset()
            self.check_query_parameters(queryset)
            queryset = self.filter_queryset(queryset)
            if hasattr(queryset, "ranked"):  # headless.search's results: their ids in order
                ids = list(self.paginate_queryset(queryset.ranked))
                return self.get_paginated_response(
                    self._represent_ids(lambda: queryset.load, ids, "listing")
                )
            if not isinstance(queryset, QuerySet):  # Wagtail's search results: read whole
                pages = list(self.paginate_queryset(queryset))
                return self.get_paginated_response(self._represent(pages, "listing"))
            self.count_key = self._count_key()
            ids = list(self.paginate_queryset(queryset.values_list("pk", flat=True)))
            memo.put(key, (ids, self.paginator.total_count))
            rows = lambda: queryset  # noqa: E731
        else:
            ids, self.paginator.total_count = found
            rows = lambda: self.filter_queryset(self.get_queryset())  # noqa: E731
        return self.get_paginated_response(self._represent_ids(rows, ids, "listing"))

    def _detail(self):
        self.resolve_rich_text_format()
        pk = int(self.kwargs["pk"])
        remembered = api_items.peek(self._item_key("detail", pk))
        visible = self._rows_key("visible", pk)
        if remembered is not None and memo.peek(visible):
            return Response(remembered)
        page = self.get_object()  # a 404 unless this request may see the page
        if "search" not in self.request.GET:  # search results are looked up afresh
            memo.put(visible, True)
        if remembered is not None:
            return Response(remembered)
        return Response(self._represent([page], "detail")[0])

    def _hidden_sections(self):
        """The view restrictions this request does not pass: their sections are left out."""
        hidden = self.__dict__.get("_hidden")
        if hidden is None:
            request = self.request
            hidden = self._hidden = [r for r in all_restrictions() if not r.accept_request(request)]
        return hidden

    def _rows_key(self, view, *parts):
        """Everything that chooses the rows of this request: the endpoint, the host (its site),
        every parameter, and the sections this request may not see."""
        request = self.request
        params = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
        hidden = tuple(r.pk for r in self._hidden_sections())
        return ("api rows", view, request.path, request.get_host(), params, hidden, *parts)

    def _item_key(self, view, pk):
        """Everything the serializer's output for page `pk` depends on besides the page."""
        # The same for every item of this request: worked out once (a listing asks per item).
        prefix = self.__dict__.get("_item_key_prefix")
        if prefix is None or prefix[1] != view:
            request = self.request
            params = tuple(request.GET.get(p, "") for p in ITEM_KEYS)
            prefix = self._item_key_prefix = ("api item", view, request.get_host(), *params)
        return (*prefix, pk)

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
        hidden = [restriction.pk for restriction in self._hidden_sections()]
        named = repr((request.path, request.get_host(), filters, hidden))
        return "api-count:" + hashlib.sha256(named.encode()).hexdigest()

    def _represent_ids(self, rows, ids, view):
        """The items of `ids`, remembered or read through `rows()` (their queryset)."""
        items = {pk: api_items.peek(self._item_key(view, pk)) for pk in ids}
        missing = [pk for pk, item in items.items() if item is None]
        if missing:
            pages = list(rows().filter(pk__in=missing))
            items.update(
                zip([page.pk for page in pages], self._represent(pages, view), strict=True)
            )
        # A page deleted between the two reads is left out, as it would be a moment later.
        return [items[pk] for pk in ids if items[pk] is not None]

    def _represent(self, pages, view):
        keys = {page.pk: self._item_key(view, page.pk) for page in pages}
        items = {page.pk: api_items.peek(keys[page.pk]) for page in pages}
        missing = [page for page in pages if items[page.pk] is None]
        if missing:
            if issubclass(self.model, Page):
                self.request._page_translations = load_translations(self.request, missing)
            # Each page in its own language: the words a representation takes from the
            # site's translations (a stamp issue's fact labels, "yuan") are its page's.
            by_language = {}
            for page in missing:
                by_language.setdefault(_language_of(page), []).append(page)
            with stream_loader(missing, api=True):
                for language, group in by_language.items():
                    with translation.override(language):
                        fresh = self.get_serializer(group, many=True).data
                    for page, item in zip(group, fresh, strict=True):
                        items[page.pk] = api_items.get(keys[page.pk], lambda i=item: i)
        return [items[page.pk] for page in pages]

    @classmethod
    def openapi_paths(cls, schemas, prefix):
        any_page = schemas.any_page()
        filter_parameters = [
            *PAGE_FILTER_PARAMETERS,
            *(p for f in site_page_filters() for p in getattr(f, "openapi_parameters", ())),
        ]
        item = [parts.FIELDS, parts.RICH_TEXT_FORMAT]
        return {
            f"{prefix}": parts.operation(
                "Live, public pages; with type=, that type's fields.",
                [
                    *parts.LISTING,
                    parts.SEARCH_SORT,
                    parts.RICH_TEXT_FORMAT,
                    *filter_parameters,
                    *parts.CONDITIONAL_HEADERS,
                ],
                parts.responses(parts.listing(any_page)),
            ),
            f"{prefix}{{id}}/": parts.operation(
                "One page with all its fields.",
                [parts.PATH_ID, *item, *parts.CONDITIONAL_HEADERS],
                parts.responses(any_page, not_found=True),
            ),
            f"{prefix}find/": parts.operation(
                "Find a page by its path on the site.",
                [parts.param("html_path", "The page's path on the site, e.g. /contact-us/.")],
                parts.REDIRECT_RESPONSES,
            ),
        }


class MediaEndpoint:
    """Mixed in before Wagtail's images, documents or redirects viewset: bounded pagination,
    typed parameters, punctuation-proof search, cache validators from the change log, and
    its own OpenAPI operations. `media_endpoint` builds the classes."""

    change_kind = None
    # (schema name, listing summary, detail summary, find summary, find parameters)
    openapi = None
    pagination_class = Pagination

    def listing_view(self, request):
        listing = super().listing_view
        return conditional(
            request,
            Q(kind=self.change_kind),
            self.change_kind,
            lambda: listing(request),
            scope_id="all",
            tags=cache_tags.kind(self.change_kind),
        )

    def detail_view(self, request, pk):
        if not id_in_range(pk):
            raise Http404
        # A 304 only for an object this request may see (`If-None-Match: *` matches any).
        if is_conditional(request) and not self.get_queryset().filter(pk=pk).exists():
            raise Http404(f"No {self.model._meta.verbose_name} matches the given query.")
        detail = super().detail_view
        return conditional(
            request,
            Q(kind=self.change_kind, object_id=pk),
            self.change_kind,
            lambda: detail(request, pk),
            scope_id=int(pk),
            tags=cache_tags.kind(self.change_kind, int(pk)),
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.change_kind == ContentChange.REDIRECT:
            return redirects.visible(queryset)
        if isinstance(getattr(self.model, "tags", None), _TaggableManager):
            return queryset.prefetch_related("tags")  # one query for a page of items
        return queryset

    def find_object(self, queryset, request):
        if "id" in request.GET:
            whole_number("id", request.GET["id"])
        found = super().find_object(queryset, request)
        hidden = found is not None and self.change_kind == ContentChange.REDIRECT
        if hidden and not redirects.is_visible(found):
            raise Http404
        return found

    @classmethod
    def openapi_paths(cls, schemas, prefix):
        schema_name, listing_summary, detail_summary, find_summary, find_parameters = cls.openapi
        item = parts.ref(schema_name)
        return {
            f"{prefix}": parts.operation(
                listing_summary,
                [*parts.LISTING, *parts.CONDITIONAL_HEADERS],
                parts.responses(parts.listing(item)),
            ),
            f"{prefix}{{id}}/": parts.operation(
                detail_summary,
                [parts.PATH_ID, *parts.CONDITIONAL_HEADERS],
                parts.responses(item, not_found=True),
            ),
            f"{prefix}find/": parts.operation(
                find_summary, find_parameters, parts.REDIRECT_RESPONSES
            ),
        }


class PrefetchedTagsField(TagsField):
    """Wagtail's tags field, from the tags prefetched for the whole page of items: Wagtail's
    own asks the database once per item."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedTags:
    """Mixed in before a media serializer: its tags field reads the prefetched tags."""

    def build_property_field(self, field_name, model_class):
        if isinstance(getattr(model_class, field_name), _TaggableManager):
            return PrefetchedTagsField, {}
        return super().build_property_field(field_name, model_class)


def media_endpoint(viewset, kind, openapi):
    """Wagtail's `viewset` (images, documents or redirects) as an endpoint of this layer."""
    backends = [
        ParameterTypesFilter,
        *(SearchFilter if f is filters.SearchFilter else f for f in viewset.filter_backends),
    ]
    attributes = {
        "change_kind": kind,
        "openapi": openapi,
        "renderer_classes": with_fast_json(viewset.renderer_classes),
        "filter_backends": backends,
        "base_serializer_class": type(
            viewset.base_serializer_class.__name__,
            (PrefetchedTags, viewset.base_serializer_class),
            {},
        ),
    }
    return type(viewset.__name__, (MediaEndpoint, viewset), attributes)
