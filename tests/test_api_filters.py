"""News filters and bad input on the API.

The mobile app's news tab and the partner portal's archive rely on `year`, `date_from`,
`date_to`, `source` and `search` on `/api/v2/pages/?type=news.NewsArticlePage`, newest first,
and on every mistake coming back as a 400 whose JSON `message` names the parameter.
"""

import pytest

from news.models import NewsArticlePage, NewsIndexPage, NewsSource

ARTICLES = "/api/v2/pages/?type=news.NewsArticlePage&fields=date,source&limit=100"


def items(client, query=""):
    response = client.get(ARTICLES + query)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_articles_come_newest_first_by_default(client, demo_site):
    """Without `order`, articles are listed by date, newest first, as on the news index."""
    dates = [item["date"] for item in items(client)]
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2021-06-10"


def test_order_parameter_still_overrides_the_default(client, demo_site):
    """`order=date` gives the oldest first."""
    dates = [item["date"] for item in items(client, "&order=date")]
    assert dates == sorted(dates)


def test_filter_by_date_range_is_inclusive(client, demo_site):
    """`date_from` and `date_to` keep the articles dated on and between the two days."""
    dates = [item["date"] for item in items(client, "&date_from=2021-05-09&date_to=2021-05-26")]
    assert dates == ["2021-05-26", "2021-05-18", "2021-05-09"]


def test_filter_by_year(client, demo_site):
    """`year` keeps that year's articles; a year without news gives an empty list, not an error."""
    assert (
        len(items(client, "&year=2021"))
        == NewsArticlePage.objects.filter(locale__language_code="en").live().count()
    )
    assert items(client, "&year=2019") == []


def test_filter_by_source(client, demo_site):
    """`source=<id>` keeps the articles of that source, with the source the app was given."""
    source = NewsSource.objects.filter(locale__language_code="en").get(name="China Post News")
    found = items(client, f"&source={source.pk}")
    assert found
    assert {item["source"]["name"] for item in found} == {"China Post News"}
    assert (
        len(found)
        == NewsArticlePage.objects.filter(locale__language_code="en")
        .live()
        .filter(source=source)
        .count()
    )


def test_search_finds_articles_by_body_words(client, demo_site):
    """`search` finds the seed article by words from its body; punctuation is harmless."""
    titles = [
        item["title"]
        for item in client.get("/api/v2/pages/?type=news.NewsArticlePage&search=Pinggu").json()[
            "items"
        ]
    ]
    assert titles == [
        "China Post Group commends model units for serving rural vitalization in 2020"
    ]
    quoted = client.get('/api/v2/pages/?search="Pinggu').json()["meta"]["total_count"]
    assert quoted == 1


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("&year=abc", "year"),
        ("&year=20211", "year"),
        ("&year=2021&year=2020", "year"),
        ("&date_from=2021-13-01", "date_from"),
        ("&date_from=20210601", "date_from"),
        ("&date_to=yesterday", "date_to"),
        ("&date_from=2021-06-01&date_to=2021-05-01", "date_from"),
        ("&source=abc", "source"),
        ("&limit=abc", "limit"),
        ("&limit=-1", "limit"),
        ("&limit=100000", "limit"),
        ("&offset=-5", "offset"),
        ("&offset=6850290936585649756569600", "offset"),
        ("&order=nonsense", "nonsense"),
        ("&fields=nonsense", "nonsense"),
        ("&unknown=1", "unknown"),
        ("&search=" + "a" * 201, "search"),
        ("&search=post&search_operator=xor", "search_operator"),
    ],
)
def test_bad_parameters_get_a_400_that_names_them(client, demo_site, query, parameter):
    """Each malformed or unknown parameter is refused with a 400 and a message naming it."""
    response = client.get("/api/v2/pages/?type=news.NewsArticlePage" + query)
    assert response.status_code == 400
    assert parameter in response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("search", ["%22", "'", "%22rural%22+OR", "*", "NEAR(", "é邮政"])
def test_search_syntax_characters_never_cause_a_server_error(client, demo_site, endpoint, search):
    """Characters the database's full-text parser treats as syntax give results, not a 500."""
    response = client.get(f"/api/v2/{endpoint}/?search={search}")
    assert response.status_code == 200
    assert "items" in response.json()


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("query", ["search=post%00office", "slug=news%00", "fields=%00"])
def test_a_nul_character_in_a_parameter_is_a_400_that_names_it(client, demo_site, endpoint, query):
    """PostgreSQL cannot compare text holding NUL; the API says which parameter held one."""
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert response.json() == {
        "message": f"The parameter '{name}' contains a NUL character (%00), which it cannot hold."
    }


def test_a_nul_character_in_an_api_path_is_a_400(client, demo_site):
    response = client.get("/api/v2/pages/find/?html_path=/news%00/")
    assert response.status_code == 400
    response = client.get("/api/v2/pages/1%00/")
    assert response.status_code == 400
    assert "NUL character" in response.json()["message"]


def test_date_filters_need_the_article_type(client, demo_site):
    """On a listing of all pages, `year` is refused with a hint to add the article type."""
    response = client.get("/api/v2/pages/?year=2021")
    assert response.status_code == 400
    assert "type=news.NewsArticlePage" in response.json()["message"]


@pytest.mark.parametrize("query", ["search=stamps", "search=%22", "child_of=2&child_of=3"])
def test_listing_parameters_on_a_remembered_detail_answer_as_on_a_fresh_one(
    client, demo_site, query
):
    """A detail whose item is remembered answers listing parameters as Wagtail's own detail
    view does (a 404 for a filter the page does not pass), never a 500."""
    pk = NewsArticlePage.objects.filter(locale__language_code="en").live().first().pk
    assert client.get(f"/api/v2/pages/{pk}/").status_code == 200  # now remembered
    assert client.get(f"/api/v2/pages/{pk}/?{query}").status_code == 404


def test_a_repeated_filter_counts_the_rows_its_last_value_chooses(client, demo_site):
    """Wagtail reads the last of a repeated parameter; the cached count follows it."""
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    home = index.get_parent()
    listing = "/api/v2/pages/?child_of={}&child_of={}"
    by_index = client.get(listing.format(home.pk, index.pk)).json()["meta"]["total_count"]
    by_home = client.get(listing.format(index.pk, home.pk)).json()["meta"]["total_count"]
    assert by_index == index.get_children().live().public().count()
    assert by_home == home.get_children().live().public().count()
    assert by_index != by_home
