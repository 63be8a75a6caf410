"""On PostgreSQL, an index for the expression Wagtail's database search backend matches on.

The backend tests `(title || body) @@ query`; its own GIN indexes are on `title` and `body`
apart, which that expression cannot use, so every search read every index entry (0.4 s for a
word only one of 100,000 articles holds; 0.08 s with this index). Ranking a word that nearly
every article holds still reads each match. SQLite's FTS tables need nothing."""

from django.db import migrations

INDEX = "postal_search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("postal_site", "0003_redirect_kind"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]
    # The change log's table must exist, under this app, when `headless` adopts it (0005).
    run_before = [("headless", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
