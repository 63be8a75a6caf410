"""News pages: an index that lists articles newest first, and the articles themselves."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .api import ImageField, NewsSourceField
from .blocks import ArticleBodyBlock


@register_snippet
class NewsSource(models.Model):
    """Where an article comes from, shown beside its date (e.g. "China Post News")."""

    name = models.CharField(
        max_length=100,
        unique=True,
        help_text='The label readers see beside an article\'s date, e.g. "China Post News".',
    )

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def tabs(content_panels, promote_panels=Page.promote_panels, settings_panels=Page.settings_panels):
    """The page editor's three tabs: what readers read, how it is found, when it is published."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )


class NewsIndexPage(Page):
    """Lists its live articles, newest first, ten to a page."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the list of articles.",
    )

    articles_per_page = 10

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    edit_handler = tabs(content_panels)
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    subpage_types = ["news.NewsArticlePage"]

    def articles(self):
        """The articles readers may see, newest first; ties broken by newest page."""
        return (
            NewsArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("source", "lead_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.articles(), self.articles_per_page)
        # get_page turns a non-number into page 1 and a page past the end into the last page.
        context["articles"] = paginator.get_page(request.GET.get("page"))
        return context


class NewsArticlePageForm(WagtailAdminPageForm):
    """The article editor, with error messages that say what to fix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "date" in self.fields:
            self.fields["date"].error_messages["required"] = (
                "Enter the publication date readers see beside the source, e.g. 2021-06-10."
            )
        if "summary" in self.fields:
            self.fields["summary"].error_messages["required"] = (
                "Write a one- or two-sentence summary: news listings and search results show it."
            )


class NewsArticlePage(Page):
    """A news article or stamp issue: date and source, summary, lead image and a block body."""

    date = models.DateField(
        "publication date",
        help_text="Shown beside the source, e.g. 2021-06-10. Articles are listed newest first.",
    )
    source = models.ForeignKey(
        NewsSource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Where the article comes from, shown beside the date. Choose one from the list; "
            "add a new source under Snippets → News sources."
        ),
    )
    summary = models.TextField(
        max_length=400,
        help_text="One or two sentences for listings and search results (up to 400 characters).",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Shown at the top of the article and in listings. Its alt text is the image's "
            "description in the image library."
        ),
    )
    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        help_text="The article: add paragraphs, headings, images, stamp issues and more with +.",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("source")], heading="Dateline"),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    edit_handler = tabs(content_panels)
    base_form_class = NewsArticlePageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        # The admin's page search matches words as typed (autocomplete), not full-text fields.
        index.AutocompleteField("summary"),
        index.AutocompleteField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("source", serializer=NewsSourceField()),
        APIField("summary"),
        APIField("lead_image", serializer=ImageField()),
        APIField("body"),
    ]
    # Joined into API listings, so that a page of articles costs one query, not one per article.
    api_select_related = ["source", "lead_image"]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
