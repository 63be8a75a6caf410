from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Hotline


class HotlineViewSet(SnippetViewSet):
    """Hotlines in the admin, reordered by dragging; the order is the header's order."""

    model = Hotline
    icon = "mobile-alt"
    menu_label = "Hotlines"
    add_to_admin_menu = True
    list_display = ["service", "number", "show_in_header"]


register_snippet(HotlineViewSet)
