"""Structured data for stamp issues: the issue and its stamps, and the breadcrumbs, as JSON-LD."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models import absolute_url

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
JSONLD_IMAGE_FILTER = "width-1200"
# Wikidata's "postage stamp": what each stamp is, in words search engines know.
POSTAGE_STAMP = "https://www.wikidata.org/wiki/Q37930"


def _json_ld(data):
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 (escaped above)


def issue_data(request, page):
    """The schema.org description of an issue: a CreativeWork (the set) whose parts are its
    stamps, each with its picture and face value (an Offer in its currency)."""
    site = page.get_site()
    publisher = (site.site_name if site else "") or page.title
    url = absolute_url(request, page.get_url(request))
    stamps = []
    for position, stamp in enumerate(page.stamp_list(), start=1):
        item = {
            "@type": "CreativeWork",
            "additionalType": POSTAGE_STAMP,
            "name": stamp.name,
            "position": position,
        }
        if stamp.image is not None:
            item["image"] = absolute_url(
                request, stamp.image.get_rendition(JSONLD_IMAGE_FILTER).url
            )
        if stamp.face_value is not None and stamp.currency:
            item["offers"] = {
                "@type": "Offer",
                "price": f"{stamp.face_value:.2f}",
                "priceCurrency": stamp.currency,
                "availabilityStarts": page.date_of_issue.isoformat(),
            }
        stamps.append(item)
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "additionalType": POSTAGE_STAMP,
        "name": page.title,
        "identifier": page.issue_number,
        "url": url,
        "datePublished": page.date_of_issue.isoformat(),
        "publisher": {
            "@type": "Organization",
            "name": publisher,
            "url": absolute_url(request, "/"),
        },
        "inLanguage": "en",
        "hasPart": stamps,
    }
    if page.summary:
        data["description"] = page.summary
    if page.designer:
        data["creator"] = {"@type": "Person", "name": page.designer}
    images = [part["image"] for part in stamps if "image" in part]
    if images:
        data["image"] = images
    return data


@register.simple_tag(takes_context=True)
def issue_structured_data(context, page):
    """JSON-LD for an issue page: the issue and its stamps, and its BreadcrumbList."""
    request = context["request"]
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
    return _json_ld(issue_data(request, page)) + _json_ld(breadcrumbs)
