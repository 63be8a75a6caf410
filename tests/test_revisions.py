"""Nothing an editor published is lost: every version stays in the page's history, and any
earlier one (not only the last) can be restored in the admin and published again, after which
readers and the API show it.
"""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsArticlePage, NewsIndexPage
from tests.markup import parse, text

VERSIONS = [
    ("Night trains carry the mail", "Mail by night train.", "Sorting happens on board."),
    ("Night trains carry more mail", "Twice the mail by night.", "Two sorting cars now."),
    ("Night trains end", "The last night mail train.", "Vans take over the routes."),
]


def version_data(title, summary, paragraph):
    return nested_form_data(
        {
            "title": title,
            "slug": "night-trains",
            "date": "2026-11-20",
            "summary": summary,
            "body": streamfield([("paragraph", rich_text(f"<p>{paragraph}</p>"))]),
            "action-publish": "action-publish",
        }
    )


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


def reader_view(client, page):
    """(title, body text) as readers see the article, and as the API gives it."""
    soup = parse(client.get(page.url))
    api = client.get(f"/api/v2/pages/{page.pk}/").json()
    return (
        (text(soup.select_one("main h1")), text(soup.select_one("main")) or ""),
        (api["title"], " ".join(block["value"] for block in api["body"])),
    )


@pytest.fixture
def article(admin_client, demo_site):
    """An article published three times through the admin, one version after another."""
    news = NewsIndexPage.objects.filter(locale__language_code="en").get()
    post(
        admin_client,
        reverse("wagtailadmin_pages:add", args=["news", "newsarticlepage", news.pk]),
        version_data(*VERSIONS[0]),
    )
    page = NewsArticlePage.objects.filter(locale__language_code="en").get(slug="night-trains")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for version in VERSIONS[1:]:
        post(admin_client, edit_url, version_data(*version))
    page.refresh_from_db()
    return page


def test_publishing_a_new_version_keeps_every_earlier_one(article):
    """Each publish adds a revision; none replaces or changes an earlier one."""
    revisions = list(article.revisions.order_by("created_at", "pk"))
    assert [r.as_object().title for r in revisions] == [v[0] for v in VERSIONS]
    assert [r.as_object().summary for r in revisions] == [v[1] for v in VERSIONS]
    assert article.live_revision == revisions[-1]


def test_editor_restores_the_first_version_from_the_history_and_readers_see_it(
    admin_client, article
):
    """History → the first version's "restore" → its content in the editor → publish: the
    site and the API show the first version again, and the later versions are still kept."""
    first = article.revisions.order_by("created_at", "pk").first()
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[article.pk, first.pk])
    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert history.status_code == 200
    assert revert_url in history.content.decode()

    # The editor opens with the first version's content, not the live one.
    revert = admin_client.get(revert_url)
    assert revert.status_code == 200
    form = revert.context["form"]
    assert form.initial["title"] == VERSIONS[0][0]
    assert form.initial["summary"] == VERSIONS[0][1]
    assert VERSIONS[0][2] in str(form.initial["body"].render_as_block())

    (html_title, _), (api_title, _) = reader_view(admin_client, article)
    assert html_title == api_title == VERSIONS[2][0]

    post(admin_client, revert_url, version_data(*VERSIONS[0]))
    article.refresh_from_db()
    (html_title, html_text), (api_title, api_body) = reader_view(admin_client, article)
    assert html_title == api_title == VERSIONS[0][0]
    assert VERSIONS[0][2] in html_text and VERSIONS[0][2] in api_body
    assert VERSIONS[2][2] not in html_text and VERSIONS[2][2] not in api_body

    # Four versions now: the three published ones and the restored copy, none lost.
    titles = [r.as_object().title for r in article.revisions.order_by("created_at", "pk")]
    assert titles == [v[0] for v in VERSIONS] + [VERSIONS[0][0]]
