"""The API's OpenAPI 3.1 document, generated from the page models' `api_fields` and their
StreamField blocks, so it cannot drift from what the API serves.

Blocks and serializer fields whose API shape is their own declare it as `api_schema` next to
their `get_api_representation`; everything else is mapped from Wagtail's block and field types.
"""

from functools import cache

from django.db import models
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models

from home.api import PAGE_LINK_SCHEMA

from .api import MAX_OFFSET, MAX_SEARCH_LENGTH
from .api_changes import FEED_LIMIT, FEED_LIMIT_MAX

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
ERROR = {"$ref": "#/components/schemas/Error"}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


class Schemas:
    """Collects component schemas while walking models and blocks."""

    def __init__(self):
        self.components = {}

    def add(self, name, schema):
        self.components.setdefault(name, schema)
        return _ref(name)

    # Blocks ---------------------------------------------------------------------------------
    def block(self, block):
        cls = type(block)
        named = not cls.__module__.startswith("wagtail")
        name = f"{cls.__module__.split('.')[0]}.{cls.__name__}"
        if named and name in self.components:
            return _ref(name)
        schema = self._block_schema(block)
        if getattr(block.meta, "help_text", None):
            schema = {**schema, "description": str(block.meta.help_text)}
        return self.add(name, schema) if named else schema

    def _block_schema(self, block):
        if hasattr(block, "api_schema"):
            return block.api_schema
        if isinstance(block, blocks.StreamBlock):
            return {
                "type": "array",
                "items": {
                    "anyOf": [
                        {
                            "type": "object",
                            "properties": {
                                "type": {"const": name},
                                "id": STRING,
                                "value": self.block(child),
                            },
                            "required": ["type", "id", "value"],
                        }
                        for name, child in block.child_blocks.items()
                    ]
                },
            }
        if isinstance(block, blocks.ListBlock):
            return {"type": "array", "items": self.block(block.child_block)}
        if isinstance(block, blocks.StructBlock):
            overrides = getattr(block, "api_schema_overrides", {})
            return {
                "type": "object",
                "properties": {
                    name: overrides.get(name) or self.block(child)
                    for name, child in block.child_blocks.items()
                },
                "required": list(block.child_blocks),
            }
        if isinstance(block, TableBlock):
            return {
                "type": ["object", "null"],
                "properties": {
                    "data": {
                        "type": "array",
                        "items": {"type": "array", "items": {"type": ["string", "null"]}},
                    },
                    "first_row_is_table_header": {"type": "boolean"},
                    "first_col_is_header": {"type": "boolean"},
                    "table_caption": STRING,
                },
                "required": ["data"],
            }
        nullable = not getattr(block, "required", True)
        if isinstance(block, blocks.ChooserBlock):
            return {"type": ["integer", "null"], "description": "The chosen object's id."}
        if isinstance(block, blocks.IntegerBlock):
            return {"type": ["integer", "null"] if nullable else "integer"}
        if isinstance(block, blocks.FloatBlock | blocks.DecimalBlock):
            return {"type": ["number", "null"] if nullable else "number"}
        if isinstance(block, blocks.BooleanBlock):
            return {"type": "boolean"}
        if isinstance(block, blocks.DateBlock):
            return {"type": ["string", "null"], "format": "date"}
        if isinstance(block, blocks.DateTimeBlock):
            return {"type": ["string", "null"], "format": "date-time"}
        if isinstance(block, blocks.RichTextBlock):
            return {"type": "string", "contentMediaType": "text/html"}
        if isinstance(block, blocks.ChoiceBlock):
            return {"type": "string", "enum": ["", *(str(k) for k, _ in block.field.choices)]}
        return STRING

    # Page models ----------------------------------------------------------------------------
    def page_field(self, model, api_field):
        serializer = api_field.serializer
        if serializer is not None and hasattr(serializer, "api_schema"):
            return serializer.api_schema
        field = model._meta.get_field(api_field.name)
        if isinstance(field, StreamField):
            return self.block(field.stream_block)
        if isinstance(field, RichTextField):
            return {"type": "string", "contentMediaType": "text/html"}
        if isinstance(field, models.DateTimeField):
            return {"type": ["string", "null"], "format": "date-time"}
        if isinstance(field, models.DateField):
            return {"type": ["string", "null"] if field.null else "string", "format": "date"}
        if isinstance(field, models.BooleanField):
            return {"type": "boolean"}
        if isinstance(field, models.IntegerField):
            return {"type": ["integer", "null"] if field.null else "integer"}
        if isinstance(field, models.ForeignKey):
            return {"type": ["object", "null"], "properties": {"id": INTEGER}}
        return {"type": ["string", "null"] if field.null else "string"}

    def page_model(self, model):
        """A page type's detail schema: the common page fields and its own `api_fields`."""
        own = {f.name: self.page_field(model, f) for f in getattr(model, "api_fields", ())}
        doc = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        return self.add(
            model._meta.label,
            {
                "description": doc,
                "allOf": [_ref("Page"), {"type": "object", "properties": own}],
            },
        )


