"""The site chrome (navigation, hotlines and footer) for every page, from `home.chrome`."""

from django import template
from django.utils.html import strip_tags

from ..chrome import site_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def chrome(context):
    return site_chrome(context["request"])


@register.filter
def about(page):
    """A line about a section on the home page: its search description, summary or intro."""
    for name in ("search_description", "summary", "intro"):
        text = " ".join(strip_tags(str(getattr(page, name, "") or "")).split())
        if text:
            return text
    return ""
