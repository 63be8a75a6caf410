from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .models import Hotline


class HotlineIndexView(IndexView):
    """The hotlines in the order readers see them, with the drag handles shown at once.

    Wagtail offers drag-and-drop reordering (the viewset's `sort_order_field`, here
    Orderable's `sort_order`) only while the list is ordered by that field; by default a
    snippet list is ordered otherwise and an editor would first have to find "Sort item order".
    """

    default_ordering = "sort_order"

    def get_base_queryset(self):
        # One language at a time (the default one until the editor picks another): each
        # language's header lists its own hotlines in their own order, so a drag reorders
        # within one language.
        queryset = super().get_base_queryset()
        return queryset.filter(locale=self.locale) if self.locale else queryset


class HotlineViewSet(SnippetViewSet):
    """Hotlines in the admin, reordered by dragging; the order is the header's order."""

    model = Hotline
    icon = "mobile-alt"
    menu_label = "Hotlines"
    add_to_admin_menu = True
    index_view_class = HotlineIndexView
    sort_order_field = "sort_order"
    list_display = [
        "service",
        "number",
        # "Yes" or "No" for editors, not Python's True and False.
        Column(
            "show_in_header",
            label="Shown in header",
            accessor=lambda hotline: "Yes" if hotline.show_in_header else "No",
        ),
    ]


register_snippet(HotlineViewSet)
