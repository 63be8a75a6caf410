"""On SQLite, the FTS5 table is re-tokenized when an entry's text changes, not when only its
tree path does: a move updates the path of every entry under the moved page, and each update
re-read its page's words."""

from django.db import migrations

COLUMNS = "title, summary, body"
OLD = "old.title, old.summary, old.body"
NEW = "new.title, new.summary, new.body"


def trigger(of):
    return f"""CREATE TRIGGER headless_search_fts_update AFTER UPDATE{of} ON headless_search_entry
        BEGIN INSERT INTO headless_search_fts(headless_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.page_id, {OLD});
        INSERT INTO headless_search_fts(rowid, {COLUMNS}) VALUES (new.page_id, {NEW}); END"""


def replace(of):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute("DROP TRIGGER IF EXISTS headless_search_fts_update")
            schema_editor.execute(trigger(of))

    return run


class Migration(migrations.Migration):
    dependencies = [("headless_search", "0003_entry_path")]

    operations = [migrations.RunPython(replace(f" OF {COLUMNS}"), replace(""))]
