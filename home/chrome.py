"""The site chrome as plain data: one function feeds the header and footer templates and the
API's `/api/v2/site/`, so readers and apps always see the same navigation, hotlines and footer."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q

from wagtail.models import Page, Site

from contacts.models import Hotline
from headless.memo import memo

from .models import FooterSettings, NavigationSettings


def _visible(items):
    """Links readers may follow: a link to a draft, expired or private page is left out."""
    items = list(items)
    page_ids = [item.link_page_id for item in items if item.link_page_id]
    visible = set(
        Page.objects.filter(pk__in=page_ids).live().public().values_list("pk", flat=True)
        if page_ids
        else ()
    )
    return [item for item in items if not item.link_page_id or item.link_page_id in visible]


def _link(item, request):
    return {
        "label": item.text,
        "url": item.url_for(request),
        "page": item.link_page,
    }


def site_chrome(request):
    """Site name, navigation, hotlines and footer for this request's site; computed once per
    content version and site (any change to them moves the version), not per request."""
    cached = getattr(request, "_site_chrome", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    chrome = memo.get(("chrome", site.pk if site else None), lambda: _build_chrome(request, site))
    request._site_chrome = chrome
    return chrome


def _build_chrome(request, site):
    navigation = NavigationSettings.for_request(request)
    footer = FooterSettings.for_request(request)
    hotlines = list(Hotline.objects.all())
    chrome = {
        "site_name": (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME,
        "navigation": [
            _link(item, request) for item in _visible(navigation.items.select_related("link_page"))
        ],
        "hotlines": hotlines,
        "header_hotlines": [hotline for hotline in hotlines if hotline.show_in_header],
        "footer": {
            "register_numbers": footer.register_numbers,
            "links": [
                _link(item, request) for item in _visible(footer.links.select_related("link_page"))
            ],
            "powered_by": footer.powered_by,
        },
    }
    return chrome


def menu_children(pages):
    """The live, public, in-menu children of each page, from one query: {parent id: [pages]}."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    by_path = {page.path: page.pk for page in pages}
    condition = reduce(or_, (Q(path__startswith=page.path, depth=page.depth + 1) for page in pages))
    children = {page.pk: [] for page in pages}
    for child in Page.objects.filter(condition).live().public().in_menu().order_by("path"):
        children[by_path[child.path[: -Page.steplen]]].append(child)
    return children
