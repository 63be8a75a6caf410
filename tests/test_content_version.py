"""The content version moves after every committed change that readers can see, and only then."""

import pytest

from django.core.cache import cache

from headless import content_version
from headless.models import ContentChange

pytestmark = pytest.mark.django_db(transaction=False)


def test_token_is_stable_until_something_changes(demo_site):
    first = content_version.current()
    assert first == content_version.current()


def test_publishing_moves_the_token_on_commit(demo_site, django_capture_on_commit_callbacks):
    from news.models import NewsArticlePage

    before = content_version.current()
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert ContentChange.objects.filter(object_id=article.pk).exists()
    assert content_version.current() != before


def test_a_draft_does_not_move_the_token(demo_site, django_capture_on_commit_callbacks):
    from news.models import NewsArticlePage

    before = content_version.current()
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A draft title"
        article.save_revision()
    assert content_version.current() == before


def test_chrome_change_moves_the_token(demo_site, django_capture_on_commit_callbacks):
    from contacts.models import Hotline

    before = content_version.current()
    hotline = Hotline.objects.filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        hotline.save()
    assert content_version.current() != before


def test_a_lost_token_is_replaced(demo_site):
    before = content_version.current()
    cache.delete(content_version.KEY)
    assert content_version.current() not in (None, before)


FILE_CACHE_WORKER = """
import django, sys
django.setup()
from django.core.cache import cache
from headless import content_version
content_version.moved()
print(cache.get(content_version.KEY))
"""


@pytest.fixture
def file_cache(settings, tmp_path):
    """The file cache the workers of one machine share, as `make run` sets it up."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "var" / "cache"),
        }
    }
    return tmp_path / "var"


def test_with_the_file_cache_an_unchanged_token_costs_no_cache_read(file_cache, monkeypatch):
    """A page-cache hit reads the token on every request: with the file cache that is one stat
    of the stamp while nothing changed, not an open, read and unpickle of the token's file."""
    from django.core.cache import caches

    first = content_version.current()
    reads = []
    backend = caches["default"]
    original = backend.get
    monkeypatch.setattr(backend, "get", lambda *a, **k: reads.append(a) or original(*a, **k))
    assert all(content_version.current() == first for _ in range(100))
    assert reads == []


def test_with_the_file_cache_another_workers_change_shows_on_the_next_read(file_cache):
    """Another process (a worker, or a management command) moves the token: this worker, which
    remembers the old one, reads the new one on its very next request."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    before = content_version.current()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "postal_site.settings.production",
        "SECRET_KEY": "content-version-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(file_cache),
        "REDIS_URL": "",
    }
    moved_to = subprocess.run(  # noqa: S603 (this venv's Python, a fixed script)
        [sys.executable, "-c", FILE_CACHE_WORKER],
        env=env, cwd=root, check=True, capture_output=True, text=True, timeout=120,
    ).stdout.split()[-1]  # fmt: skip
    assert moved_to != before
    assert content_version.current() == moved_to
