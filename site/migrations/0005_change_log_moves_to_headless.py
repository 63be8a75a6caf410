"""The change log now belongs to the `headless` app, whose first migration adopts this app's
table with its rows (0004 runs before it, so the table is always there to adopt)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("postal_site", "0004_search_vector_index"),
        ("headless", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentChange")],
        ),
    ]
