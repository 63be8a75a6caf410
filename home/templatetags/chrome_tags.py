"""The site chrome (navigation, hotlines and footer) for every page, from `home.chrome`."""

from django import template

from ..chrome import site_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def chrome(context):
    return site_chrome(context["request"])