def page_types():
    return [m for m in get_page_models() if m is not Page and getattr(m, "api_fields", None)]


def _param(name, description, schema=STRING):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


LISTING_PARAMETERS = [
    _param(
        "limit",
        "Items per response (default 20).",
        {"type": "integer", "minimum": 0, "maximum": 100},
    ),
    _param("offset", "Items to skip.", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
    _param("fields", "Fields to add (`*` for all), or remove with a leading `-`."),
    _param("order", "Field to order by; `-field` for descending; `random`."),
    _param("search", "Words to search for.", {"type": "string", "maxLength": MAX_SEARCH_LENGTH}),
    _param("search_operator", "How words combine.", {"type": "string", "enum": ["and", "or"]}),
    _param(
        "rich_text_format",
        "Rich text as `html` (default) or another format.",
        {"type": "string", "enum": ["html", "db_html", "markdown", "db_markdown"]},
    ),
]
PAGE_FILTERS = [
    _param("type", "Page type as app_label.ModelName, e.g. news.NewsArticlePage."),
    _param("child_of", "Only children of this page id.", INTEGER),
    _param("descendant_of", "Only descendants of this page id.", INTEGER),
    _param("ancestor_of", "Only ancestors of this page id.", INTEGER),
    _param("translation_of", "Only translations of this page id.", INTEGER),
    _param("locale", "Language code, e.g. en."),
    _param("site", "Host name of the site."),
    _param(
        "year",
        "News articles of this year (needs type=news.NewsArticlePage).",
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ),
    _param(
        "date_from",
        "News articles dated on or after (YYYY-MM-DD).",
        {"type": "string", "format": "date"},
    ),
    _param(
        "date_to",
        "News articles dated on or before (YYYY-MM-DD).",
        {"type": "string", "format": "date"},
    ),
    _param("source", "News articles of this source id.", INTEGER),
]
CONDITIONAL_HEADERS = [
    {"name": "If-None-Match", "in": "header", "required": False, "schema": STRING},
    {"name": "If-Modified-Since", "in": "header", "required": False, "schema": STRING},
]
CACHE_HEADERS = {
    "ETag": {"schema": STRING, "description": "Changes exactly when the content changes."},
    "Last-Modified": {"schema": STRING},
    "Cache-Control": {"schema": STRING},
}


def _json(schema, description="OK", headers=None):
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


def _responses(ok, *, cached=True, not_found=False):
    responses = {"200": _json(ok, headers=CACHE_HEADERS if cached else None)}
    if cached:
        responses["304"] = {"description": "Not modified since the validators given."}
    responses["400"] = _json(ERROR, "A parameter is unknown or malformed; `message` names it.")
    if not_found:
        responses["404"] = _json(ERROR, "No such object readers may see.")
    return responses


def _listing(item):
    return {
        "type": "object",
        "properties": {
            "meta": {
                "type": "object",
                "properties": {"total_count": INTEGER},
                "required": ["total_count"],
            },
            "items": {"type": "array", "items": item},
        },
        "required": ["meta", "items"],
    }


def build_document(request=None):
    schemas = Schemas()
    schemas.add(
        "Error",
        {
            "type": "object",
            "properties": {"message": STRING},
            "required": ["message"],
        },
    )
    schemas.add(
        "PageMeta",
        {
            "type": "object",
            "properties": {
                "type": {"type": "string", "description": "app_label.ModelName"},
                "detail_url": STRING,
                "html_url": {"type": ["string", "null"]},
                "slug": STRING,
                "show_in_menus": {"type": "boolean"},
                "seo_title": STRING,
                "search_description": STRING,
                "first_published_at": {"type": ["string", "null"], "format": "date-time"},
                "alias_of": {"type": ["object", "null"]},
                "locale": STRING,
                "parent": {"type": ["object", "null"]},
            },
            "required": ["type"],
        },
    )
    schemas.add(
        "Page",
        {
            "type": "object",
            "properties": {"id": INTEGER, "meta": _ref("PageMeta"), "title": STRING},
            "required": ["id", "meta"],
        },
    )
    schemas.add(
        "SitemapNode",
        {
            "type": "object",
            "properties": {
                **PAGE_LINK_SCHEMA["properties"],
                "children": {"type": "array", "items": _ref("SitemapNode")},
            },
            "required": [*PAGE_LINK_SCHEMA["required"], "children"],
        },
    )
    models = page_types()
    typed = {model._meta.label: schemas.page_model(model) for model in models}
    # A page is checked against its own type's schema, picked by meta.type.
    any_page = {
        "allOf": [
            _ref("Page"),
            *[
                {
                    "if": {"properties": {"meta": {"properties": {"type": {"const": label}}}}},
                    "then": ref,
                }
                for label, ref in typed.items()
            ],
        ]
    }
    schemas.add("AnyPage", any_page)
    media_meta = {
        "type": "object",
        "properties": {
            "type": STRING,
            "detail_url": STRING,
            "tags": {"type": "array"},
            "download_url": STRING,
        },
    }
    schemas.add(
        "Image",
        {
            "type": "object",
            "properties": {
                "id": INTEGER,
                "meta": media_meta,
                "title": STRING,
                "width": INTEGER,
                "height": INTEGER,
            },
            "required": ["id", "meta"],
        },
    )
    schemas.add(
        "Document",
        {
            "type": "object",
            "properties": {"id": INTEGER, "meta": media_meta, "title": STRING},
            "required": ["id", "meta"],
        },
    )
    schemas.add("Redirect", {
        "type": "object",
        "properties": {"id": INTEGER, "meta": media_meta, "old_path": STRING,
                       "location": STRING},
        "required": ["id", "meta"],
    })  # fmt: skip
    link = {
        "type": "object",
        "properties": {
            "label": STRING,
            "url": STRING,
            "page": {"anyOf": [PAGE_LINK_SCHEMA, {"type": "null"}]},
        },
        "required": ["label", "url", "page"],
    }
    schemas.add(
        "SiteChrome",
        {
            "type": "object",
            "properties": {
                "site_name": STRING,
                "navigation": {
                    "type": "array",
                    "items": {
                        "allOf": [
                            link,
                            {
                                "type": "object",
                                "properties": {
                                    "children": {"type": "array", "items": PAGE_LINK_SCHEMA}
                                },
                                "required": ["children"],
                            },
                        ],
                    },
                },
                "hotlines": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "service": STRING,
                            "number": STRING,
                            "tel": {"type": "string", "pattern": r"^\+[0-9]+$"},
                            "show_in_header": {"type": "boolean"},
                        },
                        "required": ["service", "number", "tel", "show_in_header"],
                    },
                },
                "footer": {
                    "type": "object",
                    "properties": {
                        "register_numbers": {"type": "array", "items": STRING},
                        "register_text": STRING,
                        "links": {"type": "array", "items": link},
                        "powered_by": STRING,
                    },
                    "required": ["register_numbers", "register_text", "links", "powered_by"],
                },
            },
            "required": ["site_name", "navigation", "hotlines", "footer"],
        },
    )
    schemas.add(
        "Changes",
        {
            "type": "object",
            "properties": {
                "cursor": {"type": "string", "description": "Pass as `since` next time."},
                "has_more": {"type": "boolean"},
                "changes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "kind": {"enum": ["page", "site", "image", "document", "redirect"]},
                            "id": {"type": ["integer", "null"]},
                            "action": {"enum": ["upsert", "delete"]},
                            "changed_at": {"type": "string", "format": "date-time"},
                            "type": STRING,
                            "detail_url": STRING,
                            "html_url": {"type": ["string", "null"]},
                        },
                        "required": ["kind", "id", "action", "changed_at"],
                    },
                },
            },
            "required": ["cursor", "has_more", "changes"],
        },
    )

    pk = {"name": "id", "in": "path", "required": True, "schema": INTEGER}
    find = [_param("html_path", "The page's path on the site, e.g. /contact-us/.")]
    redirect = {
        "302": {"description": "Redirect to the detail URL."},
        "400": _json(ERROR, "A malformed parameter, named in the message."),
        "404": _json(ERROR, "Not found."),
    }
    paths = {
        "/api/v2/pages/": {
            "get": {
                "summary": "Live, public pages; with type=, that type's fields.",
                "parameters": LISTING_PARAMETERS + PAGE_FILTERS + CONDITIONAL_HEADERS,
                "responses": _responses(_listing(_ref("AnyPage"))),
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "summary": "One page with all its fields.",
                "parameters": [
                    pk,
                    *LISTING_PARAMETERS[2:3],
                    *LISTING_PARAMETERS[-1:],
                    *CONDITIONAL_HEADERS,
                ],
                "responses": _responses(_ref("AnyPage"), not_found=True),
            }
        },
        "/api/v2/pages/find/": {
            "get": {
                "summary": "Find a page by its path on the site.",
                "parameters": find,
                "responses": redirect,
            }
        },
        "/api/v2/images/": {
            "get": {
                "summary": "Images.",
                "parameters": LISTING_PARAMETERS[:6] + CONDITIONAL_HEADERS,
                "responses": _responses(_listing(_ref("Image"))),
            }
        },
        "/api/v2/images/{id}/": {
            "get": {
                "summary": "One image.",
                "parameters": [pk, *CONDITIONAL_HEADERS],
                "responses": _responses(_ref("Image"), not_found=True),
            }
        },
        "/api/v2/images/find/": {
            "get": {
                "summary": "Find an image.",
                "parameters": [_param("id", "Image id.", INTEGER)],
                "responses": redirect,
            }
        },
        "/api/v2/documents/": {
            "get": {
                "summary": "Documents.",
                "parameters": LISTING_PARAMETERS[:6] + CONDITIONAL_HEADERS,
                "responses": _responses(_listing(_ref("Document"))),
            }
        },
        "/api/v2/documents/{id}/": {
            "get": {
                "summary": "One document.",
                "parameters": [pk, *CONDITIONAL_HEADERS],
                "responses": _responses(_ref("Document"), not_found=True),
            }
        },
        "/api/v2/documents/find/": {
            "get": {
                "summary": "Find a document.",
                "parameters": [_param("id", "Document id.", INTEGER)],
                "responses": redirect,
            }
        },
        "/api/v2/redirects/": {
            "get": {
                "summary": "Redirects from old addresses.",
                "parameters": LISTING_PARAMETERS[:6] + CONDITIONAL_HEADERS,
                "responses": _responses(_listing(_ref("Redirect"))),
            }
        },
        "/api/v2/redirects/{id}/": {
            "get": {
                "summary": "One redirect.",
                "parameters": [pk, *CONDITIONAL_HEADERS],
                "responses": _responses(_ref("Redirect"), not_found=True),
            }
        },
        "/api/v2/redirects/find/": {
            "get": {
                "summary": "Find where an old address redirects to.",
                "parameters": [
                    _param("html_path", "The old path, e.g. /old-news/."),
                    _param("id", "Redirect id.", INTEGER),
                ],
                "responses": redirect,
            }
        },
        "/api/v2/site/": {
            "get": {
                "summary": "Site name, navigation, hotlines and footer: the chrome of every page.",
                "parameters": CONDITIONAL_HEADERS,
                # 400 only for an address no parameter can hold (a NUL character).
                "responses": _responses(_ref("SiteChrome")),
            }
        },
        "/api/v2/changes/": {
            "get": {
                "summary": "What changed since a cursor, each object once.",
                "parameters": [
                    _param(
                        "since",
                        "Cursor from a previous response; 0 for everything.",
                        {"type": "string", "pattern": "^[0-9]{1,18}$"},
                    ),
                    _param(
                        "limit",
                        f"Changes per response (default {FEED_LIMIT}).",
                        {"type": "integer", "minimum": 1, "maximum": FEED_LIMIT_MAX},
                    ),
                    *CONDITIONAL_HEADERS,
                ],
                "responses": _responses(_ref("Changes")),
            }
        },
        "/api/v2/preview/": {
            "get": {
                "summary": "A draft, by the token from the admin's Preview in app.",
                "parameters": [
                    {**_param("token", "Signed preview token."), "required": True},
                    *LISTING_PARAMETERS[2:3],
                    *LISTING_PARAMETERS[-1:],
                ],
                "responses": {
                    "200": _json(_ref("AnyPage"), "The draft, in the live detail shape."),
                    "400": _json(ERROR, "A malformed parameter, named in the message."),
                    "403": _json(ERROR, "Token missing, tampered with or expired."),
                },
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "China Post content API",
            "version": "2",
            "description": (
                "The pages, images, documents and site chrome of the China Post site, as apps "
                "need them. Rich text is HTML with resolved links; images come with renditions."
            ),
        },
        "paths": paths,
        "components": {"schemas": schemas.components},
    }


@cache
def openapi_document():
    """The document depends only on the code, so it is built once per process."""
    return build_document()


@require_safe
def openapi_view(request):
    response = JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=300)
    return response


@require_safe
def docs_view(request):
    """A readable API reference (Redoc), with its script served from this site, no CDN."""
    return TemplateResponse(request, "postal_site/api_docs.html", {"spec_url": "openapi.json"})
