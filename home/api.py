"""API shapes for what the home page and the HTML sitemap show beyond their own fields."""

from rest_framework.fields import Field

from news.api import IMAGE_SCHEMA, image_representation, page_link
from news.api import PAGE_LINK_SCHEMA as NEWS_PAGE_LINK_SCHEMA

STRING = {"type": "string"}
# The news plugin's page link as this site serves it: with the API router always mounted, its
# URLs are never null; the article-only fields are listed where articles appear.
PAGE_LINK_SCHEMA = {
    **NEWS_PAGE_LINK_SCHEMA,
    "properties": {
        **{name: NEWS_PAGE_LINK_SCHEMA["properties"][name] for name in ("id", "title")},
        "html_url": STRING,
        "api_url": STRING,
    },
}


SITEMAP_NODE_SCHEMA = {
    "type": "object",
    "properties": {
        **PAGE_LINK_SCHEMA["properties"],
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/SitemapNode"}},
    },
    "required": [*PAGE_LINK_SCHEMA["required"], "children"],
}

LINK_SCHEMA = {
    "type": "object",
    "properties": {
        "label": STRING,
        "url": STRING,
        "page": {"anyOf": [PAGE_LINK_SCHEMA, {"type": "null"}]},
    },
    "required": ["label", "url", "page"],
}

# `/api/v2/site/` (home/api_views.py).
SITE_CHROME_SCHEMA = {
    "type": "object",
    "properties": {
        "site_name": STRING,
        "navigation": {
            "type": "array",
            "items": {
                "allOf": [
                    LINK_SCHEMA,
                    {
                        "type": "object",
                        "properties": {"children": {"type": "array", "items": PAGE_LINK_SCHEMA}},
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
                "links": {"type": "array", "items": LINK_SCHEMA},
                "powered_by": STRING,
            },
            "required": ["register_numbers", "register_text", "links", "powered_by"],
        },
    },
    "required": ["site_name", "navigation", "hotlines", "footer"],
}


class _PageMethodField(Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)


class LatestNewsField(_PageMethodField):
    """The articles the home page lists, as the news listing shows them."""

    api_schema = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                **PAGE_LINK_SCHEMA["properties"],
                "date": {"type": "string", "format": "date"},
                "source": {"type": ["string", "null"]},
                "summary": {"type": "string"},
                "lead_image": IMAGE_SCHEMA,
            },
            "required": [*PAGE_LINK_SCHEMA["required"], "date", "source", "summary", "lead_image"],
        },
    }

    def to_representation(self, page):
        request = self.context.get("request")
        return [
            {
                **page_link(article, request),
                "date": article.date.isoformat(),
                "source": article.source.name if article.source else None,
                "summary": article.summary,
                "lead_image": image_representation(article.lead_image),
            }
            for article in page.latest_news()
        ]


class SectionsField(_PageMethodField):
    """The home page's section links, or with tree=True the sitemap's nested pages."""

    def __init__(self, tree=False, **kwargs):
        self.tree = tree
        if tree:
            node = {"$ref": "#/components/schemas/SitemapNode"}
            self.api_schema = {"type": "array", "items": node}
        else:
            self.api_schema = {"type": "array", "items": PAGE_LINK_SCHEMA}
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        if not self.tree:
            return [page_link(section, request) for section in page.sections()]

        def node(pair):
            child, children = pair
            return {**page_link(child, request), "children": [node(c) for c in children]}

        return [node(pair) for pair in page.tree()]
