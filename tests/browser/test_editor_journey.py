"""Editors in the Wagtail admin, in headless Chromium: write, review, publish, change a hotline.

An editor writes a news article with a paragraph, a heading and an uploaded image, saves
a draft (readers and the API do not see it), previews it and submits it; a
moderator approves it; it then shows on the news index, its own page and in the API. An editor
with the right to change hotlines changes a number and the header, the contacts page and the
API follow. The screenshots taken on the way illustrate docs/editors-guide.md.
"""

import io
import re
from pathlib import Path

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    # pytest-playwright's own base_url fixture trips a pytest 9 deprecation; not ours to fix.
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "editors"
VIEWPORT = {"width": 1280, "height": 800}
TITLE = "Rural post offices open parcel lockers"
SLUG = "rural-post-offices-open-parcel-lockers"


@pytest.fixture(autouse=True)
def _one_request_at_a_time(settings):
    """No autosave and no editing-session pings in these tests.

    Under SQLite, live_server shares one in-memory connection between its request threads
    and the test, so the admin's background requests (autosave every 0.5 s, "who else is
    editing" pings) collide with the editor's own clicks ("database table is locked").
    The features themselves are Wagtail's and stay on for real editors.
    """
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000


def shot(page, name):
    """A 1280×800 screenshot of what the editor sees (not the full page: the guide's pictures
    stay small)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def photo_file(tmp_path):
    """A small JPEG, as an editor would upload from their camera."""
    path = tmp_path / "parcel-lockers.jpg"
    picture = PILImage.new("RGB", (640, 400), (0, 105, 60))
    for x in range(0, 640, 80):
        picture.paste((255, 194, 14), (x, 150, x + 40, 250))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def users(live_demo_site, django_user_model):
    """An editor and a moderator, in the groups the demo content created."""
    from django.contrib.auth.models import Group

    made = {}
    for username, group in (("eddie", "Editors"), ("mona", "Moderators")):
        user = django_user_model.objects.create_user(
            username=username, password=f"{username}-password-1", first_name=username.title()
        )
        user.groups.add(Group.objects.get(name=group))
        made[group] = (username, f"{username}-password-1")
    return made


def log_in(page, base_url, credentials, screenshot_name=None):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(credentials[0])
    page.get_by_label("Password").fill(credentials[1])
    if screenshot_name:
        shot(page, screenshot_name)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def log_out(page, base_url):
    page.context.clear_cookies()


def insert_block(page, label):
    """Adds a block at the end of the body with the last "+" button and the block picker."""
    page.keyboard.press("Escape")  # closes any picker or date picker still open
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).last.click()


def test_editor_writes_and_a_moderator_publishes_an_article(page, live_demo_site, users, tmp_path):
    base = live_demo_site.url
    page.set_viewport_size(VIEWPORT)
    log_in(page, base, users["Editors"], "01-log-in")
    shot(page, "02-dashboard")

    from news.models import NewsIndexPage

    news = NewsIndexPage.objects.filter(locale__language_code="en").get()
    page.goto(f"{base}/admin/pages/add/news/newsarticlepage/{news.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_date").fill("2026-11-20")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Choose news source").click()
    page.get_by_role("link", name="China Post News").click()
    page.locator("#id_summary").fill("Parcel lockers now stand in 300 rural post offices.")
    shot(page, "03-new-article")

    insert_block(page, "Paragraph")
    page.locator(".Draftail-Editor [contenteditable=true]").first.click()  # the only rich text
    page.keyboard.type("From this month, villagers collect parcels at any hour from lockers.")
    insert_block(page, "Heading")
    page.locator("#body-1-value-text").fill("Open day and night")
    insert_block(page, "Image")
    page.locator("#body-2-value-image-image-chooser").get_by_role(
        "button", name="Choose an image"
    ).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("input[type=file]").set_input_files(str(photo_file(tmp_path)))
    modal.get_by_label("Title").fill("Parcel lockers")
    modal.get_by_label("Description").fill("Green parcel lockers with yellow doors")
    shot(page, "04-upload-image")
    modal.get_by_role("button", name="Upload").click()
    expect(page.locator("#body-2-value-image-alt_text")).to_have_value(
        "Green parcel lockers with yellow doors"
    )
    page.locator("#body-2-value-caption").fill("Lockers outside a village post office")
    # (The stamp-issue block chooses a catalogue issue now: tests/test_admin_editing.py.)
    page.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))

    from news.models import NewsArticlePage

    article = NewsArticlePage.objects.filter(locale__language_code="en").get(slug=SLUG)
    assert not article.live
    assert [b.block_type for b in article.get_latest_revision_as_object().body] == [
        "paragraph",
        "heading",
        "image",
    ]
    # A draft is the editor's alone: not on the site, not in the news index, not in the API.
    assert page.request.get(f"{base}/en/news/{SLUG}/").status == 404
    assert TITLE not in page.request.get(f"{base}/en/news/").text()
    api = page.request.get(f"{base}/api/v2/pages/?type=news.NewsArticlePage&limit=100").json()
    assert TITLE not in [item["title"] for item in api["items"]]

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(preview.locator(".article__body")).to_contain_text("Lockers outside a village")
    page.wait_for_timeout(500)  # the preview panel slides in
    shot(page, "07-preview")
    page.get_by_role("button", name="Toggle preview").click()

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to News and contacts moderation").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    shot(page, "08-submitted")
    article.refresh_from_db()
    assert not article.live

    log_out(page, base)
    log_in(page, base, users["Moderators"])
    expect(page.locator("main")).to_contain_text(TITLE)  # "Awaiting your review"
    shot(page, "09-moderator-dashboard")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    shot(page, "10-approve")
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(re.compile("approved|published|updated"))
    article.refresh_from_db()
    assert article.live

    page.goto(f"{base}/en/news/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/en/news/{SLUG}/$"))
    body = page.locator(".article__body")
    expect(body).to_contain_text("From this month, villagers collect parcels at any hour")
    expect(body.get_by_role("heading", name="Open day and night")).to_be_visible()
    expect(body.get_by_alt_text("Green parcel lockers with yellow doors")).to_be_visible()
    expect(body).to_contain_text("Lockers outside a village post office")
    shot(page, "11-published-article")
    api = page.request.get(f"{base}/api/v2/pages/?type=news.NewsArticlePage&fields=body&limit=100")
    [item] = [i for i in api.json()["items"] if i["title"] == TITLE]
    assert [b["type"] for b in item["body"]] == ["paragraph", "heading", "image"]
    assert item["body"][2]["value"]["image"]["alt"] == "Green parcel lockers with yellow doors"


@pytest.fixture
def site_admin(live_demo_site, django_user_model):
    """A superuser: hotlines, navigation and footer are site chrome, kept by the admins."""
    django_user_model.objects.create_superuser(username="ada", password="ada-password-1")
    return ("ada", "ada-password-1")


def test_changed_hotline_shows_in_header_contacts_page_and_api(page, live_demo_site, site_admin):
    base = live_demo_site.url
    page.set_viewport_size(VIEWPORT)
    log_in(page, base, site_admin)
    page.get_by_role("link", name="Hotlines").click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/contacts/hotline/$"))
    shot(page, "12-hotlines")
    page.get_by_role("link", name="Postal Savings").first.click()
    page.locator("#id_number").fill("8610 9558O")  # a letter O instead of a zero
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator("main")).to_contain_text("digits and spaces only")
    shot(page, "13-hotline-number-refused")
    page.locator("#id_number").fill("8610 95599")
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_contain_text("updated")

    page.goto(f"{base}/")
    hotlines = page.get_by_role("list", name="Service hotlines")
    expect(hotlines.get_by_role("link", name="8610 95599")).to_be_visible()
    expect(hotlines).not_to_contain_text("8610 95580")
    page.goto(f"{base}/en/contact-us/")
    expect(page.locator("main")).to_contain_text("8610 95599")
    expect(page.locator("main")).not_to_contain_text("8610 95580")
    shot(page, "14-contacts-page-after-hotline-change")
    api = page.request.get(f"{base}/api/v2/pages/?type=contacts.ContactsPage&fields=body").json()
    [contacts] = api["items"]
    numbers = [b["value"]["number"] for b in contacts["body"] if b["type"] == "hotline"]
    assert "8610 95599" in numbers and "8610 95580" not in numbers


def checker_issue_count(page, url):
    """Opens the page, then the userbar's "Checks" dialog; returns the number of issues found."""
    page.goto(url)
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#checker-trigger").click()
    count = page.locator("#checker-results [data-content-checker-count]")
    expect(count).to_have_text(re.compile(r"^\s*\d+\s*$"))  # filled in once axe has run
    return int(count.inner_text())


DEMO_PAGES = [
    "/en/",
    "/en/news/",
    "/en/news/china-post-group-commends-model-units-rural-vitalization-2020/",
    "/en/news/year-of-the-ox-special-stamps/",
    "/en/contact-us/",
    "/en/about-us/",
    "/en/sitemap/",
]


def test_accessibility_checker_finds_no_problems_on_demo_pages(page, live_demo_site, site_admin):
    """Wagtail's userbar runs its axe-based checks on each demo page type: no issues.

    A page with a skipped heading level, checked the same way, proves the checker is running."""
    base = live_demo_site.url
    page.set_viewport_size(VIEWPORT)
    log_in(page, base, site_admin)
    for path in DEMO_PAGES:
        assert checker_issue_count(page, f"{base}{path}") == 0, path
        if path == "/en/":
            shot(page, "15-accessibility-checks")

    from home.models import ContentPage, HomePage
    from tests.factories import stream

    HomePage.objects.filter(locale__language_code="en").get().add_child(
        instance=ContentPage(
            title="Skipped heading",
            slug="skipped-heading",
            body=stream(("heading", {"text": "A subsection first", "level": "h3"})),
        )
    ).save_revision().publish()
    assert checker_issue_count(page, f"{base}/skipped-heading/") >= 1
