"""Structured data for news articles: schema.org NewsArticle and BreadcrumbList as JSON-LD."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models import absolute_url

register = template.Library()

# Escapes that keep JSON inside <script> from closing the element (as Django's json_script).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The widths of the article's own lead image renditions, largest first for search engines.
JSONLD_IMAGE_FILTERS = ("width-1200",)


def _json_ld(data):
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 (escaped above)


@register.simple_tag(takes_context=True)
def article_structured_data(context, page):
    """JSON-LD for an article: a NewsArticle (headline, dates, image, publisher) and the
    BreadcrumbList of the pages above it, as search engines read them."""
    request = context["request"]
    site = page.get_site()
    publisher_name = (site.site_name if site else "") or page.title
    url = absolute_url(request, page.get_url(request))

    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": page.date.isoformat(),
        "publisher": {
            "@type": "Organization",
            "name": publisher_name,
            "url": absolute_url(request, "/"),
        },
        "author": {
            "@type": "Organization",
            "name": page.source.name if page.source else publisher_name,
        },
        "inLanguage": "en",
    }
    if page.last_published_at:
        article["dateModified"] = page.last_published_at.isoformat()
    if page.summary:
        article["description"] = page.summary
    if page.lead_image:
        article["image"] = [
            absolute_url(request, page.lead_image.get_rendition(spec).url)
            for spec in JSONLD_IMAGE_FILTERS
        ]
    if page.source:
        article["articleSection"] = page.source.name

    crumbs = [*context.get("breadcrumbs", []), page]
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": absolute_url(request, crumb.get_url(request)),
            }
            for position, crumb in enumerate(crumbs, start=1)
        ],
    }
    return _json_ld(article) + _json_ld(breadcrumbs)


@register.filter
def page_links(page_obj):
    """The page numbers a listing links to: the first and last, two either side of the current
    one, and `None` for each gap ("1 … 4 5 6 7 8 … 20"). Reads only the page count, which the
    paginator already knows."""
    number, last = page_obj.number, page_obj.paginator.num_pages
    shown = {1, last, *range(max(number - 2, 1), min(number + 2, last) + 1)}
    links = []
    for n in sorted(shown):
        if links and n - links[-1] > 1:
            links.append(None)
        links.append(n)
    return links
