"""How the catalogue looks to apps: stamps and products as objects with image renditions.

The image shape is the one the news plugin gives its images (id, title, alt, size and
renditions at a few widths), written again here: plugins do not import each other."""

from urllib.parse import urljoin

from rest_framework.fields import Field

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.module_loading import import_string

RENDITION_WIDTHS = (480, 800, 1200)
RENDITION_FILTERS = [f"width-{width}" for width in RENDITION_WIDTHS]

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
            "(`STAMPS_IMAGE_URL_TEMPLATE`): fill `{width}`, `{height}`, `{format}` and "
            "`{quality}` with the values its render operation lists. Null otherwise.",
        },
    },
    "required": ["id", "title", "alt", "width", "height", "renditions", "srcset", "url_template"],
}
FACE_VALUE_SCHEMA = {
    "type": ["string", "null"],
    "description": 'The face value as a decimal number, e.g. "1.20"; null when none is known.',
}
CURRENCY_SCHEMA = {
    "type": "string",
    "description": "ISO 4217 code of the face value's currency, e.g. CNY; empty without one.",
}
STAMP_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "face_value": FACE_VALUE_SCHEMA,
        "currency": CURRENCY_SCHEMA,
        "face_value_display": {"type": "string", "description": 'As readers see it: "1.20 yuan".'},
        "image": IMAGE_SCHEMA,
    },
    "required": ["name", "face_value", "currency", "face_value_display", "image"],
}
STAMPS_SCHEMA = {
    "type": "array",
    "description": "The stamps of the set, in their order.",
    "items": STAMP_SCHEMA,
}
ISSUE_LINK_SCHEMA = {
    "type": ["object", "null"],
    "description": "A stamp issue of the catalogue, as an app follows it.",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "issue_number": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "api_url": {"type": ["string", "null"]},
    },
    "required": ["id", "title", "issue_number", "html_url", "api_url"],
}
ISSUE_LINKS_SCHEMA = {"type": "array", "items": ISSUE_LINK_SCHEMA}
FACTS_SCHEMA = {
    "type": "array",
    "description": "The issue's facts as readers see them, in their order.",
    "items": {
        "type": "object",
        "properties": {"label": {"type": "string"}, "value": {"type": "string"}},
        "required": ["label", "value"],
    },
}
TEXT_SCHEMA = {"type": "string"}
YEAR_LINKS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "year": {"type": "integer"},
            "title": {"type": "string", "description": 'As readers see it: "2021 Stamps".'},
            "issue_count": {"type": "integer"},
            "issue_count_display": {"type": "string", "description": 'e.g. "8 issues".'},
            "html_url": {"type": ["string", "null"]},
            "api_url": {"type": ["string", "null"]},
        },
        "required": [
            "year",
            "title",
            "issue_count",
            "issue_count_display",
            "html_url",
            "api_url",
        ],
    },
}
FEEDS_SCHEMA = {
    "type": "array",
    "description": "The catalogue's feeds of new issues.",
    "items": {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "type": {"type": "string"},
            "url": {"type": "string"},
        },
        "required": ["title", "type", "url"],
    },
}


def absolute_url(url):
    """An absolute URL when WAGTAILAPI_BASE_URL is set, so apps need not know the host."""
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    return urljoin(base + "/", url.lstrip("/")) if base and url.startswith("/") else url


def api_url(page):
    """The page's detail URL in the API, when the site mounts a router named `wagtailapi`."""
    from django.urls import NoReverseMatch, reverse

    try:
        return absolute_url(reverse("wagtailapi:pages:detail", args=[page.pk]))
    except NoReverseMatch:
        return None


def image_representation(image, alt=None):
    """An image with alt text, size and renditions at a few widths (an app's `srcset`)."""
    if image is None:
        return None
    renditions = image.get_renditions(*RENDITION_FILTERS)
    listed = [
        {"width": r.width, "height": r.height, "url": absolute_url(r.url)}
        for r in (renditions[f] for f in RENDITION_FILTERS)
    ]
    # The host's URL template for other sizes: a callable(image) it names; unset, None.
    template = getattr(settings, "STAMPS_IMAGE_URL_TEMPLATE", None)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text if alt is None else alt,
        "width": image.width,
        "height": image.height,
        "renditions": listed,
        "srcset": ", ".join(f"{r['url']} {r['width']}w" for r in listed),
        "url_template": import_string(template)(image) if template else None,
    }


def issue_link(issue, request=None):
    if issue is None:
        return None
    return {
        "id": issue.pk,
        "title": issue.title,
        "issue_number": issue.issue_number,
        "html_url": issue.get_full_url(request),
        "api_url": api_url(issue),
    }


def stamp_representation(stamp):
    return {
        "name": stamp.name,
        "face_value": None if stamp.face_value is None else f"{stamp.face_value:.2f}",
        "currency": stamp.currency,
        "face_value_display": stamp.face_value_display,
        "image": image_representation(stamp.image, alt=stamp.alt),
    }


class StampsField(Field):
    """An issue's stamps, in order, each with its face value and image renditions.

    In a listing the stamps, images and renditions of every issue on the page are read
    together, so twenty issues cost three queries, not one per issue and stamp."""

    api_schema = STAMPS_SCHEMA

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, issue):
        pages = getattr(self.root, "instance", None)
        if not isinstance(pages, list | tuple) or issue not in pages:
            pages = [issue]
        prefetch_related_objects(
            [p for p in pages if hasattr(p, "stamps")], *type(issue).stamps_prefetch
        )
        return [stamp_representation(stamp) for stamp in issue.stamps.all()]


class PageMethodField(Field):
    """What a page method returns for apps, with its schema for the OpenAPI document."""

    def __init__(self, method, api_schema, **kwargs):
        self.method = method
        self.api_schema = api_schema
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        return getattr(page, self.method)(self.context.get("request"))
