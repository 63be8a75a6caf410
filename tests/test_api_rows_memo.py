"""The API remembers, per content version, which ids a listing holds and that a detail's page
may be seen (headless/viewsets.py, `_rows_key`). Readers who may see a restricted section and
readers who may not never share what was remembered, and a change shows on the next request."""

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

from news.models import NewsIndexPage
from tests.factories import NewsArticlePageFactory

pytestmark = pytest.mark.usefixtures("demo_site")

LISTING = "/api/v2/pages/?type=news.NewsArticlePage&fields=title&limit=50"


def listed(client):
    response = client.get(LISTING)
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def detail(client, page):
    return client.get(f"/api/v2/pages/{page.pk}/").status_code


@pytest.mark.django_db
def test_a_password_section_is_listed_only_for_the_reader_who_gave_the_password(client):
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    article = NewsArticlePageFactory(parent=index, title="Behind a password")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    stranger = Client()
    # Twice each: the second answer is the remembered one.
    for _ in range(2):
        assert article.pk not in listed(client)
        assert detail(client, article) == 404

    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, article.pk]),
        {"password": "s3cret", "return_url": article.url},
    )
    assert response.status_code == 302
    for _ in range(2):
        assert article.pk in listed(client)
        assert detail(client, article) == 200
        # What the reader with the password was shown is not remembered for anyone else.
        assert article.pk not in listed(stranger)
        assert detail(stranger, article) == 404

    restriction.delete()
    assert article.pk in listed(stranger)
    assert detail(stranger, article) == 200


@pytest.mark.django_db
def test_a_remembered_listing_changes_on_the_next_request_after_a_publish(client):
    index = NewsIndexPage.objects.filter(locale__language_code="en").get()
    before = listed(client)
    assert listed(client) == before
    # Published as an editor does (the factory's own save records no change).
    article = NewsArticlePageFactory(parent=index, title="Fresh news", live=False)
    article.save_revision().publish()
    assert listed(client) == before | {article.pk}
    assert detail(client, article) == 200
    article.refresh_from_db()  # publish() saved another copy of the row
    article.unpublish()
    assert listed(client) == before
    assert detail(client, article) == 404


@pytest.mark.django_db
def test_a_refused_listing_is_refused_again(client):
    for _ in range(2):
        response = client.get(LISTING + "&limit=banana")
        assert response.status_code == 400
        assert "limit" in response.json()["message"]
