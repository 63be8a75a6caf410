"""`/api/v2/changes/?since=<cursor>`: the change feed an offline app syncs from.

The mobile app stores the returned `cursor`, asks for what changed since, re-reads each "upsert"
from its `detail_url` and drops each "delete"; it relies on hidden pages only ever appearing as
deletions, with no title or type.
"""

import pytest

from wagtail.models import Page, PageViewRestriction

from news.models import NewsArticlePage
from tests import expected
from tests.factories import NewsArticlePageFactory

FEED = "/api/v2/changes/"


def feed(client, since):
    response = client.get(FEED, {"since": since})
    assert response.status_code == 200, response.content
    return response.json()


def sync_all(client, since="0"):
    """Follow the feed to its end, as an app does; returns (changes, final cursor)."""
    changes = []
    while True:
        data = feed(client, since)
        changes += data["changes"]
        since = data["cursor"]
        if not data["has_more"]:
            return changes, since


@pytest.fixture
def cursor(client, demo_site):
    return sync_all(client)[1]


def test_first_sync_lists_every_live_page_once(client, demo_site):
    """From cursor 0 an app learns every page readers can see, each once per response and
    last as an upsert, with its API URL. (A page changed again after a response's cursor comes
    again in a later response: loading the Chinese pages touched their English originals.)"""
    pages = []
    since = "0"
    while True:
        data = feed(client, since)
        ids = [c["id"] for c in data["changes"] if c["kind"] == "page"]
        assert len(ids) == len(set(ids))
        pages += [c for c in data["changes"] if c["kind"] == "page"]
        since = data["cursor"]
        if not data["has_more"]:
            break
    final = {c["id"]: c for c in pages}
    live = set(Page.objects.live().public().exclude(depth=1).values_list("pk", flat=True))
    assert {pk for pk, c in final.items() if c["action"] == "upsert"} == live
    article = next(
        c for c in final.values() if c.get("html_url", "").endswith(expected.SEED_ARTICLE_URL)
    )
    assert article["type"] == "news.NewsArticlePage"
    assert article["locale"] == "en"
    assert client.get(article["detail_url"]).json()["title"] == expected.SEED_ARTICLE_TITLE


def test_nothing_changed_gives_no_changes_and_the_same_cursor(client, cursor):
    """Asking again with the cursor just returned gives an empty list."""
    data = feed(client, cursor)
    assert data == {"cursor": cursor, "has_more": False, "changes": []}


def test_published_article_is_an_upsert(client, cursor, demo_site):
    """A new article appears once, as an upsert, with its detail URL."""
    index = NewsArticlePage.objects.filter(locale__language_code="en").first().get_parent()
    article = NewsArticlePageFactory(parent=index, title="Fresh stamps on sale")
    article.save_revision().publish()

    changes = feed(client, cursor)["changes"]
    page_changes = [c for c in changes if c["kind"] == "page"]
    assert [(c["id"], c["action"]) for c in page_changes] == [(article.pk, "upsert")]


@pytest.mark.parametrize("how", ["unpublish", "delete", "restrict"])
def test_withdrawn_article_is_a_delete_without_its_content(client, cursor, how):
    """Unpublished, deleted and private articles come as deletions, with only their id; their
    translations come as upserts, since their links to it (the language switch, the API's
    `meta.translations`) changed."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    article_id = article.pk
    translations = set(article.get_translations().live().values_list("pk", flat=True))
    assert translations  # the demo site has every article in Chinese too
    if how == "unpublish":
        article.unpublish()
    elif how == "delete":
        article.delete()
    else:
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    changes = [c for c in feed(client, cursor)["changes"] if c["kind"] == "page"]
    own = [c for c in changes if c["id"] == article_id]
    assert own == [
        {"kind": "page", "id": article_id, "changed_at": own[0]["changed_at"], "action": "delete"}
    ]
    assert article.title not in str(own)
    others = [c for c in changes if c["id"] != article_id]
    assert {c["id"] for c in others} == translations
    assert {(c["action"], c["locale"]) for c in others} == {("upsert", "zh-hans")}


def test_a_draft_is_not_a_change(client, cursor):
    """Saving a draft leaves the feed empty: apps only see published content."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").live().first()
    article.title = "A draft title"
    article.save_revision()
    assert feed(client, cursor)["changes"] == []


def test_small_pages_of_the_feed_add_up_to_the_whole(client, demo_site):
    """With `limit`, following `cursor` until `has_more` is false gives every change."""
    whole, end = sync_all(client)
    parts, since = [], "0"
    while True:
        response = client.get(FEED, {"since": since, "limit": 3})
        data = response.json()
        parts += data["changes"]
        since = data["cursor"]
        if not data["has_more"]:
            break
    assert since == end
    assert {(c["kind"], c["id"]) for c in parts} == {(c["kind"], c["id"]) for c in whole}


def test_limit_counts_objects_not_log_rows(client, demo_site):
    """An object changed many times is one item: `limit=N` gives N items while more remain
    (issue 13: `limit=50` gave 27 items), and the next response goes on from the cursor."""
    index = NewsArticlePage.objects.filter(locale__language_code="en").first().get_parent()
    # New articles, untranslated, so each publish logs one page.
    article, *others = (NewsArticlePageFactory(parent=index) for _ in range(5))
    start = sync_all(client)[1]
    for _ in range(6):
        article.save_revision().publish()
    for page in others:
        page.save_revision().publish()
    first = client.get(FEED, {"since": start, "limit": 3}).json()
    assert len(first["changes"]) == 3
    assert first["has_more"] is True
    assert [c["id"] for c in first["changes"]][0] == article.pk
    rest = client.get(FEED, {"since": first["cursor"], "limit": 3}).json()
    ids = [c["id"] for c in first["changes"] + rest["changes"] if c["kind"] == "page"]
    assert sorted(ids) == sorted([article.pk, *(p.pk for p in others)])
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"since": "abc"}, "since"),
        ({"since": "-1"}, "since"),
        ({"since": "9" * 40}, "since"),
        ({"since": "0", "limit": "0"}, "limit"),
        ({"since": "0", "limit": "501"}, "limit"),
        ({"since": "0", "limit": "x"}, "limit"),
        ({"since": "0", "order": "id"}, "order"),
    ],
)
def test_bad_cursor_or_limit_gets_a_400(client, demo_site, query, parameter):
    """Malformed parameters are refused with a message that names them."""
    response = client.get(FEED, query)
    assert response.status_code == 400
    assert parameter in response.json()["message"]
