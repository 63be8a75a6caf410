"""RSS 2.0 and Atom feeds of a catalogue's new stamp issues, newest date of issue first.

Each item carries the issue's number and title, link, summary, date of issue and the first
stamp's picture (an enclosure, and Media RSS `<media:content>` for feed readers' thumbnails).
"""

import datetime
import mimetypes

from django.contrib.syndication.views import Feed
from django.utils import feedgenerator
from django.utils.timezone import get_default_timezone
from django.utils.translation import gettext

MEDIA_NS = "http://search.yahoo.com/mrss/"
FEED_IMAGE_FILTER = "width-800"
FEED_ITEMS = 20


class MediaRSSMixin:
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


class IssueRssFeed(MediaRSSMixin, feedgenerator.Rss201rev2Feed):
    pass


class IssueAtomFeed(MediaRSSMixin, feedgenerator.Atom1Feed):
    pass


class IssueFeed(Feed):
    """The newest live, public issues of one catalogue."""

    def __init__(self, catalogue, kind="rss"):
        super().__init__()
        self.catalogue = catalogue
        self.feed_type = IssueAtomFeed if kind == "atom" else IssueRssFeed
        self._images = {}

    def get_object(self, request, *args, **kwargs):
        self.request = request
        site = self.catalogue.get_site()
        self.root_url = site.root_url if site else request.build_absolute_uri("/")[:-1]
        self.site_name = site.site_name if site else ""
        # The feed's own language (en, zh-hans): each language's tree has its own feeds.
        self.language = self.catalogue.locale.language_code
        return self.catalogue

    def title(self, catalogue):
        name = gettext("%(catalogue)s: new issues") % {"catalogue": catalogue.title}
        return f"{name} | {self.site_name}" if self.site_name else name

    def link(self, catalogue):
        return catalogue.get_full_url(self.request)

    def description(self, catalogue):
        return gettext("The newest stamp issues of %(catalogue)s.") % {"catalogue": catalogue.title}

    subtitle = description

    def items(self, catalogue):
        issues = catalogue.issues()
        return list(issues.prefetch_related(*issues.model.stamps_prefetch)[:FEED_ITEMS])

    def item_title(self, issue):
        return f"{issue.issue_number} {issue.title}"

    def item_description(self, issue):
        return issue.summary or issue.search_description or issue.face_values_display()

    def item_link(self, issue):
        return issue.get_full_url(self.request)

    def item_pubdate(self, issue):
        """The date of issue, at midnight in the site's time zone."""
        return datetime.datetime.combine(
            issue.date_of_issue, datetime.time.min, tzinfo=get_default_timezone()
        )

    def item_updateddate(self, issue):
        return issue.last_published_at or self.item_pubdate(issue)

    def item_categories(self, issue):
        return [str(issue.issue_year)]

    def _image(self, issue):
        image = issue.lead_image
        if image is None:
            return None
        if issue.pk not in self._images:
            rendition = image.get_rendition(FEED_IMAGE_FILTER)
            try:
                length = rendition.file.size
            except OSError:  # a file missing on disk must not break the whole feed
                length = 0
            self._images[issue.pk] = {
                "url": self._absolute(rendition.url),
                "length": length,
                "mime_type": mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg",
                "width": rendition.width,
                "height": rendition.height,
            }
        return self._images[issue.pk]

    def _absolute(self, url):
        return self.root_url + url if url.startswith("/") else url

    def feed_url(self, catalogue):
        return self._absolute(self.request.path)

    def item_enclosures(self, issue):
        image = self._image(issue)
        if image is None:
            return []
        return [feedgenerator.Enclosure(image["url"], str(image["length"]), image["mime_type"])]

    def item_extra_kwargs(self, issue):
        return {"image": self._image(issue)}
