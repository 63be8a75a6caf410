"""The page editor explains itself and every page type is created through it.

Uses Wagtail's page test helpers: `assertCanCreate` posts the real admin form (StreamField body
included), `assertPageIsPreviewable` renders the preview an editor sees beside the form.
"""

import re
from unittest import mock

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from contacts.models import ContactsPage, Hotline
from home.models import ContentPage, HomePage, SitemapPage
from news.blocks import ALT_TEXT_MISSING, ArticleBodyBlock
from news.models import NewsArticlePage, NewsIndexPage
from tests import admin_forms
from tests.factories import ImageFactory


def form_errors(response):
    """The page's HTML with whitespace runs collapsed, for searching its text."""
    return re.sub(r"\s+", " ", response.content.decode())


class EveryPageTypeThroughTheAdminTests(WagtailPageTestCase):
    """A superuser creates and previews each page type with the admin's own forms."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.image = ImageFactory(title="Bicycle", description="A postman on a bicycle")

    def setUp(self):
        self.user = self.login()
        self.home = HomePage.objects.filter(locale__language_code="en").get()
        self.news = NewsIndexPage.objects.filter(locale__language_code="en").get()

    def test_news_article_with_every_everyday_block(self):
        """An article with paragraph, heading, image, quote and stamp issue is created live."""
        self.assertCanCreate(self.news, NewsArticlePage, admin_forms.article_data(self.image))
        article = NewsArticlePage.objects.filter(locale__language_code="en").get(
            slug="parcels-reach-every-village"
        )
        self.assertTrue(article.live)
        self.assertEqual(
            [block.block_type for block in article.body],
            ["paragraph", "heading", "image", "quote", "stamp_issue"],
        )
        self.assertEqual(
            article.body[2].value["image"].contextual_alt_text, "A postman on a bicycle"
        )
        self.assertEqual(article.body[4].value.issue_number, "2021-1")

    def test_content_page(self):
        self.assertCanCreate(self.home, ContentPage, admin_forms.content_page_data(self.image))

    def test_news_index(self):
        self.assertCanCreate(self.home, NewsIndexPage, admin_forms.news_index_data())

    def test_contacts_page_with_every_block(self):
        """Under another parent (home already holds one), with all four contact blocks."""
        about = ContentPage.objects.filter(locale__language_code="en").get(slug="about-us")
        root = Page.get_first_root_node()
        hotline = Hotline.objects.filter(locale__language_code="en").first()
        self.assertCanNotCreateAt(ContentPage, ContactsPage)
        self.assertFalse(ContactsPage.can_create_at(about))
        self.assertCanCreate(root, ContactsPage, admin_forms.contacts_page_data(hotline))
        page = ContactsPage.objects.filter(locale__language_code="en").get(
            slug="contact-the-museum"
        )
        self.assertEqual(
            [b.block_type for b in page.body], ["hotline", "address", "email", "opening_hours"]
        )
        self.assertEqual(page.body[3].value["rows"][0]["hours"], "09:00–17:00")

    def test_sitemap_and_home_pages(self):
        """The single-instance pages' forms work (their limit lifted for the test)."""
        with mock.patch.object(SitemapPage, "max_count_per_parent", 2):
            self.assertCanCreate(self.home, SitemapPage, admin_forms.sitemap_page_data())
        # Two exist already: the English home and its Chinese translation.
        with mock.patch.object(HomePage, "max_count", 3):
            self.assertCanCreate(Page.get_first_root_node(), HomePage, admin_forms.home_page_data())

    def test_every_page_type_is_previewable(self):
        """The preview beside the editor renders each page type with its unsaved content."""
        hotline = Hotline.objects.filter(locale__language_code="en").first()
        data = {
            NewsArticlePage: admin_forms.article_data(self.image),
            ContentPage: admin_forms.content_page_data(self.image),
            NewsIndexPage: admin_forms.news_index_data(),
            ContactsPage: admin_forms.contacts_page_data(hotline),
            HomePage: admin_forms.home_page_data(),
            SitemapPage: admin_forms.sitemap_page_data(),
        }
        for model, post_data in data.items():
            page = model.objects.first()
            post_data["slug"] = page.slug
            with self.subTest(model=model.__name__):
                self.assertPageIsPreviewable(page, post_data=post_data, user=self.user)
                self.client.force_login(self.user)  # the helper logs out when done
                preview = self.client.get(
                    reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
                )
                self.assertContains(preview, post_data["title"])

    def test_every_demo_page_opens_in_the_editor(self):
        """The edit form of every demo page opens with its three tabs.

        (`assertPageIsEditable` would re-post the form read from the HTML, but Wagtail renders
        StreamField forms in JavaScript, so that data has no body; the creation tests above
        post real bodies.)"""
        for page in Page.objects.descendant_of(self.home, inclusive=True).specific():
            with self.subTest(page=page.url_path):
                response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
                # Tab ids follow the language of the process's first admin request (Wagtail
                # derives them from the translated heading), so count the tabs instead.
                self.assertGreaterEqual(response.content.decode().count('role="tab"'), 2)


