"""The page and response cache (site/page_cache.py): fast for anonymous readers and apps, and
never stale.

Readers rely on a published change showing on the very next request to every page and API
endpoint that shows it; editors rely on always getting their own page with the userbar. The
test settings keep the cache off (a test's edits are never committed, so the content version
cannot move); the `page_cache` fixture turns it on, and `committed()` runs the on-commit hooks
a real commit would.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from django.core.cache import cache

from wagtail.models import Site

from contacts.models import Hotline
from home.models import ContentPage, FooterSettings, NavigationSettings
from news.models import NewsArticlePage, NewsIndexPage
from tests import expected

ROOT = Path(__file__).resolve().parent.parent
API_LISTING = "/api/v2/pages/?type=news.NewsArticlePage&fields=*"
HTML_PAGES = ["/en/", "/en/news/", expected.SEED_ARTICLE_URL, "/en/contact-us/"]


@pytest.fixture
def page_cache(settings):
    """The cache on, as it is by default outside the tests."""
    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": True}


@pytest.fixture
def seed_article(demo_site):
    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )
    # Without alt text of its own, the lead image is described by the image library's
    # description, which change_image edits.
    NewsArticlePage.objects.filter(pk=article.pk).update(lead_image_alt="")
    article.lead_image_alt = ""
    return article


@pytest.fixture
def urls(seed_article):
    """Every page and endpoint readers and apps use, by name."""
    return {
        "home": "/en/",
        "news index": "/en/news/",
        "article": expected.SEED_ARTICLE_URL,
        "contacts": "/en/contact-us/",
        "API listing": API_LISTING,
        "API detail": f"/api/v2/pages/{seed_article.pk}/",
        "API site": "/api/v2/site/",
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs the block's on-commit hooks at its end, as a committed transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def fresh(client, settings, url):
    """What the site renders for `url` right now, bypassing the cache."""
    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": False}
    try:
        return client.get(url)
    finally:
        settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": True}


def warm(client, urls):
    for url in urls.values():
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


# Each change: (what to do, the text that must show afterwards or None, the pages showing it).
# "gone" pages must no longer show the text given by the change.


def publish_new_article(seed_article):
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    article = NewsArticlePage(
        title="Parcel lockers reach every county", date="2026-11-20", summary="Lockers."
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    return "Parcel lockers reach every county", ["home", "news index", "API listing"]


def publish_an_edit(seed_article):
    revision = seed_article.get_latest_revision_as_object()
    revision.title = "Model units for rural vitalization honoured"
    revision.save_revision().publish()
    return revision.title, ["article", "API listing", "API detail"]


def unpublish(seed_article):
    seed_article.unpublish()
    return None, []


def move(seed_article):
    about = ContentPage.objects.filter(locale__language_code="en").get(slug="about-us")
    ContentPage.objects.filter(locale__language_code="en").get(slug="postman-story").move(
        about, pos="last-child"
    )
    return "/en/about-us/postman-story/", ["home", "news index", "article", "contacts", "API site"]


def change_navigation(seed_article):
    item = NavigationSettings.for_site(Site.objects.get(is_default_site=True)).items.first()
    item.label = "Our postmen"
    item.save()
    return "Our postmen", ["home", "news index", "article", "contacts", "API site"]


def change_hotline(seed_article):
    hotline = Hotline.objects.filter(locale__language_code="en").get(service="Postal Savings")
    hotline.number = "8610 95599"
    hotline.save()
    return "8610 95599", ["home", "news index", "article", "contacts", "API site"]


def change_footer(seed_article):
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.powered_by = "Powered by the national post"
    footer.save()
    return "Powered by the national post", ["home", "news index", "article", "contacts", "API site"]


def change_image(seed_article):
    image = seed_article.lead_image
    image.description = "Award winners on the stage in Beijing"
    image.save()
    return "Award winners on the stage in Beijing", ["article", "API detail"]


@pytest.mark.parametrize(
    "change",
    [
        publish_new_article,
        publish_an_edit,
        unpublish,
        move,
        change_navigation,
        change_hotline,
        change_footer,
        change_image,
    ],
)
def test_a_change_shows_on_the_very_next_request_everywhere(
    client, settings, page_cache, seed_article, urls, committed, change
):
    """After each kind of change, the next request to every page and endpoint (all cached
    before it) answers exactly what a fresh render answers, and the change shows where the
    page shows it."""
    warm(client, urls)
    with committed():
        text, showing = change(seed_article)

    for name, url in urls.items():
        response = client.get(url)
        expected_response = fresh(client, settings, url)
        assert response.status_code == expected_response.status_code, name
        assert response.content == expected_response.content, name
        if name in showing:
            assert text in response.content.decode(), name
    if change is unpublish:
        assert client.get(urls["article"]).status_code == 404
        assert client.get(urls["API detail"]).status_code == 404
        for name in ("home", "news index", "API listing"):
            assert seed_article.title not in client.get(urls[name]).content.decode(), name


def test_a_hit_costs_no_database_query(client, page_cache, urls, django_assert_num_queries):
    """Once stored, each page and endpoint is answered without touching the database."""
    for name, url in urls.items():
        first = client.get(url)
        assert first.status_code == 200, name
        assert first["X-Page-Cache"] == "miss", name
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again["X-Page-Cache"] == "hit", name
        assert again.content == first.content, name


def test_a_draft_leaves_the_stored_pages_alone(client, page_cache, seed_article, committed):
    """Saving a draft changes nothing readers see, so the stored page is still served."""
    client.get(expected.SEED_ARTICLE_URL)
    with committed():
        seed_article.title = "A draft title"
        seed_article.save_revision()
    response = client.get(expected.SEED_ARTICLE_URL)
    assert response["X-Page-Cache"] == "hit"
    assert "A draft title" not in response.content.decode()


USERBAR = b"wagtail-userbar"


def test_an_editor_never_gets_the_anonymous_page(client, admin_client, page_cache, demo_site):
    """A signed-in editor gets their own page, with the userbar, even when the anonymous
    page is stored."""
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    response = admin_client.get("/en/")
    assert USERBAR in response.content
    assert "X-Page-Cache" not in response


def test_anonymous_readers_never_get_an_editors_page(client, admin_client, page_cache, demo_site):
    """What an editor was shown is never stored: the next anonymous reader gets a page
    without the userbar."""
    assert USERBAR in admin_client.get("/en/").content
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "miss"
    assert USERBAR not in response.content


def test_session_cookie_or_authorization_skips_the_cache(client, page_cache, demo_site):
    """A request carrying a session or credentials is never answered from the store."""
    client.get("/en/")
    assert "X-Page-Cache" not in client.get("/en/", HTTP_AUTHORIZATION="Bearer x")
    client.cookies["sessionid"] = "no-such-session"
    assert "X-Page-Cache" not in client.get("/en/")


def test_head_is_answered_from_the_store(client, page_cache, demo_site):
    client.get("/en/news/")
    response = client.head("/en/news/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_admin_and_previews_are_never_stored(client, page_cache, demo_site):
    """The admin, previews, the v3 API and the health check pass through untouched."""
    for path in ["/admin/login/", "/api/v2/preview/?token=x", "/api/v3/pages/", "/healthz"]:
        client.get(path)
        assert "X-Page-Cache" not in client.get(path), path


def test_stored_api_response_gets_each_origins_cors_headers(client, page_cache, demo_site):
    """One stored response serves every browser app, each with its own CORS answer."""
    allowed, refused = "https://app.example.com", "https://elsewhere.example.com"
    assert "Access-Control-Allow-Origin" not in client.get("/api/v2/site/")
    response = client.get("/api/v2/site/", HTTP_ORIGIN=allowed)
    assert response["X-Page-Cache"] == "hit"
    assert response["Access-Control-Allow-Origin"] == allowed
    assert "ETag" in response["Access-Control-Expose-Headers"]
    response = client.get("/api/v2/site/", HTTP_ORIGIN=refused)
    assert response["X-Page-Cache"] == "hit"
    assert "Access-Control-Allow-Origin" not in response


def test_api_keys_on_the_accept_header(client, page_cache, demo_site):
    """People browsing the API get its HTML view, never the JSON stored for apps."""
    assert client.get("/api/v2/pages/").headers["Content-Type"] == "application/json"
    html = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert html["Content-Type"].startswith("text/html")
    assert client.get("/api/v2/pages/")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("cache_on", [True, False], ids=["cache on", "cache off"])
def test_html_revalidation_answers_304_until_something_changes(
    client, settings, seed_article, committed, cache_on
):
    """Pages carry ETag and Last-Modified and `no-cache`, so browsers revalidate each time:
    a 304 while nothing changed, the new page after a change."""
    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": cache_on}
    first = client.get(expected.SEED_ARTICLE_URL)
    assert first["Cache-Control"] == "no-cache"
    etag, modified = first["ETag"], first["Last-Modified"]

    again = client.get(expected.SEED_ARTICLE_URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/en/news/", HTTP_IF_NONE_MATCH=etag).status_code == 200  # another page
    since = client.get(expected.SEED_ARTICLE_URL, HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304

    with committed():
        publish_an_edit(seed_article)
    changed = client.get(expected.SEED_ARTICLE_URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Model units for rural vitalization honoured" in changed.content.decode()


def test_api_revalidation_from_the_store_keeps_the_api_validators(
    client, page_cache, seed_article, django_assert_num_queries
):
    """A stored API response answers If-None-Match with the API's own ETag, without a
    database query."""
    url = f"/api/v2/pages/{seed_article.pk}/"
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_page_cache_off_renders_every_request(client, settings, demo_site):
    """With the page cache off nothing is stored: every request renders its page's template."""
    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": False}
    client.get("/en/news/")
    response = client.get("/en/news/")
    assert "X-Page-Cache" not in response
    assert "news/news_index_page.html" in [template.name for template in response.templates]
    assert not [key for key in cache._cache if ":postal:page:" in key]


