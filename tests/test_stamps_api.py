"""The catalogue for apps: issues filtered by year and number, stamps as objects with their
renditions, typed in the OpenAPI document (every response here is validated against it by the
client fixture), and changes in the change feed.

Who relies on it: the stamp collectors' app lists a year's issues (`year=2021`) and opens one by
its number (`number=2021-1`)."""

import pytest

from stamps.models import StampIssuePage, StampYearPage
from tests import expected
from tests.factories import make_issue

pytestmark = pytest.mark.usefixtures("demo_site")

ISSUES = "/api/v2/pages/?type=stamps.StampIssuePage"


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def test_year_filter_lists_the_years_issues_in_number_order(client):
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    make_issue(year, "2021-10")
    data = get_json(client, f"{ISSUES}&year=2021&fields=issue_number")
    assert [item["issue_number"] for item in data["items"]] == [
        *(f"2021-{n}" for n in range(1, 9)),
        "2021-10",
    ]
    assert get_json(client, f"{ISSUES}&year=2020")["meta"]["total_count"] == 0


def test_number_filter_finds_one_issue_with_its_stamps(client):
    data = get_json(client, f"{ISSUES}&number=2021-1&fields=*")
    (issue,) = data["items"]
    assert issue["title"] == "Xin Chou Year (Year of the Ox)"
    assert (issue["year"], issue["sequence"], issue["date_of_issue"]) == (2021, 1, "2021-01-05")
    assert issue["illustrative"] is True
    assert issue["designer"] == "Han Meilin"
    first, second = issue["stamps"]
    assert (first["name"], first["face_value"], first["currency"]) == ("Strong ox", "1.20", "CNY")
    assert first["face_value_display"] == "1.20 yuan"
    assert first["image"]["alt"] == "Illustrative drawing of the stamp “Strong ox”, 1.20 yuan"
    assert [r["width"] for r in first["image"]["renditions"]] == [480, 600, 600]
    assert all(r["url"].startswith("http") for r in first["image"]["renditions"])
    assert second["name"] == "Family of oxen"
    assert issue["previous_issue"] is None
    assert issue["next_issue"]["issue_number"] == "2021-2"
    assert issue["story"][0]["type"] == "paragraph"


@pytest.mark.parametrize(
    "query, message",
    [
        ("&number=2021", "number: expected an issue number such as 2021-1"),
        ("&number=2021-1&number=2021-2", "number: give this parameter once"),
        ("&year=21", "year: expected a four-digit year"),
    ],
)
def test_malformed_filters_are_a_400_naming_the_parameter(client, query, message):
    response = client.get(ISSUES + query)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_number_needs_the_issue_type(client):
    response = client.get("/api/v2/pages/?number=2021-1")
    assert response.status_code == 400
    assert "add type=stamps.StampIssuePage" in response.json()["message"]


def test_news_year_filter_still_filters_articles(client):
    data = get_json(client, "/api/v2/pages/?type=news.NewsArticlePage&year=2021")
    assert data["meta"]["total_count"] == expected.ARTICLE_COUNT


def test_year_and_catalogue_pages_list_their_children(client):
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    detail = get_json(client, f"/api/v2/pages/{year.pk}/")
    assert [i["issue_number"] for i in detail["issues"]] == [f"2021-{n}" for n in range(1, 9)]
    catalogue = get_json(client, f"/api/v2/pages/{year.get_parent().pk}/")
    assert catalogue["years"][0]["year"] == 2021
    assert catalogue["years"][0]["issue_count"] == expected.STAMP_ISSUE_COUNT


def test_openapi_types_every_catalogue_field(client):
    """Each page type's own fields have a schema that names a type (or refers to one), and the
    number filter is documented."""
    document = get_json(client, "/api/v2/openapi.json")
    schemas = document["components"]["schemas"]
    for label in ("stamps.StampIssuePage", "stamps.StampYearPage", "stamps.StampCataloguePage"):
        own = schemas[label]["allOf"][1]["properties"]
        assert own, label
        for name, schema in own.items():
            assert "type" in schema or "$ref" in schema or "anyOf" in schema, (label, name)
    stamps = schemas["stamps.StampIssuePage"]["allOf"][1]["properties"]["stamps"]
    assert stamps["items"]["properties"]["image"]["properties"]["renditions"]["type"] == "array"
    assert "stamps.ProductBlock" in schemas
    parameters = document["paths"]["/api/v2/pages/"]["get"]["parameters"]
    assert "number" in [p["name"] for p in parameters]


def test_a_published_issue_appears_in_the_change_feed(client):
    year = StampYearPage.objects.filter(locale__language_code="en").get(year=2021)
    issue = make_issue(year, "2021-11")
    changes = get_json(client, "/api/v2/changes/?since=0&limit=500")["changes"]
    mine = [c for c in changes if c["kind"] == "page" and c["id"] == issue.pk]
    assert [c["action"] for c in mine][-1:] == ["upsert"]
    assert isinstance(
        StampIssuePage.objects.filter(locale__language_code="en").get(pk=issue.pk), StampIssuePage
    )
