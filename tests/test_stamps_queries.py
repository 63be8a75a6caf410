"""Queries for the year page and an issue page do not grow with the number of issues or
stamps: the same count with 1 and 40 issues in a year, and with 1 and 20 stamps in an issue.

Measured cold (every cache emptied, renditions already made, as on a site that has shown the
pictures before), so nothing is hidden behind the fragment cache."""

import pytest

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stamps.models import StampCataloguePage, StampItem
from tests.factories import make_issue, make_year

pytestmark = pytest.mark.usefixtures("demo_site")


def cold_queries(client, url):
    assert client.get(url).status_code == 200  # renditions are made here, once
    for cache in caches.all(initialized_only=True):
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def picture():
    return StampItem.objects.exclude(image=None).first().image


def test_year_page_costs_the_same_with_1_and_40_issues(client, picture):
    catalogue = StampCataloguePage.objects.filter(locale__language_code="en").get()
    small, large = make_year(catalogue, 2030), make_year(catalogue, 2031)
    make_issue(small, "2030-1", stamps=3, image=picture)
    for n in range(1, 41):
        make_issue(large, f"2031-{n}", stamps=3, image=picture)
    one, forty = cold_queries(client, small.url), cold_queries(client, large.url)
    print(f"year page queries: 1 issue {one}, 40 issues {forty}")
    assert one == forty


def test_issue_page_costs_the_same_with_1_and_20_stamps(client, picture):
    year = make_year(StampCataloguePage.objects.filter(locale__language_code="en").get(), 2030)
    one = make_issue(year, "2030-1", stamps=1, image=picture)
    twenty = make_issue(year, "2030-2", stamps=20, image=picture)
    counts = cold_queries(client, one.url), cold_queries(client, twenty.url)
    print(f"issue page queries: 1 stamp {counts[0]}, 20 stamps {counts[1]}")
    assert counts[0] == counts[1]


def test_api_issue_listing_costs_the_same_with_1_and_20_stamps_each(client, picture):
    year = make_year(StampCataloguePage.objects.filter(locale__language_code="en").get(), 2030)
    make_issue(year, "2030-1", stamps=1, image=picture)
    few = "/api/v2/pages/?type=stamps.StampIssuePage&year=2030&fields=stamps"
    one = cold_queries(client, few)
    for n in range(2, 21):
        make_issue(year, f"2030-{n}", stamps=20, image=picture)
    many = cold_queries(client, few)
    print(f"API listing queries: 1 issue of 1 stamp {one}, 20 issues of 20 stamps {many}")
    assert one == many
