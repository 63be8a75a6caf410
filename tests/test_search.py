"""Site search and the API's `search=` (headless.search), on SQLite and PostgreSQL alike:
stemming, weights, both sorts, highlighted snippets that never run stored markup, Chinese words
found inside sentences written without spaces, and nothing readers may not see.

Readers rely on the search page; apps on `/api/v2/pages/?search=`, which must give the same
pages in the same order."""

import datetime
import io
import json

import pytest

from django.core.management import call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

from headless.search import engine
from headless.search.models import SearchEntry
from home.models import ContentPage
from news.models import NewsIndexPage
from tests.factories import NewsArticlePageFactory, stream
from tests.markup import main_text, parse, text

pytestmark = pytest.mark.usefixtures("demo_site")


def search_page(client, query, **params):
    response = client.get("/en/search/", {"q": query, **params})
    assert response.status_code == 200
    return parse(response)


def titles(soup):
    return [text(h2) for h2 in soup.select("main .search-result__title")]


def snippets(soup):
    return [p for p in soup.select("main .search-result__snippet")]


def api_titles(client, query, **params):
    response = client.get("/api/v2/pages/", {"search": query, **params})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def article(
    title, summary="News of the week.", body_text="", date=datetime.date(2021, 3, 1), **fields
):
    body = stream(("paragraph", f"<p>{body_text}</p>")) if body_text else stream()
    return NewsArticlePageFactory(
        parent=NewsIndexPage.objects.get(locale__language_code="en"),
        title=title,
        summary=summary,
        body=body,
        date=date,
        **fields,
    )


# Stemming and weights -----------------------------------------------------------------------


def test_a_word_finds_its_other_forms(client):
    """ "stamp" finds the "Stamps" catalogue and "Special stamps for the Year of the Ox";
    "delivering" finds an article about "deliveries"."""
    found = titles(search_page(client, "stamp"))
    assert "Stamps" in found
    assert "Special stamps for the Year of the Ox" in found
    article("Winter rounds", summary="Postmen walked to every village in the snow.")
    assert "Winter rounds" in titles(search_page(client, "walking"))
    assert "Winter rounds" in api_titles(client, "walking")


def test_title_outranks_summary_outranks_body(client):
    """Best match first: the page with the word in its title, then in its summary, then in
    its body, whatever their dates."""
    article("Quokka post office opens", date=datetime.date(2019, 1, 1))
    article("Island news", summary="A quokka visited the counter.", date=datetime.date(2020, 1, 1))
    article(
        "Ferry timetable",
        body_text="Parcels for the quokka island.",
        date=datetime.date(2021, 1, 1),
    )
    expected = ["Quokka post office opens", "Island news", "Ferry timetable"]
    assert titles(search_page(client, "quokka")) == expected
    assert api_titles(client, "quokka") == expected


def test_every_word_must_match_unless_any_is_asked_for(client):
    """Two words find the pages that hold both; the API's `search_operator=or` either."""
    article("Wombat parcels", summary="Parcels by wombat.")
    article("Koala letters", summary="Letters by koala.")
    article("Wombat and koala", summary="Both.")
    assert titles(search_page(client, "wombat koala")) == ["Wombat and koala"]
    assert api_titles(client, "wombat koala") == ["Wombat and koala"]
    assert sorted(api_titles(client, "wombat koala", search_operator="or")) == [
        "Koala letters",
        "Wombat and koala",
        "Wombat parcels",
    ]


# Sorting --------------------------------------------------------------------------------------


