"""The site chrome through the admin's own forms, the admin's language, and the admin search.

The chrome's rendering is covered in test_chrome.py; here an editor's form submission is the
starting point: one save in the admin, and the header, the pages and the API follow at once.
"""

from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from contacts.models import Hotline
from home.models import FooterSettings, NavigationSettings
from tests.markup import footer, header_hotlines, main_navigation, parse


def test_chrome_is_easy_to_find_in_the_admin_menu(admin_client, demo_site):
    """Hotlines have their own menu item; navigation and footer sit under Settings;
    news sources under Snippets."""
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    for label in ("Hotlines", "Navigation", "Footer", "Snippets", "Settings"):
        assert f'"{label}"' in html, label
    snippets = admin_client.get(reverse("wagtailsnippets:index")).content.decode()
    assert "News sources" in snippets


def test_hotline_changed_in_the_admin_shows_in_header_contacts_and_api(admin_client, demo_site):
    """Saving the hotline form changes the header, the contacts page and the API at once."""
    hotline = Hotline.objects.filter(locale__language_code="en").get(service="Postal Savings")
    response = admin_client.post(
        reverse("wagtailsnippets_contacts_hotline:edit", args=[hotline.pk]),
        {"service": "Postal Savings", "number": "8610 95599", "show_in_header": "on"},
    )
    assert response.status_code == 302

    assert ("Postal Savings: 8610 95599", "tel:+861095599") in header_hotlines(
        parse(admin_client.get("/en/"))
    )
    assert "8610 95599" in admin_client.get("/en/contact-us/").content.decode()
    api = admin_client.get("/api/v2/pages/find/?html_path=/contact-us/", follow=True).json()
    assert {"service": "Postal Savings", "number": "8610 95599", "tel": "+861095599"} in [
        block["value"] for block in api["body"] if block["type"] == "hotline"
    ]


def test_hotline_form_says_what_is_wrong_with_a_number(admin_client, demo_site):
    hotline = Hotline.objects.filter(locale__language_code="en").first()
    response = admin_client.post(
        reverse("wagtailsnippets_contacts_hotline:edit", args=[hotline.pk]),
        {"service": hotline.service, "number": "8610-1118S", "show_in_header": "on"},
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["number"]
    assert "digits and spaces only (no letters, dashes or brackets)" in message
    hotline.refresh_from_db()
    assert hotline.number != "8610-1118S"


def navigation_form(nav, items):
    """The navigation form with the existing items kept (by id) and new ones after them."""
    existing = [
        {"id": item.pk, "label": item.label, "link_page": item.link_page_id or "", "link_url": ""}
        for item in nav.items.all()
    ]
    return nested_form_data({"items": inline_formset(existing + items, initial=len(existing))})


def test_navigation_reordered_and_extended_in_the_admin(admin_client, demo_site):
    """An editor adds an outside link and moves News to the front; every header follows."""
    site = Site.objects.get(is_default_site=True)
    nav = NavigationSettings.for_site(site)
    url = reverse("wagtailsettings:edit", args=["home", "navigationsettings", nav.pk])
    assert admin_client.get(url).status_code == 200

    data = navigation_form(
        nav, [{"label": "Track a parcel", "link_page": "", "link_url": "https://example.com/t"}]
    )
    # The demo's fourth item is News: the editor drags it to the top. (Django numbers the
    # formset's ORDER from 1, as the admin's drag-and-drop does.)
    for index, order in enumerate([2, 3, 4, 1, 5]):
        data[f"items-{index}-ORDER"] = str(order)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors

    labels = [text for text, _ in main_navigation(parse(admin_client.get("/en/about-us/")))]
    assert labels == ["News", "Postman Story", "Postal Equipments", "2021 Stamps", "Track a parcel"]


def test_navigation_item_needs_a_page_or_a_link(admin_client, demo_site):
    """A menu item with both a page and an outside address is refused with what to do."""
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    url = reverse("wagtailsettings:edit", args=["home", "navigationsettings", nav.pk])
    data = navigation_form(
        nav, [{"label": "Both", "link_page": demo_site.pk, "link_url": "https://example.com/"}]
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "one of the two, not both" in response.content.decode()


def test_footer_changed_in_the_admin_shows_in_every_footer(admin_client, demo_site):
    footer_settings = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    url = reverse("wagtailsettings:edit", args=["home", "footersettings", footer_settings.pk])
    links = [
        {"id": link.pk, "label": link.label, "link_page": link.link_page_id, "link_url": ""}
        for link in footer_settings.links.all()
    ]
    data = nested_form_data(
        {
            "icp_number": footer_settings.icp_number,
            "public_security_number": footer_settings.public_security_number,
            "powered_by": "Powered by the national post",
            "links": inline_formset(links, initial=len(links)),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    for path in ("/en/", "/en/news/"):
        assert footer(parse(admin_client.get(path)))["powered_by"] == "Powered by the national post"


def test_admin_in_simplified_chinese_for_an_editor_who_chooses_it(
    admin_client, admin_user, demo_site
):
    """Each user picks the admin's language in their account; the site itself stays English."""
    form = admin_client.get(reverse("wagtailadmin_account")).content.decode()
    assert "简体中文" in form

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "zh-hans"
    profile.save()
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="zh-hans"' in html
    assert "控制面板" in html  # "Dashboard"
    editor = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[demo_site.pk])
    ).content.decode()
    assert "保存草稿" in editor  # "Save draft"
    assert '<html lang="en"' in admin_client.get("/en/").content.decode()


def test_admin_in_english_by_default(admin_client, demo_site):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in html and "Dashboard" in html


def test_admin_search_finds_pages_by_words_in_their_body(admin_client, demo_site):
    """Words that appear only in a page's body find it in the admin's page search."""
    for query, title in [
        ("indicators", "China Post Group commends model units"),
        ("letterbox", "Postal Equipments"),
    ]:
        response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": query})
        assert response.status_code == 200
        assert title in response.content.decode(), query


def test_focal_point_set_in_the_image_editor_steers_the_crops(admin_client, demo_site):
    """An editor marks the important part of a picture; cropped renditions keep it in frame."""
    from tests.factories import ImageFactory

    image = ImageFactory(title="Wide van", description="A green postal van")
    image.file.open()
    url = reverse("wagtailimages:edit", args=[image.pk])
    response = admin_client.post(
        url,
        {
            "title": image.title,
            "description": image.description,
            "collection": image.collection_id,
            "tags": "",
            # The focal point widget writes these when the editor drags a box over the picture.
            "focal_point_x": "8",
            "focal_point_y": "20",
            "focal_point_width": "10",
            "focal_point_height": "10",
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.get_focal_point().centroid.x == 8
    # Crops made from now on are keyed (and cut) by the focal point.
    rendition = image.get_rendition("fill-20x20")
    from wagtail.images.models import Filter

    image.focal_point_x = image.focal_point_y = None
    image.focal_point_width = image.focal_point_height = None
    assert rendition.focal_point_key != Filter("fill-20x20").get_cache_key(image)
    assert (rendition.width, rendition.height) == (20, 20)
