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
    article = NewsArticlePage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert ContentChange.objects.filter(object_id=article.pk).exists()
    assert content_version.current() != before


def test_a_draft_does_not_move_the_token(demo_site, django_capture_on_commit_callbacks):
    from news.models import NewsArticlePage

    before = content_version.current()
    article = NewsArticlePage.objects.live().first()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "A draft title"
        article.save_revision()
    assert content_version.current() == before


def test_chrome_change_moves_the_token(demo_site, django_capture_on_commit_callbacks):
    from contacts.models import Hotline

    before = content_version.current()
    hotline = Hotline.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        hotline.save()
    assert content_version.current() != before


def test_a_lost_token_is_replaced(demo_site):
    before = content_version.current()
    cache.delete(content_version.KEY)
    assert content_version.current() not in (None, before)
