from django.db import models

from wagtail.models import Page


class SearchEntry(models.Model):
    """What readers can find of one live page: its title, summary and body as plain text
    (Chinese split into words by zero-width spaces, which display as nothing), its date, and
    its tree path, so that a search of one section of the tree (engine.Section) needs no
    probe of the page table.

    The database indexes these columns itself (migrations 0001 and 0002): on PostgreSQL
    generated `vector` and `year` columns with a GIN index of both, on SQLite the FTS5 table
    `headless_search_fts`, kept in step by triggers. None is a Django field, so the ORM writes
    plain rows."""

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    path = models.CharField(max_length=255, default="")
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    date = models.DateField()

    class Meta:
        db_table = "headless_search_entry"
        verbose_name_plural = "search entries"
        indexes = [models.Index(fields=["-date", "-page"], name="headless_search_newest")]

    def __str__(self):
        return self.title
