from django.db import migrations


def log_existing(apps, schema_editor):
    """A site that existed before the change log gets one entry per live page, so the feed's
    first sync (since=0) lists everything."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentChange = apps.get_model("postal_site", "ContentChange")
    ContentChange.objects.bulk_create(
        ContentChange(kind="page", object_id=pk, content_type_id=ct, action="published")
        for pk, ct in Page.objects.filter(live=True, depth__gt=1).values_list("pk", "content_type_id")
    )
    ContentChange.objects.create(kind="site", action="changed")


class Migration(migrations.Migration):
    dependencies = [
        ("postal_site", "0001_initial"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
    ]

    operations = [migrations.RunPython(log_existing, migrations.RunPython.noop)]
