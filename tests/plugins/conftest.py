"""A bare host for the plugins: a plain Wagtail page as the default site's root.

No `home.HomePage` here: the plugins must work under any host's page, and under
`tests/plugins/settings.py` the `home` app does not exist at all.
"""

import pytest

from wagtail.models import Page, Site

from tests.factories import DocumentFactory, ImageFactory, NewsIndexPageFactory


@pytest.fixture
def host_page(db):
    """A plain page at /, as the default Site's root (replacing whatever the host had there)."""
    root = Page.get_first_root_node()
    host = root.add_child(instance=Page(title="Plugin host", slug="plugin-host"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = host
    site.save()
    return host


@pytest.fixture
def news_index(host_page):
    """A news index at /news/."""
    return NewsIndexPageFactory(
        parent=host_page, intro="<p>News from the <b>postal network</b>.</p>"
    )


@pytest.fixture
def image(db):
    """A small PNG image in the library."""
    return ImageFactory(title="Green van", description="A green postal van")


@pytest.fixture
def document(db):
    """A text document in the library."""
    return DocumentFactory(title="Annual report")