def test_results_sort_by_relevance_or_by_date(client):
    """`sort=date` lists the newest first; the page offers both orders and keeps the chosen
    one in its pagination links; the API's `search_sort=date` agrees."""
    article("Numbat day", date=datetime.date(2018, 5, 1))
    article("Spring notes", summary="Numbat sightings.", date=datetime.date(2022, 5, 1))
    article("Autumn notes", body_text="A numbat again.", date=datetime.date(2020, 5, 1))
    for n in range(10):
        filler = "Other news of the week, with a numbat named once among many other words."
        article(f"Filler {n}", body_text=filler, date=datetime.date(2010, 1, 1 + n))
    relevance = search_page(client, "numbat")
    assert titles(relevance)[:3] == ["Numbat day", "Spring notes", "Autumn notes"]
    current = relevance.select_one("main .search-sort [aria-current]")
    assert text(current) == "Best match"
    by_date = relevance.select_one("main .search-sort a")
    assert text(by_date) == "Newest" and by_date["href"] == "?q=numbat&sort=date"
    newest = search_page(client, "numbat", sort="date")
    assert titles(newest)[:3] == ["Spring notes", "Autumn notes", "Numbat day"]
    assert newest.select_one("main a[rel=next]")["href"] == "?q=numbat&sort=date&page=2"
    assert "13 pages found, showing 1–10." in main_text(newest)
    assert api_titles(client, "numbat", search_sort="date")[:3] == titles(newest)[:3]
    assert api_titles(client, "numbat", order="title")[:3] == [
        "Autumn notes",
        "Filler 0",
        "Filler 1",
    ]
    assert client.get("/api/v2/pages/?search=numbat&search_sort=oldest").status_code == 400
    # An unknown sort is the default one, not an error.
    assert titles(search_page(client, "numbat", sort="nonsense")) == titles(relevance)


def test_past_the_bound_the_count_says_more(client, monkeypatch):
    """Only the newest CANDIDATES matches are ranked: past them the page says "more than"."""
    monkeypatch.setattr(engine, "CANDIDATES", 3)
    for n in range(5):
        article(f"Bilby {n}", date=datetime.date(2021, 1, 1 + n))
    soup = search_page(client, "bilby")
    assert "More than 3 pages found." in main_text(soup)
    assert titles(soup) == ["Bilby 4", "Bilby 3", "Bilby 2"]


def test_the_bound_keeps_the_newest_matches_across_years(client, monkeypatch):
    """PostgreSQL reads the matches a year at a time, newest first: the bound still keeps
    exactly the newest, whichever years they fall in, past a year with none."""
    monkeypatch.setattr(engine, "CANDIDATES", 3)
    article("Quoll census", summary="Quoll numbers.", date=datetime.date(2019, 5, 1))
    article("Quoll winter", body_text="A quoll.", date=datetime.date(2021, 1, 1))
    article("Quoll summer", body_text="A quoll.", date=datetime.date(2021, 6, 1))
    article("No marsupials", date=datetime.date(2022, 3, 1))
    article("Quoll again", body_text="A quoll.", date=datetime.date(2023, 2, 1))
    newest = search_page(client, "quoll", sort="date")
    assert titles(newest) == ["Quoll again", "Quoll summer", "Quoll winter"]
    assert "More than 3 pages found." in main_text(newest)
    # Ranked among the same three: the census, older than the bound, is not among them.
    assert sorted(titles(search_page(client, "quoll"))) == sorted(titles(newest))


# Highlighting -------------------------------------------------------------------------------


def test_matched_words_are_highlighted_in_a_snippet(client):
    """The snippet marks each form of the word found, in the summary or else in the body."""
    article("Counter news", summary="New stamps and a stamp album at the counter.")
    article("Body only", body_text="Long text before. The platypus stamp is here. Text after.")
    soup = search_page(client, "stamp")
    by_title = dict(zip(titles(soup), soup.select("main .search-result"), strict=True))
    marks = [text(m) for m in by_title["Counter news"].select(".search-result__snippet mark")]
    assert marks == ["stamps", "stamp"]
    body_marks = [text(m) for m in by_title["Body only"].select(".search-result__snippet mark")]
    assert body_marks == ["stamp"]
    assert "platypus" in text(by_title["Body only"].select_one(".search-result__snippet"))


