"""News pages: an index that lists articles newest first, and the articles themselves."""

from django.core.paginator import Paginator
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
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

    name = models.CharField(max_length=100, unique=True, help_text='e.g. "China Post News"')

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsIndexPage(Page):
    """Lists its live articles, newest first, ten to a page."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    articles_per_page = 10

    content_panels = [*Page.content_panels, FieldPanel("intro")]
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


class NewsArticlePage(Page):
    """A news article or stamp issue: date and source, summary, lead image and a block body."""

    date = models.DateField("publication date", help_text="Shown beside the source.")
    source = models.ForeignKey(
        NewsSource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the article comes from, shown beside the date.",
    )
    summary = models.TextField(
        max_length=400,
        blank=True,
        help_text="One or two sentences for listings and search results.",
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the article and in listings.",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("source")], heading="Dateline"),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    # writable=True: Wagtail 8's v3 API (when a site mounts it) may set these on create and
    # update; v2 ignores the flag. Source and lead image keep v2's custom serializers, which v3
    # treats as read-only, so tools set them in the admin.
    api_fields = [
        APIField("date", writable=True),
        APIField("source", serializer=NewsSourceField()),
        APIField("summary", writable=True),
        APIField("lead_image", serializer=ImageField()),
        APIField("body", writable=True),
    ]
    # Joined into API listings, so that a page of articles costs one query, not one per article.
    api_select_related = ["source", "lead_image"]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
