"""How news content looks to apps: images and documents as self-contained objects, not bare ids."""

from urllib.parse import urljoin

from rest_framework.fields import Field

from django.conf import settings
from django.utils.module_loading import import_string

from .streams import objects_for_streams, pooled

# Widths an app can pick from for `srcset`; the article template uses the same ones.
RENDITION_WIDTHS = (480, 800, 1200)
RENDITION_FILTERS = [f"width-{width}" for width in RENDITION_WIDTHS]


def load_streams(pages, api=False):
    """The stream pool for `pages` (`news.streams`); for the API, with the renditions its
    images list. A host names this as its headless layer's `STREAM_LOADER`."""
    return objects_for_streams(pages, RENDITION_FILTERS if api else ())


# JSON Schemas of the shapes below, for the API's OpenAPI document.
RENDITION_SCHEMA = {
    "type": "object",
    "properties": {
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "url": {"type": "string"},
    },
    "required": ["width", "height", "url"],
}
IMAGE_SCHEMA = {
    "type": ["object", "null"],
    "description": "An image with alt text, size and renditions at a few widths (for srcset).",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "alt": {"type": "string", "description": "Empty for a decorative image."},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "renditions": {"type": "array", "items": RENDITION_SCHEMA},
        "srcset": {
            "type": "string",
            "description": "The renditions as an HTML `srcset` value: `<url> 480w, ...`.",
        },
        "url_template": {
            "type": ["string", "null"],
            "description": "The image at other sizes, where the host serves images on request "
            "(`NEWS_IMAGE_URL_TEMPLATE`): fill `{width}`, `{height}` (0 keeps the proportions, "
            "any other crops around the focal point), `{format}` and `{quality}` with the "
            "values its render operation lists. Null otherwise.",
        },
    },
    "required": ["id", "title", "alt", "width", "height", "renditions", "srcset", "url_template"],
}
DOCUMENT_SCHEMA = {
    "type": ["object", "null"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "file_extension": {"type": "string"},
        "url": {"type": "string", "description": "Download URL."},
    },
    "required": ["id", "title", "file_extension", "url"],
}
SOURCE_SCHEMA = {
    "type": ["object", "null"],
    "description": "Where the article comes from, the label shown beside its date.",
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
    "required": ["id", "name"],
}


def absolute_url(url):
    """An absolute URL when WAGTAILAPI_BASE_URL is set, so apps need not know the host."""
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    return urljoin(base + "/", url.lstrip("/")) if base and url.startswith("/") else url


def image_url_template(image):
    """The host's URL template for `image` at other sizes: `NEWS_IMAGE_URL_TEMPLATE` names a
    callable(image) that gives it (this site: `headless.images.url_template`); unset, None."""
    path = getattr(settings, "NEWS_IMAGE_URL_TEMPLATE", None)
    return import_string(path)(image) if path else None


def image_representation(image, alt=None):
    """An image with alt text, size, renditions at a few widths (an app's `srcset`) and, where
    the host serves images on request, the URL template for any other size."""
    if image is None:
        return None
    filters = RENDITION_FILTERS
    renditions = image.get_renditions(*filters)
    listed = [
        {"width": r.width, "height": r.height, "url": absolute_url(r.url)}
        for r in (renditions[f] for f in filters)
    ]
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text if alt is None else alt,
        "width": image.width,
        "height": image.height,
        "renditions": listed,
        "srcset": ", ".join(f"{r['url']} {r['width']}w" for r in listed),
        "url_template": image_url_template(image),
    }


def image_block_alt(image):
    """The alt text an image from an ImageBlock gets in templates (Wagtail's `Rendition.alt`):
    none if decorative, else the block's own alt text, else the image's default alt text."""
    if image is None or getattr(image, "decorative", False):
        return ""
    return getattr(image, "contextual_alt_text", None) or image.default_alt_text


def document_representation(document):
    """A document with its title, file type and download URL."""
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "file_extension": document.file_extension,
        "url": absolute_url(document.url),
    }


class ImageField(Field):
    """Serializes an image foreign key (such as a lead image) in the shape of image blocks."""

    api_schema = IMAGE_SCHEMA

    def __init__(self, alt_field=None, **kwargs):
        # With `alt_field`, the page's own alt text (in the page's language) where it has one.
        self.alt_field = alt_field
        if alt_field:
            kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        alt = None
        if self.alt_field:
            alt = getattr(value, self.alt_field) or None
            value = getattr(value, self.field_name)
        # The pooled copy has its renditions prefetched with the page's other images.
        found = pooled("image", [value.pk]) if value is not None else None
        return image_representation(found[0] if found else value, alt=alt)


class NewsSourceField(Field):
    """Serializes a news source as the label readers see, with its id for filtering."""

    api_schema = SOURCE_SCHEMA

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return {"id": value.pk, "name": value.name} if value else None


PAGE_LINK_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "api_url": {"type": ["string", "null"]},
        "date": {"type": "string", "format": "date", "description": "Articles only."},
        "source": {"type": ["string", "null"], "description": "Articles only."},
    },
    "required": ["id", "title", "html_url", "api_url"],
}


def page_link(page, request):
    """A page as an app follows it: title, public URL and API URL (when the site has the API
    router named `wagtailapi`)."""
    from django.urls import NoReverseMatch, reverse

    try:
        api_url = absolute_url(reverse("wagtailapi:pages:detail", args=[page.pk]))
    except NoReverseMatch:
        api_url = None
    link = {
        "id": page.pk,
        "title": page.title,
        "html_url": page.get_full_url(request),
        "api_url": api_url,
    }
    if getattr(page, "date", None):  # an article: its dateline too
        link["date"] = page.date.isoformat()
        link["source"] = page.source.name if getattr(page, "source", None) else None
    return link


class PageMethodField(Field):
    """Serializes what a page method returns (a page, a list of pages, or plain data)."""

    def __init__(self, method, api_schema, **kwargs):
        self.method = method
        self.api_schema = api_schema
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        # A host may remember the result per page (`memo` in the serializer context, a
        # callable(key, build)): it must forget it whenever any page or source changes.
        memo = self.context.get("memo")
        if memo is None:
            return self._represent(page, request)
        host = request.get_host() if request else ""
        key = ("page-method", self.method, page.pk, host)
        return memo(key, lambda: self._represent(page, request))

    def _represent(self, page, request):
        value = getattr(page, self.method)(request)
        if value is None or isinstance(value, dict):
            return value
        if isinstance(value, list | tuple):
            return [page_link(item, request) for item in value]
        return page_link(value, request)


NULLABLE_PAGE_LINK = {"anyOf": [PAGE_LINK_SCHEMA, {"type": "null"}]}
PAGE_LINKS = {"type": "array", "items": PAGE_LINK_SCHEMA}
ARCHIVE_SCHEMA = {
    "type": "object",
    "description": "The news index's archive: its years and sources, with their pages' URLs, "
    "and its feeds.",
    "properties": {
        "years": {"type": "array", "items": {
            "type": "object",
            "properties": {"year": {"type": "integer"}, "html_url": {"type": "string"}},
            "required": ["year", "html_url"],
        }},
        "sources": {"type": "array", "items": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                           "html_url": {"type": "string"}},
            "required": ["id", "name", "html_url"],
        }},
        "feeds": {"type": "array", "items": {
            "type": "object",
            "properties": {"title": {"type": "string"}, "type": {"type": "string"},
                           "url": {"type": "string"}},
            "required": ["title", "type", "url"],
        }},
    },
    "required": ["years", "sources", "feeds"],
}  # fmt: skip
