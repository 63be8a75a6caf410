"""The OpenAPI document: the layer's own components, then whatever each endpoint and view of
the router declares (`openapi_paths`), under `info` from `HEADLESS["OPENAPI_INFO"]`."""

from ..conf import headless_settings
from .parts import INTEGER, STRING, ref
from .schemas import Schemas

ERROR_SCHEMA = {"type": "object", "properties": {"message": STRING}, "required": ["message"]}
PAGE_META_SCHEMA = {
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
        "locale": {"type": "string", "description": "The page's language code, e.g. en, zh-hans."},
        "translations": {
            "type": "array",
            "description": "The page in the other languages: none while it is untranslated.",
            "items": {
                "type": "object",
                "properties": {
                    "id": INTEGER,
                    "locale": {"type": "string", "description": "Language code, e.g. zh-hans."},
                    "detail_url": STRING,
                },
                "required": ["id", "locale", "detail_url"],
            },
        },
        "parent": {"type": ["object", "null"]},
    },
    "required": ["type"],
}
PAGE_SCHEMA = {
    "type": "object",
    "properties": {"id": INTEGER, "meta": ref("PageMeta"), "title": STRING},
    "required": ["id", "meta"],
}
MEDIA_META = {
    "type": "object",
    "properties": {
        "type": STRING,
        "detail_url": STRING,
        "tags": {"type": "array"},
        "download_url": STRING,
    },
}
MEDIA_SCHEMAS = {
    "Image": {
        "type": "object",
        "properties": {
            "id": INTEGER,
            "meta": MEDIA_META,
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
        },
        "required": ["id", "meta"],
    },
    "Document": {
        "type": "object",
        "properties": {"id": INTEGER, "meta": MEDIA_META, "title": STRING},
        "required": ["id", "meta"],
    },
    "Redirect": {
        "type": "object",
        "properties": {"id": INTEGER, "meta": MEDIA_META, "old_path": STRING, "location": STRING},
        "required": ["id", "meta"],
    },
}


def build_document(router, prefix):
    """The document for `router` mounted at `prefix` (e.g. "/api/v2/")."""
    schemas = Schemas()
    schemas.add("Error", ERROR_SCHEMA)
    schemas.add("PageMeta", PAGE_META_SCHEMA)
    schemas.add("Page", PAGE_SCHEMA)
    for name, schema in {**MEDIA_SCHEMAS, **router.schemas}.items():
        schemas.add(name, schema)
    paths = {}
    for name, endpoint in router.endpoints.items():
        paths.update(endpoint.openapi_paths(schemas, f"{prefix}{name}/"))
    for route, view, _name in router.all_views():
        if hasattr(view, "openapi_paths"):
            # A route with converters names its OpenAPI path itself (`openapi_route`).
            route = getattr(view, "openapi_route", route)
            paths[f"{prefix}{route}"] = view.openapi_paths(schemas, prefix)
    info = headless_settings.OPENAPI_INFO
    return {
        "openapi": "3.1.0",
        "info": {
            "title": info["title"],
            "version": info["version"],
            "description": info["description"],
        },
        "paths": paths,
        "components": {"schemas": schemas.components},
    }
