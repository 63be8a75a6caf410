"""The Chinese locale (issue 14): the existing tree is the English one (Wagtail gave every page
the default locale, `en`); Simplified Chinese is added beside it, its tree built from it by
translation (load_demo_content, or editors with wagtail-localize)."""

from django.db import migrations


def add_chinese(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="zh-hans")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_chinese_labels"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_chinese, migrations.RunPython.noop)]
