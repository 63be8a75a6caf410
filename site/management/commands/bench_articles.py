"""Adds N published news articles in bulk, for benchmarks: realistic bodies of several blocks
(paragraphs in English with a sentence in Chinese, a heading, an image, a quote), a lead image,
a source and search index entries (Wagtail's and the site's own),
written a few thousand rows per statement instead of N page saves (100,000 in a few minutes)."""

import datetime
import json
import re
import sys
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images.models import Image
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from headless.search.models import SearchEntry
from headless.search.text import plain
from news.models import NewsArticlePage, NewsIndexPage, NewsSource

BATCH = 2000
TOPICS = ["delivery routes", "savings services", "rural e-commerce", "parcel lockers",
          "stamp collecting", "international mail", "postal history", "logistics"]  # fmt: skip
# A sentence in Chinese per article, so that Chinese search reads as many entries as English:
# 邮政 in every article, 储蓄 (savings) in one in eight, 农村振兴 in one in eight.
TOPICS_ZH = ["投递路线", "邮政储蓄服务", "农村电商", "智能快递柜", "集邮文化", "国际邮件",
             "邮政历史", "农村振兴物流"]  # fmt: skip


def body(n, image_id):
    """The body's blocks as stored, and their words as plain text for the search index."""
    topic = TOPICS[n % len(TOPICS)]
    paragraph = (
        f"<p>Article {n}: postal branches in county {n % 31 + 1} report on {topic}, "
        "counter services and village delivery points, with figures for the quarter and "
        "the plans of the provincial company for the next one.</p>"
    )
    chinese = f"<p>第{n % 31 + 1}县的邮政网点报告了{TOPICS_ZH[n % len(TOPICS_ZH)]}的进展。</p>"

    def block(kind, value):
        return {"type": kind, "value": value, "id": str(uuid.uuid4())}

    blocks = [
        block("paragraph", paragraph + chinese),
        block("heading", {"text": f"Results in {topic}", "level": "h2"}),
        block("paragraph", paragraph * 2),
        block("quote", {"quote": "Every village is on a route.", "attribution": "A postman"}),
        block("paragraph", paragraph),
    ]
    if image_id:
        blocks.insert(2, block("image", {
            "image": {"image": image_id, "decorative": False, "alt_text": ""},
            "caption": f"Route {n}", "credit": "China Post",
        }))  # fmt: skip
    words = re.sub(r"<[^>]+>", " ", paragraph * 4 + chinese) + f" Results in {topic} Route {n}"
    return json.dumps(blocks), words


class Progress:
    """A one-line bar on a terminal, a line per tenth in a log."""

    def __init__(self, total, out):
        self.total, self.out, self.start = total, out, time.monotonic()
        self.tty = out.isatty()
        self.shown = 0

    def update(self, done):
        elapsed = time.monotonic() - self.start
        rate = done / elapsed if elapsed else 0
        eta = (self.total - done) / rate if rate else 0
        filled = 30 * done // self.total
        line = (
            f"  [{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} articles, "
            f"{rate:.0f}/s, {eta:.0f} s left"
        )
        if self.tty:
            self.out.write("\r" + line + ("\n" if done == self.total else ""))
            self.out.flush()
        elif done * 10 // self.total > self.shown or done == self.total:
            self.shown = done * 10 // self.total
            self.out.write(line + "\n")


class Command(BaseCommand):
    help = "Add published news articles in bulk under the first news index (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)

    @transaction.atomic
    def handle(self, *args, articles, **options):
        # The default language's index (the English one); its articles get that language's
        # news sources.
        index = NewsIndexPage.objects.filter(locale=Locale.get_default()).first()
        if index is None:
            self.stderr.write("No news index: run load_demo_content first.")
            return
        image_ids = list(Image.objects.values_list("pk", flat=True)) or [None]
        sources = NewsSource.objects.filter(locale=index.locale)
        source_ids = list(sources.values_list("pk", flat=True)) or [None]
        page_type = ContentType.objects.get_for_model(NewsArticlePage)
        locale = Locale.get_default()
        search = get_search_backend()
        now = timezone.now()
        # Paths go on after the index's last child (treebeard's path is the tree).
        last = index.get_last_child()
        start = Page._str2int(last.path[-Page.steplen :]) if last else 0
        table = NewsArticlePage._meta.db_table
        progress = Progress(articles, sys.stderr)
        done = 0
        while done < articles:
            count = min(BATCH, articles - done)
            numbers = range(start + done + 1, start + done + count + 1)
            pages = []
            for n in numbers:
                title = f"Benchmark article {n}: {TOPICS[n % len(TOPICS)]}"
                slug = slugify(f"benchmark-article-{n}")
                pages.append(Page(
                    title=title, draft_title=title, slug=slug,
                    path=Page._get_path(index.path, index.depth + 1, n),
                    depth=index.depth + 1, numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    content_type=page_type, locale=locale, translation_key=uuid.uuid4(),
                    live=True, has_unpublished_changes=False,
                    first_published_at=now, last_published_at=now,
                ))  # fmt: skip
            created = Page.objects.bulk_create(pages)
            if not created[0].pk:  # backends without RETURNING: read the ids back
                ids = dict(
                    Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk")
                )
                for page in created:
                    page.pk = ids[page.path]
            rows, searchable, entries = [], [], []
            for n, page in zip(numbers, created, strict=True):
                summary = f"Summary of benchmark article {n} on {TOPICS[n % len(TOPICS)]}."
                stream, words = body(n, image_ids[(n + 1) % len(image_ids)])
                # About 25 years of news, several articles a day.
                date = datetime.date(2000, 1, 1) + datetime.timedelta(days=n % 9000)
                # No alt text of its own: the lead image's description is read out.
                rows.append((page.pk, date, source_ids[n % len(source_ids)], summary,
                             image_ids[n % len(image_ids)], "", stream))  # fmt: skip
                # What the search index reads, without parsing N streams and fetching their
                # images (hours at 100,000): the body's words ride along with the summary.
                searchable.append(NewsArticlePage(
                    id=page.pk, page_ptr_id=page.pk, title=page.title, date=date,
                    summary=f"{summary} {words}", body=[],
                ))  # fmt: skip
                entries.append(SearchEntry(
                    page_id=page.pk, path=page.path, title=plain(page.title),
                    summary=plain(summary),
                    body=plain(words), date=date,
                ))  # fmt: skip
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} "  # noqa: S608 (table name from the model, not input)
                    "(page_ptr_id, date, source_id, summary, lead_image_id, lead_image_alt, body) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    rows,
                )
            # Search index entries: Wagtail's (the admin's search) and the site's own.
            search.add_bulk(NewsArticlePage, searchable)
            SearchEntry.objects.bulk_create(entries)
            done += count
            progress.update(done)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + articles)
        self.stdout.write(f"Added {articles} articles under {index.url_path}.")
