"""Cache tags and purges for an edge cache (headless/cache_tags.py, headless/purge/).

Operators running a CDN or Varnish in front rely on every shared answer naming what it shows,
on each change purging exactly those names once it commits, and on the CDN APIs being called
as documented. Without an edge configured nothing is purged and nothing gets an s-maxage.
The Varnish backend itself is tested for real in tests/test_edge_varnish.py.
"""

import datetime
import io
import json
from unittest import mock

import pytest

from django.utils import timezone

from contacts.models import ContactsPage, Hotline
from headless.purge import PurgeError, tasks
from headless.purge.cloudflare import CloudflarePurge
from headless.purge.dummy import DummyPurge
from headless.purge.fastly import FastlyPurge
from headless.purge.varnish import VarnishPurge
from news.models import NewsArticlePage
from tests import expected

API_LISTING = "/api/v2/pages/?type=news.NewsArticlePage&fields=*"


@pytest.fixture
def edge(settings):
    """A purging edge (the dummy backend, which records purges), with the page cache on."""
    DummyPurge.purged = []
    settings.HEADLESS = {
        **settings.HEADLESS,
        "PAGE_CACHE": True,
        "PURGE_BACKEND": "headless.purge.dummy.DummyPurge",
        "PURGE_TASK_BACKEND": "default",  # immediate in tests: runs at commit
        "PURGE_RETRY_DELAY": 0,
    }
    return DummyPurge


@pytest.fixture
def article(demo_site):
    return NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )


def tags(response):
    return set(response["xkey"].split())


def purged():
    return {tag for batch in DummyPurge.purged for tag in batch}


def test_pages_and_api_answers_name_what_they_show(edge, client, article):
    """An article names itself, its ancestors, the articles it shows (neighbours) and the
    chrome; the typed listing its types' scopes; the chrome endpoint the chrome."""
    page = client.get(expected.SEED_ARTICLE_URL)
    ancestors = {f"page:{p.pk}" for p in article.get_ancestors()}
    assert {f"page:{article.pk}", *ancestors, "pages:type:news.newsarticlepage", "chrome"} <= tags(
        page
    )
    detail = client.get(f"/api/v2/pages/{article.pk}/")
    assert f"page:{article.pk}" in tags(detail)
    assert "chrome" not in tags(detail)  # the API's page answers do not show the chrome
    listing = client.get(API_LISTING)
    assert "pages:type:news.newsarticlepage" in tags(listing)
    assert "page:" not in listing["xkey"]  # tagged by scope, not item by item
    assert tags(client.get("/api/v2/site/")) == {"chrome", "everything"}
    assert "images:all" in tags(client.get("/api/v2/images/"))
    assert "unscoped" in tags(client.get("/en/search/?q=stamp"))


def test_shared_answers_live_long_at_the_edge_while_browsers_revalidate(edge, client, demo_site):
    page = client.get("/en/news/")
    assert "s-maxage=86400" in page["Cache-Control"]
    assert "max-age=0" in page["Cache-Control"]
    assert "no-cache" not in page["Cache-Control"]  # that would bind the edge too
    api = client.get("/api/v2/site/")
    assert "max-age=60" in api["Cache-Control"]
    assert "s-maxage=86400" in api["Cache-Control"]


def test_without_an_edge_nothing_gets_an_s_maxage(settings, client, demo_site):
    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": True}
    page = client.get("/en/news/")
    assert "no-cache" in page["Cache-Control"]
    assert "s-maxage" not in page["Cache-Control"]
    assert "s-maxage" not in client.get("/api/v2/site/")["Cache-Control"]
    assert "pages:type:news.newsarticlepage" in tags(page)  # the tags are there all the same


def test_private_answers_carry_no_tags(edge, client, admin_user):
    client.force_login(admin_user)
    assert "xkey" not in client.get("/en/news/")


