"""`load_demo_content` and `ensure_admin`, which `make run` runs on every start."""

import io
import re

import pytest

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from contacts.models import Hotline
from home.models import (
    FooterLink,
    FooterSettings,
    HomePage,
    NavigationItem,
    NavigationSettings,
)
from news.models import NewsArticlePage, NewsSource
from tests import expected


def run(command, **options):
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


def site_state():
    """Everything the demo command creates, as comparable values."""
    return {
        "pages": list(
            Page.objects.order_by("path").values_list(
                "id", "title", "slug", "url_path", "content_type__model", "live"
            )
        ),
        "revisions": Revision.objects.count(),
        "images": list(Image.objects.order_by("id").values_list("id", "title", "file")),
        "documents": list(Document.objects.order_by("id").values_list("id", "title", "file")),
        "sources": list(NewsSource.objects.order_by("id").values_list("id", "name")),
        "hotlines": list(Hotline.objects.order_by("id").values_list("id", "service", "number")),
        "navigation": list(
            NavigationItem.objects.order_by("id").values_list("id", "link_page", "sort_order")
        ),
        "footer": list(
            FooterSettings.objects.values_list("id", "icp_number", "public_security_number")
        ),
        "footer_links": list(
            FooterLink.objects.order_by("id").values_list("id", "link_page", "sort_order")
        ),
        "sites": list(Site.objects.values_list("id", "hostname", "root_page", "site_name")),
    }


@pytest.fixture
def fresh_install(db):
    """The database as Wagtail's migrations leave it: a root page, a welcome page and a Site.

    The session's demo site is taken away inside this test's transaction, which rolls back.
    """
    site = Site.objects.get(is_default_site=True)
    root = Page.get_first_root_node()
    welcome = root.add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="welcome")
    )
    site.root_page = welcome
    site.site_name = ""
    site.save()
    for home in HomePage.objects.all():  # the English tree and its Chinese translation
        home.delete()
    welcome.slug = "home"
    welcome.save()
    for model in (Image, Document, NewsSource, Hotline, NavigationSettings, FooterSettings):
        model.objects.all().delete()
    Revision.objects.all().delete()
    pages = Page.objects.order_by("path").values_list("title", "url_path", "content_type__model")
    assert list(pages) == [
        ("Root", "/", "page"),
        ("Welcome to your new Wagtail site!", "/home/", "page"),
    ]
    return site


def test_demo_command_builds_the_site_once_on_a_fresh_install(fresh_install, client):
    """On a new database it replaces Wagtail's welcome page; a second run changes nothing.

    One test for both, because building the site from nothing takes seconds.
    """
    output = run("load_demo_content")
    assert re.search(r"Demo content: [1-9]\d* items created", output)
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    assert site.site_name == "China Post"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    for language in ("en", "zh-hans"):
        articles = NewsArticlePage.objects.live().filter(locale__language_code=language)
        assert articles.count() == expected.ARTICLE_COUNT
    assert client.get(expected.SEED_ARTICLE_URL).status_code == 200
    assert client.get(expected.SEED_ARTICLE_URL.replace("/en/", "/zh/", 1)).status_code == 200

    first = site_state()
    output = run("load_demo_content")
    assert site_state() == first
    assert "Demo content: 0 items created" in output
    # The root, then in each language home, its children, the articles, and the catalogue's
    # year and issues; the pictures are shared.
    per_language = 1 + 7 + expected.ARTICLE_COUNT + expected.CATALOGUE_PAGES
    assert len(first["pages"]) == 1 + 2 * per_language
    assert len(first["images"]) == expected.ARTICLE_PICTURE_COUNT + expected.STAMP_PICTURE_COUNT
    assert len(first["hotlines"]) == 2 * 4
    assert len(first["navigation"]) == 4
    assert len(first["footer_links"]) == 3


def test_demo_command_keeps_an_editors_changes(demo_site, client):
    """Pages, hotlines and the footer an editor changed stay as the editor left them."""
    article = NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    )
    article.title = "Model units for rural vitalization named"
    article.save_revision().publish()
    Hotline.objects.filter(locale__language_code="en").filter(service="Postal Business").update(
        number="8610 11180"
    )
    footer = FooterSettings.objects.get()
    footer.powered_by = "Powered by the editors"
    footer.save()
    before = site_state()

    run("load_demo_content")

    assert site_state() == before
    article.refresh_from_db()
    assert article.title == "Model units for rural vitalization named"
    page = client.get(expected.SEED_ARTICLE_URL).content.decode()
    assert "<h1>Model units for rural vitalization named</h1>" in page
    assert "8610 11180" in page
    assert "Powered by the editors" in page


