from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The site's root page, general pages and its chrome: navigation, footer."""

    label = "home"
    name = "home"
    verbose_name = "Home and site chrome"
    default_auto_field = "django.db.models.BigAutoField"
