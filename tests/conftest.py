"""Fixtures for the whole suite.

The demo site is built once per session, straight after Wagtail's migrations, by the same
`load_demo_content` command `make run` uses; every test then runs in a transaction that is
rolled back, so a test's edits never leak into the next one. Building the site takes seconds
(21 pages published, 37 pictures drawn and resized); per test it would make the suite several
times slower.

This module imports neither `home` nor `postal_site` at the top: the plugin tests load it too
when they run under `tests/plugins/settings.py`, where neither exists.
"""

import io

import pytest

# The renditions the templates and the API ask for; made once so tests do not redraw them.
# Pages show every picture as WebP with a JPEG fallback (Wagtail's {% picture %} tag); the API
# and the share tags ask for the plain filters.
ARTICLE_PICTURE_FILTERS = (
    "width-480",
    "width-800",
    "width-1200",
    "fill-1200x630",  # Open Graph and Twitter pictures
    *(
        f"{size}|format-{fmt}"
        for size in ("width-480", "width-800", "width-1200", "fill-320x180", "fill-640x360")
        for fmt in ("webp", "jpeg")
    ),
)
STAMP_PICTURE_FILTERS = (
    "width-480",  # the API's renditions of a stamp
    "width-800",
    "width-1200",  # and the larger picture a stamp links to
    *(
        f"{size}|format-{fmt}"
        for size in ("max-300x200", "max-600x400")
        for fmt in ("webp", "jpeg")
    ),
)


def _only_browser_tests(items):
    return bool(items) and all(item.get_closest_marker("browser") for item in items)


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """Migrations, then the demo site, committed for the whole session.

    Skipped under the plugins' minimal settings (no `home` app) and in a browser-only run,
    whose own fixture builds the demo site after each flush of the database.
    """
    from django.apps import apps
    from django.core.management import call_command

    if not apps.is_installed("home") or _only_browser_tests(request.session.items):
        return
    from wagtail.images.models import Image

    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())
        for image in Image.objects.all():
            stamp = image.title.startswith("Stamp ")
            image.get_renditions(*(STAMP_PICTURE_FILTERS if stamp else ARTICLE_PICTURE_FILTERS))


@pytest.fixture
def demo_site(db):
    """The demo site's HomePage, after running `load_demo_content` (again) in this test.

    The session already built the site, so this run must create nothing: each test that uses
    the fixture also checks that the command leaves an existing site alone.
    """
    from django.core.management import call_command

    from home.models import HomePage

    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert "0 items created" in out.getvalue(), out.getvalue()
    return HomePage.objects.filter(locale__language_code="en").get()


@pytest.fixture(autouse=True)
def _clear_caches():
    """Empties Django's caches after each test.

    A rolled-back test leaves cached data behind that no longer matches the database: Wagtail
    caches the sites' root paths and image renditions, and sends no signal on rollback.
    """
    yield
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


class _OpenAPICheckingClient:
    """Mixed into Django's test client: every JSON answer from /api/v2/ is validated against
    the API's own OpenAPI document, so no test can see a response the document does not
    describe."""

    def request(self, **request):
        response = super().request(**request)
        path = request.get("PATH_INFO", "")
        if (
            path.startswith("/api/v2/")
            and path not in ("/api/v2/openapi.json", "/api/v2/docs/")
            # A 405 answers a method the document has no operation for, by definition
            # (its shape: tests/test_security_methods_and_bodies.py).
            and response.status_code != 405
            and response.get("Content-Type", "").startswith("application/json")
        ):
            from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

            _openapi().validate_response(
                DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
            )
        return response


_openapi_cache = []


def _openapi():
    if not _openapi_cache:
        from openapi_core import OpenAPI

        from postal_site.api import openapi_document

        _openapi_cache.append(OpenAPI.from_dict(openapi_document()))
    return _openapi_cache[0]


@pytest.fixture
def client():
    """pytest-django's client, checking API responses against the OpenAPI document when the
    site (and so its document) is installed."""
    from django.apps import apps
    from django.test import Client

    if not apps.is_installed("postal_site"):
        return Client()
    return type("OpenAPICheckingClient", (_OpenAPICheckingClient, Client), {})()


def pytest_collection_modifyitems(config, items):
    """The golden test first: it compares the demo site as built with a recording, before any
    other test's leftovers outside the database (media files, per-worker memos) can touch it."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/test_golden_output.py"), reverse=True)