def test_a_match_deep_in_a_long_body_is_shown_in_whole_words(client):
    """A long body's snippet shows the words round its match, whole: far from its start, in
    the form written (a window round it on PostgreSQL), or in another form only."""
    before = " ".join(f"Paragraph {n} tells of counters and parcels." for n in range(150))
    after = " ".join(f"Section {n} covers routes and vans." for n in range(150))
    article("Long read", body_text=f"{before} The bilby depot opened its doors. {after}")
    article("Other form", body_text=f"{before} Two depots for bilbies opened. {after}")
    # The first "bilby" as written is far from the one beside "depot", the other word asked for.
    article("Apart", body_text=f"A bilby first. {before} The bilby depot opened its doors. {after}")
    both = search_page(client, "bilby depot")
    both = dict(zip(titles(both), both.select("main .search-result"), strict=True))
    assert set(both) == {"Long read", "Other form", "Apart"}
    for title in ("Long read", "Apart"):
        marks = [text(m) for m in both[title].select(".search-result__snippet mark")]
        assert {"bilby", "depot"} <= set(marks), (title, marks)
    soup = search_page(client, "bilby")
    by_title = dict(zip(titles(soup), soup.select("main .search-result"), strict=True))
    assert set(by_title) == {"Long read", "Other form", "Apart"}
    for title, word in (("Long read", "bilby"), ("Other form", "bilbies")):
        snippet = by_title[title].select_one(".search-result__snippet")
        assert [text(m) for m in snippet.select("mark")] == [word]
        words = set(text(snippet).replace("…", " ").replace(".", " ").split())
        assert words <= set(f"{before} {after} The bilby depot opened its doors Two depots "
                            "for bilbies opened".replace(".", " ").split()), words  # fmt: skip


def test_stored_markup_in_a_snippet_never_runs(client):
    """Text that looks like markup is shown as text: no element of it reaches the page."""
    article(
        "Markup probe",
        summary='Echidna &lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror="alert(2)">',
    )
    response = client.get("/en/search/", {"q": "echidna"})
    soup = parse(response)
    snippet = soup.select_one("main .search-result__snippet")
    assert [m.name for m in snippet.find_all(True)] == ["mark"]
    assert text(snippet.mark) == "Echidna"
    assert b"<script>alert(1)" not in response.content
    assert b"onerror" not in response.content


# Chinese ----------------------------------------------------------------------------------


@pytest.fixture
def chinese_pages(demo_site):
    """Pages written in Chinese, and one in both languages, under the demo home."""
    pages = {}
    # fmt: off
    for key, title, summary, body_text in [
        ("rural", "中国邮政集团推进农村振兴", "中国邮政在农村地区开设服务网点，支持农村振兴。",
         "网点也办理储蓄业务。"),
        ("savings", "邮政储蓄银行推出新的储蓄产品", "邮政储蓄银行为农民提供储蓄和贷款服务。", ""),
        ("mixed", "China Post 邮政 annual report", "The 邮政 network grew in 2021.", ""),
        ("stamps", "集邮文化节在北京开幕", "集邮爱好者参观了展览。", ""),
    ]:
        # fmt: on
        pages[key] = demo_site.add_child(
            instance=ContentPage(
                title=title,
                slug=f"zh-{key}",
                summary=summary,
                body=stream(("paragraph", f"<p>{body_text}</p>")) if body_text else stream(),
            )
        )
    return pages


def test_chinese_words_are_found_inside_sentences(client, chinese_pages):
    """邮政 finds the pages that hold it (not 集邮, stamp collecting); 农村振兴 finds the one
    page about rural revitalisation; 储蓄 finds the savings bank first (title), then the page
    that names it in its body; the API gives the same pages in the same order."""
    postal = titles(search_page(client, "邮政"))
    assert set(postal) >= {
        "中国邮政集团推进农村振兴",
        "邮政储蓄银行推出新的储蓄产品",
        "China Post 邮政 annual report",
    }
    assert "集邮文化节在北京开幕" not in postal
    assert titles(search_page(client, "农村振兴")) == ["中国邮政集团推进农村振兴"]
    savings = titles(search_page(client, "储蓄"))
    assert savings == ["邮政储蓄银行推出新的储蓄产品", "中国邮政集团推进农村振兴"]
    for query in ("邮政", "农村振兴", "储蓄"):
        assert api_titles(client, query) == titles(search_page(client, query)), query


