"""`/api/v2/site/`: the site chrome for apps, from the same data as the HTML header and footer."""

from django.utils.translation import gettext

from wagtail.api.utils import get_full_url

from headless.chrome import chrome_view
from news.api import page_link

from .api import SITE_CHROME_SCHEMA
from .chrome import menu_children, site_chrome


def site_chrome_representation(request):
    """What every page's header and footer show, for apps to draw their own."""
    chrome = site_chrome(request)
    children = menu_children(link["page"] for link in chrome["navigation"])

    def link(item):
        page = item["page"]
        return {
            "label": item["label"],
            "url": get_full_url(request, item["url"]),
            "page": page_link(page, request) if page else None,
        }

    def nav_item(item):
        page = item["page"]
        kids = children.get(page.pk, []) if page else []
        return {**link(item), "children": [page_link(child, request) for child in kids]}

    footer = chrome["footer"]
    return {
        "site_name": chrome["site_name"],
        "navigation": [nav_item(item) for item in chrome["navigation"]],
        "hotlines": [
            {**hotline.as_api_dict(), "show_in_header": hotline.show_in_header}
            for hotline in chrome["hotlines"]
        ],
        "footer": {
            "register_numbers": footer["register_numbers"],
            "register_text": (
                gettext("Register number:") + " " + " ".join(footer["register_numbers"])
                if footer["register_numbers"]
                else ""
            ),
            "links": [link(item) for item in footer["links"]],
            "powered_by": footer["powered_by"],
        },
    }


site_view = chrome_view(
    site_chrome_representation,
    "SiteChrome",
    SITE_CHROME_SCHEMA,
    "Site name, navigation, hotlines and footer: the chrome of every page.",
)
