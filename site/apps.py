from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: its templates, migrations and operations commands."""

    label = "postal_site"
    name = "postal_site"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import sanitize

        # Rich text is cleaned of scripts before any page is saved (issue 7).
        sanitize.connect()