def test_mixed_english_and_chinese_queries(client, chinese_pages):
    """English and Chinese words together, in the query and in the page, both must match."""
    assert titles(search_page(client, "annual 邮政")) == ["China Post 邮政 annual report"]
    assert titles(search_page(client, "邮政network")) == ["China Post 邮政 annual report"]
    assert titles(search_page(client, "集邮 report")) == []


def test_chinese_matches_are_highlighted_without_visible_separators(client, chinese_pages):
    """The snippet marks 农村 and 振兴 and reads as written: the word separators the index
    uses display as nothing and are not sent."""
    response = client.get("/en/search/", {"q": "农村振兴"})
    snippet = parse(response).select_one("main .search-result__snippet")
    assert [text(m) for m in snippet.select("mark")] == ["农村", "农村", "振兴"]
    assert text(snippet).replace(" ", "") == "中国邮政在农村地区开设服务网点，支持农村振兴。"
    assert "\u200b" not in response.content.decode()


# Never hidden -------------------------------------------------------------------------------


def test_a_draft_revision_is_never_found_until_published(client):
    """Words only in an unpublished revision of a live page find nothing; published, they
    do; unpublished, the page is gone from search again; deleted, its entry goes with it."""
    page = article("Kookaburra bulletin", summary="The first edition.")
    page.summary = "Quoll sighting in the draft."
    page.save_revision()
    assert titles(search_page(client, "quoll")) == []
    assert api_titles(client, "quoll") == []
    assert titles(search_page(client, "kookaburra")) == ["Kookaburra bulletin"]
    page.get_latest_revision().publish()
    assert titles(search_page(client, "quoll")) == ["Kookaburra bulletin"]
    page.refresh_from_db()
    page.unpublish()
    assert titles(search_page(client, "quoll")) == []
    page.delete()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_pages_of_another_site_are_never_found(client, demo_site):
    """A page under another site's root is found on that site's host only."""
    root = Page.get_first_root_node().add_child(
        instance=ContentPage(title="Other home", slug="other-home")
    )
    Site.objects.create(hostname="other.example", root_page=root)
    root.add_child(instance=ContentPage(title="Dingo depot", slug="dingo", summary="Dingo."))
    assert titles(search_page(client, "dingo")) == []
    assert api_titles(client, "dingo") == []
    response = client.get("/en/search/", {"q": "dingo"}, HTTP_HOST="other.example")
    assert titles(parse(response)) == ["Dingo depot"]


def test_a_moved_page_is_found_where_it_now_is(client, demo_site):
    """Moving a page under a private page hides it from search at once."""
    from wagtail.models import PageViewRestriction

    vault = demo_site.add_child(instance=ContentPage(title="Vault", slug="vault"))
    PageViewRestriction.objects.create(page=vault, restriction_type=PageViewRestriction.LOGIN)
    page = article("Cassowary crossing")
    assert titles(search_page(client, "cassowary")) == ["Cassowary crossing"]
    page.move(vault, pos="last-child")
    assert titles(search_page(client, "cassowary")) == []
    assert api_titles(client, "cassowary") == []


def test_a_section_moved_out_of_a_private_page_is_found_with_its_pages(client, demo_site):
    """The site's search reads each entry's copy of its page's tree path: a move rewrites the
    paths of the whole subtree, so the entries of the pages under the moved one follow too
    (were they left behind, the child would stay hidden with the vault it left)."""
    from wagtail.models import PageViewRestriction

    vault = demo_site.add_child(instance=ContentPage(title="Vault", slug="vault"))
    PageViewRestriction.objects.create(page=vault, restriction_type=PageViewRestriction.LOGIN)
    section = vault.add_child(instance=ContentPage(title="Numbat notes", slug="numbats"))
    section.add_child(instance=ContentPage(title="Numbat nests", slug="nests"))
    assert titles(search_page(client, "numbat")) == []
    section.move(demo_site, pos="last-child")
    assert sorted(titles(search_page(client, "numbat"))) == ["Numbat nests", "Numbat notes"]
    assert sorted(api_titles(client, "numbat")) == ["Numbat nests", "Numbat notes"]
    moved = Page.objects.filter(path__startswith=Page.objects.get(pk=section.pk).path)
    assert {e.page_id: e.path for e in SearchEntry.objects.filter(page__in=moved)} == {
        p.pk: p.path for p in moved
    }


