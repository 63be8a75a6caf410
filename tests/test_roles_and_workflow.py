"""Editors write and submit, Moderators approve and publish: the roles the demo content creates.

Each test logs in as a fresh user in one of the two groups and uses the admin as they would.
"""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from contacts.models import ContactsPage, Hotline
from home.models import ContentPage
from news.models import NewsArticlePage, NewsIndexPage
from tests import admin_forms
from tests.factories import ImageFactory


@pytest.fixture
def make_user(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(username=username, password="pw-" + username)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("eddie", "Editors")


@pytest.fixture
def moderator(make_user):
    return make_user("mona", "Moderators")


@pytest.fixture
def image(db):
    return ImageFactory(title="Ox stamps", description="Two stamps showing an ox")


def add_url(parent, model):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def submit_article(client, news, image, title="Parcels reach every village"):
    data = admin_forms.article_data(image, title=title)
    data["action-submit"] = "Submit"
    response = client.post(add_url(news, NewsArticlePage), data)
    assert response.status_code == 302, response.context["form"].errors
    return NewsArticlePage.objects.filter(locale__language_code="en").get(title=title)


def test_news_and_contacts_go_through_the_moderation_workflow(demo_site):
    """The demo content assigns one workflow, approved by Moderators, to news and contacts."""
    workflow = Workflow.objects.get(name="News and contacts moderation")
    assert NewsIndexPage.objects.filter(locale__language_code="en").get().get_workflow() == workflow
    assert ContactsPage.objects.filter(locale__language_code="en").get().get_workflow() == workflow
    [task] = workflow.tasks.specific()
    assert [g.name for g in task.groups.all()] == ["Moderators"]


def test_editor_writes_and_submits_an_article_but_cannot_publish_it(
    client, demo_site, editor, image
):
    """An editor's new article waits for a moderator: not live, not on the site, not in the API."""
    client.force_login(editor)
    news = NewsIndexPage.objects.filter(locale__language_code="en").get()
    assert client.get(add_url(news, NewsArticlePage)).status_code == 200

    article = submit_article(client, news, image)

    assert not article.live
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/en/news/parcels-reach-every-village/").status_code == 404
    api = client.get("/api/v2/pages/", {"type": "news.NewsArticlePage", "search": "Parcels"})
    assert "Parcels reach every village" not in api.content.decode()

    # "Publish" is not theirs: posting it anyway leaves the page unpublished.
    data = admin_forms.article_data(image)
    data["action-publish"] = "action-publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    article.refresh_from_db()
    assert not article.live
    assert not article.permissions_for_user(editor).can_publish()


def test_moderator_approves_and_the_article_goes_live(client, demo_site, editor, moderator, image):
    """Approval in the moderator's dashboard publishes the article for readers and the API."""
    client.force_login(editor)
    article = submit_article(
        client, NewsIndexPage.objects.filter(locale__language_code="en").get(), image
    )
    client.logout()

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Parcels reach every village" in dashboard  # "Awaiting your review"
    state = WorkflowState.objects.get(object_id=str(article.pk))
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[article.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": "Good to go"},
    )
    assert response.status_code in (200, 302)

    article.refresh_from_db()
    assert article.live
    assert client.get("/en/news/parcels-reach-every-village/").status_code == 200
    assert "Parcels reach every village" in client.get("/en/news/").content.decode()


def test_moderator_can_reject_with_a_comment(client, demo_site, editor, moderator, image):
    """Requesting changes sends the article back to the editor, still unpublished."""
    client.force_login(editor)
    article = submit_article(
        client, NewsIndexPage.objects.filter(locale__language_code="en").get(), image
    )
    client.force_login(moderator)
    state = WorkflowState.objects.get(object_id=str(article.pk))
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[article.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "Please add the date of the event."},
    )
    state.refresh_from_db()
    article.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not article.live


def test_editor_edits_the_contacts_page(client, demo_site, editor):
    """Editors may change and submit the contacts page too."""
    client.force_login(editor)
    contacts = ContactsPage.objects.filter(locale__language_code="en").get()
    assert contacts.permissions_for_user(editor).can_edit()
    data = admin_forms.contacts_page_data(
        Hotline.objects.filter(locale__language_code="en").first(), title="Contact Us"
    )
    data["slug"] = "contact-us"
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[contacts.pk]), data)
    assert response.status_code == 302


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("wagtailsettings:edit", ["home", "navigationsettings"]),
        ("wagtailsettings:edit", ["home", "footersettings"]),
        ("wagtailusers_users:index", []),
        ("wagtailusers_groups:index", []),
        ("wagtailsites:index", []),
        ("wagtailsnippets_contacts_hotline:add", []),
        ("wagtailsnippets_news_newssource:add", []),
        ("wagtailadmin_workflows:index", []),
    ],
)
def test_editor_cannot_change_settings_chrome_users_or_workflows(
    client, demo_site, editor, url_name, args
):
    """Settings, hotlines, news sources, users, sites and workflows are not editors' to change."""
    client.force_login(editor)
    response = client.get(reverse(url_name, args=args))
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert not response["Location"].startswith(reverse(url_name, args=args))


def test_editor_cannot_edit_a_hotline(client, demo_site, editor):
    client.force_login(editor)
    hotline = Hotline.objects.filter(locale__language_code="en").first()
    response = client.post(
        reverse("wagtailsnippets_contacts_hotline:edit", args=[hotline.pk]),
        {"service": hotline.service, "number": "8610 00000", "show_in_header": "on"},
    )
    assert response.status_code in (302, 403)
    hotline.refresh_from_db()
    assert hotline.number != "8610 00000"


def test_editor_chooses_news_sources_and_hotlines(client, demo_site, editor):
    """The choosers an article and the contacts page need are open to editors."""
    client.force_login(editor)
    for model in ("news/newssource", "contacts/hotline"):
        response = client.get(f"/admin/snippets/choose/{model}/")
        assert response.status_code == 200, model


def test_editor_cannot_add_or_edit_pages_outside_news_and_contacts(client, demo_site, editor):
    """Home, About Us and the other section pages are the moderators' to change."""
    client.force_login(editor)
    about = ContentPage.objects.filter(locale__language_code="en").get(slug="about-us")
    assert not about.permissions_for_user(editor).can_edit()
    assert client.get(add_url(demo_site, ContentPage)).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])).status_code in (
        302,
        403,
    )
    assert not demo_site.permissions_for_user(editor).can_add_subpage()


def test_editor_uploads_images_and_documents(client, demo_site, editor):
    """Editors add pictures and files to the library for their articles."""
    client.force_login(editor)
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtaildocs:add")).status_code == 200


def test_moderator_publishes_any_page_directly(client, demo_site, moderator):
    """Moderators edit and publish pages anywhere on the site, About Us included."""
    client.force_login(moderator)
    about = ContentPage.objects.filter(locale__language_code="en").get(slug="about-us")
    data = nested_form_data(
        {
            "title": "About China Post",
            "slug": "about-us",
            "summary": about.summary,
            "body": streamfield([("paragraph", rich_text("<p>We deliver.</p>"))]),
        }
    )
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[about.pk]), data)
    assert response.status_code == 302
    assert Page.objects.get(pk=about.pk).title == "About China Post"
    assert "About China Post" in client.get("/en/about-us/").content.decode()
