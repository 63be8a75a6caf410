"""A Chinese editor in the Wagtail admin, in headless Chromium (issue 14).

A member of "Chinese editors" signs in, edits a page of the Chinese tree and submits it to
the moderation workflow; the English version of the same page offers them no edit, and
opening its editor is refused. The admin's locale switcher lists both trees.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_editor_journey import _one_request_at_a_time, log_in  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

NEW_TITLE = "关于我们（已更新）"


@pytest.fixture
def chinese_editor(live_demo_site, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username="li", password="li-password-1")
    user.groups.add(Group.objects.get(name="Chinese editors"))
    return ("li", "li-password-1")


def test_chinese_editor_edits_and_submits_a_chinese_page_but_not_an_english_one(
    page, live_demo_site, chinese_editor
):
    from wagtail.models import Locale, Page

    base = live_demo_site.url
    english = Page.objects.get(locale__language_code="en", slug="about-us")
    chinese = english.get_translation(Locale.objects.get(language_code="zh-hans"))
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, base, chinese_editor)

    # The explorer's locale switcher offers both trees.
    page.goto(f"{base}/admin/pages/{chinese.get_parent().pk}/")
    expect(page.locator("main")).to_contain_text(chinese.title)

    page.goto(f"{base}/admin/pages/{chinese.pk}/edit/")
    page.locator("#id_title").fill(NEW_TITLE)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to News and contacts moderation").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("submitted|已提交"))
    chinese.refresh_from_db()
    assert chinese.get_latest_revision().content["title"] == NEW_TITLE
    assert chinese.workflow_in_progress
    # Readers still see the published version until a moderator approves.
    assert page.request.get(f"{base}{chinese.url}").text().count(NEW_TITLE) == 0

    response = page.goto(f"{base}/admin/pages/{english.pk}/edit/")
    assert response.status in (302, 403) or "/admin/" in page.url
    expect(page.locator("#id_title")).to_have_count(0)
    english.refresh_from_db()
    assert english.get_latest_revision().content["title"] == english.title