def test_pages_shifted_by_a_move_are_neither_counted_nor_lost(client, demo_site):
    """Putting a page before its new siblings (the admin's menu ordering does) makes treebeard
    renumber those siblings' subtrees too: their entries follow, so a private section that
    moved along is neither counted ("1 page found" with nothing shown would tell that it holds
    the word) nor stands in for the public page that took its old place."""
    from wagtail.models import PageViewRestriction

    vault = demo_site.add_child(instance=ContentPage(title="Vault", slug="vault"))
    PageViewRestriction.objects.create(page=vault, restriction_type=PageViewRestriction.LOGIN)
    vault.add_child(instance=ContentPage(title="Quokka files", slug="quokka"))
    notes = demo_site.add_child(instance=ContentPage(title="Wallaby notes", slug="wallaby"))
    assert search_page(client, "quokka").select_one(".search-page__count") is not None
    notes.move(Page.objects.get(pk=vault.pk), pos="left")
    assert Page.objects.get(pk=vault.pk).path != vault.path  # the vault was shifted
    soup = search_page(client, "quokka")
    assert titles(soup) == []
    assert "No pages match" in text(soup.select_one(".search-page__count"))
    assert titles(search_page(client, "wallaby")) == ["Wallaby notes"]
    stale = SearchEntry.objects.exclude(path=models.F("page__path"))
    assert list(stale.values_list("page__title", flat=True)) == []


def test_a_page_restricted_after_a_search_is_not_found_by_the_next(client):
    """The search page remembers which pages it may find until the content changes: a view
    restriction is a change, so the very next search leaves the page out, and lifting it
    brings the page back."""
    from wagtail.models import PageViewRestriction

    page = article("Echidna express")
    assert titles(search_page(client, "echidna")) == ["Echidna express"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(search_page(client, "echidna")) == []
    restriction.delete()
    assert titles(search_page(client, "echidna")) == ["Echidna express"]


# Building the index and its cost ------------------------------------------------------------


def test_build_search_index_indexes_existing_content_idempotently(client):
    """After the index is emptied, the command indexes every live page again, and a second
    run changes nothing."""
    live = Page.objects.live().filter(depth__gt=1).count()
    SearchEntry.objects.all().delete()
    assert titles(search_page(client, "hotline")) == []
    for _ in range(2):
        out = io.StringIO()
        call_command("build_search_index", stdout=out)
        assert f"Indexed {live} live pages" in out.getvalue()
        assert SearchEntry.objects.count() == live
    assert "Contact Us" in titles(search_page(client, "hotline"))


def test_a_search_page_costs_the_same_queries_with_more_matches(client):
    """Ten matches or forty, of two page types: the same number of queries."""

    def queries():
        client.get("/en/search/?q=wallaby")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/search/?q=wallaby").status_code == 200
        return len(captured)

    for n in range(10):
        article(f"Wallaby {n}")
    ContentPage.objects.first().get_parent()  # the demo home exists
    few = queries()
    for n in range(30):
        article(f"Wallaby more {n}")
    assert queries() == few


def test_the_index_is_weighted_and_stemmed_in_the_database(client):
    """What the database stores: on PostgreSQL the title's words at weight A, the summary's
    at B, the body's at C, stemmed; on SQLite the FTS5 table finds a stem."""
    page = article("Stamps title", summary="Summary stamped", body_text="Body stamping")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT vector::text FROM headless_search_entry WHERE page_id = %s", [page.pk]
            )
            vector = cursor.fetchone()[0]
            assert "'stamp':1A,4B,6C" in vector, vector
        else:
            cursor.execute(
                "SELECT rowid FROM headless_search_fts WHERE headless_search_fts MATCH %s",
                ['"stamp" "stamping"'],
            )
            assert page.pk in [row[0] for row in cursor.fetchall()]
    assert json.loads(json.dumps(engine.ranked_ids(Page.objects.live(), ["stamp"])))


