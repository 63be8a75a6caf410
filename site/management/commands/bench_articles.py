"""Adds N published news articles in bulk, for benchmarks: realistic bodies of several blocks
and a lead image, written with a few multi-row inserts instead of N page saves."""

import datetime
import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images.models import Image
from wagtail.models import Locale, Page

from news.models import NewsArticlePage, NewsIndexPage, NewsSource

BATCH = 2000


def body(n, image_id):
    paragraph = (
        f"<p>Article {n}: postal branches in county {n % 31 + 1} report on delivery routes, "
        "savings services and rural e-commerce, with figures for the quarter.</p>"
    )
    blocks = [
        {"type": "paragraph", "value": paragraph, "id": str(uuid.uuid4())},
        {"type": "heading", "value": {"text": "Results", "level": "h2"}, "id": str(uuid.uuid4())},
        {"type": "paragraph", "value": paragraph * 2, "id": str(uuid.uuid4())},
        {"type": "quote", "value": {"quote": "Every village is on a route.", "attribution": ""},
         "id": str(uuid.uuid4())},
    ]  # fmt: skip
    if image_id:
        blocks.insert(2, {
            "type": "image",
            "value": {"image": {"image": image_id, "decorative": False, "alt_text": ""},
                      "caption": f"Route {n}", "credit": ""},
            "id": str(uuid.uuid4()),
        })  # fmt: skip
    return json.dumps(blocks)


class Command(BaseCommand):
    help = "Add published news articles in bulk under the first news index (benchmarks only)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)

    @transaction.atomic
    def handle(self, *args, articles, **options):
        index = NewsIndexPage.objects.first()
        if index is None:
            self.stderr.write("No news index: run load_demo_content first.")
            return
        image = Image.objects.first()
        source_ids = list(NewsSource.objects.values_list("pk", flat=True)) or [None]
        page_type = ContentType.objects.get_for_model(NewsArticlePage)
        locale = Locale.get_default()
        now = timezone.now()
        start = index.numchild
        done = 0
        while done < articles:
            count = min(BATCH, articles - done)
            pages = []
            for i in range(count):
                n = start + done + i + 1
                title = f"Benchmark article {n}"
                slug = slugify(title)
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
                paths = [p.path for p in pages]
                ids = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
                for page in created:
                    page.pk = ids[page.path]
            rows = [
                (
                    page.pk,
                    datetime.date(2000, 1, 1) + datetime.timedelta(days=(start + done + i) % 9000),
                    source_ids[i % len(source_ids)],
                    f"Summary of benchmark article {start + done + i + 1}.",
                    image.pk if image and i % 2 == 0 else None,
                    body(start + done + i + 1, image.pk if image else None),
                )
                for i, page in enumerate(created)
            ]
            table = NewsArticlePage._meta.db_table
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {table} "  # noqa: S608 (table name from the model, not input)
                    "(page_ptr_id, date, source_id, summary, lead_image_id, body) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    rows,
                )
            done += count
            self.stdout.write(f"  {done}/{articles} articles")
        Page.objects.filter(pk=index.pk).update(numchild=start + articles)
        self.stdout.write(f"Added {articles} articles under {index.url_path}.")
