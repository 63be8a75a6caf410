from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site and API search: keeps its index of live pages current whenever a page is saved
    (publishing, unpublishing, a page created live) from the page's stored row, never from a
    draft; deleting a page deletes its entry with it; after a move, the entries whose pages'
    tree paths changed (the subtree, and siblings it was put before) take the new ones. The
    view restrictions a search leaves out are read once per content version."""

    label = "headless_search"
    name = "headless.search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import engine

        # The API's `search=` filter (headless/filters.py) finds the engine here, so the
        # headless layer works with or without this app.
        self.engine = engine
        post_save.connect(engine.on_page_saved, dispatch_uid="headless.search")
        page_published.connect(engine.on_published, dispatch_uid="headless.search")
        page_unpublished.connect(engine.on_unpublished, dispatch_uid="headless.search")
        post_page_move.connect(engine.on_moved, dispatch_uid="headless.search")
