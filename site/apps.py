from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: it owns the API's change log (cursor and cache validators)."""

    label = "postal_site"
    name = "postal_site"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import change_signals, sanitize

        change_signals.connect()
        # Rich text is cleaned of scripts before any page is saved (issue 7).
        sanitize.connect()
