"""The publishing cycle in the admin: draft, preview, schedule, publish, unpublish, roll back.

Readers and the API see only what is published; scheduled pages go live when Wagtail's
`publish_scheduled` command runs after their time (the clock is moved with time-machine,
never waited for).
"""

import datetime
import io

import pytest
import time_machine

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

from news.models import NewsArticlePage, NewsIndexPage
from tests import admin_forms
from tests.expected import SEED_ARTICLE_URL
from tests.factories import ImageFactory

SEED_TITLE = "China Post Group commends model units for serving rural vitalization in 2020"


@pytest.fixture
def image(db):
    return ImageFactory(title="Village", description="Parcels stacked in a village post office")


@pytest.fixture
def seed_article(demo_site):
    return NewsArticlePage.objects.filter(locale__language_code="en").get(title=SEED_TITLE)


def edit(client, page, data, action=None, url=None):
    """Posts the edit form: no action saves a draft; "publish" or "submit" do the rest."""
    if action:
        data[f"action-{action}"] = f"action-{action}"
    url = url or reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return response


def article_form(image, page, **fields):
    return admin_forms.article_data(
        image, slug=page.slug, date=page.date.isoformat(), summary=page.summary, **fields
    )


def public_title(client, url):
    html = client.get(url).content.decode()
    return html.split("<h1", 1)[1].split(">", 1)[1].split("</h1>")[0].strip()


def api_title(client, page):
    return client.get(f"/api/v2/pages/{page.pk}/").json()["title"]


def local_input(moment):
    """A datetime as the admin's date-time picker writes it (site time zone, to the minute)."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_saved_draft_leaves_the_site_and_the_api_on_the_published_version(
    admin_client, seed_article, image
):
    """Saving a draft keeps the live version for readers and apps; the preview shows the draft."""
    edit(admin_client, seed_article, article_form(image, seed_article, title="Draft headline"))

    seed_article.refresh_from_db()
    assert seed_article.has_unpublished_changes
    assert seed_article.get_latest_revision_as_object().title == "Draft headline"
    assert public_title(admin_client, SEED_ARTICLE_URL) == SEED_TITLE
    assert api_title(admin_client, seed_article) == SEED_TITLE
    assert "Draft headline" not in admin_client.get("/en/news/").content.decode()

    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[seed_article.pk])
    admin_client.post(preview_url, article_form(image, seed_article, title="Draft headline"))
    assert "Draft headline" in admin_client.get(preview_url).content.decode()

    edit(
        admin_client,
        seed_article,
        article_form(image, seed_article, title="Draft headline"),
        "publish",
    )
    assert public_title(admin_client, SEED_ARTICLE_URL) == "Draft headline"
    assert api_title(admin_client, seed_article) == "Draft headline"


def test_scheduled_article_goes_live_when_publish_scheduled_runs_after_its_time(
    admin_client, demo_site, image
):
    """An article scheduled for tomorrow stays hidden until then, and goes live on the next
    run of `manage.py publish_scheduled` after that time."""
    news = NewsIndexPage.objects.filter(locale__language_code="en").get()
    go_live = timezone.now() + datetime.timedelta(days=1)
    data = admin_forms.article_data(
        image, title="Stamp day tomorrow", go_live_at=local_input(go_live)
    )
    data["slug"] = "stamp-day-tomorrow"
    edit(
        admin_client,
        news,
        data,
        "publish",
        url=reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", news.pk]),
    )
    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug="stamp-day-tomorrow"
    )
    assert not article.live
    assert article.get_latest_revision().approved_go_live_at is not None

    call_command("publish_scheduled", stdout=io.StringIO())  # too early: nothing happens
    assert admin_client.get("/en/news/stamp-day-tomorrow/").status_code == 404

    with time_machine.travel(go_live + datetime.timedelta(minutes=5), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.live
    assert admin_client.get("/en/news/stamp-day-tomorrow/").status_code == 200
    assert api_title(admin_client, article) == "Stamp day tomorrow"


def test_scheduled_change_to_a_live_article_waits_for_its_time(admin_client, seed_article, image):
    """A change scheduled on a live page keeps the current version online until it is due."""
    go_live = timezone.now() + datetime.timedelta(hours=3)
    edit(
        admin_client,
        seed_article,
        article_form(
            image, seed_article, title="Corrected headline", go_live_at=local_input(go_live)
        ),
        "publish",
    )
    assert public_title(admin_client, SEED_ARTICLE_URL) == SEED_TITLE

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
    assert public_title(admin_client, SEED_ARTICLE_URL) == "Corrected headline"


def test_unpublished_article_leaves_the_site_and_the_api(admin_client, seed_article):
    """Unpublishing removes the article from its address, the news index and the API."""
    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[seed_article.pk]))
    assert response.status_code == 302
    seed_article.refresh_from_db()
    assert not seed_article.live
    assert admin_client.get(SEED_ARTICLE_URL).status_code == 404
    assert SEED_TITLE not in admin_client.get("/en/news/").content.decode()
    assert admin_client.get(f"/api/v2/pages/{seed_article.pk}/").status_code == 404


def test_compare_revisions_and_roll_back(admin_client, seed_article, image):
    """The history compares two versions side by side, and an older one can be published again."""
    original = seed_article.revisions.order_by("-pk").first()
    edit(
        admin_client,
        seed_article,
        article_form(image, seed_article, title="A worse headline"),
        "publish",
    )
    latest = seed_article.revisions.order_by("-pk").first()
    assert latest.pk != original.pk

    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[seed_article.pk]))
    assert history.status_code == 200
    compare = admin_client.get(
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[seed_article.pk, original.pk, latest.pk]
        )
    )
    html = compare.content.decode()
    assert compare.status_code == 200
    assert SEED_TITLE in html and "A worse headline" in html

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[seed_article.pk, original.pk])
    revert = admin_client.get(revert_url)
    assert revert.status_code == 200
    assert revert.context["form"].initial["title"] == SEED_TITLE

    edit(
        admin_client,
        seed_article,
        article_form(image, seed_article, title=SEED_TITLE),
        "publish",
        url=revert_url,
    )
    assert public_title(admin_client, SEED_ARTICLE_URL) == SEED_TITLE
    assert PageLogEntry.objects.filter(page=seed_article, action="wagtail.revert").exists()
