"""The stamps plugin on its own, under a plain Wagtail page and minimal settings: its pages
render with its bare base template, its API fields serialize, its feeds answer."""

import datetime

import pytest

from tests.factories import make_catalogue, make_issue, make_year
from tests.markup import parse, text


@pytest.fixture
def year(host_page):
    return make_year(make_catalogue(host_page))


@pytest.fixture
def issue(year, image):
    return make_issue(
        year, "2021-1", title="Year of the Ox", stamps=2, image=image,
        date_of_issue=datetime.date(2021, 1, 5), designer="Han Meilin",
    )  # fmt: skip


def test_pages_render_with_the_plugins_own_base(client, issue):
    catalogue = parse(client.get("/stamps/"))
    assert text(catalogue.h1) == "Stamps"
    assert "2021 Stamps 1 issue" in text(catalogue.select_one(".stamp-years"))
    year = parse(client.get("/stamps/2021/"))
    assert text(year.h1) == "2021 Stamps"
    assert text(year.select_one(".stamp-issue-card__number")) == "2021-1"
    page = parse(client.get(issue.url))
    assert text(page.h1) == "Year of the Ox"
    assert len(page.select(".stamp-gallery__zoom")) == 2


def test_api_detail_gives_the_stamps_with_renditions(client, issue, image):
    detail = client.get(f"/api/v2/pages/{issue.pk}/").json()
    assert detail["issue_number"] == "2021-1"
    assert detail["year"] == 2021
    assert [s["face_value_display"] for s in detail["stamps"]] == ["1.20 yuan", "1.20 yuan"]
    assert detail["stamps"][0]["image"]["id"] == image.pk
    assert len(detail["stamps"][0]["image"]["renditions"]) == 3


def test_feeds_answer(client, issue):
    assert b"2021-1 Year of the Ox" in client.get("/stamps/feed/rss/").content
    assert b"2021-1 Year of the Ox" in client.get("/stamps/feed/atom/").content
