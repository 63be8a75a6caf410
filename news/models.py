"""News pages: an index that lists articles newest first, and the articles themselves."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import feeds
from .api import (
    ARCHIVE_SCHEMA,
    NULLABLE_PAGE_LINK,
    PAGE_LINKS,
    ImageField,
    NewsSourceField,
    PageMethodField,
)
from .api import absolute_url as api_absolute_url
from .blocks import ArticleBodyBlock
from .pagination import cached, paginate, query_key


def absolute_url(request, path):
    """`path` on the site's own address (its Site record), the one address search engines and
    feed readers should keep, whichever host name the request came in on."""
    site = Site.find_for_request(request)
    if site is None:
        return request.build_absolute_uri(path)
    return site.root_url + path


@register_snippet
class NewsSource(TranslatableMixin, models.Model):
    """Where an article comes from, shown beside its date (e.g. "China Post News").

    Translatable: each locale has its own name; the slug in the listing's URL is the same in
    every language (/en/news/source/china-post-news/, /zh/news/source/china-post-news/)."""

    name = models.CharField(
        max_length=100,
        help_text='The label readers see beside an article\'s date, e.g. "China Post News".',
    )
    slug = models.SlugField(
        max_length=100,
        blank=True,
        editable=False,
        help_text="The source's part of its listing's URL, made from the first name it had.",
    )

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("name", "locale")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            # A translation keeps its source's slug; a new source takes its name's.
            other = (
                type(self)
                .objects.filter(translation_key=self.translation_key)
                .exclude(slug="")
                .values_list("slug", flat=True)
                .first()
            )
            self.slug = other or slugify(self.name) or str(self.translation_key)[:8]
        super().save(*args, **kwargs)


def tabs(content_panels, promote_panels=Page.promote_panels, settings_panels=Page.settings_panels):
    """The page editor's three tabs: what readers read, how it is found, when it is published."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )


