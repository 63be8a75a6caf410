"""The site chrome (navigation and footer) for every page, each read from its one setting."""

from django import template

from ..models import FooterSettings, NavigationSettings

register = template.Library()


def _links(items, request):
    return [{"text": item.text, "url": item.url_for(request)} for item in items]


@register.simple_tag(takes_context=True)
def main_navigation(context):
    request = context["request"]
    nav = NavigationSettings.for_request(request)
    return _links(nav.items.select_related("link_page"), request)


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context["request"]
    footer = FooterSettings.for_request(request)
    return {
        "register_numbers": footer.register_numbers,
        "links": _links(footer.links.select_related("link_page"), request),
        "powered_by": footer.powered_by,
    }
