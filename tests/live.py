"""The demo site for tests served by pytest-django's `live_server` (browser tests, the wt test).

`live_server` makes a test transactional: Django empties every table after it, including the
Locale, root collection, root page and default Site that Wagtail's migrations create. In a
mixed run pytest-django orders such tests after the others, so those still see their data.
"""

import io


def rebuild_demo_site():
    """The demo site as `make run` builds it, even on tables an earlier test emptied.

    Puts back what Wagtail's migrations create (Locale, root collection, root page, the
    placeholder welcome page and the default Site) where it is missing, then runs
    `load_demo_content`, which replaces the welcome page with the site's HomePage (and does
    nothing on a site that already has one).
    """
    from django.core.management import call_command

    from wagtail.models import Collection, Locale, Page, Site

    Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    if not Site.objects.filter(is_default_site=True).exists():
        welcome = root.add_child(
            instance=Page(title="Welcome to your new Wagtail site!", slug="home")
        )
        Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)
    call_command("load_demo_content", stdout=io.StringIO())