class EditorFormTests(WagtailPageTestCase):
    """What the editor sees on the article form: tabs, help text, messages that say what to fix."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.image = ImageFactory(title="Van", description="A green postal van")

    def setUp(self):
        self.login()
        self.news = NewsIndexPage.objects.filter(locale__language_code="en").get()
        self.add_url = reverse(
            "wagtailadmin_pages:add", args=["news", "newsarticlepage", self.news.pk]
        )

    def test_tabs_and_help_text(self):
        """Content and Promote tabs (Wagtail shows Settings' scheduling in a dialog); the help
        text under the dateline and the body."""
        html = form_errors(self.client.get(self.add_url))
        self.assertGreaterEqual(html.count('role="tab"'), 2)
        self.assertIn(">Promote<", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html)))
        self.assertIn("Articles are listed newest first", html)
        self.assertIn("add a new source under Snippets → News sources", html)
        self.assertIn("add paragraphs, headings, images, stamp issues and more", html)

    def test_article_without_date_or_summary_says_what_to_enter(self):
        data = admin_forms.article_data(self.image, date="", summary="")
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url, data)
        self.assertEqual(response.status_code, 200)
        errors = response.context["form"].errors
        self.assertEqual(
            errors["date"],
            ["Enter the publication date readers see beside the source, e.g. 2021-06-10."],
        )
        self.assertIn("news listings and search results show it", errors["summary"][0])
        self.assertFalse(
            NewsArticlePage.objects.filter(locale__language_code="en").filter(
                slug="parcels-reach-every-village"
            )
        )

    def test_a_leftover_draft_holding_the_slug_is_named(self):
        """An Add form left after its autosave leaves a draft with the slug: adding the article
        again names that draft and says what to do, instead of only "already in use"."""
        from tests.factories import NewsArticlePageFactory

        leftover = NewsArticlePageFactory(
            parent=self.news, title="Parcels reach every villa", live=False,
            slug="parcels-reach-every-village",
        )  # fmt: skip
        leftover.save_revision()
        data = admin_forms.article_data(self.image)
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url, data)
        self.assertEqual(response.status_code, 200)
        [message] = response.context["form"].errors["slug"]
        self.assertIn("An unpublished draft, “Parcels reach every villa” (last saved ", message)
        self.assertIn("Open it from the news page list to carry on, delete it", message)
        self.assertIn("It is often a page whose Add form was left", form_errors(response))
        # A published page with the slug keeps Wagtail's own message.
        leftover.save_revision().publish()
        response = self.client.post(self.add_url, data)
        [message] = response.context["form"].errors["slug"]
        self.assertIn("already in use", message)

    def test_image_without_alt_text_is_refused_unless_decorative(self):
        """Publishing an image block with empty alt text fails with a message on the block."""
        data = admin_forms.article_data(self.image)
        data["body-2-value-image-alt_text"] = ""
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url, data)
        self.assertEqual(response.status_code, 200)
        block_errors = response.context["form"].errors["body"].as_data()[0].block_errors
        self.assertIn(ALT_TEXT_MISSING, str(block_errors[2].block_errors["image"].block_errors))

        data["body-2-value-image-decorative"] = "on"
        data["body-4-value-image-decorative"] = "on"
        data["body-4-value-image-alt_text"] = ""
        self.client.post(self.add_url, data)
        article = NewsArticlePage.objects.filter(locale__language_code="en").get(
            slug="parcels-reach-every-village"
        )
        self.assertTrue(article.body[2].value["image"].decorative)

    def test_image_description_is_the_lead_images_alt_text(self):
        """The library's description field is the alt text wherever no block gives one."""
        response = self.client.get(f"/api/v2/images/{self.image.pk}/")
        self.assertEqual(response.status_code, 200)
        block = ArticleBodyBlock().child_blocks["image"].child_blocks["image"]
        value = block.to_python(self.image.pk)
        self.assertEqual(value.contextual_alt_text, "A green postal van")

    def test_every_block_has_an_icon_a_description_and_help(self):
        """The block picker shows an icon and a description, and each field says what it wants."""
        for name, block in ArticleBodyBlock().child_blocks.items():
            with self.subTest(block=name):
                self.assertNotEqual(block.meta.icon, "placeholder")
                self.assertTrue(block.meta.description)
                for child_name, child in getattr(block, "child_blocks", {}).items():
                    help_text = getattr(child.meta, "help_text", None) or getattr(
                        getattr(child, "field", None), "help_text", ""
                    )
                    self.assertTrue(help_text, f"{name}.{child_name} has no help text")

    def test_block_previews_render(self):
        """Every body block shows a filled-in preview in the block picker (embeds excepted:
        their preview would ask an outside provider)."""
        article_blocks = NewsArticlePage.body.field.stream_block.child_blocks
        contacts_blocks = ContactsPage.body.field.stream_block.child_blocks
        expected = {
            "paragraph": "China Post delivers to every village",
            "heading": "Model units by province",
            "image": "A delivery in the countryside",
            "quote": "Every letter matters.",
            "document": "Postal statistics 2020",
            "table": "Provincial postal branches",
            "stamp_issue": "1.20 yuan × 2",
            "hotline": "8610 11185",
            "address": "Head office",
            "email": "press@example.com",
            "opening_hours": "08:30–17:30",
        }
        blocks = {**article_blocks, **contacts_blocks}
        for name, text in expected.items():
            with self.subTest(block=name):
                block = blocks[name]
                self.assertTrue(block.is_previewable)
                response = self.client.get(
                    reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
                )
                self.assertContains(response, text)
        self.assertFalse(article_blocks["embed"].is_previewable)
