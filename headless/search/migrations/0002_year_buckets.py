"""PostgreSQL only: the entries' year, and the two indexes that let a search read the newest
matches a year at a time (engine.ranked_ids).

A word in one entry of eight cost 50 ms at 100,000 entries: its GIN posting lists held
12,500 rows spread over as many heap blocks, all read and sorted to keep the newest thousand.
btree_gin puts the year beside the lexemes in one GIN index, so `year = 2024 AND vector @@ q`
skips through the posting lists to that year's few hundred rows; `year DESC, date DESC`
lets a word nearly every entry holds walk one year's newest entries and stop at the bound.
btree_gin ships with PostgreSQL and is a trusted extension: a database owner may create it."""

from django.db import migrations

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    """ALTER TABLE headless_search_entry ADD COLUMN year integer
        GENERATED ALWAYS AS (EXTRACT(YEAR FROM date)::integer) STORED""",
    "CREATE INDEX headless_search_year_vector ON headless_search_entry USING gin (year, vector)",
    "DROP INDEX headless_search_vector",
    """CREATE INDEX headless_search_year_newest
        ON headless_search_entry (year DESC, date DESC, page_id DESC)""",
    # Adding a stored column rewrote the table, which leaves it without statistics.
    "ANALYZE headless_search_entry",
]
BACKWARDS = [
    "DROP INDEX headless_search_year_newest",
    "CREATE INDEX headless_search_vector ON headless_search_entry USING gin (vector)",
    "DROP INDEX headless_search_year_vector",
    "ALTER TABLE headless_search_entry DROP COLUMN year",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("headless_search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
