"""API shapes for what the home page and the HTML sitemap show beyond their own fields."""

from rest_framework.fields import Field

from news.api import IMAGE_SCHEMA, image_representation, page_link

# The news plugin's page link, as this site serves it: with the API router always mounted, its
# URLs are never null.
PAGE_LINK_SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "html_url": {"type": "string"},
        "api_url": {"type": "string"},
    },
    "required": ["id", "title", "html_url", "api_url"],
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
