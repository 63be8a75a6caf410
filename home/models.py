"""The root page, general content pages, the HTML sitemap, and the chrome around every page."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import SimpleLazyObject

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from news.blocks import ArticleBodyBlock
from news.models import NewsArticlePage, NewsIndexPage, tabs

from .api import LatestNewsField, SectionsField

# Outside links readers may follow: web, mail and phone addresses (and the FTP ones the
# form's URL validation accepts). Anything else stored in link_url is left out of the pages.
SAFE_LINK_SCHEMES = {"http", "https", "ftp", "ftps", "mailto", "tel"}


class HomePage(Page):
    """The root of the site: an introduction, the latest news and links to the sections."""

    intro = StreamField(
        ArticleBodyBlock(),
        blank=True,
        help_text=(
            "Shown above the latest news. The news list and the section links below it fill "
            'themselves from the news and from pages marked "Show in menus".'
        ),
    )

    latest_news_count = 5
    # Its API output lists the latest articles and the sections (its children, of any type):
    # a change to any page can change it.
    api_depends_on = "__all__"

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    edit_handler = tabs(content_panels)
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("latest_news", serializer=LatestNewsField(source="*")),
        APIField("sections", serializer=SectionsField(source="*")),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def latest_news(self):
        return (
            NewsArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("source", "lead_image")
            .prefetch_related("lead_image__renditions")
            .order_by("-date", "-pk")[: self.latest_news_count]
        )

    def sections(self):
        """The pages directly below home that editors show in menus, in their tree order."""
        return self.get_children().live().public().in_menu().specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # `public()` reads the view restrictions when called: lazy, so that a cached fragment
        # of the page (home_page.html) costs no query.
        context["latest_news"] = SimpleLazyObject(lambda: list(self.latest_news()))
        context["sections"] = SimpleLazyObject(lambda: list(self.sections()))

        # Feed readers find the news feeds from the home page too.
        # Lazy, as the lists above: a cached fragment of the page does not read them.
        news_index = SimpleLazyObject(
            lambda: NewsIndexPage.objects.live().public().descendant_of(self).first()
        )

        def feeds():
            return news_index.feed_links(request) if news_index else []

        context["feeds"] = SimpleLazyObject(feeds)
        # The "All news" link under the latest articles.
        context["news_index_url"] = SimpleLazyObject(
            lambda: news_index.get_url(request) if news_index else ""
        )
        return context


class ContentPage(Page):
    """A general page such as About Us, Postman Story or 2021 Stamps."""

    summary = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences shown under the title and in search results.",
    )
    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        help_text="The page's text: add paragraphs, headings, images and more with +.",
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    edit_handler = tabs(content_panels)
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        # The admin's page search matches words as typed (autocomplete), not full-text fields.
        index.AutocompleteField("summary"),
        index.AutocompleteField("body"),
    ]
    api_fields = [APIField("summary"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]


class SitemapPage(Page):
    """The HTML sitemap linked from the footer: every live, public page as a tree."""

    api_fields = [APIField("tree", serializer=SectionsField(source="*", tree=True))]
    # Its API output lists every page.
    api_depends_on = "__all__"
    content_panels = [
        *Page.content_panels,
        # Nothing to write: the sitemap lists the live pages itself.
    ]
    edit_handler = tabs(content_panels)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One below each language's home page.
    max_count_per_parent = 1

    def tree(self):
        """Nested [page, children] pairs of the site's live, public pages, from one query."""
        # The home page of this sitemap's own language: the site's root or its translation.
        root = self.get_parent()
        pages = Page.objects.descendant_of(root, inclusive=True).live().public().order_by("path")
        nodes = {}
        top = []
        for page in pages:
            node = [page, []]
            nodes[page.path] = node
            parent = nodes.get(page.path[: -Page.steplen])
            (parent[1] if parent else top).append(node)
        return top

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = SimpleLazyObject(self.tree)  # read only when not cached
        return context


class LinkFields(models.Model):
    """A label with either a page of this site or an outside address."""

    label = models.CharField(
        max_length=60,
        blank=True,
        help_text="The words readers see. Leave empty to use the chosen page's title.",
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="page",
        help_text="A page of this site. Choose a page or enter an external link, not both.",
    )
    link_url = models.URLField(
        "external link",
        blank=True,
        help_text="An address on another site, e.g. https://www.ems.com.cn/. Needs a label.",
    )
    # Site settings are one row per site, so they cannot be TranslatableMixin models (one row
    # per locale) and wagtail-localize does not translate them: their few words have a
    # Chinese field beside them, and a link to a page shows that page's translation.
    label_zh = models.CharField(
        "label (Chinese)",
        max_length=60,
        blank=True,
        help_text="The words readers of the Chinese site see. Leave empty to use the chosen "
        "page's Chinese title, or the label above.",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("label_zh"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if bool(self.link_page) == bool(self.link_url):
            raise ValidationError(
                "Choose a page of this site or enter an external link: one of the two, not both."
            )
        if self.link_url and not self.label:
            raise ValidationError({"label": "An external link needs a label."})

    @property
    def text(self):
        return self.label or (self.link_page.title if self.link_page else self.link_url)

    def url_for(self, request=None):
        """The link's address; empty (so the templates leave the link out) for an outside
        address whose scheme is not a web, mail or phone one, such as a javascript: link
        stored without the form's validation."""
        if self.link_page:
            return self.link_page.get_url(request)
        # Browsers ignore whitespace and control characters inside a scheme: "java\tscript:".
        squeezed = re.sub(r"[\x00-\x20]", "", self.link_url or "").lower()
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", squeezed)
        if scheme and scheme.group(1) not in SAFE_LINK_SCHEMES:
            return ""
        return self.link_url


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main navigation in the header, in the order editors give it."""

    panels = [
        InlinePanel(
            "items",
            label="Menu item",
            heading="Main navigation",
            help_text="The links in the green bar under the header. Drag to reorder.",
        )
    ]

    class Meta:
        verbose_name = "navigation"


class NavigationItem(Orderable, LinkFields):
    settings = ParentalKey(NavigationSettings, on_delete=models.CASCADE, related_name="items")


@register_setting(icon="horizontalrule")
class FooterSettings(ClusterableModel, BaseSiteSetting):
    """The footer on every page: register numbers, links and the "Powered by" line."""

    icp_number = models.CharField(
        "ICP licence number", max_length=60, blank=True, help_text="e.g. 京ICP备15035540号"
    )
    public_security_number = models.CharField(
        "public security record number",
        max_length=60,
        blank=True,
        help_text="e.g. 京公网安备110401400185号",
    )
    powered_by = models.CharField(
        max_length=120,
        default="Powered by CHINA POST",
        help_text="The last line of the footer.",
    )
    powered_by_zh = models.CharField(
        "powered by (Chinese)",
        max_length=120,
        blank=True,
        help_text="The last line of the Chinese site's footer. Empty: the line above.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("public_security_number")],
            heading="Register numbers",
        ),
        InlinePanel(
            "links",
            label="Footer link",
            heading="Links",
            help_text="Links in the footer, e.g. About Us, Sitemap, Contact Us. Drag to reorder.",
        ),
        FieldPanel("powered_by"),
        FieldPanel("powered_by_zh"),
    ]

    class Meta:
        verbose_name = "footer"

    @property
    def register_numbers(self):
        return [n for n in (self.icp_number, self.public_security_number) if n]


class FooterLink(Orderable, LinkFields):
    settings = ParentalKey(FooterSettings, on_delete=models.CASCADE, related_name="links")
