"""The change log's table. A site that kept it under another app before (this project's
`postal_site_contentchange`) has it renamed, rows, indexes and sequence kept; anywhere else
it is created."""

import django.db.models.deletion
from django.db import migrations, models

# Where the change log lived before it became an app of its own:
# (app label, table, {old index name: new}).
EARLIER_HOMES = [
    (
        "postal_site",
        "postal_site_contentchange",
        {
            "postal_site_kind_0c01db_idx": "headless_change_object_idx",
            "postal_site_kind_cc6719_idx": "headless_change_type_idx",
        },
    )
]


def _move(schema_editor, model, table, indexes, forwards):
    """Renames the table and its indexes, towards this app or back to where they were. The
    indexes are renamed while the table has this app's name (SQLite rebuilds them by it)."""
    if forwards:
        schema_editor.alter_db_table(model, table, model._meta.db_table)
    for old_name, new_name in indexes.items():
        fields = next(i.fields for i in model._meta.indexes if i.name == new_name)
        names = (old_name, new_name) if forwards else (new_name, old_name)
        schema_editor.rename_index(
            model, models.Index(fields=fields, name=names[0]), models.Index(fields=fields, name=names[1])
        )
    if not forwards:
        schema_editor.alter_db_table(model, model._meta.db_table, table)


def create_or_adopt(apps, schema_editor):
    model = apps.get_model("headless", "ContentChange")
    tables = schema_editor.connection.introspection.table_names()
    for _app, table, indexes in EARLIER_HOMES:
        if table in tables:
            _move(schema_editor, model, table, indexes, forwards=True)
            return
    schema_editor.create_model(model)


def drop_or_give_back(apps, schema_editor):
    """Backwards: the table goes back to the app it was adopted from, if that app is here."""
    model = apps.get_model("headless", "ContentChange")
    for app, table, indexes in EARLIER_HOMES:
        if app in apps.app_configs:
            _move(schema_editor, model, table, indexes, forwards=False)
            return
    schema_editor.delete_model(model)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ContentChange",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("page", "page"), ("site", "site"), ("image", "image"), ("document", "document"), ("redirect", "redirect")], max_length=16)),
                        ("object_id", models.BigIntegerField(null=True)),
                        ("action", models.CharField(max_length=24)),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        ("content_type", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="contenttypes.contenttype")),
                    ],
                    options={
                        "indexes": [
                            models.Index(fields=["kind", "object_id"], name="headless_change_object_idx"),
                            models.Index(fields=["kind", "content_type"], name="headless_change_type_idx"),
                        ],
                    },
                ),
            ],
        ),
        # After the model is in the state, so the function can build its table from it.
        migrations.RunPython(create_or_adopt, drop_or_give_back),
    ]