def test_demo_command_does_not_bring_back_what_an_editor_deleted(demo_site):
    """A page and a hotline deleted by an editor stay deleted when `make run` starts again."""
    NewsArticlePage.objects.filter(locale__language_code="en").get(
        slug=expected.SEED_ARTICLE_URL.split("/")[3]
    ).delete()
    Hotline.objects.filter(locale__language_code="en").filter(service="Postal Business").delete()
    before = site_state()

    run("load_demo_content")

    assert site_state() == before
    assert (
        not Hotline.objects.filter(locale__language_code="en")
        .filter(service="Postal Business")
        .exists()
    )


ADMIN_LOGIN = re.compile(r"Admin login: admin / (\S+)")


@pytest.fixture
def no_superuser_env(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    return monkeypatch


def test_ensure_admin_uses_the_password_from_the_environment(db, no_superuser_env):
    """With DJANGO_SUPERUSER_PASSWORD set, the new superuser 'admin' logs in with it."""
    no_superuser_env.setenv("DJANGO_SUPERUSER_PASSWORD", "chosen-by-the-operator")
    output = run("ensure_admin")
    assert ADMIN_LOGIN.search(output).group(1) == "chosen-by-the-operator"
    user = authenticate(username="admin", password="chosen-by-the-operator")
    assert user is not None and user.is_superuser and user.is_staff


def test_ensure_admin_makes_a_different_random_password_on_each_new_database(db, no_superuser_env):
    """Without the variable, each new database gets its own printed, working random password."""
    passwords = []
    for _ in range(2):
        with transaction.atomic():  # a new database each time: rolled back below
            password = ADMIN_LOGIN.search(run("ensure_admin")).group(1)
            assert authenticate(username="admin", password=password) is not None
            passwords.append(password)
            transaction.set_rollback(True)
    assert passwords[0] != passwords[1]
    for password in passwords:
        assert len(password) >= 12
        assert password.lower() not in {"admin", "password", "changeme", "admin123"}


def test_ensure_admin_leaves_an_existing_superuser_alone(db, no_superuser_env):
    """A second run neither resets the password nor adds a user, even with a new variable."""
    no_superuser_env.setenv("DJANGO_SUPERUSER_PASSWORD", "first-password-1")
    run("ensure_admin")
    no_superuser_env.setenv("DJANGO_SUPERUSER_PASSWORD", "second-password-2")
    output = run("ensure_admin")
    assert "password unchanged" in output
    assert "second-password-2" not in output
    assert get_user_model().objects.count() == 1
    assert authenticate(username="admin", password="first-password-1") is not None
    assert authenticate(username="admin", password="second-password-2") is None


def test_every_demo_article_and_stamp_has_its_own_picture(demo_site):
    """Readers see a different drawing on every article and every stamp, not one picture
    repeated: no two differ by less than 10 of 255 per colour on average."""
    from PIL import Image as PILImage
    from PIL import ImageChops, ImageStat

    english = NewsArticlePage.objects.live().filter(locale__language_code="en")
    articles = list(english.select_related("lead_image"))
    assert len(articles) == expected.ARTICLE_COUNT
    assert all(a.lead_image for a in articles), [a.title for a in articles if not a.lead_image]
    pictures = {a.lead_image_id: a.lead_image for a in articles}
    assert len(pictures) == expected.ARTICLE_PICTURE_COUNT
    stamps = Image.objects.filter(title__startswith="Stamp ")
    assert stamps.count() == expected.STAMP_PICTURE_COUNT

    def thumbnail(image):
        with image.open_file() as f:
            return PILImage.open(f).convert("RGB").resize((64, 48))

    for group in (list(pictures.values()), list(stamps)):
        small = {image.title: thumbnail(image) for image in group}
        titles = list(small)
        for i, a in enumerate(titles):
            for b in titles[i + 1 :]:
                mean = sum(ImageStat.Stat(ImageChops.difference(small[a], small[b])).mean) / 3
                assert mean > 10, f"the pictures {a!r} and {b!r} look alike ({mean:.1f})"


def test_demo_pictures_are_drawn_the_same_every_time():
    """Drawn in code and deterministic: two builds of the demo site ship the same pictures."""
    from home.demo_images import SCENES, draw_picture, draw_stamp

    for title in SCENES:
        assert draw_picture(title) == draw_picture(title), title
    assert draw_stamp("Strong ox", "1.20 yuan", "2021-1", 0) == draw_stamp(
        "Strong ox", "1.20 yuan", "2021-1", 0
    )