def test_publishing_purges_the_article_and_what_shows_articles_only(
    edge, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Retitled"
        article.save_revision().publish()
    assert {f"page:{article.pk}", "pages:type:news.newsarticlepage", "pages:all"} <= purged()
    contacts = ContactsPage.objects.filter(locale__language_code="en").get()
    assert f"page:{contacts.pk}" not in purged()
    assert "pages:type:contacts.contactspage" not in purged()
    assert "chrome" not in purged()  # an article is not in the menus


def test_a_hotline_edit_purges_the_chrome_and_the_pages_choosing_it(
    edge, demo_site, django_capture_on_commit_callbacks
):
    contacts = ContactsPage.objects.filter(locale__language_code="en").get()
    with django_capture_on_commit_callbacks(execute=True):
        hotline = Hotline.objects.filter(locale__language_code="en").get(service="Postal Savings")
        hotline.number = "8610 95599"
        hotline.save()
    assert {"chrome", f"page:{contacts.pk}"} <= purged()
    assert "pages:type:news.newsarticlepage" not in purged()


def test_nothing_is_purged_before_the_commit_nor_without_an_edge(
    settings, article, django_capture_on_commit_callbacks
):
    DummyPurge.purged = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        settings.HEADLESS = {**settings.HEADLESS, "PURGE_BACKEND": None}
        article.save_revision().publish()
    assert DummyPurge.purged == []
    for callback in callbacks:
        callback()
    assert DummyPurge.purged == []


class FlakyPurge(DummyPurge):
    failures = 0

    def purge_batch(self, tags):
        if FlakyPurge.failures:
            FlakyPurge.failures -= 1
            raise PurgeError("edge down")
        super().purge_batch(tags)


def test_a_failed_purge_is_retried_until_it_succeeds(edge, settings):
    settings.HEADLESS = {**settings.HEADLESS, "PURGE_BACKEND": "tests.test_edge_tags.FlakyPurge"}
    FlakyPurge.failures = 2
    tasks.purge_tags.enqueue(["chrome"])
    assert DummyPurge.purged == [["chrome"]]


def test_a_failed_purge_gives_up_after_the_retries(edge, settings):
    settings.HEADLESS = {
        **settings.HEADLESS,
        "PURGE_BACKEND": "tests.test_edge_tags.FlakyPurge",
        "PURGE_RETRIES": 3,
    }
    FlakyPurge.failures = 5
    result = tasks.purge_tags.enqueue(["chrome"])
    assert result.status == "FAILED"
    assert FlakyPurge.failures == 2  # three attempts
    assert DummyPurge.purged == []


@pytest.mark.django_db
def test_retries_wait_longer_each_time_on_the_database_queue(edge, settings):
    """On the database backend the next attempt is a new task to run after the delay, so no
    worker sleeps, and a worker restarted meanwhile still runs it."""
    from django_tasks_db.models import DBTaskResult

    settings.HEADLESS = {
        **settings.HEADLESS,
        "PURGE_BACKEND": "tests.test_edge_tags.FlakyPurge",
        "PURGE_TASK_BACKEND": "edge",
        "PURGE_RETRY_DELAY": 2.0,
    }
    FlakyPurge.failures = 1
    before = timezone.now()
    assert tasks.purge_tags.call(["chrome"], 3) == "retrying"
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [["chrome"], 4]
    assert queued.run_after >= before + datetime.timedelta(seconds=8)  # 2 s doubled twice


def recorded(urlopen):
    (request,), kwargs = urlopen.call_args
    return request, kwargs


def test_cloudflare_purges_by_tag_as_its_api_documents():
    response = mock.MagicMock()
    response.__enter__.return_value = io.BytesIO(b'{"success": true, "errors": []}')
    backend = CloudflarePurge(ZONE_ID="023e105f4ecef8ad9ca31a8372d0c353", API_TOKEN="tok")
    with mock.patch("urllib.request.urlopen", return_value=response) as urlopen:
        backend.purge(["chrome", "page:7"])
    request, kwargs = recorded(urlopen)
    assert request.get_method() == "POST"
    assert request.full_url == (
        "https://api.cloudflare.com/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"
    )
    assert request.get_header("Authorization") == "Bearer tok"
    assert request.get_header("Content-type") == "application/json"
    assert json.loads(request.data) == {"tags": ["chrome", "page:7"]}
    assert kwargs == {"timeout": 10}
    assert CloudflarePurge.tag_header == "Cache-Tag"
    assert CloudflarePurge.tag_separator == ","


def test_cloudflare_sends_at_most_30_tags_a_request_and_fails_on_an_error_answer():
    ok = mock.MagicMock()
    ok.__enter__.side_effect = lambda: io.BytesIO(b'{"success": true}')
    backend = CloudflarePurge(ZONE_ID="z", API_TOKEN="t")
    with mock.patch("urllib.request.urlopen", return_value=ok) as urlopen:
        backend.purge([f"page:{n}" for n in range(45)])
    assert [len(json.loads(c.args[0].data)["tags"]) for c in urlopen.call_args_list] == [30, 15]
    refused = mock.MagicMock()
    refused.__enter__.return_value = io.BytesIO(b'{"success": false, "errors": [{"code": 9}]}')
    with mock.patch("urllib.request.urlopen", return_value=refused), pytest.raises(PurgeError):
        backend.purge(["chrome"])


def test_fastly_purges_by_surrogate_key_as_its_api_documents():
    response = mock.MagicMock()
    backend = FastlyPurge(SERVICE_ID="SU1Z0isxPaozGVKXdv0eY", API_TOKEN="key")
    with mock.patch("urllib.request.urlopen", return_value=response) as urlopen:
        backend.purge(["chrome", "page:7"])
    request, _ = recorded(urlopen)
    assert request.get_method() == "POST"
    assert request.full_url == "https://api.fastly.com/service/SU1Z0isxPaozGVKXdv0eY/purge"
    assert request.get_header("Fastly-key") == "key"
    assert request.get_header("Surrogate-key") == "chrome page:7"


def test_cloudflare_tag_header_on_responses(edge, settings, client, demo_site):
    settings.HEADLESS = {
        **settings.HEADLESS,
        "PURGE_BACKEND": "headless.purge.cloudflare.CloudflarePurge",
    }
    response = client.get("/api/v2/site/")
    assert response["Cache-Tag"] == "chrome,everything"


def test_an_unreachable_varnish_is_a_purge_error():
    with pytest.raises(PurgeError):
        VarnishPurge(URLS=["http://127.0.0.1:9"], TIMEOUT=1).purge(["chrome"])