class NewsIndexPage(RoutablePageMixin, Page):
    """Lists its live articles, newest first, ten to a page; by year, by source, and as feeds.

    Routes below the index: `<year>/`, `source/<slug>/`, and `feed/rss/`, `feed/atom/` for all
    articles and for each source. A child page whose slug is a year or "source" or "feed" is
    hidden by these routes.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the list of articles.",
    )

    articles_per_page = 10

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    edit_handler = tabs(content_panels)
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # The archive's years and sources come from the articles: their changes move its ETag.
    api_depends_on = ["news.NewsArticlePage"]
    api_fields = [
        APIField("intro"),
        APIField("archive", serializer=PageMethodField("api_archive", ARCHIVE_SCHEMA)),
    ]

    subpage_types = ["news.NewsArticlePage"]

    def api_archive(self, request):
        """What the index page offers beside its list: years, sources and feeds, with URLs."""
        url = self.get_full_url(request)
        return {
            "years": [{"year": y, "html_url": f"{url}{y}/"} for y in self.years()],
            "sources": [
                {"id": s.pk, "name": s.name, "html_url": f"{url}source/{s.slug}/"}
                for s in self.sources()
            ],
            "feeds": [
                {**feed, "url": api_absolute_url(feed["url"])} for feed in self.feed_links(request)
            ],
        }

    def articles(self):
        """The articles readers may see, newest first; ties broken by newest page."""
        return (
            NewsArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("source", "lead_image")
            .order_by("-date", "-pk")
        )

    # Years and sources read every article: kept in the cache while the content is unchanged
    # (see news.pagination), so the index costs the same with 100 articles or 100,000.
    def _rows_key(self, articles, kind, scope=None):
        """A cache key naming `articles`: this index's own articles (`articles=None`, or a
        filter of them the caller names with `scope`) by id, anything else by its SQL."""
        if articles is None:
            return f"{kind}:index-{self.pk}:{scope or 'all'}"
        return query_key(articles, kind)

    def years(self, articles=None):
        """The years that have articles, newest first."""

        def compute():
            rows = (self.articles() if articles is None else articles).order_by()
            return [d.year for d in rows.dates("date", "year", order="DESC")]

        return cached(self._rows_key(articles, "years"), compute)

    def sources(self, articles=None):
        """The sources that have articles here, by name."""

        def compute():
            rows = (self.articles() if articles is None else articles).order_by()
            used = rows.filter(source__isnull=False).values("source")
            return list(NewsSource.objects.filter(pk__in=used))

        return cached(self._rows_key(articles, "sources"), compute)

    def source_for_slug(self, slug):
        """The source whose name slugifies to `slug`, or a 404."""
        source = NewsSource.objects.filter(slug=slug, locale_id=self.locale_id).first()
        if source is None:
            raise Http404("No such news source")
        return source

    def get_context(
        self,
        request,
        *args,
        articles=None,
        listing_title=None,
        filter_source=None,
        filter_year=None,
        articles_scope=None,
        **kwargs,
    ):
        """`articles` is a filter of `articles()` to list instead of all of them, or a function
        that makes one; a caller that names it with `articles_scope` (unique in this index:
        "year-2021") spares the count's cache key the cost of compiling its SQL."""
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles if articles is None else articles
        if articles == self.articles or articles_scope:
            count_key = self._rows_key(None, "count", articles_scope)
        else:  # unnamed rows are named by their SQL
            articles = articles() if callable(articles) else articles
            count_key = self._rows_key(articles, "count")
        # Made only if the list is rendered, not shown from a cached fragment (see paginate):
        # building the queryset costs more than the rest of a cached page.
        if callable(articles):
            make = articles

            def rows():
                return make().prefetch_related("lead_image__renditions")
        else:
            rows = articles.prefetch_related("lead_image__renditions")
        # A mistyped page number shows page 1, a number past the end the last page.
        page_obj = paginate(request, rows, self.articles_per_page, count_key=count_key)
        listing_title = listing_title or self.title
        page_suffix = f"?page={page_obj.number}" if page_obj.number > 1 else ""
        index_url = self.url_for(request)
        context.update(
            articles=page_obj,
            index_url=index_url,
            listing_title=listing_title,
            # Lazy: read only when the template renders the list, not when a cached
            # fragment of it is shown.
            years=SimpleLazyObject(self.years),
            sources=self.sources(),
            filter_source=filter_source,
            filter_year=filter_year,
            feeds=self.feed_links(request, filter_source, url=index_url),
            # For the host's <head>: the page's own title and its one address.
            meta_title=f"{listing_title}, page {page_obj.number}" if page_suffix else listing_title,
            canonical_url=absolute_url(request, request.path) + page_suffix,
        )
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("<int:year>/", name="year")
    def year_route(self, request, year):
        """One year's articles, e.g. /news/2021/; a year without articles is not found."""
        if year not in self.years():
            raise Http404("No articles in this year")
        return self.render(
            request,
            articles=lambda: self.articles().filter(date__year=year),
            articles_scope=f"year-{year}",
            filter_year=year,
            listing_title=gettext("%(index)s from %(year)s") % {"index": self.title, "year": year},
        )

    @path("source/<slug:source_slug>/", name="source")
    def source_route(self, request, source_slug):
        """One source's articles, e.g. /news/source/china-post-news/."""
        # Only sources with articles here: any other is not found.
        source = next((s for s in self.sources() if s.slug == source_slug), None)
        if source is None:
            raise Http404("No articles from this source")
        return self.render(
            request,
            articles=lambda: self.articles().filter(source=source),
            articles_scope=f"source-{source.pk}",
            listing_title=gettext("%(index)s from %(source)s")
            % {"index": self.title, "source": source.name},
            filter_source=source,
        )

    @path("feed/rss/", name="feed_rss")
    def rss_route(self, request):
        """All articles as RSS 2.0."""
        return feeds.NewsFeed(self, kind="rss")(request)

    @path("feed/atom/", name="feed_atom")
    def atom_route(self, request):
        """All articles as Atom."""
        return feeds.NewsFeed(self, kind="atom")(request)

    @path("source/<slug:source_slug>/feed/rss/", name="source_feed_rss")
    def source_rss_route(self, request, source_slug):
        """One source's articles as RSS 2.0."""
        return feeds.NewsFeed(self, self.source_for_slug(source_slug), kind="rss")(request)

    @path("source/<slug:source_slug>/feed/atom/", name="source_feed_atom")
    def source_atom_route(self, request, source_slug):
        """One source's articles as Atom."""
        return feeds.NewsFeed(self, self.source_for_slug(source_slug), kind="atom")(request)

    def url_for(self, request):
        """The index's address as `get_url(request)` gives it, remembered per host until the
        content changes: Wagtail works it out from the site's root paths on every call."""
        if request is None:
            return self.get_url()
        return cached(f"url:index-{self.pk}:{request.get_host()}", lambda: self.get_url(request))

    def feed_links(self, request=None, source=None, url=None):
        """The feeds a page announces with <link rel="alternate">: all articles, and those of
        `source` if given, each as {"title", "type", "url"}. `url`: the index's, if known."""
        url = url or self.url_for(request)
        if url is None:
            return []
        scopes = [("", self.title)]
        if source:
            scopes.append((f"source/{source.slug}/", f"{self.title}: {source.name}"))
        return [
            {"title": f"{name} ({label})", "type": mime, "url": f"{url}{prefix}feed/{kind}/"}
            for prefix, name in scopes
            for kind, label, mime in (
                ("rss", "RSS", "application/rss+xml"),
                ("atom", "Atom", "application/atom+xml"),
            )
        ]

    def get_sitemap_urls(self, request=None):
        """The index, then each year's and each source's listing."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if base is None:
            return urls
        lastmod = urls[0].get("lastmod") if urls else None
        urls += [{"location": f"{base}{year}/", "lastmod": lastmod} for year in self.years()]
        urls += [
            {"location": f"{base}source/{source.slug}/", "lastmod": lastmod}
            for source in self.sources()
        ]
        return urls


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

    def clean(self):
        cleaned_data = super().clean()
        # An Add form left after its first autosave leaves a draft that holds the slug; say
        # so, rather than only that the slug is taken.
        if "slug" in self.errors and self.parent_page is not None:
            holder = (
                self.parent_page.get_children()
                .filter(slug=self.data.get("slug", ""), first_published_at=None)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if holder is not None:
                saved = holder.latest_revision_created_at or timezone.now()
                saved = date_format(timezone.localtime(saved), "j F Y, H:i")
                self.errors["slug"] = self.error_class([
                    f"An unpublished draft, “{holder.title}” (last saved {saved}), already uses "
                    "this slug. It is often a page whose Add form was left after it saved "
                    "itself. Open it from the news page list to carry on, delete it, or choose "
                    "another slug."
                ])  # fmt: skip
        return cleaned_data


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
        help_text="Shown at the top of the article and in listings.",
    )
    # On the page, not the image: one picture serves both languages, its description does not.
    lead_image_alt = models.CharField(
        "lead image alt text",
        max_length=255,
        blank=True,
        help_text=(
            "What the lead image shows, in this page's language, for readers who cannot see it. "
            "Leave blank to use the image's description in the image library."
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
        FieldPanel("lead_image_alt"),
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
    # writable=True: Wagtail 8's v3 API (when a site mounts it) may set these on create and
    # update; v2 ignores the flag. Source and lead image keep v2's custom serializers, which v3
    # treats as read-only, so tools set them in the admin.
    api_fields = [
        APIField("date", writable=True),
        APIField("source", serializer=NewsSourceField()),
        APIField("summary", writable=True),
        APIField("lead_image", serializer=ImageField(alt_field="lead_image_alt")),
        APIField("body", writable=True),
        APIField("breadcrumbs", serializer=PageMethodField("breadcrumbs", PAGE_LINKS)),
        APIField("newer_article", serializer=PageMethodField("api_newer", NULLABLE_PAGE_LINK)),
        APIField("older_article", serializer=PageMethodField("api_older", NULLABLE_PAGE_LINK)),
        APIField("related_articles", serializer=PageMethodField("api_related", PAGE_LINKS)),
    ]

    # The article pager and "More from" list, for apps (the template gets them in get_context).
    def api_newer(self, request):
        return self.newer_article()

    def api_older(self, request):
        return self.older_article()

    def api_related(self, request):
        return list(self.related_articles())

    # Joined into API listings, so that a page of articles costs one query, not one per article.
    api_select_related = ["source", "lead_image"]
    # Newer, older and related articles: any article's change can alter them.
    api_depends_on = ["news.NewsArticlePage"]
    # Newest first in the API, as on the site; `order=` still overrides it.
    api_default_order = ("-date", "-pk")

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    related_count = 3

    class Meta:
        indexes = [
            # Listings are newest first (date, then page id): with this index the database
            # reads a page of them from either end instead of sorting every article.
            models.Index(fields=["date", "page_ptr"], name="news_article_date_pk_idx"),
        ]

    def siblings(self):
        """The other articles readers may see in the same index, newest first."""
        return (
            NewsArticlePage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .select_related("source")
            .order_by("-date", "-pk")
        )

    def older_article(self, siblings=None):
        """The article listed just after this one (the next older), if any."""
        return (
            (self.siblings() if siblings is None else siblings)
            .filter(models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk))
            .first()
        )

    def newer_article(self, siblings=None):
        """The article listed just before this one (the next newer), if any."""
        return (
            (self.siblings() if siblings is None else siblings)
            .filter(models.Q(date__gt=self.date) | models.Q(date=self.date, pk__gt=self.pk))
            .order_by("date", "pk")
            .first()
        )

    def related_articles(self, siblings=None):
        """The newest other articles from the same source."""
        if self.source_id is None:
            return NewsArticlePage.objects.none()
        siblings = self.siblings() if siblings is None else siblings
        return siblings.filter(source_id=self.source_id)[: self.related_count]

    def breadcrumbs(self, request=None):
        """The pages above this one, from the site's home page down to its news index."""
        site = Site.find_for_request(request) if request else self.get_site()
        ancestors = self.get_ancestors().live()
        if site is not None:
            ancestors = ancestors.filter(depth__gte=site.root_page.depth)
        return list(ancestors.filter(depth__gt=1))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each is read when the template first uses it, so a host that caches the rendered
        # article (news_article_page.html) skips these queries on a cache hit.
        breadcrumbs = SimpleLazyObject(lambda: self.breadcrumbs(request))
        # One queryset for the three: `public()` looks up the view restrictions only once.
        siblings = SimpleLazyObject(self.siblings)

        def feeds():
            index = breadcrumbs[-1].specific_deferred if breadcrumbs else None
            if not isinstance(index, NewsIndexPage):
                return []
            return index.feed_links(request, self.source)

        context.update(
            breadcrumbs=breadcrumbs,
            older_article=SimpleLazyObject(lambda: self.older_article(siblings)),
            newer_article=SimpleLazyObject(lambda: self.newer_article(siblings)),
            related_articles=SimpleLazyObject(lambda: list(self.related_articles(siblings))),
            feeds=SimpleLazyObject(feeds),
        )
        return context
