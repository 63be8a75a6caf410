from django.apps import AppConfig


class StampsConfig(AppConfig):
    """Stamps plugin: a stamp catalogue with a page per year and a page per stamp issue."""

    label = "stamps"
    name = "stamps"
    verbose_name = "Stamp catalogue"
    default_auto_field = "django.db.models.BigAutoField"
