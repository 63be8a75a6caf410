"""RSS 2.0 and Atom feeds of a news index's articles, for all of them or one source.

Each item carries the article's title, link, summary, publication date, source (as category)
and lead image: an RSS `<enclosure>` / Atom `rel="enclosure"` link, plus a Media RSS
`<media:content>` that feed readers use for thumbnails.
"""

import datetime
import mimetypes

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator
from django.utils.timezone import get_default_timezone
from django.utils.translation import gettext

MEDIA_NS = "http://search.yahoo.com/mrss/"
# The rendition feeds show: wide enough for a reader's card, small enough to download quickly.
FEED_IMAGE_FILTER = "width-800"
FEED_ITEMS = 20


class MediaRSSMixin:
    """Adds `<media:content>` for an item's image (Media RSS, read by most feed readers)."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        image = item.get("image")
        if image:
            handler.addQuickElement(
                "media:content",
                "",
                {
                    "url": image["url"],
                    "medium": "image",
                    "type": image["mime_type"],
                    "width": str(image["width"]),
                    "height": str(image["height"]),
                },
            )


class NewsRssFeed(MediaRSSMixin, feedgenerator.Rss201rev2Feed):
    pass


class NewsAtomFeed(MediaRSSMixin, feedgenerator.Atom1Feed):
    pass


class NewsFeed(Feed):
    """The newest live, public articles of one news index, optionally of one source."""

    def __init__(self, index, source=None, kind="rss"):
        super().__init__()
        self.index = index
        self.source = source
        self.feed_type = NewsAtomFeed if kind == "atom" else NewsRssFeed
        self._images = {}

    def get_object(self, request, *args, **kwargs):
        self.request = request
        site = self.index.get_site()
        # Looked up once: absolute image URLs are built for every item.
        self.root_url = site.root_url if site else request.build_absolute_uri("/")[:-1]
        self.site_name = site.site_name if site else ""
        # The feed's own language (en, zh-hans): each language's tree has its own feeds.
        self.language = self.index.locale.language_code
        return self.index

    def title(self, index):
        name = f"{index.title}: {self.source.name}" if self.source else index.title
        return f"{name} | {self.site_name}" if self.site_name else name

    def link(self, index):
        url = index.get_full_url(self.request)
        return f"{url}source/{self.source.slug}/" if self.source else url

    def description(self, index):
        name = self.source.name if self.source else index.title
        return gettext("The latest articles from %(name)s.") % {"name": name}

    subtitle = description

    def items(self, index):
        articles = index.articles().prefetch_related("lead_image__renditions")
        if self.source:
            articles = articles.filter(source=self.source)
        return articles[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary or article.search_description

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        """The article's date, at midnight in the site's time zone (the page keeps no time)."""
        return datetime.datetime.combine(
            article.date, datetime.time.min, tzinfo=get_default_timezone()
        )

    def item_updateddate(self, article):
        return article.last_published_at or self.item_pubdate(article)

    def item_categories(self, article):
        return [article.source.name] if article.source else []

    def _image(self, article):
        """The lead image's feed rendition: absolute URL, size in bytes, type and dimensions."""
        if not article.lead_image:
            return None
        if article.pk not in self._images:
            rendition = article.lead_image.get_rendition(FEED_IMAGE_FILTER)
            try:
                length = rendition.file.size
            except OSError:  # a file missing on disk must not break the whole feed
                length = 0
            self._images[article.pk] = {
                "url": self._absolute(rendition.url),
                "length": length,
                "mime_type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
                "width": rendition.width,
                "height": rendition.height,
            }
        return self._images[article.pk]

    def _absolute(self, url):
        return self.root_url + url if url.startswith("/") else url

    def feed_url(self, index):
        return self._absolute(self.request.path)

    def item_enclosures(self, article):
        image = self._image(article)
        if image is None:
            return []
        return [feedgenerator.Enclosure(image["url"], str(image["length"]), image["mime_type"])]

    def item_extra_kwargs(self, article):
        return {"image": self._image(article)}
