"""Webhooks in another Wagtail site (tests/headless/settings.py): the optional
`headless.webhooks` app needs only the layer, the tasks framework and its database queue.

Who relies on this: any site that adds `headless.webhooks` beside `headless`."""

import pytest
from standardwebhooks import Webhook

from django.core import checks

from wagtail.models import Page, Site

from headless.webhooks.models import Delivery, Endpoint
from tests.headless.testapp.models import NotePage
from tests.webhook_receiver import receiver, run_queue


@pytest.fixture
def notes_home(db):
    home = Page.get_first_root_node().add_child(instance=Page(title="Notes", slug="notes-home"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def test_a_published_note_is_sent_signed_with_its_feed_entry(
    notes_home, settings, django_capture_on_commit_callbacks
):
    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_ALLOW_PRIVATE": True}
    with receiver() as hook:
        app = Endpoint.objects.create(name="Notes app", url=hook.url, kinds=["page"])
        with django_capture_on_commit_callbacks(execute=True):
            note = notes_home.add_child(instance=NotePage(title="Noon", slug="noon", rating=1))
            note.save_revision().publish()
        assert hook.requests == []
        run_queue()
        (request,) = hook.requests
    payload = Webhook(app.secret).verify(request["body"], request["headers"])
    assert payload["type"] == "page.published"
    assert payload["data"]["id"] == note.pk
    assert payload["data"]["type"] == "testapp.NotePage"
    assert payload["data"]["detail_url"] == f"http://testserver/api/v2/pages/{note.pk}/"
    assert Delivery.objects.get().status == "succeeded"


def test_a_queue_without_a_worker_is_reported(settings):
    """An immediate tasks backend would send webhooks inside the editor's request: a system
    check warns."""
    assert not [m for m in checks.run_checks() if m.id.startswith("webhooks.")]
    settings.HEADLESS = {**settings.HEADLESS, "WEBHOOKS_TASK_BACKEND": "default"}
    assert [m.id for m in checks.run_checks() if m.id.startswith("webhooks.")] == ["webhooks.W001"]