def test_each_language_searches_its_own_tree(client):
    """The demo's Chinese seed article is found from the Chinese search page, best match
    first, and the English search page never lists a Chinese page (nor the other way round):
    readers get results in the language they are reading."""
    zh = client.get("/zh/search/", {"q": "农村振兴"})
    assert zh.status_code == 200
    found = [a["href"] for a in parse(zh).select("main .search-result__title a")]
    assert found, "农村振兴 found nothing on /zh/search/"
    assert all(href.startswith("/zh/") for href in found), found
    for query in ("邮政", "储蓄"):
        hrefs = [
            a["href"]
            for a in parse(client.get("/zh/search/", {"q": query})).select(
                "main .search-result__title a"
            )
        ]
        assert hrefs and all(h.startswith("/zh/") for h in hrefs), (query, hrefs)
    english = [
        a["href"] for a in search_page(client, "rural").select("main .search-result__title a")
    ]
    assert english and all(href.startswith("/en/") for href in english), english
    assert titles(search_page(client, "农村振兴")) == []


def test_the_api_searches_the_language_it_lists(client):
    """An API search with no other filter holds what the listing would, and counts it: the
    default language, the one `locale` names, or every one with `locale=*`; a type filter
    still applies."""

    def languages(**params):
        response = client.get("/api/v2/pages/", {"limit": 50, **params})
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["meta"]["total_count"] == len(body["items"])
        return {item["meta"]["locale"] for item in body["items"]}

    assert languages(search="农村振兴") == set()
    assert languages(search="农村振兴", locale="zh-hans") == {"zh-hans"}
    assert languages(search="农村振兴", locale="*") == {"zh-hans"}
    assert languages(search="postal") == {"en"}
    assert languages(search="邮政 postal", search_operator="or", locale="*") == {"en", "zh-hans"}
    typed = client.get("/api/v2/pages/", {"search": "postal", "type": "home.ContentPage"})
    assert {item["meta"]["type"] for item in typed.json()["items"]} == {"home.ContentPage"}


def test_the_api_finds_a_login_only_section_for_readers_who_are_signed_in(client, demo_site):
    """The sections an API search leaves out are those this request may not see: a signed-in
    reader finds the pages of a login-only section, and is counted them; others are not."""
    from django.contrib.auth import get_user_model

    from wagtail.models import PageViewRestriction

    vault = demo_site.add_child(instance=ContentPage(title="Members", slug="members"))
    PageViewRestriction.objects.create(page=vault, restriction_type=PageViewRestriction.LOGIN)
    vault.add_child(instance=ContentPage(title="Bilby bulletin", slug="bilby"))

    def found():
        body = client.get("/api/v2/pages/?search=bilby").json()
        return body["meta"]["total_count"], [item["title"] for item in body["items"]]

    assert found() == (0, [])
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    assert found() == (1, ["Bilby bulletin"])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
def test_a_move_does_not_rewrite_the_full_text_index_on_sqlite(client, demo_site):
    """Only a change of an entry's text re-reads its words into the FTS5 index: a move, which
    updates the tree path of every entry under the moved page, writes nothing to it, and the
    moved pages are still found where they now are."""
    section = demo_site.add_child(instance=ContentPage(title="Wombat world", slug="wombats"))
    section.add_child(instance=ContentPage(title="Wombat burrows", slug="burrows"))
    other = demo_site.add_child(instance=ContentPage(title="Elsewhere", slug="elsewhere"))

    def index_rows():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), sum(length(block)) FROM headless_search_fts_data")
            return cursor.fetchone()

    before = index_rows()
    section.move(other, pos="last-child")
    assert SearchEntry.objects.get(page_id=section.pk).path.startswith(other.path)
    assert index_rows() == before
    assert sorted(titles(search_page(client, "wombat"))) == ["Wombat burrows", "Wombat world"]
