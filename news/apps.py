from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News plugin: a news index and its articles, with stamp issues as an article block."""

    label = "news"
    name = "news"
    verbose_name = "News"
    default_auto_field = "django.db.models.BigAutoField"
