"""Defects a probe of the running site found in the API's caches and validators (issue 12,
items 2, 3, 4, 6 and 7). Apps rely on each: a 304 only when the body is really unchanged and
really theirs to see, and nothing private or drafted in any answer or feed entry."""

import datetime

import pytest

from django.core.cache import caches

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from headless.preview import make_token
from news.models import NewsArticlePage, NewsIndexPage
from tests import expected
from tests.factories import DocumentFactory, ImageFactory, NewsArticlePageFactory


@pytest.fixture
def seed_article(demo_site):
    return NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )


@pytest.fixture
def page_cache(settings):
    settings.HEADLESS = {**settings.HEADLESS, "PAGE_CACHE": True}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def private_collection(db):
    """A collection with a password, holding one image and one document."""
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    image = ImageFactory(title="Board photo", collection=collection)
    document = DocumentFactory(title="Board minutes", collection=collection)
    return collection, image, document


def titles(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return [item["title"] for item in response.json()["items"]]


# 2. A collection made private stays listed from the cache.
@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_a_collection_made_private_leaves_the_cached_listing_at_once(
    client, demo_site, private_collection, page_cache, committed, endpoint
):
    collection, image, document = private_collection
    item = image if endpoint == "images" else document
    path = f"/api/v2/{endpoint}/?limit=50"
    assert item.title in titles(client, path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    with committed():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="password", password="s3cret"
        )
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert item.title not in [i["title"] for i in response.json()["items"]]


def test_removing_a_collection_restriction_lists_its_items_again(
    client, demo_site, private_collection, page_cache, committed
):
    collection, image, _ = private_collection
    with committed():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type="password", password="s3cret"
        )
    assert image.title not in titles(client, "/api/v2/images/?limit=50")
    with committed():
        restriction.delete()
    assert image.title in titles(client, "/api/v2/images/?limit=50")


# 3. ETags that ignore other pages.
def test_an_article_detail_revalidates_when_a_newer_article_is_published(client, seed_article):
    """The detail shows its newer neighbour: publishing a newer article must move its ETag."""
    url = f"/api/v2/pages/{seed_article.pk}/"
    first = client.get(url)
    newer = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title="A newer article",
        date=seed_article.date + datetime.timedelta(days=1),
        live=False,
    )
    newer.save_revision().publish()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["newer_article"]["title"] == "A newer article"


def test_a_detail_revalidates_when_its_parent_is_renamed(client, seed_article):
    """`meta.parent` and the breadcrumbs show the news index's title."""
    url = f"/api/v2/pages/{seed_article.pk}/"
    first = client.get(url)
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    index.title = "Newsroom"
    index.save_revision().publish()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Newsroom" in [crumb["title"] for crumb in again.json()["breadcrumbs"]]


def test_the_index_archive_revalidates_when_an_article_of_a_new_year_appears(client, demo_site):
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    url = f"/api/v2/pages/{index.pk}/"
    first = client.get(url)
    NewsArticlePageFactory(parent=index, date=datetime.date(1999, 5, 1), live=False)
    NewsArticlePage.objects.filter(locale__language_code="en").get(
        date=datetime.date(1999, 5, 1)
    ).save_revision().publish()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert 1999 in [year["year"] for year in again.json()["archive"]["years"]]


def test_a_typed_listing_revalidates_when_the_parent_of_its_items_changes(client, demo_site):
    """Each listed article carries its parent: renaming the index moves the listing's ETag."""
    url = "/api/v2/pages/?type=news.NewsArticlePage&fields=*"
    first = client.get(url)
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    index.title = "Newsroom"
    index.save_revision().publish()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


# 4. A preview writes into the live API.
def test_a_preview_never_fills_the_live_answer(client, seed_article):
    url = f"/api/v2/pages/{seed_article.pk}/?fields=*"
    live_before = client.get(url).json()
    # A draft dated far ahead: its newer and older neighbours differ from the live page's.
    seed_article.date = datetime.date(1990, 1, 1)
    revision = seed_article.save_revision()
    preview = client.get(f"/api/v2/preview/?token={make_token(revision)}").json()
    assert preview["newer_article"] != live_before["newer_article"]
    for cache in caches.all(initialized_only=True):
        cache.clear()  # the page cache and the shared cache: only the worker's memo remains
    live_after = client.get(url).json()
    assert live_after["newer_article"] == live_before["newer_article"]
    assert live_after["older_article"] == live_before["older_article"]


# 6. Conditional requests before existence.
@pytest.mark.parametrize(
    "headers",
    [{"HTTP_IF_NONE_MATCH": "*"}, {"HTTP_IF_MODIFIED_SINCE": "Fri, 01 Jan 2100 00:00:00 GMT"}],
)
def test_no_304_for_a_page_that_does_not_exist_or_is_not_public(client, seed_article, headers):
    assert client.get("/api/v2/pages/999999/", **headers).status_code == 404
    seed_article.unpublish()
    assert client.get(f"/api/v2/pages/{seed_article.pk}/", **headers).status_code == 404
    draft_home = Page.objects.get(depth=2, locale__language_code="en")
    PageViewRestriction.objects.create(page=draft_home, restriction_type="login")
    other = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    assert client.get(f"/api/v2/pages/{other.pk}/", **headers).status_code == 404


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_no_304_for_media_that_is_private_or_missing(client, private_collection, endpoint):
    collection, image, document = private_collection
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="s3cret"
    )
    item = image if endpoint == "images" else document
    headers = {"HTTP_IF_NONE_MATCH": "*"}
    assert client.get(f"/api/v2/{endpoint}/{item.pk}/", **headers).status_code == 404
    assert client.get(f"/api/v2/{endpoint}/999999/", **headers).status_code == 404


def test_a_304_is_still_given_for_a_visible_page(client, seed_article):
    first = client.get(f"/api/v2/pages/{seed_article.pk}/")
    again = client.get(f"/api/v2/pages/{seed_article.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


# 7. The change feed lists what apps cannot read.
def test_the_feed_never_offers_private_media(client, private_collection):
    collection, image, document = private_collection
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="s3cret"
    )
    entries = client.get("/api/v2/changes/?since=0&limit=500").json()["changes"]
    for kind, item in (("image", image), ("document", document)):
        entry = next(e for e in entries if e["kind"] == kind and e["id"] == item.pk)
        assert entry["action"] == "delete"
        assert "detail_url" not in entry


def test_a_redirect_to_a_draft_shows_nowhere(client, seed_article, demo_site):
    draft = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.filter(locale__language_code="en").get(),
        title="Embargoed",
        slug="embargoed",
        live=False,
    )
    redirect = Redirect.objects.create(old_path="/old-embargoed", redirect_page=draft)
    listed = [r["old_path"] for r in client.get("/api/v2/redirects/").json()["items"]]
    assert "/old-embargoed" not in listed
    assert client.get("/old-embargoed/").status_code == 404
    assert client.get(f"/api/v2/redirects/{redirect.pk}/").status_code == 404
    found = client.get("/api/v2/redirects/find/?html_path=/old-embargoed")
    assert found.status_code == 404
    entries = client.get("/api/v2/changes/?since=0&limit=500").json()["changes"]
    entry = next(e for e in entries if e["kind"] == "redirect" and e["id"] == redirect.pk)
    assert entry["action"] == "delete"
    # Published, it works everywhere.
    draft.save_revision().publish()
    assert client.get("/old-embargoed/").status_code == 301
    listed = [r["old_path"] for r in client.get("/api/v2/redirects/").json()["items"]]
    assert "/old-embargoed" in listed
