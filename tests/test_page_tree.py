"""Where editors may add each page type, as the admin's "Add child page" offers them."""

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from contacts.models import ContactsPage
from home.models import ContentPage, HomePage, SitemapPage
from news.models import NewsArticlePage, NewsIndexPage
from stamps.models import StampCataloguePage


class PageTypeRulesTests(WagtailPageTestCase):
    """The rules declared on the models (parent_page_types and subpage_types)."""

    def test_articles_go_only_under_a_news_index(self):
        """A news article can be added under a news index and nowhere else."""
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
        self.assertCanCreateAt(NewsIndexPage, NewsArticlePage)
        for parent in (Page, HomePage, ContentPage, NewsArticlePage):
            self.assertCanNotCreateAt(parent, NewsArticlePage)

    def test_news_index_holds_only_articles(self):
        """A news index offers only articles as children, so its listing shows everything."""
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})

    def test_nothing_goes_under_an_article_contacts_or_sitemap_page(self):
        """Articles, the contacts page and the sitemap are leaves of the tree."""
        for leaf in (NewsArticlePage, ContactsPage, SitemapPage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_home_page_goes_only_under_the_root(self):
        """The home page can be added only at the top of the tree."""
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ContentPage, HomePage)

    def test_home_page_offers_the_site_sections(self):
        """Under home an editor may add content pages, a news index, contacts and the sitemap;
        the stamp catalogue too, on a site that has none yet (the demo has one)."""
        offered = set(HomePage.creatable_subpage_models())
        self.assertEqual(
            offered, {ContentPage, NewsIndexPage, ContactsPage, SitemapPage, StampCataloguePage}
        )

    def test_content_pages_go_under_home_or_another_content_page(self):
        """Content pages nest under home and under each other, and hold only content pages."""
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})
        self.assertCanNotCreateAt(Page, ContentPage)

    def test_sitemap_goes_only_under_home(self):
        """The HTML sitemap belongs directly under home."""
        self.assertAllowedParentPageTypes(SitemapPage, {HomePage})


@pytest.fixture
def root():
    return Page.get_first_root_node()


def test_only_one_home_page(demo_site, root):
    """With the home page in place, the root offers no second home page."""
    assert not HomePage.can_create_at(root)


def test_only_one_sitemap_page(demo_site):
    """The site has one HTML sitemap; home offers no second one."""
    assert not SitemapPage.can_create_at(demo_site)


def test_only_one_contacts_page_per_parent(demo_site, root):
    """Home holds one contacts page; another parent may still hold its own."""
    assert not ContactsPage.can_create_at(demo_site)
    assert ContactsPage.can_create_at(root)


def test_articles_and_content_pages_can_be_added(demo_site):
    """The limits on single pages leave the pages editors add every day unlimited."""
    news = NewsIndexPage.objects.filter(locale__language_code="en").get()
    about = ContentPage.objects.filter(locale__language_code="en").get(slug="about-us")
    assert NewsArticlePage.can_create_at(news)
    assert ContentPage.can_create_at(demo_site)
    assert ContentPage.can_create_at(about)
    assert not NewsArticlePage.can_create_at(about)
