"""Rich text page links that take their pages from the stream pool (`streams.objects_for_streams`),
so a body with many links costs no query per paragraph."""

from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from .streams import pooled


class PooledPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        ids = [int(pk) if pk.isdigit() else None for pk in ids]
        found = pooled("page", ids) if None not in ids else None
        return found if found is not None else super().get_many(attrs_list)


# After Wagtail's own registration (order 0), so that this one is the page link handler.
@hooks.register("register_rich_text_features", order=100)
def register_pooled_page_links(features):
    features.register_link_type(PooledPageLinkHandler)
