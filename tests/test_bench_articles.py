"""`manage.py bench_articles`, the benchmark's bulk loader, writes rows by hand (bulk inserts,
raw SQL for the article table): the articles it adds must be ordinary live English articles
that the site lists, shows, finds and serves through the API, whatever columns the article
model has gained since."""

import pytest

from django.core.management import call_command

from news.models import NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db


def test_bench_articles_are_ordinary_articles(client, demo_site):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    before = index.articles().count()
    call_command("bench_articles", articles=3, stdout=open("/dev/null", "w"))  # noqa: SIM115
    added = NewsArticlePage.objects.filter(slug__startswith="benchmark-article-")
    assert index.articles().count() == before + 3 == before + added.count()
    for article in added:
        assert article.locale.language_code == "en"
        assert article.source.locale_id == article.locale_id
        response = client.get(article.url)
        assert response.status_code == 200, article.url
        assert article.title in response.content.decode()
        api = client.get(f"/api/v2/pages/{article.pk}/").json()
        assert api["lead_image"]["alt"] == article.lead_image.default_alt_text
    results = client.get("/en/search/?q=benchmark").content.decode()
    assert all(article.title in results for article in added)
