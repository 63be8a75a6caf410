from django import template

from ..models import Hotline

register = template.Library()


@register.simple_tag
def header_hotlines():
    """The hotlines flagged for the header, in the editors' order."""
    return list(Hotline.objects.filter(show_in_header=True))