def test_page_cache_environment_switch():
    """PAGE_CACHE=0 in the environment turns the cache off; it is on otherwise."""
    script = "from django.conf import settings; print(settings.HEADLESS['PAGE_CACHE'])"
    for value, shown in (("0", "False"), (None, "True")):
        env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "postal_site.settings.dev"}
        if value is not None:
            env["PAGE_CACHE"] = value
        out = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
            [sys.executable, "-c", f"import django; django.setup(); {script}"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert out == shown, value


def test_a_release_drops_the_stored_pages(client, page_cache, demo_site, committed):
    """`migrate`, run once per release, moves the content version: pages stored by the old
    code and templates are not served by the new."""
    from django.core.management import call_command

    client.get("/en/")
    with committed():
        call_command("migrate", verbosity=0, interactive=False)
    assert client.get("/en/")["X-Page-Cache"] == "miss"


@pytest.fixture
def other_worker_rendering(client, page_cache, demo_site):
    """/en/news/ stored, then taken out again and locked, as while another worker renders it
    after a change: (its key, its lock, the entry that worker will store)."""
    from django.test import RequestFactory

    from headless import content_version
    from headless import page_cache as page_cache_module

    client.get("/en/news/")
    key = page_cache_module._key(RequestFactory().get("/en/news/"), content_version.current())
    entry = cache.get(key)
    assert entry is not None
    cache.delete(key)
    cache.add(key + ":lock", 1)
    # This worker's memory holds it too; the request below is another worker's first.
    page_cache_module.ready.clear()
    return key, key + ":lock", entry


def test_a_miss_waits_for_the_worker_already_rendering_it(
    client, other_worker_rendering, django_assert_num_queries
):
    """After a change every reader misses at once; a request for a page another worker is
    rendering waits for that worker's result instead of rendering it again."""
    import threading

    key, _lock, entry = other_worker_rendering
    threading.Timer(0.2, cache.set, (key, entry)).start()
    with django_assert_num_queries(0):
        response = client.get("/en/news/")
    assert response["X-Page-Cache"] == "hit"


def test_a_miss_renders_itself_when_the_other_worker_gives_up(client, other_worker_rendering):
    """If the worker rendering the page stores nothing (an error, say), the waiting request
    renders the page itself."""
    import threading

    _key, lock, _entry = other_worker_rendering
    threading.Timer(0.2, cache.delete, (lock,)).start()
    response = client.get("/en/news/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"


def test_a_hit_from_memory_carries_the_headers_of_the_whole_stack(client, page_cache, urls):
    """The front tier answers before the security middleware runs: its stored response keeps
    what the stack added (nosniff, referrer policy, frame options, CSP, validators)."""
    from headless import page_cache as page_cache_module

    for name, url in urls.items():
        miss = client.get(url)
        hit = client.get(url)
        assert hit["X-Page-Cache"] == "hit", name
        assert hit.content == miss.content, name
        for header in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "ETag"):
            if miss.has_header(header):
                assert hit[header] == miss[header], (name, header)
        assert hit["X-Content-Type-Options"] == "nosniff", name
    assert len(page_cache_module.ready) >= len(urls)


def test_random_query_strings_grow_no_cache(client, page_cache, seed_article):
    """A crawler adding `?x=<random>` to every request gets the article as it is, from the
    store, and neither the shared cache nor the worker's memory grows."""
    import secrets

    from headless import page_cache as page_cache_module

    article = expected.SEED_ARTICLE_URL
    page = client.get(article).content
    client.get(f"{article}?x=first")  # the article's parameters are learnt once
    size, in_memory = len(cache._cache), len(page_cache_module.ready)
    for _ in range(200):
        response = client.get(f"{article}?x={secrets.token_hex(8)}&utm_source=crawler")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "hit"
        assert response.content == page
    assert len(cache._cache) == size
    assert len(page_cache_module.ready) == in_memory


def test_the_parameters_a_page_reads_stay_in_its_key(client, page_cache, settings, demo_site):
    """The news index reads `page`: page 2 is another page, and a stray parameter beside it
    changes nothing; every answer is what the site renders fresh."""
    first = client.get("/en/news/?page=1&x=1")
    second = client.get("/en/news/?page=2")
    second_again = client.get("/en/news/?x=9&page=2")
    assert second_again["X-Page-Cache"] == "hit"
    assert second_again.content == second.content
    assert second.content != first.content
    assert second.content == fresh(client, settings, "/en/news/?page=2").content
    assert first.content == fresh(client, settings, "/en/news/?page=1").content


def test_a_page_that_reads_its_whole_query_is_keyed_by_all_of_it(rf, settings, page_cache):
    """A view that iterates the query or asks for the full path has every parameter in its key."""
    from headless import content_version
    from headless import page_cache as page_cache_module

    request = rf.get("/some/page/?a=1&b=2")
    watched = page_cache_module._watch(request)
    request.GET.get("a")
    assert watched.used() == frozenset({"a"})
    request.get_full_path()
    assert watched.used() == page_cache_module.ALL
    version = content_version.current()
    page_cache_module._learn(request, version, watched.used())
    other = rf.get("/some/page/?a=1&b=3")
    assert page_cache_module._key(other, version) != page_cache_module._key(request, version)


def test_the_memory_tier_is_bounded(client, page_cache, settings, urls):
    """However many pages are read, each worker keeps at most PAGE_CACHE_MEMORY_ENTRIES."""
    from headless import page_cache as page_cache_module

    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE_MEMORY_ENTRIES": 3}
    for url in urls.values():
        client.get(url)
        client.get(url)
    assert len(page_cache_module.ready) == 3


def test_an_origin_or_a_cookie_goes_past_the_memory_tier(client, page_cache, demo_site):
    """CORS answers per origin, and a session means an editor: neither is answered from the
    worker's memory (the stack below decides, as before)."""
    client.get("/api/v2/site/")
    client.get("/api/v2/site/")
    with_origin = client.get("/api/v2/site/", HTTP_ORIGIN="https://app.example.com")
    assert with_origin["Access-Control-Allow-Origin"] == "https://app.example.com"
    client.cookies["sessionid"] = "not-a-session"
    assert "X-Page-Cache" not in client.get("/api/v2/site/")
